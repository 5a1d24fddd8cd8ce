import type { UndecidedRule } from "./campaign";
import type { CloseOutcome } from "./campaign-definition";

const outcomes: Record<UndecidedRule, CloseOutcome> = {
  keep: "kept",
  revoke: "revoked",
  not_reviewed: "not_reviewed",
};

/** What closing records on an item nobody decided: the definition's undecided rule, applied. */
export function closeOutcomeFor(rule: UndecidedRule): CloseOutcome {
  return outcomes[rule];
}

export interface SignOffState {
  controlOwnerId: string;
  /** Items of the current review (not passed on to a later stage) with no decision and no close outcome. */
  undecidedItems: number;
  /** Stage-one items that needed a second stage which never opened for them. */
  itemsAwaitingNextStage: number;
}

export type SignOffRefusal =
  | { kind: "not_control_owner"; message: string }
  | { kind: "unresolved"; message: string };

function items(count: number): string {
  return count === 1 ? "1 item" : `${count} items`;
}

/**
 * Sign-off is the control owner's attestation that the review ran to completion: only the
 * definition's control owner gives it, and never while anything is left open.
 */
export function checkSignOff(state: SignOffState, signerId: string): SignOffRefusal | null {
  if (signerId !== state.controlOwnerId) {
    return {
      kind: "not_control_owner",
      message: "Only the campaign's control owner can sign it off.",
    };
  }
  if (state.undecidedItems > 0) {
    return {
      kind: "unresolved",
      message: `${items(state.undecidedItems)} still ${state.undecidedItems === 1 ? "has" : "have"} no decision and no close outcome; the campaign cannot be signed off until every item is resolved.`,
    };
  }
  if (state.itemsAwaitingNextStage > 0) {
    return {
      kind: "unresolved",
      message: `${items(state.itemsAwaitingNextStage)} never reached ${state.itemsAwaitingNextStage === 1 ? "its" : "their"} second-stage review; the campaign cannot be signed off until every item is resolved.`,
    };
  }
  return null;
}
