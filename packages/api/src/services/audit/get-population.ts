import { createHash } from "node:crypto";
import type { Queryable } from "@attest/db/database";
import {
  listLaunchEvents,
  listPopulationCampaigns,
  type PopulationCampaignRow,
  type PopulationItemRow,
  streamLaunchItems,
  streamPopulationItems,
} from "@attest/db/repositories/audit-population";
import type { PopulationInput } from "@attest/domain/audit/audit-input";
import { parseEvidencePayload } from "@attest/domain/evidence/evidence-actions";
import type { ReviewItemContext } from "@attest/domain/reviews/review-item-context";
import type { SessionUser } from "../../context";
import { ReviewPopulationHasher } from "../campaigns/hash-review-population";
import { type AuditControlView, getControl } from "./audit-controls";
import { assertPeriodInScope, readAuditScope } from "./audit-scope";
import {
  itemContext,
  populationCsvColumns,
  populationCsvHeader,
  populationCsvRow,
} from "./population-csv";

/** [periodStart 00:00 UTC, the day after periodEnd 00:00 UTC): both dates are inclusive. */
export function periodBounds(periodStart: string, periodEnd: string) {
  const before = new Date(`${periodEnd}T00:00:00.000Z`);
  before.setUTCDate(before.getUTCDate() + 1);
  return { from: `${periodStart}T00:00:00.000Z`, before: before.toISOString() };
}

export interface ResolvedPopulation {
  control: AuditControlView;
  campaigns: PopulationCampaignRow[];
  parameters: {
    definitionId: string;
    controlId: string;
    periodStart: string;
    periodEnd: string;
    launchedFrom: string;
    launchedBefore: string;
    statuses: string[];
  };
}

/** The control and its campaigns launched in the period, after checking the auditor's scope. */
export async function resolvePopulation(
  db: Queryable,
  input: PopulationInput & { user: SessionUser },
): Promise<ResolvedPopulation> {
  assertPeriodInScope(await readAuditScope(db, input.user), input.periodStart, input.periodEnd);
  const control = await getControl(db, input.definitionId);
  const { from, before } = periodBounds(input.periodStart, input.periodEnd);
  const campaigns = await listPopulationCampaigns(db, {
    definitionId: input.definitionId,
    from,
    before,
  });
  return {
    control,
    campaigns,
    parameters: {
      definitionId: input.definitionId,
      controlId: control.controlId,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      launchedFrom: from,
      launchedBefore: before,
      statuses: ["active", "closed", "signed_off"],
    },
  };
}

/** The population CSV, header first, streamed from the database. */
export async function* populationCsvLines(
  db: Queryable,
  campaigns: readonly PopulationCampaignRow[],
  onItem?: (row: PopulationItemRow, context: ReviewItemContext) => void,
): AsyncGenerator<string> {
  yield populationCsvHeader;
  for await (const row of streamPopulationItems(
    db,
    campaigns.map((campaign) => campaign.campaignId),
  )) {
    const context = itemContext(row);
    onItem?.(row, context);
    yield populationCsvRow(row, context);
  }
}

/** SHA-256 and row count of the population CSV, computed by streaming it. */
export async function hashPopulationCsv(
  db: Queryable,
  campaigns: readonly PopulationCampaignRow[],
  onItem?: (row: PopulationItemRow, context: ReviewItemContext) => void,
): Promise<{ sha256: string; items: number }> {
  const hash = createHash("sha256");
  let items = -1;
  for await (const line of populationCsvLines(db, campaigns, onItem)) {
    hash.update(line, "utf8");
    items += 1;
  }
  return { sha256: hash.digest("hex"), items };
}

export function describePopulationQuery(parameters: ResolvedPopulation["parameters"]): string {
  return [
    `Review items of the campaigns of control ${parameters.controlId} (campaign definition ${parameters.definitionId})`,
    `whose review started (campaigns.starts_at) on or after ${parameters.launchedFrom} and before ${parameters.launchedBefore}`,
    `with status ${parameters.statuses.join(", ")} (drafts, scheduled and cancelled campaigns never ran);`,
    "one row per review item of every stage, ordered by campaign start, campaign id and item id;",
    `columns: ${populationCsvColumns.join(", ")}.`,
    "SQL: select … from review_items i join campaigns c on c.id = i.campaign_id",
    "where c.definition_id = :definitionId and c.starts_at >= :launchedFrom and c.starts_at < :launchedBefore",
    "and c.status in (:statuses) order by c.starts_at, c.id, i.id.",
  ].join(" ");
}

interface LaunchRecord {
  itemCount: number;
  itemsHash: string;
  seq: number;
}

/** Reconciles each campaign's launch items with what its campaign.launched event recorded. */
async function reconcile(db: Queryable, campaigns: readonly PopulationCampaignRow[]) {
  const events = await listLaunchEvents(
    db,
    campaigns.map((campaign) => campaign.campaignId),
  );
  const launched = new Map<string, LaunchRecord>();
  for (const event of events) {
    const payload = parseEvidencePayload(
      "campaign.launched",
      event.payloadVersion,
      event.payload,
    ) as {
      itemCount: number;
      itemsHash: string;
    };
    launched.set(event.campaignId, { ...payload, seq: event.seq });
  }
  const results = new Map<
    string,
    { launch: LaunchRecord | null; reconciles: boolean; launchItems: number }
  >();
  for (const campaign of campaigns) {
    const launch = launched.get(campaign.campaignId) ?? null;
    const hasher = new ReviewPopulationHasher();
    let launchItems = 0;
    for await (const item of streamLaunchItems(db, campaign.campaignId)) {
      hasher.add(item);
      launchItems += 1;
    }
    const reconciles =
      launch !== null && launch.itemCount === launchItems && launch.itemsHash === hasher.digest();
    results.set(campaign.campaignId, { launch, reconciles, launchItems });
  }
  return results;
}

/**
 * A control's population for a period: its occurrences (campaigns run) with items, decisions
 * and exceptions, each reconciled with the population its launch recorded in the ledger, and
 * the IPE details an auditor documents (parameters, extraction time, row counts, SHA-256 of
 * the population CSV).
 */
export async function getPopulation(
  db: Queryable,
  input: PopulationInput & { user: SessionUser; now: Date },
) {
  const resolved = await resolvePopulation(db, input);
  const reconciled = await reconcile(db, resolved.campaigns);
  const csv = await hashPopulationCsv(db, resolved.campaigns);
  const occurrences = resolved.campaigns.map((campaign) => {
    const check = reconciled.get(campaign.campaignId);
    return {
      campaignId: campaign.campaignId,
      name: campaign.name,
      launchedAt: campaign.launchedAt,
      closedAt: campaign.closedAt,
      signedOffAt: campaign.signedOffAt,
      signedOffByName: campaign.signedOffByName,
      status: campaign.status,
      snapshotId: campaign.snapshotId,
      snapshotImportedAt: campaign.snapshotImportedAt,
      snapshotGrants: campaign.snapshotGrants,
      populationGrants: check?.launch?.itemCount ?? null,
      launchItems: check?.launchItems ?? 0,
      items: campaign.items,
      decisions: {
        approve: campaign.approve,
        revoke: campaign.revoke,
        exception: campaign.exception,
        undecided: campaign.undecided,
      },
      exceptions: campaign.exception,
      reconciles: check?.reconciles ?? false,
      populationHash: check?.launch?.itemsHash ?? null,
      launchEventSeq: check?.launch?.seq ?? null,
    };
  });
  const sum = (pick: (o: (typeof occurrences)[number]) => number) =>
    occurrences.reduce((total, occurrence) => total + pick(occurrence), 0);
  return {
    control: resolved.control,
    period: { start: input.periodStart, end: input.periodEnd },
    occurrences,
    totals: {
      campaigns: occurrences.length,
      items: sum((o) => o.items),
      decisions: sum((o) => o.decisions.approve + o.decisions.revoke + o.decisions.exception),
      exceptions: sum((o) => o.exceptions),
    },
    ipe: {
      query: describePopulationQuery(resolved.parameters),
      parameters: resolved.parameters,
      extractedAt: input.now.toISOString(),
      rowCounts: { campaigns: occurrences.length, items: csv.items },
      sha256: csv.sha256,
    },
  };
}
