import { randomUUID } from "node:crypto";
import type { Database } from "@attest/db/database";
import { insertRoleAssignments, insertUsers } from "@attest/db/repositories/users";
import type { Role } from "@attest/domain/access/roles";
import type { CampaignStatus, UndecidedRule } from "@attest/domain/campaigns/campaign";
import type { CloseOutcome, RoutingReason } from "@attest/domain/campaigns/campaign-definition";
import type { SessionUser } from "../context";
import { createReviewFixture, type ReviewFixture } from "./review-fixture";

export interface LifecycleFixture extends ReviewFixture {
  definitionId: string;
  /** A reviewer with no stake in the fixture's grants: reassignments and stage two go to them. */
  otherReviewer: SessionUser;
  /** A control owner of other campaigns, not this one. */
  otherControlOwner: SessionUser;
  admin: SessionUser;
}

export interface LifecycleFixtureOptions {
  status?: CampaignStatus;
  undecidedRule?: UndecidedRule;
  /** Adds a second stage reviewed by `otherReviewer`. */
  secondStage?: boolean;
  startsAt?: string;
  dueAt?: string;
}

async function addUser(db: Database, name: string, roles: Role[]): Promise<SessionUser> {
  const suffix = randomUUID().slice(0, 8);
  const user: SessionUser = {
    id: randomUUID(),
    email: `${name.toLowerCase().replaceAll(" ", "-")}-${suffix}@example.test`,
    displayName: `${name} ${suffix}`,
    identityKey: `U-${suffix}`,
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
 * The review fixture (a manager, control owner of the campaign, reviewing an employee's grant
 * and, wrongly, their own) with the people the lifecycle needs around it, and the definition's
 * undecided rule, second stage and campaign dates set as the test asks.
 */
export async function createLifecycleFixture(
  db: Database,
  options: LifecycleFixtureOptions = {},
): Promise<LifecycleFixture> {
  const fixture = await createReviewFixture(db, { status: options.status ?? "active" });
  const otherReviewer = await addUser(db, "Other Reviewer", ["reviewer"]);
  const otherControlOwner = await addUser(db, "Other Owner", ["control_owner"]);
  const admin = await addUser(db, "Admin", ["admin"]);
  const [campaign] = await db.query<{ definitionId: string }>(
    `select definition_id as "definitionId" from campaigns where id = $1`,
    [fixture.campaignId],
  );
  if (!campaign) throw new Error("fixture campaign vanished");
  // the campaign keeps the rules it was launched with (migration 0011): set both
  await db.query(
    `update campaign_definitions set undecided_rule = $2, second_stage = $3 where id = $1`,
    [
      campaign.definitionId,
      options.undecidedRule ?? "not_reviewed",
      options.secondStage
        ? JSON.stringify({ reviewerStrategy: "named", namedReviewerId: otherReviewer.id })
        : null,
    ],
  );
  await db.query(`update campaigns set undecided_rule = $2, second_stage = $3 where id = $1`, [
    fixture.campaignId,
    options.undecidedRule ?? "not_reviewed",
    options.secondStage
      ? JSON.stringify({ reviewerStrategy: "named", namedReviewerId: otherReviewer.id })
      : null,
  ]);
  if (options.startsAt || options.dueAt) {
    await db.query(
      `update campaigns set starts_at = coalesce($2, starts_at), due_at = coalesce($3, due_at)
       where id = $1`,
      [fixture.campaignId, options.startsAt ?? null, options.dueAt ?? null],
    );
  }
  return {
    ...fixture,
    definitionId: campaign.definitionId,
    otherReviewer,
    otherControlOwner,
    admin,
  };
}

export interface ItemState {
  id: string;
  stage: number;
  reviewerId: string;
  decision: string | null;
  closeOutcome: CloseOutcome | null;
  routedFromId: string | null;
  routingReason: RoutingReason | null;
  routingNote: string | null;
  previousStageItemId: string | null;
  version: number;
}

/** Every item of a campaign with its lifecycle columns, stage then id order. */
export async function readItemStates(db: Database, campaignId: string): Promise<ItemState[]> {
  return db.query<ItemState>(
    `select id, stage, reviewer_id as "reviewerId", decision, close_outcome as "closeOutcome",
            routed_from_id as "routedFromId", routing_reason as "routingReason",
            routing_note as "routingNote", previous_stage_item_id as "previousStageItemId", version
     from review_items where campaign_id = $1 order by stage, id`,
    [campaignId],
  );
}

export interface LedgerEntry {
  actor: string;
  action: string;
  payload: Record<string, unknown>;
}

/** The ledger events about a subject (a campaign or an item), in order. */
export async function readEvidenceAbout(db: Database, subjectId: string): Promise<LedgerEntry[]> {
  return db.query<LedgerEntry>(
    `select actor, action, payload from evidence_events where $1 = any(subject_ids) order by seq`,
    [subjectId],
  );
}
