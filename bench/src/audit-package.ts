import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SessionUser } from "@attest/api/context";
import { drawAuditSample } from "@attest/api/services/audit/draw-audit-sample";
import { exportAuditPackage } from "@attest/api/services/audit/export-audit-package";
import { getPopulation } from "@attest/api/services/audit/get-population";
import { bulkDecide } from "@attest/api/services/reviews/bulk-decide";
import { previewBulkDecision } from "@attest/api/services/reviews/preview-bulk-decision";
import { testLedgerConfig } from "@attest/api/testing/test-context";
import { verifyEvidencePackage } from "@attest/evidence/verify-evidence-package";
import { createBenchCampaign } from "./bench-campaign";
import { createBenchDatabase, type Dialect } from "./bench-database";

export interface AuditPackageResult {
  dialect: Dialect;
  items: number;
  /** audit.population: counts, reconciliation and the SHA-256 of the population CSV. */
  populationSeconds: number;
  /** audit.drawSample of 25 from the whole population, recorded. */
  sampleSeconds: number;
  /** The campaign's evidence package written (records, events, proofs, PDF) and recorded. */
  packageSeconds: number;
  packageMegabytes: number;
  /** verifyEvidencePackage on it, in process. */
  verifySeconds: number;
}

/**
 * An auditor's work on one campaign of itemCount decisions (bench-campaign.ts, every item
 * bulk-approved with its decision.recorded event): the population, a sample, the campaign's
 * evidence package, and its offline verification.
 */
export async function benchAuditPackage(
  dialect: Dialect,
  itemCount: number,
): Promise<AuditPackageResult> {
  const bench = await createBenchDatabase(dialect);
  const dir = await mkdtemp(join(tmpdir(), "attest-bench-audit-"));
  try {
    const campaign = await createBenchCampaign(bench.db, itemCount);
    const reviewer: SessionUser = {
      id: campaign.reviewerId,
      email: "reviewer@bench.test",
      displayName: "Bench Reviewer",
      identityKey: null,
      roles: ["reviewer"],
    };
    const selection = { status: "pending" as const, filters: {} };
    const preview = await previewBulkDecision(bench.db, {
      user: reviewer,
      input: { campaignId: campaign.campaignId, ...selection },
    });
    await bulkDecide(bench.db, {
      user: reviewer,
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
    if (dialect === "postgres") await bench.db.exec("reset role; analyze; set role attest_app");
    const [definition] = await bench.db.query<{ definitionId: string; day: string }>(
      `select definition_id as "definitionId", to_char(starts_at, 'YYYY-MM-DD') as day
       from campaigns where id = $1`,
      [campaign.campaignId],
    );
    if (!definition) throw new Error("the bench campaign vanished");
    // The reviewer's user row stands in for the auditor: no engagement, so unbounded.
    const auditor: SessionUser = { ...reviewer, roles: ["auditor"] };
    const period = {
      definitionId: definition.definitionId,
      periodStart: definition.day,
      periodEnd: definition.day,
    };

    let started = performance.now();
    const population = await getPopulation(bench.db, { ...period, user: auditor, now: new Date() });
    const populationSeconds = (performance.now() - started) / 1000;
    if (population.ipe.rowCounts.items !== itemCount || !population.occurrences[0]) {
      throw new Error(
        `the population holds ${population.ipe.rowCounts.items} items, not ${itemCount}`,
      );
    }

    started = performance.now();
    await drawAuditSample(bench.db, { ...period, seed: "42", size: 25, user: auditor });
    const sampleSeconds = (performance.now() - started) / 1000;

    const { signer, anchorDir } = testLedgerConfig();
    const outPath = join(dir, "campaign.zip");
    started = performance.now();
    await exportAuditPackage(bench.db, {
      request: { kind: "campaign", campaignId: campaign.campaignId },
      user: auditor,
      signer,
      anchorDir,
      outPath,
      now: new Date(),
    });
    const packageSeconds = (performance.now() - started) / 1000;

    started = performance.now();
    const verified = await verifyEvidencePackage(outPath, { publicKeyPem: signer.publicKeyPem });
    const verifySeconds = (performance.now() - started) / 1000;
    if (!verified.ok || verified.eventCount < itemCount) {
      throw new Error(`the package did not verify: ${JSON.stringify(verified)}`);
    }
    return {
      dialect,
      items: itemCount,
      populationSeconds,
      sampleSeconds,
      packageSeconds,
      packageMegabytes: (await stat(outPath)).size / 1e6,
      verifySeconds,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await bench.dispose();
  }
}
