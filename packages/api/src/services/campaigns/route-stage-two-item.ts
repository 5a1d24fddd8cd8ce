import type { Queryable } from "@attest/db/database";
import { findStageOneItems, type StageOneItemRow } from "@attest/db/repositories/campaign-launches";
import { selectReviewPopulation } from "@attest/db/repositories/review-population";
import {
  campaignDefinitionInput,
  type RoutingReason,
} from "@attest/domain/campaigns/campaign-definition";
import { AppError } from "../../app-error";
import { loadReviewerRouting } from "./reviewer-routing";

export interface StageTwoRoute {
  stageOneItemId: string;
  campaignId: string;
  grantId: string;
  reviewerId: string;
  routedFromId: string | null;
  routingReason: RoutingReason | null;
  routingNote: string | null;
  reviewerHoldsPrivileged: boolean;
  /** The stage-one item's frozen context: both stages review what the campaign froze. */
  context: unknown;
  /** The item's second stage, when it has already been opened. */
  existingItemId: string | null;
}

/**
 * Routes the second-stage items that follow first-stage items (approved, excepted or left
 * undecided; a revoke ends the chain), with the definition's
 * second-stage strategy and the same reviewer resolution, separation of duties and
 * independence check as launch, against the campaign's own snapshot. Writes nothing.
 */
export async function routeStageTwoItems(
  db: Queryable,
  stageOneItemIds: readonly string[],
): Promise<StageTwoRoute[]> {
  const rows = await findStageOneItems(db, stageOneItemIds);
  const found = new Set(rows.map((row) => row.id));
  const missing = stageOneItemIds.find((id) => !found.has(id));
  if (missing)
    throw new AppError("not_found", `No review item ${missing}.`, { field: "stageOneItemId" });

  const routes: StageTwoRoute[] = [];
  const byCampaign = new Map<string, StageOneItemRow[]>();
  for (const row of rows) {
    if (row.stage !== 1)
      throw new AppError("precondition_failed", `Review item ${row.id} is not a stage-one item.`, {
        field: "stageOneItemId",
      });
    if (row.decision === "revoke")
      throw new AppError(
        "precondition_failed",
        `Review item ${row.id} was revoked: a revoke in stage one ends the chain.`,
        { field: "stageOneItemId" },
      );
    const group = byCampaign.get(row.campaignId);
    if (group) group.push(row);
    else byCampaign.set(row.campaignId, [row]);
  }

  for (const group of byCampaign.values()) {
    const first = group[0] as StageOneItemRow;
    // The second stage the campaign was launched with, not whatever its definition says now.
    const secondStage = campaignDefinitionInput.shape.secondStage.parse(first.secondStage);
    if (!secondStage)
      throw new AppError(
        "precondition_failed",
        `The campaign "${first.campaignName}" has no second stage.`,
        { field: "stageOneItemId" },
      );
    const rule = {
      strategy: secondStage.reviewerStrategy,
      namedReviewerId: secondStage.namedReviewerId,
      fallbackReviewerId: first.fallbackReviewerId,
    };
    const routing = await loadReviewerRouting(db, first.snapshotId);
    const population = new Map(
      (
        await selectReviewPopulation(db, {
          snapshotId: first.snapshotId,
          scope: {},
          grantIds: group.map((row) => row.grantId),
        })
      ).map((row) => [row.grantId, row]),
    );
    for (const item of group) {
      const subject = population.get(item.grantId);
      if (!subject) throw new Error(`grant ${item.grantId} of review item ${item.id} is missing`);
      const route = routing.route(subject, rule);
      if (!route.assigned)
        throw new AppError("precondition_failed", route.problem, { field: "stageOneItemId" });
      routes.push({
        stageOneItemId: item.id,
        campaignId: item.campaignId,
        grantId: item.grantId,
        reviewerId: route.reviewerId,
        routedFromId: route.routedFromId,
        routingReason: route.routingReason,
        routingNote: route.routingNote,
        reviewerHoldsPrivileged: route.reviewerHoldsPrivileged,
        context: item.context,
        existingItemId: item.stageTwoItemId,
      });
    }
  }
  return routes;
}

/** Routes the second-stage item of one first-stage item (see routeStageTwoItems). */
export async function routeStageTwoItem(
  db: Queryable,
  options: { stageOneItemId: string },
): Promise<StageTwoRoute> {
  const [route] = await routeStageTwoItems(db, [options.stageOneItemId]);
  if (!route) throw new Error(`review item ${options.stageOneItemId} was not routed`);
  return route;
}
