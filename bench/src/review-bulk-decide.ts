import type { SessionUser } from "@attest/api/context";
import { bulkDecide } from "@attest/api/services/reviews/bulk-decide";
import { getReviewQueue } from "@attest/api/services/reviews/get-review-queue";
import { previewBulkDecision } from "@attest/api/services/reviews/preview-bulk-decision";
import { createBenchCampaign } from "./bench-campaign";
import { createBenchDatabase, type Dialect } from "./bench-database";

export interface BulkDecideResult {
  dialect: Dialect;
  items: number;
  /** reviews.bulkDecide of the whole pending queue (a filter selection), call to commit. */
  bulkSeconds: number;
  recorded: number;
  events: number;
  /** p95 of 20 calls of the queue's first page (200 items, grouped by person, with counts). */
  firstPageP95Ms: number;
  /** p95 of 20 calls of the flagged, privileged first page. */
  filteredPageP95Ms: number;
}

async function p95(calls: number, call: () => Promise<unknown>): Promise<number> {
  await call();
  await call();
  const times: number[] = [];
  for (let index = 0; index < calls; index += 1) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.ceil(calls * 0.95) - 1] ?? Number.NaN;
}

/**
 * One reviewer's queue of itemCount pending items: the queue's first page (plain and filtered),
 * then bulk-approve of all of it by filter, as the workspace confirms it (bulkPreview's count
 * and fingerprint): one transaction, a set-based update and one decision.recorded event per
 * item through appendEvidence.
 */
export async function benchReviewBulkDecide(
  dialect: Dialect,
  itemCount: number,
): Promise<BulkDecideResult> {
  const bench = await createBenchDatabase(dialect);
  try {
    const campaign = await createBenchCampaign(bench.db, itemCount);
    // What autovacuum's analyze does soon after a launch; only the owner may analyze.
    if (dialect === "postgres") await bench.db.exec("reset role; analyze; set role attest_app");
    const user: SessionUser = {
      id: campaign.reviewerId,
      email: "reviewer@bench.test",
      displayName: "Bench Reviewer",
      identityKey: null,
      roles: ["reviewer"],
    };
    const queue = (filters: { flagged?: boolean; privileged?: boolean }) => () =>
      getReviewQueue(bench.db, {
        user,
        input: {
          campaignId: campaign.campaignId,
          status: "pending",
          filters,
          groupBy: "person",
          limit: 200,
          offset: 0,
        },
      });
    const firstPageP95Ms = await p95(20, queue({}));
    const filteredPageP95Ms = await p95(20, queue({ flagged: true, privileged: true }));

    const selection = { status: "pending" as const, filters: {} };
    const preview = await previewBulkDecision(bench.db, {
      user,
      input: { campaignId: campaign.campaignId, ...selection },
    });
    const started = performance.now();
    const result = await bulkDecide(bench.db, {
      user,
      now: new Date(),
      input: {
        campaignId: campaign.campaignId,
        decision: "approve",
        justification: "Quarterly review: access confirmed",
        selection: {
          kind: "filter",
          ...selection,
          expectedCount: preview.decidable,
          fingerprint: preview.fingerprint,
        },
      },
    });
    const bulkSeconds = (performance.now() - started) / 1000;
    const [events] = await bench.db.query<{ count: number }>(
      `select count(*)::int as count from evidence_events where action = 'decision.recorded'`,
    );
    if (result.recorded !== itemCount || events?.count !== itemCount) {
      throw new Error(
        `bulk decision recorded ${result.recorded} items and ${events?.count} events, not ${itemCount}`,
      );
    }
    return {
      dialect,
      items: itemCount,
      bulkSeconds,
      recorded: result.recorded,
      events: events.count,
      firstPageP95Ms,
      filteredPageP95Ms,
    };
  } finally {
    await bench.dispose();
  }
}
