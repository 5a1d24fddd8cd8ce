import type { IdentityKind } from "../inventory/identity-kinds";
import { type ConflictReason, reviewConflict } from "./reviewer-assignment";

export interface ReassignedItem {
  id: string;
  reviewerId: string;
  decided: boolean;
  /** The item's review is over: a close outcome, or a later stage has taken it over. */
  reviewClosed: boolean;
  /** The external id of the identity whose access this is. */
  subjectIdentityKey: string;
  subjectIdentityKind: IdentityKind;
  /** For a non-human identity, its accountable owner's external id. */
  subjectOwnerKey: string | null;
}

export interface Reassignee {
  id: string;
  identityKey: string | null;
  active: boolean;
  isReviewer: boolean;
}

export type ReassignmentRefusal =
  | { kind: "invalid"; field: string; message: string }
  | { kind: "separation_of_duties"; reason: ConflictReason; message: string };

/** Whether someone may take over review work at all, whatever the items. */
export function checkReassignee(to: Reassignee): ReassignmentRefusal | null {
  if (!to.active || !to.isReviewer) {
    return {
      kind: "invalid",
      field: "toReviewerId",
      message: "toReviewerId must be an active user with the reviewer role",
    };
  }
  return null;
}

/**
 * Whether an item may move to another reviewer. Separation of duties holds for reassignment as
 * it does for generation, by the same rule (reviewConflict): nobody reviews their own access or
 * a non-human identity they own. A control owner's choice is never the strategy's certifier, so
 * owning the identity is a conflict here even in an identity-owner campaign.
 */
export function checkReassignment(
  item: ReassignedItem,
  to: Reassignee,
): ReassignmentRefusal | null {
  const unfit = checkReassignee(to);
  if (unfit) return unfit;
  if (item.decided || item.reviewClosed) {
    return {
      kind: "invalid",
      field: "itemIds",
      message: `Item ${item.id} is already decided or closed; only pending items can be reassigned.`,
    };
  }
  if (item.reviewerId === to.id) {
    return {
      kind: "invalid",
      field: "toReviewerId",
      message: `Item ${item.id} is already assigned to that reviewer.`,
    };
  }
  const conflict = reviewConflict(
    to,
    {
      identityKey: item.subjectIdentityKey,
      identityKind: item.subjectIdentityKind,
      ownerKey: item.subjectOwnerKey,
    },
    { ownerIsCertifier: false },
  );
  if (conflict === null) return null;
  return {
    kind: "separation_of_duties",
    reason: conflict,
    message:
      conflict === "self_review"
        ? `Item ${item.id} is about the new reviewer's own access; nobody reviews their own access.`
        : `Item ${item.id} is about a non-human identity the new reviewer owns; an owner does not review it.`,
  };
}
