import { createHash, randomUUID } from "node:crypto";
import type { Database } from "@attest/db/database";
import { listItemsById } from "@attest/db/repositories/audit-population";
import { insertAuditSample } from "@attest/db/repositories/audit-samples";
import type { DrawSampleInput } from "@attest/domain/audit/audit-input";
import { drawSample, type SampleCandidate, stratumOf } from "@attest/domain/audit/draw-sample";
import { isNonHuman } from "@attest/domain/inventory/identity-kinds";
import { AppError } from "../../app-error";
import type { SessionUser } from "../../context";
import { appendEvidence } from "../evidence/append-evidence";
import { hashPopulationCsv, resolvePopulation } from "./get-population";
import { itemContext } from "./population-csv";

export const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

export interface SampledItemView {
  itemId: string;
  campaignId: string;
  campaignName: string;
  identityName: string;
  systemName: string;
  entitlementName: string;
  decision: string | null;
  decidedAt: string | null;
  reviewerName: string;
  stratum: string;
}

/** The sampled items with what an auditor lists for each, in draw order. */
export async function describeSampledItems(
  db: Database,
  sample: { itemIds: readonly string[]; stratifyBy: DrawSampleInput["stratifyBy"] | null },
): Promise<SampledItemView[]> {
  const rows = new Map((await listItemsById(db, sample.itemIds)).map((row) => [row.itemId, row]));
  return sample.itemIds.map((itemId) => {
    const row = rows.get(itemId);
    if (!row) throw new Error(`sampled review item ${itemId} no longer exists`);
    const context = itemContext(row);
    return {
      itemId,
      campaignId: row.campaignId,
      campaignName: row.campaignName,
      identityName: context.identity.displayName,
      systemName: context.system.name,
      entitlementName: context.entitlement.name,
      decision: row.decision ?? row.closeOutcome,
      decidedAt: row.decidedAt,
      reviewerName: row.reviewerName,
      stratum: stratumOf(
        {
          itemId,
          systemKey: context.system.key,
          privileged: context.entitlement.privileged,
          nonHuman: isNonHuman(context.identity.kind),
        },
        sample.stratifyBy ?? null,
      ),
    };
  });
}

/**
 * Draws a reproducible sample from a control's population for a period and records the
 * request (seed, size, strata, the population's count and hash, the sampled ids) as an
 * audit.sample_drawn event in the transaction that stores the sample. The only thing an
 * auditor writes.
 */
export async function drawAuditSample(
  db: Database,
  input: DrawSampleInput & { user: SessionUser },
) {
  const resolved = await resolvePopulation(db, input);
  const population: SampleCandidate[] = [];
  const csv = await hashPopulationCsv(db, resolved.campaigns, (row, context) => {
    population.push({
      itemId: row.itemId,
      systemKey: context.system.key,
      privileged: context.entitlement.privileged,
      nonHuman: isNonHuman(context.identity.kind),
    });
  });
  if (population.length === 0) {
    throw new AppError(
      "precondition_failed",
      `Control ${resolved.control.controlId} ran no campaign launched between ${input.periodStart} and ${input.periodEnd}: there is nothing to sample.`,
    );
  }
  const stratifyBy = input.stratifyBy ?? null;
  const drawn = drawSample({
    seed: input.seed,
    size: input.size,
    population,
    stratifyBy,
    sha256Hex,
  });
  const sampleId = randomUUID();
  const itemIds = drawn.items.map((item) => item.itemId);
  await db.transaction(async (tx) => {
    const [event] = await appendEvidence(tx, {
      action: "audit.sample_drawn",
      actor: { user: input.user.id },
      subjectIds: [sampleId, input.definitionId],
      payload: {
        sampleId,
        definitionId: input.definitionId,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        seed: input.seed,
        size: input.size,
        stratifyBy,
        strata: drawn.strata,
        populationCount: csv.items,
        populationSha256: csv.sha256,
        itemIds,
      },
    });
    await insertAuditSample(tx, {
      id: sampleId,
      definitionId: input.definitionId,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      seed: input.seed,
      size: input.size,
      stratifyBy,
      populationCount: csv.items,
      populationSha256: csv.sha256,
      strata: drawn.strata,
      itemIds,
      drawnById: input.user.id,
      evidenceSeq: event?.seq as number,
    });
  });
  return {
    sampleId,
    seed: input.seed,
    size: input.size,
    stratifyBy,
    strata: drawn.strata,
    populationCount: csv.items,
    populationSha256: csv.sha256,
    items: await describeSampledItems(db, { itemIds, stratifyBy }),
  };
}
