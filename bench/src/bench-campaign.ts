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
import type { ReviewItemContextV2 } from "@attest/domain/reviews/review-item-context";

export interface BenchCampaign {
  campaignId: string;
  reviewerId: string;
  itemIds: string[];
}

/** A whole frozen context (the reviewer's queue parses it), varied enough to sort and filter. */
function benchItemContext(key: string): ReviewItemContextV2 {
  const index = Number(key.slice(1));
  return {
    version: 2,
    identity: {
      externalId: key,
      displayName: `Person ${key}`,
      kind: "employee",
      status: index % 50 === 0 ? "terminated" : "active",
      email: null,
      department: "Finance",
      title: null,
      managerName: null,
      terminatedOn: null,
    },
    nonHuman: null,
    account: { username: key.toLowerCase(), status: "active", lastLoginAt: null },
    system: { key: "erp", name: "ERP", criticality: "critical", soxInScope: true },
    entitlement: {
      key: "gl",
      name: "GL approver",
      description: null,
      privileged: true,
      risk: "high",
    },
    grant: {
      grantedAt: null,
      grantedBy: null,
      ticket: null,
      expiresAt: null,
      lastUsedAt: index % 3 === 0 ? null : new Date().toISOString(),
    },
    peers: { department: { name: "Finance", peers: 40, holding: index % 8 }, manager: null },
  };
}

/** A campaign of itemCount pending items (one grant each), written straight through the repositories. */
export async function createBenchCampaign(db: Database, itemCount: number): Promise<BenchCampaign> {
  const snapshotId = randomUUID();
  const systemId = randomUUID();
  const entitlementId = randomUUID();
  const reviewerId = randomUUID();
  const definitionId = randomUUID();
  const campaignId = randomUUID();
  const people = Array.from({ length: itemCount }, (_, index) => ({
    identityId: randomUUID(),
    accountId: randomUUID(),
    grantId: randomUUID(),
    itemId: randomUUID(),
    key: `B${index}`,
  }));
  await db.transaction(async (tx) => {
    await insertSnapshot(tx, {
      id: snapshotId,
      source: "bench",
      importedBy: "system:bench",
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
        kind: "employee" as const,
        displayName: `Person ${person.key}`,
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
    await insertSystems(tx, [
      {
        id: systemId,
        snapshotId,
        key: "erp",
        name: "ERP",
        description: null,
        ownerId: null,
        criticality: "critical",
        soxInScope: true,
      },
    ]);
    await insertEntitlements(tx, [
      {
        id: entitlementId,
        snapshotId,
        systemId,
        key: "gl",
        name: "GL approver",
        description: null,
        privileged: true,
        risk: "high",
        ownerId: null,
      },
    ]);
    await insertAccounts(
      tx,
      people.map((person) => ({
        id: person.accountId,
        snapshotId,
        systemId,
        identityId: person.identityId,
        username: person.key.toLowerCase(),
        status: "active" as const,
        lastLoginAt: null,
      })),
    );
    await insertGrants(
      tx,
      people.map((person) => ({
        id: person.grantId,
        snapshotId,
        accountId: person.accountId,
        entitlementId,
        grantedAt: null,
        grantedBy: null,
        ticket: null,
        expiresAt: null,
        lastUsedAt: null,
      })),
    );
    await insertUsers(tx, [
      {
        id: reviewerId,
        email: `reviewer-${reviewerId}@bench.test`,
        displayName: "Bench Reviewer",
        identityKey: null,
      },
    ]);
    await insertRoleAssignments(tx, [
      { userId: reviewerId, role: "reviewer", assignedBy: "bench" },
    ]);
    await insertCampaignDefinition(tx, {
      id: definitionId,
      name: "Bench review",
      description: null,
      controlId: "ITGC-AC-03",
      controlOwnerId: reviewerId,
      scope: {},
      reviewerStrategy: "manager",
      fallbackReviewerId: reviewerId,
      durationDays: 21,
      undecidedRule: "not_reviewed",
      justificationRequired: { approve: false, revoke: true },
      recurrence: null,
      createdBy: "system:bench",
    });
    await insertCampaign(tx, {
      id: campaignId,
      definitionId,
      name: "Bench campaign",
      status: "active",
      snapshotId,
      startsAt: new Date(Date.now() - 86_400_000).toISOString(),
      dueAt: new Date(Date.now() + 86_400_000 * 20).toISOString(),
      closedAt: null,
      signedOffAt: null,
      signedOffBy: null,
      signOffStatement: null,
    });
    await insertReviewItems(
      tx,
      people.map((person) => ({
        id: person.itemId,
        campaignId,
        grantId: person.grantId,
        stage: 1,
        reviewerId,
        decision: null,
        decidedBy: null,
        decidedAt: null,
        justification: null,
        exceptionExpiresOn: null,
        context: benchItemContext(person.key),
      })),
    );
  });
  return { campaignId, reviewerId, itemIds: people.map((person) => person.itemId) };
}
