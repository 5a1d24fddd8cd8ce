import { describe, expect, it } from "vitest";
import type { ReviewItemContextV1, ReviewItemContextV2 } from "./review-item-context";
import { reviewItemFlags } from "./review-item-flags";

const asOf = new Date("2026-11-01T00:00:00.000Z");

function context(overrides: Partial<ReviewItemContextV2> = {}): ReviewItemContextV2 {
  return {
    version: 2,
    identity: {
      externalId: "E1",
      displayName: "Ada",
      kind: "employee",
      status: "active",
      email: null,
      department: "Finance",
      title: null,
      managerName: null,
      terminatedOn: null,
    },
    nonHuman: null,
    account: { username: "ada", status: "active", lastLoginAt: null },
    system: { key: "erp", name: "ERP", criticality: "high", soxInScope: true },
    entitlement: { key: "gl", name: "GL", description: null, privileged: true, risk: "high" },
    grant: {
      grantedAt: null,
      grantedBy: null,
      ticket: null,
      expiresAt: null,
      lastUsedAt: "2026-10-20T00:00:00.000Z",
    },
    peers: { department: null, manager: null },
    ...overrides,
  };
}

describe("reviewItemFlags", () => {
  it("flags nothing on active, recently used, common access", () => {
    expect(reviewItemFlags(context(), asOf)).toEqual([]);
  });

  it("flags terminated people and disabled accounts", () => {
    const base = context();
    expect(
      reviewItemFlags(
        context({
          identity: { ...base.identity, status: "terminated" },
          account: { ...base.account, status: "disabled" },
        }),
        asOf,
      ),
    ).toEqual(["terminated", "account_disabled"]);
  });

  it("flags access unused for 90 days before launch, falling back to the last login", () => {
    const base = context();
    const unused = (lastUsedAt: string | null, lastLoginAt: string | null) =>
      reviewItemFlags(
        context({
          grant: { ...base.grant, lastUsedAt },
          account: { ...base.account, lastLoginAt },
        }),
        asOf,
      ).includes("unused_90_days");
    expect(unused(null, null)).toBe(true);
    expect(unused("2026-08-02T23:59:59.000Z", null)).toBe(true);
    expect(unused("2026-08-03T00:00:00.000Z", null)).toBe(false);
    expect(unused(null, "2026-10-01T00:00:00.000Z")).toBe(false);
    // The flag is as of launch: the same item stays unflagged however late it is looked at.
    expect(reviewItemFlags(base, new Date("2026-09-01T00:00:00.000Z"))).toEqual([]);
  });

  it("flags a non-human identity's inactive owner and a credential not rotated for a year", () => {
    const nonHuman = {
      ownerExternalId: "O1",
      ownerName: "Owen",
      ownerStatus: "terminated" as const,
      lastRotatedAt: null,
      rotationAgeDays: 366,
    };
    expect(reviewItemFlags(context({ nonHuman }), asOf)).toEqual([
      "orphaned_owner",
      "stale_credential",
    ]);
    expect(
      reviewItemFlags(
        context({ nonHuman: { ...nonHuman, ownerStatus: "active", rotationAgeDays: 365 } }),
        asOf,
      ),
    ).toEqual([]);
    const v1: ReviewItemContextV1 = {
      ...context(),
      version: 1,
      nonHuman: {
        ownerExternalId: "O1",
        ownerName: "Owen",
        ownerStatus: "active",
        lastRotatedAt: "2025-10-01T00:00:00.000Z",
      },
    };
    expect(reviewItemFlags(v1, asOf)).toEqual(["stale_credential"]);
  });

  it("flags access fewer than 10% of at least five peers hold, department first", () => {
    const share = (peers: number, holding: number) => ({ name: "G", peers, holding });
    const uncommon = (department: ReturnType<typeof share> | null, manager = share(4, 0)) =>
      reviewItemFlags(context({ peers: { department, manager } }), asOf).includes(
        "uncommon_among_peers",
      );
    expect(uncommon(share(30, 2))).toBe(true);
    expect(uncommon(share(30, 3))).toBe(false);
    expect(uncommon(share(4, 0))).toBe(false);
    // A department too small to say anything gives way to the manager's team.
    expect(uncommon(share(4, 0), share(20, 1))).toBe(true);
    expect(uncommon(null, share(20, 2))).toBe(false);
  });
});
