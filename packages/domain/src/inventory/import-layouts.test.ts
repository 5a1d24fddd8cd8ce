import { describe, expect, it } from "vitest";
import { detectLayout, explainLayoutMismatch, layoutColumns, readCell } from "./import-layouts";

const spec = (layout: keyof typeof layoutColumns, name: string) => {
  const found = layoutColumns[layout].find((column) => column.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
};

describe("detectLayout", () => {
  it("recognises each layout from its header, in any column order", () => {
    expect(detectLayout(["kind", "external_id", "display_name", "manager_id"])).toBe("identities");
    expect(detectLayout(["key", "name", "criticality"])).toBe("systems");
    expect(detectLayout(["system", "key", "privileged"])).toBe("entitlements");
    expect(detectLayout(["system", "username", "identity"])).toBe("accounts");
    expect(detectLayout(["system", "account", "entitlement", "ticket"])).toBe("grants");
    expect(
      detectLayout([
        "identity",
        "account",
        "system",
        "entitlement",
        "privileged",
        "granted_at",
        "granted_by",
        "ticket",
        "last_used_at",
      ]),
    ).toBe("access");
  });

  it("fits nothing when a required column is missing or a column is unknown", () => {
    expect(detectLayout(["external_id", "display_name"])).toBeNull();
    expect(detectLayout(["key", "name", "colour"])).toBeNull();
    expect(explainLayoutMismatch(["key", "name", "colour"])).toBe(
      'The columns match no import layout; closest is "systems" (unknown colour).',
    );
  });
});

describe("readCell", () => {
  it("reads empty optional cells as absent and refuses empty required ones", () => {
    expect(readCell(spec("identities", "email"), "  ")).toEqual({ value: null });
    expect(readCell(spec("identities", "external_id"), "")).toEqual({
      problem: "external_id is required",
    });
  });

  it("reads enums case-insensitively and names the allowed values", () => {
    expect(readCell(spec("identities", "kind"), "Service_Account")).toEqual({
      value: "service_account",
    });
    expect(readCell(spec("identities", "kind"), "robot")).toEqual({
      problem:
        'kind "robot" is not one of employee, contractor, third_party, service_account, api_key, workload, bot',
    });
  });

  it("reads booleans in the usual spellings", () => {
    expect(readCell(spec("entitlements", "privileged"), "Yes")).toEqual({ value: true });
    expect(readCell(spec("entitlements", "privileged"), "0")).toEqual({ value: false });
    expect(readCell(spec("entitlements", "privileged"), "maybe")).toEqual({
      problem: 'privileged "maybe" is not true or false',
    });
  });

  it("reads dates and timestamps as UTC and refuses impossible ones", () => {
    expect(readCell(spec("identities", "terminated_on"), "2026-02-28")).toEqual({
      value: "2026-02-28",
    });
    expect(readCell(spec("identities", "terminated_on"), "2026-02-30")).toEqual({
      problem: 'terminated_on "2026-02-30" is not a real calendar date',
    });
    expect(readCell(spec("grants", "granted_at"), "2026-03-31")).toEqual({
      value: "2026-03-31T00:00:00.000Z",
    });
    expect(readCell(spec("grants", "granted_at"), "2026-03-31 14:05")).toEqual({
      value: "2026-03-31T14:05:00.000Z",
    });
    expect(readCell(spec("grants", "granted_at"), "2026-03-31T14:05:00+02:00")).toEqual({
      value: "2026-03-31T12:05:00.000Z",
    });
    expect(readCell(spec("grants", "granted_at"), "31/03/2026")).toMatchObject({
      problem: expect.stringContaining('granted_at "31/03/2026" is not a date or timestamp'),
    });
  });
});
