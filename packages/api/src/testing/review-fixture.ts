import { randomUUID } from "node:crypto";
import type { Database } from "@attest/db/database";
import { insertCampaign, insertCampaignDefinition } from "@attest/db/repositories/campaigns";
import {
  insertAccounts,
  insertEntitlements,
  insertGrants,
  insertIdentities,
  insertSnapshot,
  insertSystems,
} from "@attest/db/repositories/inventory";
import { insertReviewItems } from "@attest/db/repositories/review-items";
import { insertRoleAssignments, insertUsers } from "@attest/db/repositories/users";
import type { CampaignStatus } from "@attest/domain/campaigns/campaign";
import type { ReviewItemContext } from "@attest/domain/reviews/review-item-context";
import type { SessionUser } from "../context";

export interface ReviewFixture {
  campaignId: string;
  manager: SessionUser;
  employee: SessionUser;
  /** The employee's grant, assigned to the manager. */
  employeeItemId: string;
  /** The manager's own grant, wrongly assigned to the manager: the API must refuse it. */
  ownItemId: string;
}

function context(
  externalId: string,
  displayName: string,
  entitlementName: string,
): ReviewItemContext {
  return {
    version: 1,
    identity: {
      externalId,
      displayName,
      kind: "employee",
      status: "active",
      email: null,
      department: "Finance",
      title: null,
      managerName: null,
      terminatedOn: null,
    },
    nonHuman: null,
    account: { username: externalId.toLowerCase(), status: "active", lastLoginAt: null },
    system: { key: "erp", name: "ERP", criticality: "critical", soxInScope: true },
    entitlement: {
      key: "gl",
      name: entitlementName,
      description: null,
      privileged: true,
      risk: "high",
    },
    grant: { grantedAt: null, grantedBy: null, ticket: null, expiresAt: null, lastUsedAt: null },
  };
}

/**
 * A minimal campaign written straight through the repositories: a manager reviewing one
 * employee's privileged grant. Each call makes its own campaign, so tests can share a database.
 */
export async function createReviewFixture(
  db: Database,
  options: {
    status?: CampaignStatus;
    justificationRequired?: { approve: boolean; revoke: boolean };
  } = {},
): Promise<ReviewFixture> {
  const suffix = randomUUID().slice(0, 8);
  const snapshotId = randomUUID();
  const ids = {
    managerIdentity: randomUUID(),
    employeeIdentity: randomUUID(),
    system: randomUUID(),
    entitlement: randomUUID(),
    managerAccount: randomUUID(),
    employeeAccount: randomUUID(),
    managerGrant: randomUUID(),
    employeeGrant: randomUUID(),
    definition: randomUUID(),
    campaign: randomUUID(),
    employeeItem: randomUUID(),
    ownItem: randomUUID(),
  };
  const manager: SessionUser = {
    id: randomUUID(),
    email: `manager-${suffix}@example.test`,
    displayName: `Manager ${suffix}`,
    identityKey: `M-${suffix}`,
    roles: ["reviewer", "control_owner"],
  };
  const employee: SessionUser = {
    id: randomUUID(),
    email: `employee-${suffix}@example.test`,
    displayName: `Employee ${suffix}`,
    identityKey: `E-${suffix}`,
    roles: ["reviewer"],
  };

  await db.transaction(async (tx) => {
    await insertSnapshot(tx, {
      id: snapshotId,
      source: `fixture-${suffix}`,
      importedBy: "test",
      rowCounts: {},
      fileHashes: {},
      parameters: {},
    });
    const person = (id: string, key: string, name: string, managerId: string | null) => ({
      id,
      snapshotId,
      externalId: key,
      kind: "employee" as const,
      displayName: name,
      email: null,
      department: "Finance",
      title: null,
      managerId,
      ownerId: null,
      status: "active" as const,
      terminatedOn: null,
      lastRotatedAt: null,
      lastUsedAt: null,
    });
    await insertIdentities(tx, [
      person(ids.managerIdentity, manager.identityKey ?? "", manager.displayName, null),
      person(
        ids.employeeIdentity,
        employee.identityKey ?? "",
        employee.displayName,
        ids.managerIdentity,
      ),
    ]);
    await insertSystems(tx, [
      {
        id: ids.system,
        snapshotId,
        key: "erp",
        name: "ERP",
        description: null,
        ownerId: ids.managerIdentity,
        criticality: "critical",
        soxInScope: true,
      },
    ]);
    await insertEntitlements(tx, [
      {
        id: ids.entitlement,
        snapshotId,
        systemId: ids.system,
        key: "gl",
        name: "GL journal approver",
        description: null,
        privileged: true,
        risk: "high",
        ownerId: null,
      },
    ]);
    const account = (id: string, identityId: string, username: string) => ({
      id,
      snapshotId,
      systemId: ids.system,
      identityId,
      username,
      status: "active" as const,
      lastLoginAt: null,
    });
    await insertAccounts(tx, [
      account(ids.managerAccount, ids.managerIdentity, `m-${suffix}`),
      account(ids.employeeAccount, ids.employeeIdentity, `e-${suffix}`),
    ]);
    const grant = (id: string, accountId: string) => ({
      id,
      snapshotId,
      accountId,
      entitlementId: ids.entitlement,
      grantedAt: null,
      grantedBy: null,
      ticket: null,
      expiresAt: null,
      lastUsedAt: null,
    });
    await insertGrants(tx, [
      grant(ids.managerGrant, ids.managerAccount),
      grant(ids.employeeGrant, ids.employeeAccount),
    ]);
    await insertUsers(tx, [manager, employee]);
    await insertRoleAssignments(
      tx,
      [manager, employee].flatMap((user) =>
        user.roles.map((role) => ({ userId: user.id, role, assignedBy: "test" })),
      ),
    );
    await insertCampaignDefinition(tx, {
      id: ids.definition,
      name: "Fixture review",
      description: null,
      controlId: "ITGC-AC-03",
      controlOwnerId: manager.id,
      scope: {},
      reviewerStrategy: "manager",
      fallbackReviewerId: manager.id,
      durationDays: 21,
      undecidedRule: "not_reviewed",
      justificationRequired: options.justificationRequired ?? { approve: false, revoke: true },
      recurrence: null,
      createdBy: "test",
    });
    await insertCampaign(tx, {
      id: ids.campaign,
      definitionId: ids.definition,
      name: `Fixture campaign ${suffix}`,
      status: options.status ?? "active",
      snapshotId,
      startsAt: "2026-11-01T09:00:00.000Z",
      dueAt: "2026-12-01T09:00:00.000Z",
      closedAt: null,
      signedOffAt: null,
      signedOffBy: null,
      signOffStatement: null,
    });
    const item = (id: string, grantId: string, key: string, name: string) => ({
      id,
      campaignId: ids.campaign,
      grantId,
      stage: 1,
      reviewerId: manager.id,
      decision: null,
      decidedBy: null,
      decidedAt: null,
      justification: null,
      exceptionExpiresOn: null,
      context: context(key, name, "GL journal approver"),
    });
    await insertReviewItems(tx, [
      item(ids.employeeItem, ids.employeeGrant, employee.identityKey ?? "", employee.displayName),
      item(ids.ownItem, ids.managerGrant, manager.identityKey ?? "", manager.displayName),
    ]);
  });

  return {
    campaignId: ids.campaign,
    manager,
    employee,
    employeeItemId: ids.employeeItem,
    ownItemId: ids.ownItem,
  };
}
