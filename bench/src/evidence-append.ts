import { appendEvidence } from "@attest/api/services/evidence/append-evidence";
import { updateReviewItemDecisions } from "@attest/db/repositories/review-items";
import { createBenchCampaign } from "./bench-campaign";
import { createBenchDatabase, type Dialect } from "./bench-database";

export interface AppendResult {
  dialect: Dialect;
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

/**
 * Decisions recorded 1,000 per transaction: each transaction updates 1,000 review items and
 * appends their 1,000 evidence events, as a bulk approval does.
 */
export async function benchEvidenceAppend(
  dialect: Dialect,
  transactions: number,
): Promise<AppendResult> {
  const perTransaction = 1_000;
  const bench = await createBenchDatabase(dialect);
  try {
    const campaign = await createBenchCampaign(bench.db, perTransaction * transactions);
    const started = performance.now();
    for (let index = 0; index < transactions; index += 1) {
      const itemIds = campaign.itemIds.slice(index * perTransaction, (index + 1) * perTransaction);
      await bench.db.transaction(async (tx) => {
        const decidedAt = new Date().toISOString();
        const decided = await updateReviewItemDecisions(tx, {
          itemIds,
          decision: "approve",
          decidedBy: campaign.reviewerId,
          decidedAt,
          justification: null,
        });
        await appendEvidence(
          tx,
          decided.map((item) => ({
            action: "decision.recorded" as const,
            actor: { user: campaign.reviewerId },
            subjectIds: [item.campaignId, item.id, item.grantId],
            payload: {
              campaignId: item.campaignId,
              itemId: item.id,
              grantId: item.grantId,
              stage: item.stage,
              reviewerId: campaign.reviewerId,
              decision: "approve" as const,
              justification: null,
              exceptionExpiresOn: null,
              compensatingControl: null,
              decidedAt,
              itemVersion: item.version,
              supersedes: null,
              diligence: { timeOnItemMs: null, contextViewed: null, viaBulk: true },
            },
          })),
        );
      });
    }
    const seconds = (performance.now() - started) / 1000;
    const events = transactions * perTransaction;
    return { dialect, events, seconds, eventsPerSecond: events / seconds };
  } finally {
    await bench.dispose();
  }
}
