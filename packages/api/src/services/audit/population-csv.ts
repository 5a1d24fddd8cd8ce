import type { PopulationItemRow } from "@attest/db/repositories/audit-population";
import { type CsvValue, csvRow } from "@attest/domain/csv/csv-cell";
import { isNonHuman } from "@attest/domain/inventory/identity-kinds";
import {
  type ReviewItemContext,
  reviewItemContext,
} from "@attest/domain/reviews/review-item-context";

/**
 * The population CSV: one row per review item (a decision, or the outcome closing gave an
 * undecided item), in population order. Its bytes are deterministic, so its SHA-256 (the
 * IPE hash) can be recomputed from the same parameters at any later time, and the sample is
 * re-drawn from its item_id column (docs/audit-sampling.md). Cells that a spreadsheet would run
 * as a formula are written with a leading apostrophe (csvCell), so the hash is of those bytes.
 */
export const populationCsvColumns = [
  "campaign_id",
  "campaign_name",
  "campaign_launched_at",
  "item_id",
  "stage",
  "identity_external_id",
  "identity_name",
  "identity_kind",
  "non_human",
  "system_key",
  "system_name",
  "entitlement_key",
  "entitlement_name",
  "privileged",
  "reviewer_name",
  "decision",
  "decided_at",
  "decided_by",
  "justification",
  "exception_expires_on",
  "close_outcome",
] as const;

function csvLine(values: readonly CsvValue[]): string {
  return `${csvRow(values)}\r\n`;
}

export const populationCsvHeader = csvLine(populationCsvColumns);

/** The item's frozen context, parsed: a context that does not parse is an error, not skipped. */
export function itemContext(row: { itemId: string; context: unknown }): ReviewItemContext {
  const parsed = reviewItemContext.safeParse(row.context);
  if (!parsed.success) {
    throw new Error(`Review item ${row.itemId} has a context that does not match its schema`);
  }
  return parsed.data;
}

export function populationCsvRow(row: PopulationItemRow, context: ReviewItemContext): string {
  return csvLine([
    row.campaignId,
    row.campaignName,
    row.launchedAt,
    row.itemId,
    row.stage,
    context.identity.externalId,
    context.identity.displayName,
    context.identity.kind,
    isNonHuman(context.identity.kind),
    context.system.key,
    context.system.name,
    context.entitlement.key,
    context.entitlement.name,
    context.entitlement.privileged,
    row.reviewerName,
    row.decision,
    row.decidedAt,
    row.decidedByName,
    row.justification,
    row.exceptionExpiresOn,
    row.closeOutcome,
  ]);
}
