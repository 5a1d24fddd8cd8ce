import type { Queryable } from "@attest/db/database";
import {
  listReviewerDirectory,
  listReviewerPrivilegedSystems,
  type PopulationRow,
} from "@attest/db/repositories/review-population";
import type { RoutingReason } from "@attest/domain/campaigns/campaign-definition";
import {
  type Reviewer,
  type ReviewerDirectory,
  type ReviewerRule,
  type ReviewSubject,
  routeReviewItem,
} from "@attest/domain/campaigns/reviewer-assignment";

/** Where one item goes, and whether its reviewer is independent of the system under review. */
export type RoutedItem =
  | {
      assigned: true;
      reviewerId: string;
      routedFromId: string | null;
      routingReason: RoutingReason | null;
      routingNote: string | null;
      /** The reviewer's own identity holds privileged access on this system (certifier independence). */
      reviewerHoldsPrivileged: boolean;
    }
  | { assigned: false; problem: string };

/**
 * Reviewer resolution for one snapshot, loaded once and used for every item of a launch and for
 * each second-stage item later: the same people, the same rules, the same independence check.
 */
export interface ReviewerRouting {
  route(row: PopulationRow, rule: ReviewerRule): RoutedItem;
  reviewerName(userId: string): string;
}

function unavailability(row: {
  status: "active" | "disabled";
  isReviewer: boolean;
  identityStatus: string | null;
}): string | null {
  if (row.status !== "active") return "has a disabled Attest account";
  if (row.identityStatus === "terminated") return "has left (terminated in the snapshot)";
  if (!row.isReviewer) return "does not have the reviewer role";
  return null;
}

function reviewSubjectOf(row: PopulationRow): ReviewSubject {
  return {
    identityKey: row.identityKey,
    identityName: row.identityName,
    identityKind: row.identityKind,
    managerKey: row.managerKey,
    ownerKey: row.ownerKey,
    systemName: row.systemName,
    systemOwnerKey: row.systemOwnerKey,
    entitlementName: row.entitlementName,
    entitlementOwnerKey: row.entitlementOwnerKey,
  };
}

export async function loadReviewerRouting(
  db: Queryable,
  snapshotId: string,
): Promise<ReviewerRouting> {
  const rows = await listReviewerDirectory(db, snapshotId);
  const byId = new Map<string, Reviewer>();
  const byIdentityKey = new Map<string, Reviewer>();
  for (const row of rows) {
    const reviewer: Reviewer = {
      id: row.id,
      name: row.displayName,
      identityKey: row.identityKey,
      managerKey: row.managerKey,
      unavailable: unavailability(row),
    };
    byId.set(row.id, reviewer);
    if (row.identityKey === null) continue;
    // Two users may claim one identity; one who can review wins, then the lowest id (rows are
    // ordered by id), so the choice never depends on the order the database returns them in.
    const current = byIdentityKey.get(row.identityKey);
    if (!current || (current.unavailable !== null && reviewer.unavailable === null))
      byIdentityKey.set(row.identityKey, reviewer);
  }
  const directory: ReviewerDirectory = {
    byId: (id) => byId.get(id),
    byIdentityKey: (key) => byIdentityKey.get(key),
  };
  const privileged = new Set(
    (await listReviewerPrivilegedSystems(db, snapshotId)).map(
      (holding) => `${holding.identityKey}\u0000${holding.systemId}`,
    ),
  );
  return {
    route(row, rule) {
      const route = routeReviewItem(reviewSubjectOf(row), rule, directory);
      if (!route.assigned) return route;
      const identityKey = byId.get(route.reviewerId)?.identityKey ?? null;
      return {
        ...route,
        reviewerHoldsPrivileged:
          identityKey !== null && privileged.has(`${identityKey}\u0000${row.systemId}`),
      };
    },
    reviewerName: (userId) => byId.get(userId)?.name ?? userId,
  };
}
