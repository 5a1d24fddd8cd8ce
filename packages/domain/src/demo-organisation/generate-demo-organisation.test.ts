import { describe, expect, it } from "vitest";
import type { Role } from "../access/roles";
import { humanIdentityKinds, isNonHuman } from "../inventory/identity-kinds";
import type { DemoCampaign, DemoOrganisation } from "./demo-organisation";
import {
  demoAnchorDateAt,
  demoDefinitionKeys,
  demoEmails,
  generateDemoOrganisation,
} from "./generate-demo-organisation";
import { SeededRandom } from "./seeded-random";

const anchorDate = "2026-11-27";
const anchorMs = Date.parse(`${anchorDate}T09:00:00.000Z`);
const dayMs = 86_400_000;
const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const generated = new Map<number, DemoOrganisation>();
function org(seed = 2026): DemoOrganisation {
  let value = generated.get(seed);
  if (value === undefined) {
    value = generateDemoOrganisation({ seed, anchorDate });
    generated.set(seed, value);
  }
  return value;
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

function campaignNamed(
  organisation: DemoOrganisation,
  pattern: RegExp,
  status: DemoCampaign["status"],
): DemoCampaign {
  const campaign = organisation.campaigns.find(
    (candidate) => pattern.test(candidate.name) && candidate.status === status,
  );
  if (campaign === undefined) throw new Error(`no ${status} campaign matching ${pattern}`);
  return campaign;
}

function lookups(organisation: DemoOrganisation) {
  return {
    identity: new Map(organisation.identities.map((identity) => [identity.externalId, identity])),
    system: new Map(organisation.systems.map((system) => [system.key, system])),
    entitlement: new Map(
      organisation.entitlements.map((entitlement) => [
        `${entitlement.systemKey}|${entitlement.key}`,
        entitlement,
      ]),
    ),
    account: new Map(
      organisation.accounts.map((account) => [`${account.systemKey}|${account.username}`, account]),
    ),
    grant: new Map(
      organisation.grants.map((grant) => [
        `${grant.systemKey}|${grant.username}|${grant.entitlementKey}`,
        grant,
      ]),
    ),
    user: new Map(organisation.users.map((user) => [user.email, user])),
  };
}

describe("SeededRandom", () => {
  it("repeats its sequence for a seed and stays within bounds", () => {
    const first = new SeededRandom(99);
    const second = new SeededRandom(99);
    const drawn = Array.from({ length: 50 }, () => first.int(3, 7));
    expect(Array.from({ length: 50 }, () => second.int(3, 7))).toEqual(drawn);
    expect(drawn.every((value) => value >= 3 && value <= 7)).toBe(true);
    expect(new SeededRandom(100).next()).not.toBe(new SeededRandom(99).next());
  });

  it("forks independent streams and shuffles without losing items", () => {
    const random = new SeededRandom(5);
    expect(random.fork("a").next()).toBe(new SeededRandom(5).fork("a").next());
    expect(random.fork("a").next()).not.toBe(random.fork("b").next());
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(random.shuffle(items).sort((a, b) => a - b)).toEqual(items);
    expect(() => random.pick([])).toThrow();
  });
});

describe("generateDemoOrganisation", () => {
  it("is deterministic for a seed and anchor, and varies with the seed", () => {
    const again = generateDemoOrganisation({ seed: 2026, anchorDate });
    expect(again).toEqual(org(2026));
    const other = org(7);
    expect(other.identities.map((identity) => identity.displayName)).not.toEqual(
      org(2026).identities.map((identity) => identity.displayName),
    );
    expect(other.grants).not.toEqual(org(2026).grants);
  });

  it("anchors a demo loaded before 09:00 UTC on the day before, so none of it is in the future", () => {
    expect(demoAnchorDateAt(new Date("2026-11-28T02:00:00Z"))).toBe("2026-11-27");
    expect(demoAnchorDateAt(new Date("2026-11-28T09:00:00Z"))).toBe("2026-11-28");
    expect(org().anchorAt).toBe(`${anchorDate}T09:00:00.000Z`);
  });

  it("rejects an anchor date that is not YYYY-MM-DD", () => {
    expect(() => generateDemoOrganisation({ seed: 1, anchorDate: "27/11/2026" })).toThrow(
      RangeError,
    );
    expect(() => generateDemoOrganisation({ seed: 1, anchorDate: "2026-02-30" })).toThrow(
      RangeError,
    );
  });

  it("has the size of a mid-size SOX-scope company", () => {
    const organisation = org();
    const kinds = countBy(organisation.identities, (identity) => identity.kind);
    expect(kinds.employee).toBeGreaterThanOrEqual(240);
    expect(kinds.employee).toBeLessThanOrEqual(260);
    expect(kinds.contractor).toBeGreaterThanOrEqual(30);
    expect(kinds.contractor).toBeLessThanOrEqual(40);
    expect(kinds.third_party).toBeGreaterThanOrEqual(12);
    expect(kinds.third_party).toBeLessThanOrEqual(18);
    const nonHuman = organisation.identities.filter((identity) => isNonHuman(identity.kind));
    expect(nonHuman.length).toBeGreaterThanOrEqual(35);
    expect(nonHuman.length).toBeLessThanOrEqual(45);
    expect(new Set(nonHuman.map((identity) => identity.kind))).toEqual(
      new Set(["service_account", "api_key", "workload", "bot"]),
    );

    expect(organisation.systems.length).toBeGreaterThanOrEqual(22);
    expect(organisation.systems.length).toBeLessThanOrEqual(28);
    expect(
      organisation.systems.filter((system) => !system.soxInScope).length,
    ).toBeGreaterThanOrEqual(2);
    expect(organisation.entitlements.length).toBeGreaterThanOrEqual(110);
    expect(organisation.entitlements.length).toBeLessThanOrEqual(150);
    for (const [, count] of Object.entries(
      countBy(organisation.entitlements, (entitlement) => entitlement.systemKey),
    )) {
      expect(count).toBeGreaterThanOrEqual(3);
      expect(count).toBeLessThanOrEqual(8);
    }
    const privilegedShare =
      organisation.entitlements.filter((entitlement) => entitlement.privileged).length /
      organisation.entitlements.length;
    expect(privilegedShare).toBeGreaterThan(0.25);
    expect(privilegedShare).toBeLessThan(0.4);

    expect(organisation.grants.length).toBeGreaterThanOrEqual(2800);
    expect(organisation.grants.length).toBeLessThanOrEqual(3300);
    const noTicket =
      organisation.grants.filter((grant) => grant.ticket === null).length /
      organisation.grants.length;
    expect(noTicket).toBeGreaterThan(0.05);
    expect(noTicket).toBeLessThan(0.12);
  });

  it("has one CEO, about eight executives and about forty managers", () => {
    const organisation = org();
    const people = organisation.identities.filter((identity) => !isNonHuman(identity.kind));
    const roots = people.filter((identity) => identity.managerExternalId === null);
    expect(roots).toHaveLength(1);
    const ceo = roots[0];
    expect(ceo?.title).toBe("Chief Executive Officer");
    const executives = people.filter((identity) => identity.managerExternalId === ceo?.externalId);
    expect(executives.length).toBeGreaterThanOrEqual(7);
    expect(executives.length).toBeLessThanOrEqual(10);
    const leaders = new Set(people.map((identity) => identity.managerExternalId));
    expect(leaders.size).toBeGreaterThanOrEqual(40);
    expect(leaders.size).toBeLessThanOrEqual(55);
  });

  it("gives everyone a unique name, email and external id", () => {
    const organisation = org();
    const people = organisation.identities.filter((identity) => !isNonHuman(identity.kind));
    expect(new Set(organisation.identities.map((identity) => identity.externalId)).size).toBe(
      organisation.identities.length,
    );
    expect(new Set(organisation.identities.map((identity) => identity.displayName)).size).toBe(
      organisation.identities.length,
    );
    expect(new Set(people.map((identity) => identity.email)).size).toBe(people.length);
    for (const name of ["Priya Raman", "Marcus Lee", "Sam Okafor", "Dana Whitfield"]) {
      expect(people.filter((identity) => identity.displayName === name)).toHaveLength(1);
    }
    expect(people.some((identity) => identity.displayName === "Avery Collins")).toBe(false);
    for (const identity of organisation.identities) {
      expect(identity.externalId).toMatch(isNonHuman(identity.kind) ? /^N4\d{3}$/ : /^[ECT]\d{4}$/);
    }
  });

  describe.each([2026, 1, 42])("referential integrity (seed %i)", (seed) => {
    it("resolves every identity, system and entitlement reference", () => {
      const organisation = org(seed);
      const find = lookups(organisation);
      for (const identity of organisation.identities) {
        if (isNonHuman(identity.kind)) {
          const owner = find.identity.get(identity.ownerExternalId ?? "");
          expect(owner?.kind, identity.displayName).toBe("employee");
          expect(identity.managerExternalId).toBeNull();
          expect(identity.email).toBeNull();
          expect(identity.lastRotatedAt).toMatch(isoTimestamp);
        } else if (identity.managerExternalId !== null) {
          const manager = find.identity.get(identity.managerExternalId);
          expect(manager?.kind, identity.displayName).toBe("employee");
          expect(manager?.status).toBe("active");
          expect(identity.ownerExternalId).toBeNull();
        }
      }
      for (const system of organisation.systems) {
        const owner = find.identity.get(system.ownerExternalId);
        expect(owner?.kind).toBe("employee");
        expect(owner?.status).toBe("active");
      }
      for (const entitlement of organisation.entitlements) {
        expect(find.system.has(entitlement.systemKey)).toBe(true);
        if (entitlement.ownerExternalId !== null)
          expect(find.identity.has(entitlement.ownerExternalId)).toBe(true);
      }
      expect(find.entitlement.size).toBe(organisation.entitlements.length);
      expect(find.system.size).toBe(organisation.systems.length);
    });

    it("keeps accounts unique per system and grants on existing accounts and entitlements", () => {
      const organisation = org(seed);
      const find = lookups(organisation);
      expect(find.account.size).toBe(organisation.accounts.length);
      expect(find.grant.size).toBe(organisation.grants.length);
      for (const account of organisation.accounts) {
        expect(find.system.has(account.systemKey)).toBe(true);
        if (account.identityExternalId !== null)
          expect(find.identity.has(account.identityExternalId)).toBe(true);
      }
      // One assertion over all grants: thousands of expect() calls make the suite slow.
      const problems = organisation.grants.flatMap((grant) => {
        const label = `${grant.systemKey}/${grant.username}/${grant.entitlementKey}`;
        const found: string[] = [];
        if (!find.account.has(`${grant.systemKey}|${grant.username}`))
          found.push(`${label}: no account`);
        if (!find.entitlement.has(`${grant.systemKey}|${grant.entitlementKey}`))
          found.push(`${label}: no entitlement`);
        if (!isoTimestamp.test(grant.grantedAt)) found.push(`${label}: grantedAt format`);
        const grantedMs = Date.parse(grant.grantedAt);
        if (grantedMs >= anchorMs || grantedMs < anchorMs - 3 * 366 * dayMs)
          found.push(`${label}: grantedAt range`);
        if (
          grant.lastUsedAt !== null &&
          (grant.lastUsedAt < grant.grantedAt || Date.parse(grant.lastUsedAt) > anchorMs)
        ) {
          found.push(`${label}: lastUsedAt`);
        }
        if (grant.grantedBy !== "system:provisioning" && !find.identity.has(grant.grantedBy))
          found.push(`${label}: grantedBy`);
        if (grant.ticket !== null && !/^(REQ|CHG)-\d+$/.test(grant.ticket))
          found.push(`${label}: ticket`);
        return found;
      });
      expect(problems).toEqual([]);
    });

    it("gives users unique emails and the roles the campaigns rely on", () => {
      const organisation = org(seed);
      const find = lookups(organisation);
      expect(find.user.size).toBe(organisation.users.length);
      const hasRole = (email: string | null, role: Role) =>
        find.user.get(email ?? "")?.roles.includes(role) === true;
      for (const user of organisation.users) {
        if (user.identityExternalId !== null) {
          const identity = find.identity.get(user.identityExternalId);
          expect(identity?.email).toBe(user.email);
          expect(identity?.status).toBe("active");
        }
      }
      // Everyone accountable for something can review it.
      for (const identity of organisation.identities) {
        for (const id of [identity.managerExternalId, identity.ownerExternalId]) {
          const person = id === null ? undefined : find.identity.get(id);
          if (person?.status === "active") expect(hasRole(person.email, "reviewer")).toBe(true);
        }
      }
      for (const system of organisation.systems) {
        expect(hasRole(find.identity.get(system.ownerExternalId)?.email ?? null, "reviewer")).toBe(
          true,
        );
      }
      const definitionKeys = new Set(
        organisation.campaignDefinitions.map((definition) => definition.key),
      );
      for (const definition of organisation.campaignDefinitions) {
        expect(hasRole(definition.controlOwnerEmail, "control_owner")).toBe(true);
        expect(hasRole(definition.fallbackReviewerEmail, "reviewer")).toBe(true);
      }
      for (const campaign of organisation.campaigns) {
        expect(definitionKeys.has(campaign.definitionKey)).toBe(true);
        if (campaign.signedOffByEmail !== null)
          expect(hasRole(campaign.signedOffByEmail, "control_owner")).toBe(true);
        for (const item of campaign.items) {
          expect(find.grant.has(`${item.systemKey}|${item.username}|${item.entitlementKey}`)).toBe(
            true,
          );
          expect(hasRole(item.reviewerEmail, "reviewer")).toBe(true);
        }
        const itemKeys = campaign.items.map(
          (item) => `${item.systemKey}|${item.username}|${item.entitlementKey}`,
        );
        expect(new Set(itemKeys).size).toBe(itemKeys.length);
      }
    });

    it("never asks anyone to review their own access", () => {
      const organisation = org(seed);
      const find = lookups(organisation);
      for (const campaign of organisation.campaigns) {
        for (const item of campaign.items) {
          const subject = find.account.get(
            `${item.systemKey}|${item.username}`,
          )?.identityExternalId;
          expect(subject).toBeDefined();
          expect(find.user.get(item.reviewerEmail)?.identityExternalId).not.toBe(subject);
        }
      }
    });

    it("keeps decisions consistent with the campaign rules and dates", () => {
      const organisation = org(seed);
      for (const campaign of organisation.campaigns) {
        const definition = organisation.campaignDefinitions.find(
          (candidate) => candidate.key === campaign.definitionKey,
        );
        const startsMs = Date.parse(campaign.startsAt);
        const latestMs = Math.min(
          anchorMs,
          Date.parse(campaign.closedAt ?? campaign.dueAt),
          anchorMs,
        );
        for (const item of campaign.items) {
          expect(item.decision === null).toBe(item.decidedAt === null);
          if (item.decision === null || item.decidedAt === null) {
            expect(item.justification).toBeNull();
            expect(item.exceptionExpiresOn).toBeNull();
            continue;
          }
          const decidedMs = Date.parse(item.decidedAt);
          expect(decidedMs).toBeGreaterThanOrEqual(startsMs);
          expect(decidedMs).toBeLessThanOrEqual(campaign.status === "active" ? anchorMs : latestMs);
          if (item.decision === "exception") {
            expect(item.exceptionExpiresOn).toMatch(isoDate);
            const days = (Date.parse(`${item.exceptionExpiresOn}T00:00:00Z`) - decidedMs) / dayMs;
            expect(days).toBeGreaterThanOrEqual(29);
            expect(days).toBeLessThanOrEqual(91);
            expect(item.justification).toBeTruthy();
          } else {
            expect(item.exceptionExpiresOn).toBeNull();
          }
          if (item.decision === "revoke" && definition?.justificationRequired.revoke)
            expect(item.justification).toBeTruthy();
          if (item.decision === "approve" && definition?.justificationRequired.approve)
            expect(item.justification).toBeTruthy();
        }
      }
    });
  });

  it("has the fixed demo users with their roles", () => {
    const organisation = org();
    const find = lookups(organisation);
    const rolesOf = (email: string) => [...(find.user.get(email)?.roles ?? [])].sort();
    expect(rolesOf("priya.raman@northwind.example")).toEqual(["control_owner", "reviewer"]);
    expect(rolesOf("marcus.lee@northwind.example")).toEqual(["control_owner", "reviewer"]);
    expect(rolesOf("avery.collins@auditfirm.example")).toEqual(["auditor"]);
    expect(find.user.get("avery.collins@auditfirm.example")?.identityExternalId).toBeNull();
    expect(rolesOf("sam.okafor@northwind.example")).toContain("admin");
    expect(rolesOf("dana.whitfield@northwind.example")).toEqual(["reviewer"]);
    expect(Object.values(demoEmails).every((email) => find.user.has(email))).toBe(true);

    const identityOf = (email: string) =>
      organisation.identities.find((identity) => identity.email === email);
    expect(identityOf(demoEmails.priya)).toMatchObject({
      title: "Director of IT Compliance",
      department: "Security",
    });
    expect(identityOf(demoEmails.marcus)).toMatchObject({
      title: "Corporate Controller",
      department: "Finance",
    });
    expect(identityOf(demoEmails.sam)).toMatchObject({ department: "IT", kind: "employee" });
    const dana = identityOf(demoEmails.dana);
    expect(dana).toMatchObject({ title: "VP Finance", department: "Finance" });
    const team = organisation.identities.filter(
      (identity) => identity.managerExternalId === dana?.externalId,
    );
    expect(team.length).toBeGreaterThanOrEqual(8);
    expect(team.length).toBeLessThanOrEqual(12);
    expect(team.map((identity) => identity.email)).toContain(demoEmails.marcus);
    expect(organisation.systems.some((system) => system.ownerExternalId === dana?.externalId)).toBe(
      true,
    );
    const marcus = identityOf(demoEmails.marcus);
    expect(
      organisation.identities.some((identity) => identity.managerExternalId === marcus?.externalId),
    ).toBe(true);
  });

  it("defines the three campaign controls", () => {
    const organisation = org();
    const byControl = new Map(
      organisation.campaignDefinitions.map((definition) => [definition.controlId, definition]),
    );
    const soxSystems = organisation.systems
      .filter((system) => system.soxInScope)
      .map((system) => system.key);
    expect(byControl.get("ITGC-AC-03")).toMatchObject({
      name: "Quarterly privileged access review",
      controlOwnerEmail: demoEmails.priya,
      scope: { privilegedOnly: true, systemKeys: soxSystems },
      reviewerStrategy: "manager",
      durationDays: 21,
      undecidedRule: "not_reviewed",
      justificationRequired: { approve: false, revoke: true },
      recurrence: "0 9 * 1,4,7,10 MON#1",
    });
    expect(byControl.get("ITGC-AC-05")).toMatchObject({
      name: "Quarterly non-human identity review",
      scope: { identityKinds: ["service_account", "api_key", "workload", "bot"] },
      reviewerStrategy: "identity_owner",
    });
    expect(byControl.get("ITGC-AC-04")).toMatchObject({
      name: "Financial systems user access review",
      controlOwnerEmail: demoEmails.marcus,
      reviewerStrategy: "manager",
    });
    expect(byControl.get("ITGC-AC-04")?.scope.systemKeys).toEqual(
      expect.arrayContaining([
        "netsuite-erp",
        "general-ledger",
        "adp-payroll",
        "onestream-consolidation",
        "kyriba-treasury",
      ]),
    );
  });

  it("has a signed-off, an active and an overdue campaign", () => {
    const organisation = org();
    expect(organisation.campaigns.map((campaign) => campaign.name)).toEqual([
      "Q3 2026 privileged access review",
      "Q4 2026 privileged access review",
      "Q4 2026 non-human identity review",
    ]);
    const past = campaignNamed(organisation, /privileged/, "signed_off");
    expect(past.items.length).toBeGreaterThan(150);
    expect(past.items.every((item) => item.decision !== null)).toBe(true);
    expect(past.signedOffByEmail).toBe(demoEmails.priya);
    expect(past.signOffStatement).toBeTruthy();
    expect(Date.parse(past.signedOffAt ?? "")).toBeLessThan(anchorMs);
    const decisions = countBy(past.items, (item) => String(item.decision));
    expect((decisions.revoke ?? 0) / past.items.length).toBeGreaterThan(0.03);
    expect((decisions.exception ?? 0) / past.items.length).toBeGreaterThan(0.005);

    const active = campaignNamed(organisation, /privileged/, "active");
    expect(Date.parse(active.startsAt)).toBe(anchorMs - 12 * dayMs);
    expect(Date.parse(active.dueAt)).toBe(anchorMs + 9 * dayMs);
    expect(active.items.length).toBeGreaterThanOrEqual(300);
    expect(active.items.length).toBeLessThanOrEqual(500);
    const decidedShare =
      active.items.filter((item) => item.decision !== null).length / active.items.length;
    expect(decidedShare).toBeGreaterThan(0.25);
    expect(decidedShare).toBeLessThan(0.6);

    const nonHuman = campaignNamed(organisation, /non-human/, "active");
    expect(nonHuman.definitionKey).toBe(demoDefinitionKeys.nonHuman);
    expect(Date.parse(nonHuman.dueAt)).toBeLessThan(anchorMs);
    expect(nonHuman.items.some((item) => item.decision === null)).toBe(true);
  });

  it("scopes the active privileged review to privileged SOX grants of people, reviewed by their managers", () => {
    const organisation = org();
    const find = lookups(organisation);
    const active = campaignNamed(organisation, /privileged/, "active");
    const definition = organisation.campaignDefinitions.find(
      (candidate) => candidate.key === active.definitionKey,
    );
    for (const item of active.items) {
      expect(find.entitlement.get(`${item.systemKey}|${item.entitlementKey}`)?.privileged).toBe(
        true,
      );
      expect(find.system.get(item.systemKey)?.soxInScope).toBe(true);
      const subject = find.identity.get(
        find.account.get(`${item.systemKey}|${item.username}`)?.identityExternalId ?? "",
      );
      expect(humanIdentityKinds).toContain(subject?.kind);
      const manager = find.identity.get(subject?.managerExternalId ?? "");
      const expected =
        manager?.status === "active" && manager.email !== null
          ? manager.email
          : definition?.fallbackReviewerEmail;
      expect(item.reviewerEmail).toBe(expected);
    }
  });

  it("gives Dana pending items in the active privileged review", () => {
    const active = campaignNamed(org(), /privileged/, "active");
    const dana = active.items.filter((item) => item.reviewerEmail === demoEmails.dana);
    expect(dana.filter((item) => item.decision === null).length).toBeGreaterThanOrEqual(3);
    expect(dana.some((item) => item.decision !== null)).toBe(true);
  });

  it("keeps leavers' access around for reviews to catch, and never approves it", () => {
    const organisation = org();
    const find = lookups(organisation);
    const leavers = organisation.identities.filter((identity) => identity.status === "terminated");
    expect(leavers.length).toBeGreaterThanOrEqual(4);
    expect(leavers.length).toBeLessThanOrEqual(8);
    for (const leaver of leavers) {
      const daysAgo = (anchorMs - Date.parse(`${leaver.terminatedOn}T09:00:00.000Z`)) / dayMs;
      expect(daysAgo).toBeGreaterThanOrEqual(5);
      expect(daysAgo).toBeLessThanOrEqual(60);
      const accounts = organisation.accounts.filter(
        (account) => account.identityExternalId === leaver.externalId,
      );
      expect(accounts.some((account) => account.status === "active")).toBe(true);
      expect(
        organisation.grants.some((grant) =>
          accounts.some(
            (account) =>
              account.username === grant.username && account.systemKey === grant.systemKey,
          ),
        ),
      ).toBe(true);
      expect(organisation.users.some((user) => user.identityExternalId === leaver.externalId)).toBe(
        false,
      );
    }
    const active = campaignNamed(organisation, /privileged/, "active");
    const leaverItems = active.items.filter(
      (item) =>
        find.identity.get(
          find.account.get(`${item.systemKey}|${item.username}`)?.identityExternalId ?? "",
        )?.status === "terminated",
    );
    expect(leaverItems.length).toBeGreaterThan(0);
    expect(leaverItems.every((item) => item.decision === null || item.decision === "revoke")).toBe(
      true,
    );
  });

  it("has orphan accounts holding grants, privileged ones among them", () => {
    const organisation = org();
    const find = lookups(organisation);
    const orphans = organisation.accounts.filter((account) => account.identityExternalId === null);
    expect(orphans.length).toBeGreaterThanOrEqual(6);
    expect(orphans.length).toBeLessThanOrEqual(10);
    const orphanGrants = organisation.grants.filter((grant) =>
      orphans.some(
        (account) => account.systemKey === grant.systemKey && account.username === grant.username,
      ),
    );
    expect(
      orphanGrants.some(
        (grant) => find.entitlement.get(`${grant.systemKey}|${grant.entitlementKey}`)?.privileged,
      ),
    ).toBe(true);
  });

  it("has non-human identities with owners, stale credentials and departed owners", () => {
    const organisation = org();
    const find = lookups(organisation);
    const nonHuman = organisation.identities.filter((identity) => isNonHuman(identity.kind));
    const owners = nonHuman.map((identity) => find.identity.get(identity.ownerExternalId ?? ""));
    const departed = owners.filter((owner) => owner?.status === "terminated").length;
    expect(departed).toBeGreaterThanOrEqual(1);
    expect(departed).toBeLessThanOrEqual(2);
    for (const [index, identity] of nonHuman.entries()) {
      const owner = owners[index];
      expect(["IT", "Engineering", "Data", "Finance"]).toContain(owner?.department);
      expect(identity.department).toBe(owner?.department);
    }
    const staleRotation = nonHuman.filter(
      (identity) => Date.parse(identity.lastRotatedAt ?? "") < anchorMs - 365 * dayMs,
    );
    expect(staleRotation.length).toBeGreaterThan(0);

    const nhiGrants = organisation.grants.filter((grant) => {
      const id = find.account.get(`${grant.systemKey}|${grant.username}`)?.identityExternalId;
      return id?.startsWith("N") === true;
    });
    expect(
      nhiGrants.filter(
        (grant) => find.entitlement.get(`${grant.systemKey}|${grant.entitlementKey}`)?.privileged,
      ).length,
    ).toBeGreaterThanOrEqual(3);

    // Every non-human grant is in the review; the owner reviews it unless they have left.
    const campaign = campaignNamed(organisation, /non-human/, "active");
    expect(campaign.items).toHaveLength(nhiGrants.length);
    for (const item of campaign.items) {
      const subject = find.identity.get(
        find.account.get(`${item.systemKey}|${item.username}`)?.identityExternalId ?? "",
      );
      const owner = find.identity.get(subject?.ownerExternalId ?? "");
      expect(item.reviewerEmail).toBe(owner?.status === "active" ? owner.email : demoEmails.priya);
    }
  });

  it("has privileged grants without a ticket and access that was never used", () => {
    const organisation = org();
    const find = lookups(organisation);
    const privileged = organisation.grants.filter(
      (grant) => find.entitlement.get(`${grant.systemKey}|${grant.entitlementKey}`)?.privileged,
    );
    expect(privileged.some((grant) => grant.ticket === null)).toBe(true);
    expect(organisation.grants.some((grant) => grant.lastUsedAt === null)).toBe(true);
    expect(
      organisation.grants.some(
        (grant) =>
          grant.lastUsedAt !== null && Date.parse(grant.lastUsedAt) < anchorMs - 90 * dayMs,
      ),
    ).toBe(true);
    expect(organisation.accounts.some((account) => account.status === "disabled")).toBe(true);
  });
});
