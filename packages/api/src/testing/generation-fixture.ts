import { randomUUID } from "node:crypto";
import type { Database } from "@attest/db/database";
import {
  insertAccounts,
  insertEntitlements,
  insertGrants,
  insertIdentities,
  insertSnapshot,
  insertSystems,
  type NewIdentity,
} from "@attest/db/repositories/inventory";
import { insertRoleAssignments, insertUsers } from "@attest/db/repositories/users";
import type { Role } from "@attest/domain/access/roles";
import type { CampaignDefinitionInput } from "@attest/domain/campaigns/campaign-definition";
import type { SessionUser } from "../context";

/**
 * A small organisation for campaign generation, written straight through the repositories into
 * its own snapshot; identity keys and e-mails carry a suffix, so tests can share a database.
 *
 *   Casey (CEO) ─ Maya (Finance manager) ─ Owen (owns the ERP system and svc-erp), Ed, Fay
 *                                          (owns "GL posting"), Tom (terminated)
 *   Zed (Sales, no Attest user) ─ Xena (contractor)
 *
 * ERP: GL posting (medium, owner Fay) held by Maya, Owen, Ed, Fay, Tom; GL admin (privileged,
 * high, owner Owen) held by Owen and svc-erp. CRM (no owner): CRM user (low) held by Maya, Ed,
 * Xena, Casey and the orphan account "legacy". Users: Casey, Maya, Owen, Ed, Fay (reviewers),
 * Fiona (the fallback reviewer, no identity) and Carl (control owner).
 */
export interface GenerationFixture {
  snapshotId: string;
  /** Identity external ids, by first name. */
  keys: Record<"casey" | "maya" | "owen" | "ed" | "fay" | "tom" | "svc" | "zed" | "xena", string>;
  users: Record<"casey" | "maya" | "owen" | "ed" | "fay" | "fiona" | "carl", SessionUser>;
  /** Grant ids by "<holder>/<entitlement>", e.g. "ed/gl-post". */
  grants: Record<string, string>;
  /** A manager-strategy definition over the whole snapshot, falling back to Fiona. */
  definition(overrides?: Partial<CampaignDefinitionInput>): CampaignDefinitionInput;
}

export async function createGenerationFixture(db: Database): Promise<GenerationFixture> {
  const suffix = randomUUID().slice(0, 8);
  const snapshotId = randomUUID();
  const key = (name: string) => `${name.toUpperCase()}-${suffix}`;
  const keys = {
    casey: key("casey"),
    maya: key("maya"),
    owen: key("owen"),
    ed: key("ed"),
    fay: key("fay"),
    tom: key("tom"),
    svc: key("svc-erp"),
    zed: key("zed"),
    xena: key("xena"),
  };
  const identityIds = Object.fromEntries(
    Object.keys(keys).map((name) => [name, randomUUID()]),
  ) as Record<keyof typeof keys, string>;
  const person = (
    name: keyof typeof keys,
    displayName: string,
    department: string,
    manager: keyof typeof keys | null,
    extra: Partial<NewIdentity> = {},
  ): NewIdentity => ({
    id: identityIds[name],
    snapshotId,
    externalId: keys[name],
    kind: "employee",
    displayName,
    email: null,
    department,
    title: null,
    managerId: manager ? identityIds[manager] : null,
    ownerId: null,
    status: "active",
    terminatedOn: null,
    lastRotatedAt: null,
    lastUsedAt: null,
    ...extra,
  });

  const user = (name: string, identityKey: string | null, roles: Role[]): SessionUser => ({
    id: randomUUID(),
    email: `${name.toLowerCase()}-${suffix}@example.test`,
    displayName: `${name} ${suffix}`,
    identityKey,
    roles,
  });
  const users = {
    casey: user("Casey", keys.casey, ["reviewer"]),
    maya: user("Maya", keys.maya, ["reviewer"]),
    owen: user("Owen", keys.owen, ["reviewer"]),
    ed: user("Ed", keys.ed, ["reviewer"]),
    fay: user("Fay", keys.fay, ["reviewer"]),
    fiona: user("Fiona", null, ["reviewer"]),
    carl: user("Carl", null, ["control_owner"]),
  };

  const systems = { erp: randomUUID(), crm: randomUUID() };
  const entitlements = { glPost: randomUUID(), glAdmin: randomUUID(), crmUser: randomUUID() };
  const accounts: {
    id: string;
    system: keyof typeof systems;
    holder: keyof typeof keys | null;
    username: string;
  }[] = [];
  const grants: Record<string, string> = {};
  const grantRows: { id: string; accountId: string; entitlementId: string }[] = [];
  const hold = (
    holder: keyof typeof keys | null,
    system: keyof typeof systems,
    entitlement: keyof typeof entitlements,
    label: string,
  ) => {
    const username = `${holder ?? "legacy"}-${system}`;
    let account = accounts.find((a) => a.username === username && a.system === system);
    if (!account) {
      account = { id: randomUUID(), system, holder, username };
      accounts.push(account);
    }
    const id = randomUUID();
    grants[`${holder ?? "legacy"}/${label}`] = id;
    grantRows.push({ id, accountId: account.id, entitlementId: entitlements[entitlement] });
  };
  for (const holder of ["maya", "owen", "ed", "fay", "tom"] as const)
    hold(holder, "erp", "glPost", "gl-post");
  hold("owen", "erp", "glAdmin", "gl-admin");
  hold("svc", "erp", "glAdmin", "gl-admin");
  for (const holder of ["maya", "ed", "xena", "casey", null] as const)
    hold(holder, "crm", "crmUser", "crm-user");

  await db.transaction(async (tx) => {
    await insertSnapshot(tx, {
      id: snapshotId,
      source: `generation-${suffix}`,
      importedBy: "test",
      rowCounts: {},
      fileHashes: {},
      parameters: {},
    });
    await insertIdentities(tx, [
      person("casey", "Casey Chief", "Executive", null),
      person("maya", "Maya Manager", "Finance", "casey"),
      person("owen", "Owen Owner", "Finance", "maya"),
      person("ed", "Ed Employee", "Finance", "maya"),
      person("fay", "Fay Poster", "Finance", "maya"),
      person("tom", "Tom Gone", "Finance", "maya", {
        status: "terminated",
        terminatedOn: "2026-10-01",
      }),
      person("svc", "svc-erp", "Finance", null, {
        kind: "service_account",
        ownerId: identityIds.owen,
        lastRotatedAt: "2026-01-20T00:00:00.000Z",
      }),
      person("zed", "Zed Sales", "Sales", null),
      person("xena", "Xena Contractor", "Sales", "zed", { kind: "contractor" }),
    ]);
    await insertSystems(tx, [
      {
        id: systems.erp,
        snapshotId,
        key: "erp",
        name: "ERP",
        description: null,
        ownerId: identityIds.owen,
        criticality: "critical",
        soxInScope: true,
      },
      {
        id: systems.crm,
        snapshotId,
        key: "crm",
        name: "CRM",
        description: null,
        ownerId: null,
        criticality: "low",
        soxInScope: false,
      },
    ]);
    await insertEntitlements(tx, [
      {
        id: entitlements.glPost,
        snapshotId,
        systemId: systems.erp,
        key: "gl-post",
        name: "GL posting",
        description: "Posts journal entries.",
        privileged: false,
        risk: "medium",
        ownerId: identityIds.fay,
      },
      {
        id: entitlements.glAdmin,
        snapshotId,
        systemId: systems.erp,
        key: "gl-admin",
        name: "GL admin",
        description: null,
        privileged: true,
        risk: "high",
        ownerId: identityIds.owen,
      },
      {
        id: entitlements.crmUser,
        snapshotId,
        systemId: systems.crm,
        key: "crm-user",
        name: "CRM user",
        description: null,
        privileged: false,
        risk: "low",
        ownerId: null,
      },
    ]);
    await insertAccounts(
      tx,
      accounts.map((account) => ({
        id: account.id,
        snapshotId,
        systemId: systems[account.system],
        identityId: account.holder ? identityIds[account.holder] : null,
        username: account.username,
        status: "active" as const,
        lastLoginAt: null,
      })),
    );
    await insertGrants(
      tx,
      grantRows.map((grant) => ({
        ...grant,
        snapshotId,
        grantedAt: "2026-03-01T00:00:00.000Z",
        grantedBy: keys.maya,
        ticket: "REQ-1",
        expiresAt: null,
        lastUsedAt: null,
      })),
    );
    const allUsers = Object.values(users);
    await insertUsers(tx, allUsers);
    await insertRoleAssignments(
      tx,
      allUsers.flatMap((u) => u.roles.map((role) => ({ userId: u.id, role, assignedBy: "test" }))),
    );
  });

  return {
    snapshotId,
    keys,
    users,
    grants,
    definition: (overrides = {}) => ({
      name: `Generation review ${suffix}`,
      description: null,
      controlId: "ITGC-AC-03",
      controlOwnerId: users.carl.id,
      scope: {},
      reviewerStrategy: "manager",
      namedReviewerId: null,
      fallbackReviewerId: users.fiona.id,
      secondStage: null,
      durationDays: 21,
      reminders: { daysBeforeDue: [7, 3, 1] },
      escalation: { toManagerAfterDays: 1, toControlOwnerAfterDays: 3 },
      undecidedRule: "not_reviewed",
      justificationRequired: { approve: false, revoke: true },
      maxExceptionDays: 180,
      recurrence: null,
      ...overrides,
    }),
  };
}
