import type { Decision } from "./campaign";

/**
 * With a second stage, stage one runs for the first half of the campaign (starts_at to the
 * midpoint of starts_at and due_at) and stage two for the rest, so both stages get the same
 * time and stage two still has half the campaign when it opens. Without a second stage the
 * whole campaign is stage one.
 */
export function stageOneEndsAt(startsAt: Date, dueAt: Date): Date {
  return new Date(startsAt.getTime() + Math.floor((dueAt.getTime() - startsAt.getTime()) / 2));
}

/**
 * Whether a stage-one item goes on to stage two: approved and excepted access is confirmed by
 * the second reviewer, and undecided access still needs a review; a revoke ends the chain.
 */
export function continuesToNextStage(decision: Decision | null): boolean {
  return decision !== "revoke";
}
