import type { Database } from "@attest/db/database";
import {
  countDecisionsPerDay,
  countItemsByOutcome,
  countItemsByReviewer,
  countItemsBySystem,
  findDashboardCampaign,
  findReviewerNotificationTimes,
} from "@attest/db/repositories/campaign-dashboard";
import type { CampaignStatus, UndecidedRule } from "@attest/domain/campaigns/campaign";
import {
  type CloseOutcome,
  closeOutcomes,
  type RoutingReason,
  routingReasons,
} from "@attest/domain/campaigns/campaign-definition";
import { completionPercent, isOverdue } from "@attest/domain/campaigns/campaign-progress";
import { stageOneEndsAt } from "@attest/domain/campaigns/campaign-stages";
import { AppError } from "../../app-error";
import type { SessionUser } from "../../context";
import { assertCampaignInScope, readAuditScope } from "../audit/audit-scope";
import { resolveActorNames } from "../users/resolve-actor-names";

/** Who did something, as recorded ("user:<id>", "system:<job>"), and their name to show. */
export interface ActorName {
  actor: string;
  name: string;
}

export interface CampaignDashboard {
  campaign: {
    id: string;
    name: string;
    status: CampaignStatus;
    controlId: string;
    controlOwnerId: string;
    controlOwnerName: string;
    startsAt: string;
    dueAt: string;
    closedAt: string | null;
    signedOffAt: string | null;
    /** What closing does to undecided items: the rule the campaign was launched with. */
    undecidedRule: UndecidedRule;
    currentStage: 1 | 2;
    hasSecondStage: boolean;
    /** With a second stage: when stage one ends and stage two opens on its own (halfway). */
    stageTwoOpensAt: string | null;
    /** When stage two actually opened, on time or early by hand; null until it has. */
    stageTwoOpenedAt: string | null;
    /** The inventory snapshot the items were generated from. */
    snapshot: { id: string; source: string; importedAt: string };
    /** Null for campaigns from before launches recorded who launched them. */
    launchedBy: ActorName | null;
    closedBy: ActorName | null;
    signedOffBy: ActorName | null;
    /** The control owner's sign-off statement, word for word. */
    signOffStatement: string | null;
    totalItems: number;
    decidedItems: number;
    pendingItems: number;
    completionPercent: number;
    /** Active and past its due time with items pending. */
    overdue: boolean;
  };
  /**
   * One point per UTC day from the start day to today (or the close day): items decided that
   * day and in all up to its end.
   */
  completion: {
    day: string;
    decided: number;
    cumulativeDecided: number;
    cumulativePercent: number;
  }[];
  reviewers: {
    reviewerId: string;
    name: string;
    email: string;
    total: number;
    decided: number;
    pending: number;
    /** Still has pending items in an active campaign past its due time. */
    overdue: boolean;
    /** The last reminder or overdue digest sent to them (null: never). */
    lastRemindedAt: string | null;
    /** The last escalation to their manager or the control owner about them. */
    lastEscalatedAt: string | null;
    /** Their items on which they hold privileged access to the system under review. */
    independenceFlags: number;
  }[];
  systems: { key: string; name: string; total: number; decided: number }[];
  decisionMix: {
    approve: number;
    revoke: number;
    exception: number;
    undecided: number;
    /** What closing did to undecided items (all zero before close). */
    closeOutcomes: Record<CloseOutcome, number>;
  };
  /** Items whose reviewer holds privileged access on the system under review. */
  independenceFlags: number;
  /** Items separation of duties or a reassignment moved away from the strategy's reviewer. */
  rerouted: { reason: RoutingReason; count: number }[];
  /**
   * Revokes awaiting remediation. There is no remediation tracking yet, so this counts every
   * revoke decision (and every item the close rule revoked): none is known to be carried out.
   */
  revokesAwaitingRemediation: number;
}

const dayMs = 86_400_000;

function utcDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function completionSeries(
  perDay: { day: string; decided: number }[],
  options: { startsAt: string; endsAt: Date; total: number },
): CampaignDashboard["completion"] {
  const start = Date.parse(`${options.startsAt.slice(0, 10)}T00:00:00Z`);
  const lastDecided = perDay.at(-1)?.day;
  const lastDay = Math.max(
    Date.parse(`${utcDay(options.endsAt.getTime())}T00:00:00Z`),
    lastDecided ? Date.parse(`${lastDecided}T00:00:00Z`) : start,
  );
  if (options.endsAt.getTime() < start && !lastDecided) return [];
  const byDay = new Map(perDay.map((row) => [row.day, row.decided]));
  const series: CampaignDashboard["completion"] = [];
  let cumulative = 0;
  for (let time = start; time <= lastDay; time += dayMs) {
    const day = utcDay(time);
    const decided = byDay.get(day) ?? 0;
    cumulative += decided;
    series.push({
      day,
      decided,
      cumulativeDecided: cumulative,
      cumulativePercent: completionPercent({ total: options.total, decided: cumulative }),
    });
  }
  return series;
}

/**
 * The control owner's cockpit for one campaign: completion over time, by reviewer and by
 * system, decision mix, independence flags, re-routing and revokes awaiting remediation.
 * The campaign's own facts (rules, stage, snapshot, who launched, closed and signed it off) are
 * one row by primary keys; then four index-only passes over its items, its notifications and
 * the actors' names, run side by side (on PostgreSQL, on as many connections; bench:
 * campaign-dashboard).
 */
export async function getCampaignDashboard(
  db: Database,
  campaignId: string,
  now: Date,
  viewer: SessionUser,
): Promise<CampaignDashboard> {
  const campaign = await findDashboardCampaign(db, campaignId);
  if (!campaign)
    throw new AppError("not_found", "No campaign with that id.", { field: "campaignId" });
  assertCampaignInScope(await readAuditScope(db, viewer), {
    name: campaign.name,
    launchedAt: campaign.startsAt,
  });
  const signedOffBy = campaign.signedOffById ? `user:${campaign.signedOffById}` : null;
  const actors = [campaign.launchedBy, campaign.closedBy, signedOffBy].filter(
    (actor): actor is string => actor !== null,
  );
  const [reviewerCounts, systems, outcomes, perDay, notificationTimes, actorNames] =
    await Promise.all([
      countItemsByReviewer(db, campaignId),
      countItemsBySystem(db, campaignId),
      countItemsByOutcome(db, campaignId),
      countDecisionsPerDay(db, campaignId),
      findReviewerNotificationTimes(db, campaignId),
      resolveActorNames(db, actors),
    ]);
  const named = (actor: string | null): ActorName | null =>
    actor === null ? null : { actor, name: actorNames.get(actor) ?? actor };

  const decisionMix: CampaignDashboard["decisionMix"] = {
    approve: 0,
    revoke: 0,
    exception: 0,
    undecided: 0,
    closeOutcomes: Object.fromEntries(closeOutcomes.map((outcome) => [outcome, 0])) as Record<
      CloseOutcome,
      number
    >,
  };
  const rerouted = new Map<RoutingReason, number>(routingReasons.map((reason) => [reason, 0]));
  for (const row of outcomes) {
    if (row.decision === "approve" || row.decision === "revoke" || row.decision === "exception")
      decisionMix[row.decision] += row.count;
    else decisionMix.undecided += row.count;
    if (row.closeOutcome && row.closeOutcome in decisionMix.closeOutcomes)
      decisionMix.closeOutcomes[row.closeOutcome as CloseOutcome] += row.count;
    if (row.routingReason && rerouted.has(row.routingReason as RoutingReason)) {
      const reason = row.routingReason as RoutingReason;
      rerouted.set(reason, (rerouted.get(reason) ?? 0) + row.count);
    }
  }

  const totalItems = outcomes.reduce((sum, row) => sum + row.count, 0);
  const decidedItems = decisionMix.approve + decisionMix.revoke + decisionMix.exception;
  const late = campaign.status === "active" && isOverdue(campaign.dueAt, now);
  const times = new Map(notificationTimes.map((row) => [row.reviewerId, row]));
  const reviewers = reviewerCounts.map((row) => {
    const pending = row.total - row.decided;
    return {
      reviewerId: row.reviewerId,
      name: row.name,
      email: row.email,
      total: row.total,
      decided: row.decided,
      pending,
      overdue: late && pending > 0,
      lastRemindedAt: times.get(row.reviewerId)?.lastRemindedAt ?? null,
      lastEscalatedAt: times.get(row.reviewerId)?.lastEscalatedAt ?? null,
      independenceFlags: row.independenceFlags,
    };
  });
  const endsAt = campaign.closedAt ? new Date(campaign.closedAt) : now;

  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      status: campaign.status,
      controlId: campaign.controlId,
      controlOwnerId: campaign.controlOwnerId,
      controlOwnerName: campaign.controlOwnerName,
      startsAt: campaign.startsAt,
      dueAt: campaign.dueAt,
      closedAt: campaign.closedAt,
      signedOffAt: campaign.signedOffAt,
      undecidedRule: campaign.undecidedRule,
      currentStage: campaign.currentStage,
      hasSecondStage: campaign.hasSecondStage,
      stageTwoOpensAt: campaign.hasSecondStage
        ? stageOneEndsAt(new Date(campaign.startsAt), new Date(campaign.dueAt)).toISOString()
        : null,
      stageTwoOpenedAt: campaign.stageAdvancedAt,
      snapshot: {
        id: campaign.snapshotId,
        source: campaign.snapshotSource,
        importedAt: campaign.snapshotImportedAt,
      },
      launchedBy: named(campaign.launchedBy),
      closedBy: named(campaign.closedBy),
      signedOffBy: named(signedOffBy),
      signOffStatement: campaign.signOffStatement,
      totalItems,
      decidedItems,
      pendingItems: totalItems - decidedItems,
      completionPercent: completionPercent({ total: totalItems, decided: decidedItems }),
      overdue: late && totalItems > decidedItems,
    },
    completion: completionSeries(perDay, {
      startsAt: campaign.startsAt,
      endsAt,
      total: totalItems,
    }),
    reviewers,
    systems,
    decisionMix,
    independenceFlags: reviewers.reduce((sum, reviewer) => sum + reviewer.independenceFlags, 0),
    rerouted: [...rerouted].map(([reason, count]) => ({ reason, count })),
    revokesAwaitingRemediation: decisionMix.revoke + decisionMix.closeOutcomes.revoked,
  };
}
