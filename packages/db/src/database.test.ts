import { describe, expect, it } from "vitest";
import { toIsoTimestamp } from "./database";

describe("toIsoTimestamp", () => {
  it("prints what Date prints, for every fraction length", () => {
    const values = [
      "2026-11-27 20:44:30+00",
      "2026-11-27 20:44:30.1+00",
      "2026-11-27 20:44:30.12+00",
      "2026-11-27 20:44:30.123+00",
      "2026-11-27 20:44:30.1239+00",
      "2026-11-27 20:44:30.999999+00",
      "0099-01-01 00:00:00+00",
    ];
    for (const value of values) {
      expect(toIsoTimestamp(value)).toBe(
        new Date(value.replace(" ", "T").replace(/\+00$/, "Z")).toISOString(),
      );
    }
  });
});
