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
import { insertReviewItems, type NewReviewItem } from "@attest/db/repositories/review-items";
import { insertRoleAssignments, insertUsers } from "@attest/db/repositories/users";
import type { IdentityKind, RiskLevel } from "@attest/domain/inventory/identity-kinds";
import type { ReviewItemContextV2 } from "@attest/domain/reviews/review-item-context";
import type { SessionUser } from "../context";

export interface QueueFixture {
  campaignId: string;
  reviewer: SessionUser;
  /** Another reviewer with items in the same campaign. */
  otherReviewer: SessionUser;
  /** A reviewer with no items, whose own access is one of the reviewer's items. */
  subjectReviewer: SessionUser;
  /** Every item of the reviewer's, with the facts the tests check the queue against. */
  items: { id: string; subjectKey: string; stage: number }[];
  /** The reviewer's item about their own access. */
  ownItemId: string;
  /** The subject reviewer's access, reviewed by the reviewer. */
  subjectReviewerItemId: string;
  /** An item of the other reviewer's. */
  otherItemId: string;
  /** A stage-two item of the reviewer's and the stage-one item (decided by the other reviewer) it follows. */
  stageTwoItemId: string;
  stageOneItemId: string;
}

const entitlementsOf = [
  {
    system: "erp",
    systemName: "ERP",
    key: "gl",
    name: "GL approver",
    privileged: true,
    risk: "high",
  },
  { system: "erp", systemName: "ERP", key: "ap", name: "AP clerk", privileged: false, risk: "low" },
  {
    system: "crm",
    systemName: "CRM",
    key: "admin",
    name: "CRM admin",
    privileged: true,
    risk: "critical",
  },
  {
    system: "crm",
    systemName: "CRM",
    key: "read",
    name: "CRM reader",
    privileged: false,
    risk: "medium",
  },
] as const;

const dayMs = 86_400_000;

function isoDaysAgo(days: number): string {
  return new Date(Date.now() - days * dayMs).toISOString();
}

/**
 * A campaign whose reviewer has a varied queue: 14 people (two of them non-human), each with
 * two or three entitlements on two systems, contexts that raise every attention flag somewhere,
 * the reviewer's own access, a colleague reviewer's access, another reviewer's items, and a
 * stage-two item following a decided stage-one item. Written straight through the
 * repositories; each call makes its own campaign and users.
 */
export async function createQueueFixture(
  db: Database,
  options: { justificationRequired?: { approve: boolean; revoke: boolean } } = {},
): Promise<QueueFixture> {
  const suffix = randomUUID().slice(0, 8);
  const user = (name: string, key: string): SessionUser => ({
    id: randomUUID(),
    email: `${name.toLowerCase().replace(/ /g, ".")}-${suffix}@example.test`,
    displayName: `${name} ${suffix}`,
    identityKey: `${key}-${suffix}`,
    roles: ["reviewer"],
  });
  const reviewer = user("Rita Reviewer", "R");
  const otherReviewer = user("Oscar Other", "O");
  const subjectReviewer = user("Sam Subject", "S");
  const snapshotId = randomUUID();
  const definitionId = randomUUID();
  const campaignId = randomUUID();
  const systemIds = { erp: randomUUID(), crm: randomUUID() };
  const entitlementIds = entitlementsOf.map(() => randomUUID());

  interface Person {
    key: string;
    name: string;
    kind: IdentityKind;
    identityId: string;
    accountIds: Record<"erp" | "crm", string>;
  }
  const people: Person[] = Array.from({ length: 12 }, (_, index) => ({
    key: `P${String(index).padStart(2, "0")}-${suffix}`,
    // Names out of key order, so ordering by name is visible.
    name: `${["Ada", "Bea", "Cy", "Dee"][index % 4]} ${String.fromCharCode(90 - index)} ${suffix}`,
    kind: (index === 10
      ? "service_account"
      : index === 11
        ? "api_key"
        : "employee") as IdentityKind,
    identityId: randomUUID(),
    accountIds: { erp: randomUUID(), crm: randomUUID() },
  }));
  for (const [key, name] of [
    [reviewer.identityKey, reviewer.displayName],
    [subjectReviewer.identityKey, subjectReviewer.displayName],
  ] as const) {
    people.push({
      key: key ?? "",
      name,
      kind: "employee",
      identityId: randomUUID(),
      accountIds: { erp: randomUUID(), crm: randomUUID() },
    });
  }

  const grants: { id: string; person: Person; entitlement: number; index: number }[] = [];
  people.forEach((person, p) => {
    const mine = p % 3 === 0 ? [0, 1, 2] : p % 3 === 1 ? [0, 3] : [1, 2];
    for (const entitlement of mine) {
      grants.push({ id: randomUUID(), person, entitlement, index: grants.length });
    }
  });

  function contextOf(person: Person, entitlement: number, index: number): ReviewItemContextV2 {
    const e = entitlementsOf[entitlement];
    if (!e) throw new Error("no such entitlement");
    const nonHuman = person.kind !== "employee";
    return {
      version: 2,
      identity: {
        externalId: person.key,
        displayName: person.name,
        kind: person.kind,
        status: index % 9 === 4 ? "terminated" : "active",
        email: null,
        department: "Finance",
        title: null,
        managerName: "Mo Manager",
        terminatedOn: null,
      },
      nonHuman: nonHuman
        ? {
            ownerExternalId: "OWNER-1",
            ownerName: "Owen Owner",
            ownerStatus: person.kind === "api_key" ? "terminated" : "active",
            lastRotatedAt: person.kind === "api_key" ? null : isoDaysAgo(30),
            rotationAgeDays: person.kind === "api_key" ? null : 30,
          }
        : null,
      account: {
        username: person.key.toLowerCase(),
        status: index % 7 === 3 ? "disabled" : "active",
        lastLoginAt: index % 4 === 1 ? isoDaysAgo(5) : null,
      },
      system: {
        key: e.system,
        name: e.systemName,
        criticality: "high" as RiskLevel,
        soxInScope: true,
      },
      entitlement: {
        key: e.key,
        name: e.name,
        description: null,
        privileged: e.privileged,
        risk: e.risk,
      },
      grant: {
        grantedAt: null,
        grantedBy: null,
        ticket: null,
        expiresAt: null,
        lastUsedAt: index % 4 === 0 ? isoDaysAgo(3) : index % 4 === 2 ? isoDaysAgo(200) : null,
      },
      peers: {
        department: { name: "Finance", peers: index % 5 === 0 ? 40 : 3, holding: index % 2 },
        manager: { name: "Mo Manager", peers: 8, holding: 6 },
      },
    };
  }

  const items: NewReviewItem[] = [];
  const facts: QueueFixture["items"] = [];
  let ownItemId = "";
  let subjectReviewerItemId = "";
  let otherItemId = "";
  const stageOneItemId = randomUUID();
  const stageTwoItemId = randomUUID();
  for (const grant of grants) {
    // The second grant's item is a stage-two item, after a stage one the other reviewer decided.
    const stage = grant.index === 1 ? 2 : 1;
    const id = stage === 2 ? stageTwoItemId : randomUUID();
    // Every fifth grant belongs to the other reviewer's queue.
    const reviewerId =
      grant.index % 5 === 2 && grant.person.key !== reviewer.identityKey
        ? otherReviewer.id
        : reviewer.id;
    items.push({
      id,
      campaignId,
      grantId: grant.id,
      stage,
      reviewerId,
      decision: null,
      decidedBy: null,
      decidedAt: null,
      justification: null,
      exceptionExpiresOn: null,
      context: contextOf(grant.person, grant.entitlement, grant.index),
    });
    if (reviewerId === reviewer.id) {
      facts.push({ id, subjectKey: grant.person.key, stage });
      if (grant.person.key === reviewer.identityKey) ownItemId = id;
      if (grant.person.key === subjectReviewer.identityKey) subjectReviewerItemId = id;
    } else {
      otherItemId = id;
    }
  }
  const stageTwo = items[1];
  if (!stageTwo) throw new Error("fixture has too few grants");

  await db.transaction(async (tx) => {
    await insertSnapshot(tx, {
      id: snapshotId,
      source: `queue-fixture-${suffix}`,
      importedBy: "test",
      rowCounts: {},
      fileHashes: {},
      parameters: {},
    });
    await insertIdentities(
      tx,
      people.map((person) => ({
        id: person.identityId,
        snapshotId,
        externalId: person.key,
        // The inventory row only anchors the grant; the queue reads the frozen context.
        kind: "employee" as const,
        displayName: person.name,
        email: null,
        department: "Finance",
        title: null,
        managerId: null,
        ownerId: null,
        status: "active" as const,
        terminatedOn: null,
        lastRotatedAt: null,
        lastUsedAt: null,
      })),
    );
    await insertSystems(
      tx,
      (["erp", "crm"] as const).map((key) => ({
        id: systemIds[key],
        snapshotId,
        key,
        name: key.toUpperCase(),
        description: null,
        ownerId: null,
        criticality: "high" as const,
        soxInScope: true,
      })),
    );
    await insertEntitlements(
      tx,
      entitlementsOf.map((e, index) => ({
        id: entitlementIds[index] ?? "",
        snapshotId,
        systemId: systemIds[e.system],
        key: e.key,
        name: e.name,
        description: null,
        privileged: e.privileged,
        risk: e.risk,
        ownerId: null,
      })),
    );
    await insertAccounts(
      tx,
      people.flatMap((person) =>
        (["erp", "crm"] as const).map((system) => ({
          id: person.accountIds[system],
          snapshotId,
          systemId: systemIds[system],
          identityId: person.identityId,
          username: `${person.key.toLowerCase()}-${system}`,
          status: "active" as const,
          lastLoginAt: null,
        })),
      ),
    );
    await insertGrants(
      tx,
      grants.map((grant) => {
        const e = entitlementsOf[grant.entitlement];
        return {
          id: grant.id,
          snapshotId,
          accountId: grant.person.accountIds[e?.system ?? "erp"],
          entitlementId: entitlementIds[grant.entitlement] ?? "",
          grantedAt: null,
          grantedBy: null,
          ticket: null,
          expiresAt: null,
          lastUsedAt: null,
        };
      }),
    );
    await insertUsers(tx, [reviewer, otherReviewer, subjectReviewer]);
    await insertRoleAssignments(
      tx,
      [reviewer, otherReviewer, subjectReviewer].map((u) => ({
        userId: u.id,
        role: "reviewer" as const,
        assignedBy: "test",
      })),
    );
    await insertCampaignDefinition(tx, {
      id: definitionId,
      name: "Queue fixture review",
      description: null,
      controlId: "ITGC-AC-06",
      controlOwnerId: otherReviewer.id,
      scope: {},
      reviewerStrategy: "manager",
      fallbackReviewerId: otherReviewer.id,
      durationDays: 21,
      undecidedRule: "not_reviewed",
      justificationRequired: options.justificationRequired ?? { approve: false, revoke: true },
      recurrence: null,
      createdBy: "test",
    });
    await insertCampaign(tx, {
      id: campaignId,
      definitionId,
      name: `Queue fixture ${suffix}`,
      status: "active",
      snapshotId,
      startsAt: "2026-11-01T09:00:00.000Z",
      dueAt: "2026-12-01T09:00:00.000Z",
      closedAt: null,
      signedOffAt: null,
      signedOffBy: null,
      signOffStatement: null,
    });
    await insertReviewItems(tx, [
      ...items,
      {
        ...stageTwo,
        id: stageOneItemId,
        stage: 1,
        reviewerId: otherReviewer.id,
        decision: "approve",
        decidedBy: otherReviewer.id,
        decidedAt: "2026-11-10T09:00:00.000Z",
        justification: "Needed for the month-end close",
      },
    ]);
    await tx.query("update review_items set previous_stage_item_id = $2 where id = $1", [
      stageTwoItemId,
      stageOneItemId,
    ]);
  });
  return {
    campaignId,
    reviewer,
    otherReviewer,
    subjectReviewer,
    items: facts,
    ownItemId,
    subjectReviewerItemId,
    otherItemId,
    stageTwoItemId,
    stageOneItemId,
  };
}
