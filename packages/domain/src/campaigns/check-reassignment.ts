export interface ReassignedItem {
  id: string;
  reviewerId: string;
  decided: boolean;
  /** The item's review is over: a close outcome, or a later stage has taken it over. */
  reviewClosed: boolean;
  /** The external id of the identity whose access this is. */
  subjectIdentityKey: string;
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
  | { kind: "separation_of_duties"; message: string };

/**
 * Whether an item may move to another reviewer. Separation of duties holds for reassignment as
 * it does for generation: nobody reviews their own access or a non-human identity they own.
 */
export function checkReassignment(
  item: ReassignedItem,
  to: Reassignee,
): ReassignmentRefusal | null {
  if (!to.active || !to.isReviewer) {
    return {
      kind: "invalid",
      field: "toReviewerId",
      message: "toReviewerId must be an active user with the reviewer role",
    };
  }
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
  if (to.identityKey !== null && to.identityKey === item.subjectIdentityKey) {
    return {
      kind: "separation_of_duties",
      message: `Item ${item.id} is about the new reviewer's own access; nobody reviews their own access.`,
    };
  }
  if (to.identityKey !== null && to.identityKey === item.subjectOwnerKey) {
    return {
      kind: "separation_of_duties",
      message: `Item ${item.id} is about a non-human identity the new reviewer owns; an owner does not review it.`,
    };
  }
  return null;
}
