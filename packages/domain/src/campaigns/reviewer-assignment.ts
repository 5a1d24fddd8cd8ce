import { type IdentityKind, isNonHuman } from "../inventory/identity-kinds";
import type { ReviewerStrategy } from "./campaign";
import type { RoutingReason } from "./campaign-definition";

/**
 * Who reviews an item (issue 5, docs/decisions/008-campaign-generation.md): the definition's
 * strategy names a person; separation of duties moves the item away from anyone reviewing
 * their own access or a non-human identity they own; whoever cannot be found or cannot review
 * leaves the item to the fallback reviewer. Pure: the caller loads the people once per
 * snapshot and routes every item of a campaign (stage one, and stage two later) through here.
 */

/** The facts about an item's subject that decide its reviewer. Keys are identity external ids. */
export interface ReviewSubject {
  identityKey: string;
  identityName: string;
  identityKind: IdentityKind;
  managerKey: string | null;
  /** The accountable owner of a non-human identity. */
  ownerKey: string | null;
  systemName: string;
  systemOwnerKey: string | null;
  entitlementName: string;
  entitlementOwnerKey: string | null;
}

/** An Attest user who might review, as of the campaign's snapshot. */
export interface Reviewer {
  id: string;
  name: string;
  /** The identity this user is (users.identity_key), if any. */
  identityKey: string | null;
  /** That identity's manager in the snapshot: where separation of duties sends an item. */
  managerKey: string | null;
  /** Why this user cannot take review work, as a phrase ("has no reviewer role"); null if they can. */
  unavailable: string | null;
}

export interface ReviewerDirectory {
  byId(id: string): Reviewer | undefined;
  byIdentityKey(identityKey: string): Reviewer | undefined;
}

export interface ReviewerRule {
  strategy: ReviewerStrategy;
  namedReviewerId: string | null;
  fallbackReviewerId: string;
}

export type ReviewerRoute =
  | {
      assigned: true;
      reviewerId: string;
      /** The reviewer the strategy named, when separation of duties moved the item. */
      routedFromId: string | null;
      routingReason: RoutingReason | null;
      /** One sentence for the control owner and the auditor; null when nothing was re-routed. */
      routingNote: string | null;
    }
  | { assigned: false; problem: string };

/** Separation-of-duties reasons: the strategy found someone, but they may not review this item. */
export type ConflictReason = Extract<RoutingReason, "self_review" | "owns_identity">;

const strategyRoles: Record<ReviewerStrategy, string> = {
  manager: "manager",
  entitlement_owner: "entitlement owner",
  system_owner: "system owner",
  identity_owner: "owner",
  named: "named reviewer",
};

/**
 * Whether this reviewer may not review the subject's access, and why. Under the identity-owner
 * strategy the owner is the certifier the definition asked for: owning the identity is why they
 * review it, so ownership is a conflict only for someone the strategy did not pick for it.
 * ("Uses the identity" is not checked: no import format records who uses a non-human identity.)
 */
export function reviewConflict(
  reviewer: Pick<Reviewer, "identityKey">,
  subject: Pick<ReviewSubject, "identityKey" | "identityKind" | "ownerKey">,
  options: { ownerIsCertifier: boolean },
): ConflictReason | null {
  if (reviewer.identityKey === null) return null;
  if (reviewer.identityKey === subject.identityKey) return "self_review";
  if (
    !options.ownerIsCertifier &&
    isNonHuman(subject.identityKind) &&
    subject.ownerKey === reviewer.identityKey
  )
    return "owns_identity";
  return null;
}

type StrategyPick = { reviewer: Reviewer } | { missing: string };

function pickByIdentity(
  directory: ReviewerDirectory,
  key: string | null,
  role: string,
  noneRecorded: string,
): StrategyPick {
  if (key === null) return { missing: noneRecorded };
  const reviewer = directory.byIdentityKey(key);
  if (!reviewer) return { missing: `${role} ${key} has no Attest user` };
  if (reviewer.unavailable) return { missing: `${role} ${reviewer.name} ${reviewer.unavailable}` };
  return { reviewer };
}

/** The person the strategy names for this subject, or why there is none. */
function pickStrategyReviewer(
  subject: ReviewSubject,
  rule: ReviewerRule,
  directory: ReviewerDirectory,
): StrategyPick {
  switch (rule.strategy) {
    case "manager":
      return pickByIdentity(
        directory,
        subject.managerKey,
        `${subject.identityName}'s manager`,
        `${subject.identityName} has no manager in the snapshot`,
      );
    case "entitlement_owner":
      return pickByIdentity(
        directory,
        subject.entitlementOwnerKey,
        `the owner of ${subject.entitlementName}`,
        `${subject.entitlementName} on ${subject.systemName} has no owner in the snapshot`,
      );
    case "system_owner":
      return pickByIdentity(
        directory,
        subject.systemOwnerKey,
        `the owner of ${subject.systemName}`,
        `${subject.systemName} has no owner in the snapshot`,
      );
    case "identity_owner":
      return pickByIdentity(
        directory,
        isNonHuman(subject.identityKind) ? subject.ownerKey : null,
        `${subject.identityName}'s owner`,
        `${subject.identityName} is a person, not a non-human identity with an owner`,
      );
    case "named": {
      const reviewer = rule.namedReviewerId ? directory.byId(rule.namedReviewerId) : undefined;
      if (!reviewer) return { missing: "the named reviewer no longer exists" };
      if (reviewer.unavailable)
        return { missing: `the named reviewer ${reviewer.name} ${reviewer.unavailable}` };
      return { reviewer };
    }
  }
}

function conflictSentence(
  reviewer: Reviewer,
  subject: ReviewSubject,
  reason: ConflictReason,
  role: string,
): string {
  return reason === "self_review"
    ? `${reviewer.name} (${role}) may not review their own access`
    : `${reviewer.name} (${role}) owns ${subject.identityName} and may not review it`;
}

/** Capitalises the first letter of a sentence built from phrases. */
function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** Whether someone found on the way may take the item: available, and free of conflict. */
function canTake(candidate: Reviewer, subject: ReviewSubject): boolean {
  return (
    candidate.unavailable === null &&
    reviewConflict(candidate, subject, { ownerIsCertifier: false }) === null
  );
}

function managerIn(directory: ReviewerDirectory, reviewer: Reviewer): Reviewer | undefined {
  return reviewer.managerKey === null ? undefined : directory.byIdentityKey(reviewer.managerKey);
}

/**
 * Routes one item: the strategy's reviewer when they can take it without a conflict; otherwise
 * their manager (separation of duties), else the fallback reviewer, else the fallback reviewer's
 * manager. Returns a problem when nobody on that path may review it.
 */
export function routeReviewItem(
  subject: ReviewSubject,
  rule: ReviewerRule,
  directory: ReviewerDirectory,
): ReviewerRoute {
  const role = strategyRoles[rule.strategy];
  const pick = pickStrategyReviewer(subject, rule, directory);

  let reason: RoutingReason;
  let routedFromId: string | null = null;
  let because: string;
  if ("reviewer" in pick) {
    const conflict = reviewConflict(pick.reviewer, subject, {
      ownerIsCertifier: rule.strategy === "identity_owner",
    });
    if (conflict === null) {
      return {
        assigned: true,
        reviewerId: pick.reviewer.id,
        routedFromId: null,
        routingReason: null,
        routingNote: null,
      };
    }
    reason = conflict;
    routedFromId = pick.reviewer.id;
    because = conflictSentence(pick.reviewer, subject, conflict, role);
    const manager = managerIn(directory, pick.reviewer);
    if (manager && canTake(manager, subject)) {
      return {
        assigned: true,
        reviewerId: manager.id,
        routedFromId,
        routingReason: reason,
        routingNote: sentence(`${because}; sent to their manager ${manager.name}`),
      };
    }
    because += ", and they have no manager in Attest who may";
  } else {
    reason = "no_strategy_reviewer";
    because = `no ${role} can review: ${pick.missing}`;
  }

  const fallback = directory.byId(rule.fallbackReviewerId);
  if (fallback && canTake(fallback, subject)) {
    return {
      assigned: true,
      reviewerId: fallback.id,
      routedFromId,
      routingReason: reason,
      routingNote: sentence(`${because}; sent to the fallback reviewer ${fallback.name}`),
    };
  }
  const fallbackManager = fallback ? managerIn(directory, fallback) : undefined;
  if (fallback && fallbackManager && canTake(fallbackManager, subject)) {
    const fallbackConflict = reviewConflict(fallback, subject, { ownerIsCertifier: false });
    const whyNotFallback = fallbackConflict
      ? conflictSentence(fallback, subject, fallbackConflict, "fallback reviewer")
      : `the fallback reviewer ${fallback.name} ${fallback.unavailable ?? "cannot review"}`;
    return {
      assigned: true,
      reviewerId: fallbackManager.id,
      routedFromId,
      routingReason: reason,
      routingNote: sentence(
        `${because}; ${whyNotFallback}, so it went to their manager ${fallbackManager.name}`,
      ),
    };
  }
  return {
    assigned: false,
    problem: sentence(
      `Nobody may review ${subject.identityName}'s ${subject.entitlementName} on ${subject.systemName}: ${because}, and neither the fallback reviewer nor their manager may`,
    ),
  };
}
