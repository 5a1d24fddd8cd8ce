import type { ReviewItemContext } from "./review-item-context";

export const allReviewItemFlags = [
  "terminated",
  "account_disabled",
  "unused_90_days",
  "orphaned_owner",
  "stale_credential",
  "uncommon_among_peers",
] as const;

export type ReviewItemFlag = (typeof allReviewItemFlags)[number];

export const reviewItemFlagLabels: Record<ReviewItemFlag, string> = {
  terminated: "Terminated or inactive",
  account_disabled: "Account disabled",
  unused_90_days: "Unused for 90 days",
  orphaned_owner: "Owner not active",
  stale_credential: "Credential not rotated for a year",
  uncommon_among_peers: "Uncommon among peers",
};

/** Thresholds of the flags; the queue's SQL (packages/db review-queue.ts) uses the same. */
export const unusedAfterDays = 90;
export const staleCredentialAfterDays = 365;
export const minimumPeerGroup = 5;
/** Fewer than this share of the peers hold the entitlement: uncommon. */
export const uncommonPeerShare = 0.1;

const dayMs = 86_400_000;

/**
 * What deserves a reviewer's attention on one item, read from its frozen context as of the
 * campaign's launch (when the context was frozen), so an item's flags never change over time.
 * The peer group is the department if it has at least five other members, else the manager's
 * team if that has; a smaller group says nothing.
 */
export function reviewItemFlags(context: ReviewItemContext, asOf: Date): ReviewItemFlag[] {
  const flags: ReviewItemFlag[] = [];
  if (context.identity.status !== "active" || context.identity.terminatedOn !== null) {
    flags.push("terminated");
  }
  if (context.account.status === "disabled") flags.push("account_disabled");
  const lastUsed = context.grant.lastUsedAt ?? context.account.lastLoginAt;
  if (lastUsed === null || Date.parse(lastUsed) < asOf.getTime() - unusedAfterDays * dayMs) {
    flags.push("unused_90_days");
  }
  const nonHuman = context.nonHuman;
  if (nonHuman) {
    if (nonHuman.ownerStatus !== "active") flags.push("orphaned_owner");
    const rotationAgeDays =
      "rotationAgeDays" in nonHuman
        ? nonHuman.rotationAgeDays
        : nonHuman.lastRotatedAt === null
          ? null
          : Math.floor((asOf.getTime() - Date.parse(nonHuman.lastRotatedAt)) / dayMs);
    if (rotationAgeDays === null || rotationAgeDays > staleCredentialAfterDays) {
      flags.push("stale_credential");
    }
  }
  if (context.version === 2) {
    const group = [context.peers.department, context.peers.manager].find(
      (share) => share !== null && share.peers >= minimumPeerGroup,
    );
    if (group && group.holding < group.peers * uncommonPeerShare) {
      flags.push("uncommon_among_peers");
    }
  }
  return flags;
}
