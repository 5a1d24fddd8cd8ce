import { randomUUID } from "node:crypto";
import type { Database } from "@attest/db/database";
import { insertRoleAssignments, insertUsers } from "@attest/db/repositories/users";
import type { Role } from "@attest/domain/access/roles";
import type { SessionUser } from "../context";
import { launchCampaign } from "../services/campaigns/launch-campaign";
import { createCampaignDefinition } from "../services/campaigns/save-campaign-definition";
import { createGenerationFixture, type GenerationFixture } from "./generation-fixture";
import { createTestCaller } from "./test-context";

export interface AuditFixture {
  generation: GenerationFixture;
  definitionId: string;
  campaignId: string;
  auditor: SessionUser;
  admin: SessionUser;
  /** When the campaign launched; decisions were made a day later. */
  launchedAt: Date;
  /** Review item ids: the decided ones, and one decided twice (approve, then revoke). */
  decidedItemIds: string[];
  changedItemId: string;
}

export async function addAuditUser(
  db: Database,
  name: string,
  roles: Role[],
): Promise<SessionUser> {
  const suffix = randomUUID().slice(0, 8);
  const user: SessionUser = {
    id: randomUUID(),
    email: `${name.toLowerCase().replaceAll(" ", "-")}-${suffix}@example.test`,
    displayName: `${name} ${suffix}`,
    identityKey: null,
    roles,
  };
  await db.transaction(async (tx) => {
    await insertUsers(tx, [user]);
    await insertRoleAssignments(
      tx,
      roles.map((role) => ({ userId: user.id, role, assignedBy: "test" })),
    );
  });
  return user;
}

/**
 * A control launched once (the generation fixture's organisation, a quarterly schedule) whose
 * reviewers decided some items through the reviewers' own procedure, one of them twice, and an
 * auditor and an administrator to look at it.
 */
export async function createAuditFixture(
  db: Database,
  options: { launchedAt?: Date } = {},
): Promise<AuditFixture> {
  const generation = await createGenerationFixture(db);
  const launchedAt = options.launchedAt ?? new Date("2026-03-02T09:00:00.000Z");
  const definition = await createCampaignDefinition(db, {
    input: generation.definition({ recurrence: "0 9 * 1,4,7,10 MON#1" }),
    actor: { user: generation.users.carl.id },
    now: launchedAt,
  });
  const launched = await launchCampaign(db, {
    definitionId: definition.id,
    snapshotId: generation.snapshotId,
    launchedBy: { user: generation.users.carl.id },
    now: launchedAt,
  });
  const campaignId = launched.campaign.id;
  const items = await db.query<{ id: string; reviewerId: string; version: number }>(
    `select id, reviewer_id as "reviewerId", version from review_items
     where campaign_id = $1 order by id`,
    [campaignId],
  );
  const reviewers = new Map(Object.values(generation.users).map((user) => [user.id, user]));
  const decidedAt = new Date(launchedAt.getTime() + 24 * 60 * 60 * 1000);
  const decidedItemIds: string[] = [];
  let changedItemId = "";
  for (const [index, item] of items.entries()) {
    const reviewer = reviewers.get(item.reviewerId);
    if (!reviewer || index % 3 === 2) continue;
    const caller = createTestCaller({ db, user: reviewer, now: decidedAt });
    const decide = (decision: "approve" | "revoke", version: number) =>
      caller.reviews.recordDecision({
        itemId: item.id,
        decision,
        version,
        ...(decision === "revoke" ? { justification: "No longer needed" } : {}),
        diligence: { timeOnItemMs: 4_000, contextViewed: true },
      } as Parameters<typeof caller.reviews.recordDecision>[0]);
    const first = await decide("approve", item.version);
    if (!changedItemId) {
      await decide("revoke", first.version);
      changedItemId = item.id;
    }
    decidedItemIds.push(item.id);
  }
  if (!changedItemId) throw new Error("the audit fixture decided no item");
  return {
    generation,
    definitionId: definition.id,
    campaignId,
    auditor: await addAuditUser(db, "Auditor", ["auditor"]),
    admin: await addAuditUser(db, "Admin", ["admin"]),
    launchedAt,
    decidedItemIds,
    changedItemId,
  };
}
