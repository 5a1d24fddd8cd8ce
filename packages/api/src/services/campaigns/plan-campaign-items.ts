import type { Queryable } from "@attest/db/database";
import {
  countOrphanGrants,
  findUnmatchedScopeKeys,
  type PopulationRow,
  selectReviewPopulation,
} from "@attest/db/repositories/review-population";
import type {
  CampaignDefinitionInput,
  RoutingReason,
} from "@attest/domain/campaigns/campaign-definition";
import { buildReviewItemContext } from "@attest/domain/reviews/build-review-item-context";
import type { ReviewItemContextV2 } from "@attest/domain/reviews/review-item-context";
import { loadReviewerRouting, type ReviewerRouting } from "./reviewer-routing";

export interface PlannedItem {
  grantId: string;
  reviewerId: string;
  routedFromId: string | null;
  routingReason: RoutingReason | null;
  routingNote: string | null;
  reviewerHoldsPrivileged: boolean;
  context: ReviewItemContextV2;
}

export interface CampaignPlan {
  snapshotId: string;
  items: PlannedItem[];
  /** Items nobody may review without a conflict: a launch refuses while there are any. */
  unassignable: string[];
  /** In-scope grants of orphan accounts: no identity to review, so no item. */
  orphanGrants: number;
  unmatchedScopeKeys: { systemKeys: string[]; entitlementKeys: string[] };
  routing: ReviewerRouting;
}

/** The frozen context of one population row, as of the moment of generation. */
function contextOf(row: PopulationRow, generatedAt: Date): ReviewItemContextV2 {
  return buildReviewItemContext(
    {
      identity: {
        externalId: row.identityKey,
        displayName: row.identityName,
        kind: row.identityKind,
        status: row.identityStatus,
        email: row.email,
        department: row.department,
        title: row.title,
        managerName: row.managerName,
        terminatedOn: row.terminatedOn,
        lastRotatedAt: row.lastRotatedAt,
      },
      owner:
        row.ownerKey !== null && row.ownerName !== null && row.ownerStatus !== null
          ? { externalId: row.ownerKey, displayName: row.ownerName, status: row.ownerStatus }
          : null,
      account: {
        username: row.username,
        status: row.accountStatus,
        lastLoginAt: row.lastLoginAt,
      },
      system: {
        key: row.systemKey,
        name: row.systemName,
        criticality: row.criticality,
        soxInScope: row.soxInScope,
      },
      entitlement: {
        key: row.entitlementKey,
        name: row.entitlementName,
        description: row.entitlementDescription,
        privileged: row.privileged,
        risk: row.risk,
      },
      grant: {
        grantedAt: row.grantedAt,
        grantedBy: row.grantedBy,
        ticket: row.ticket,
        expiresAt: row.expiresAt,
        lastUsedAt: row.lastUsedAt,
      },
      peers: {
        department:
          row.department !== null && row.departmentPeers !== null
            ? {
                name: row.department,
                peers: row.departmentPeers,
                holding: row.departmentPeersHolding ?? 0,
              }
            : null,
        manager:
          row.managerName !== null && row.teamPeers !== null
            ? { name: row.managerName, peers: row.teamPeers, holding: row.teamPeersHolding ?? 0 }
            : null,
      },
    },
    generatedAt,
  );
}

/**
 * Stage one of a campaign as it would be generated now: the scope's grants in one query, each
 * routed to its reviewer, each with its frozen context. Reads only; preview shows this plan and
 * launch writes it, so what a control owner previews is what launches.
 */
export async function planCampaignItems(
  db: Queryable,
  options: { definition: CampaignDefinitionInput; snapshotId: string; now: Date },
): Promise<CampaignPlan> {
  const { definition, snapshotId, now } = options;
  const filter = { snapshotId, scope: definition.scope };
  const routing = await loadReviewerRouting(db, snapshotId);
  const population = await selectReviewPopulation(db, filter);
  const rule = {
    strategy: definition.reviewerStrategy,
    namedReviewerId: definition.namedReviewerId,
    fallbackReviewerId: definition.fallbackReviewerId,
  };
  const items: PlannedItem[] = [];
  const unassignable: string[] = [];
  for (const row of population) {
    const route = routing.route(row, rule);
    if (!route.assigned) {
      unassignable.push(route.problem);
      continue;
    }
    items.push({
      grantId: row.grantId,
      reviewerId: route.reviewerId,
      routedFromId: route.routedFromId,
      routingReason: route.routingReason,
      routingNote: route.routingNote,
      reviewerHoldsPrivileged: route.reviewerHoldsPrivileged,
      context: contextOf(row, now),
    });
  }
  return {
    snapshotId,
    items,
    unassignable,
    orphanGrants: await countOrphanGrants(db, filter),
    unmatchedScopeKeys: await findUnmatchedScopeKeys(db, snapshotId, definition.scope),
    routing,
  };
}

export interface ReviewerLoad {
  reviewerId: string;
  reviewerName: string;
  items: number;
}

/** What a control owner checks before launching, and what the launch event records. */
export interface CampaignPlanSummary {
  snapshotId: string;
  populationSize: number;
  reviewerCount: number;
  /** The 20 reviewers with the most items, most first. */
  reviewerLoad: ReviewerLoad[];
  /** Items not with the strategy's reviewer, by routing reason (separation of duties, no reviewer). */
  rerouted: Partial<Record<RoutingReason, number>>;
  /** Items the fallback reviewer takes in someone else's place (no strategy reviewer, or a conflict). */
  fallback: { reviewerId: string; reviewerName: string; items: number };
  /** Items whose reviewer holds privileged access on the system under review. */
  independenceFlags: number;
  orphanGrants: number;
  unmatchedScopeKeys: { systemKeys: string[]; entitlementKeys: string[] };
  unassignable: { count: number; examples: string[] };
}

export function summarizePlan(
  plan: CampaignPlan,
  definition: CampaignDefinitionInput,
): CampaignPlanSummary {
  const perReviewer = new Map<string, number>();
  const rerouted: Partial<Record<RoutingReason, number>> = {};
  let independenceFlags = 0;
  let toFallback = 0;
  for (const item of plan.items) {
    perReviewer.set(item.reviewerId, (perReviewer.get(item.reviewerId) ?? 0) + 1);
    if (item.routingReason) {
      rerouted[item.routingReason] = (rerouted[item.routingReason] ?? 0) + 1;
      if (item.reviewerId === definition.fallbackReviewerId) toFallback += 1;
    }
    if (item.reviewerHoldsPrivileged) independenceFlags += 1;
  }
  const reviewerLoad = [...perReviewer]
    .map(([reviewerId, items]) => ({
      reviewerId,
      reviewerName: plan.routing.reviewerName(reviewerId),
      items,
    }))
    .sort(
      (a, b) =>
        b.items - a.items ||
        a.reviewerName.localeCompare(b.reviewerName, "en") ||
        (a.reviewerId < b.reviewerId ? -1 : 1),
    )
    .slice(0, 20);
  return {
    snapshotId: plan.snapshotId,
    populationSize: plan.items.length,
    reviewerCount: perReviewer.size,
    reviewerLoad,
    rerouted,
    fallback: {
      reviewerId: definition.fallbackReviewerId,
      reviewerName: plan.routing.reviewerName(definition.fallbackReviewerId),
      items: toFallback,
    },
    independenceFlags,
    orphanGrants: plan.orphanGrants,
    unmatchedScopeKeys: plan.unmatchedScopeKeys,
    unassignable: { count: plan.unassignable.length, examples: plan.unassignable.slice(0, 5) },
  };
}
