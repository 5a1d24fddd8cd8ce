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
import type { Role } from "@attest/domain/access/roles";
import type { CampaignStatus } from "@attest/domain/campaigns/campaign";
import type { SessionUser } from "../context";

export interface NotificationFixture {
  campaignId: string;
  campaignName: string;
  startsAt: string;
  dueAt: string;
  controlOwner: SessionUser;
  /** Manages reviewerA and reviewerB in the snapshot. */
  manager: SessionUser;
  /** 3 items on ERP. */
  reviewerA: SessionUser;
  /** 2 items: one on ERP, one on CRM. */
  reviewerB: SessionUser;
  /** 1 item on CRM; has no manager in the snapshot, so no manager escalation. */
  reviewerC: SessionUser;
  /** Item ids per reviewer, in creation order. */
  items: { a: string[]; b: string[]; c: string[] };
}

/**
 * An active campaign with three reviewers, a manager of two of them and a control owner,
 * written straight through the repositories: 21 days from 1 to 22 November 2026 (09:00 UTC),
 * reminders 7, 3 and 1 days before due, escalation to the manager one day after and to the
 * control owner three days after. Each call makes its own users and campaign.
 */
export async function createNotificationFixture(
  db: Database,
  options: { status?: CampaignStatus } = {},
): Promise<NotificationFixture> {
  const suffix = randomUUID().slice(0, 8);
  const snapshotId = randomUUID();
  const user = (label: string, roles: Role[]): SessionUser => ({
    id: randomUUID(),
    email: `${label.toLowerCase().replaceAll(" ", ".")}-${suffix}@example.test`,
    displayName: `${label} ${suffix}`,
    identityKey: `${label.replaceAll(" ", "")}-${suffix}`,
    roles,
  });
  const controlOwner = user("Olive Owner", ["control_owner"]);
  const manager = user("Mona Manager", ["reviewer"]);
  const reviewerA = user("Ada Reviewer", ["reviewer"]);
  const reviewerB = user("Ben Reviewer", ["reviewer"]);
  const reviewerC = user("Cy Reviewer", ["reviewer"]);
  const people = [controlOwner, manager, reviewerA, reviewerB, reviewerC];
  const identityIds = new Map(people.map((person) => [person.id, randomUUID()]));
  const identityOf = (person: SessionUser) => identityIds.get(person.id) as string;
  const systems = {
    erp: { id: randomUUID(), entitlementId: randomUUID(), name: "ERP" },
    crm: { id: randomUUID(), entitlementId: randomUUID(), name: "CRM" },
  };
  // Who reviews which subject's grant on which system.
  const plan: { reviewer: SessionUser; key: "a" | "b" | "c"; system: "erp" | "crm" }[] = [
    { reviewer: reviewerA, key: "a", system: "erp" },
    { reviewer: reviewerA, key: "a", system: "erp" },
    { reviewer: reviewerA, key: "a", system: "erp" },
    { reviewer: reviewerB, key: "b", system: "erp" },
    { reviewer: reviewerB, key: "b", system: "crm" },
    { reviewer: reviewerC, key: "c", system: "crm" },
  ];
  const subjects = plan.map((entry, index) => ({
    ...entry,
    identityId: randomUUID(),
    accountId: randomUUID(),
    grantId: randomUUID(),
    itemId: randomUUID(),
    externalId: `S${index}-${suffix}`,
    name: `Subject ${index} ${suffix}`,
  }));
  const definitionId = randomUUID();
  const campaignId = randomUUID();
  const campaignName = `Quarterly ERP review ${suffix}`;
  const startsAt = "2026-11-01T09:00:00.000Z";
  const dueAt = "2026-11-22T09:00:00.000Z";

  await db.transaction(async (tx) => {
    await insertSnapshot(tx, {
      id: snapshotId,
      source: `notification-fixture-${suffix}`,
      importedBy: "test",
      rowCounts: {},
      fileHashes: {},
      parameters: {},
    });
    const identity = (id: string, externalId: string, name: string, managerId: string | null) => ({
      id,
      snapshotId,
      externalId,
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
    const managed = new Set([reviewerA.id, reviewerB.id]);
    await insertIdentities(tx, [
      ...people.map((person) =>
        identity(
          identityOf(person),
          person.identityKey as string,
          person.displayName,
          managed.has(person.id) ? identityOf(manager) : null,
        ),
      ),
      ...subjects.map((subject) =>
        identity(subject.identityId, subject.externalId, subject.name, null),
      ),
    ]);
    await insertSystems(
      tx,
      Object.entries(systems).map(([key, system]) => ({
        id: system.id,
        snapshotId,
        key,
        name: system.name,
        description: null,
        ownerId: null,
        criticality: "high" as const,
        soxInScope: true,
      })),
    );
    await insertEntitlements(
      tx,
      Object.values(systems).map((system) => ({
        id: system.entitlementId,
        snapshotId,
        systemId: system.id,
        key: "admin",
        name: `${system.name} administrator`,
        description: null,
        privileged: true,
        risk: "high" as const,
        ownerId: null,
      })),
    );
    await insertAccounts(
      tx,
      subjects.map((subject) => ({
        id: subject.accountId,
        snapshotId,
        systemId: systems[subject.system].id,
        identityId: subject.identityId,
        username: subject.externalId.toLowerCase(),
        status: "active" as const,
        lastLoginAt: null,
      })),
    );
    await insertGrants(
      tx,
      subjects.map((subject) => ({
        id: subject.grantId,
        snapshotId,
        accountId: subject.accountId,
        entitlementId: systems[subject.system].entitlementId,
        grantedAt: null,
        grantedBy: null,
        ticket: null,
        expiresAt: null,
        lastUsedAt: null,
      })),
    );
    await insertUsers(tx, people);
    await insertRoleAssignments(
      tx,
      people.flatMap((person) =>
        person.roles.map((role) => ({ userId: person.id, role, assignedBy: "test" })),
      ),
    );
    // reminders and escalation keep 0008's defaults: [7, 3, 1] days before, 1 and 3 days after
    await insertCampaignDefinition(tx, {
      id: definitionId,
      name: "Notification fixture review",
      description: null,
      controlId: "ITGC-AC-03",
      controlOwnerId: controlOwner.id,
      scope: {},
      reviewerStrategy: "manager",
      fallbackReviewerId: controlOwner.id,
      durationDays: 21,
      undecidedRule: "not_reviewed",
      justificationRequired: { approve: false, revoke: true },
      recurrence: null,
      createdBy: "test",
    });
    await insertCampaign(tx, {
      id: campaignId,
      definitionId,
      name: campaignName,
      status: options.status ?? "active",
      snapshotId,
      startsAt,
      dueAt,
      closedAt: null,
      signedOffAt: null,
      signedOffBy: null,
      signOffStatement: null,
    });
    await insertReviewItems(
      tx,
      subjects.map((subject) => ({
        id: subject.itemId,
        campaignId,
        grantId: subject.grantId,
        stage: 1,
        reviewerId: subject.reviewer.id,
        decision: null,
        decidedBy: null,
        decidedAt: null,
        justification: null,
        exceptionExpiresOn: null,
        context: {
          version: 1,
          identity: { externalId: subject.externalId, displayName: subject.name },
          system: { key: subject.system, name: systems[subject.system].name },
        },
      })),
    );
  });

  const itemsOf = (key: "a" | "b" | "c") =>
    subjects.filter((subject) => subject.key === key).map((subject) => subject.itemId);
  return {
    campaignId,
    campaignName,
    startsAt,
    dueAt,
    controlOwner,
    manager,
    reviewerA,
    reviewerB,
    reviewerC,
    items: { a: itemsOf("a"), b: itemsOf("b"), c: itemsOf("c") },
  };
}
