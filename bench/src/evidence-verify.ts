import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  appendEvidence,
  type NewEvidenceEvent,
} from "@attest/api/services/evidence/append-evidence";
import { exportEvidencePackage } from "@attest/api/services/evidence/export-evidence-package";
import { generateSigningKey, publicKeyFingerprint } from "@attest/evidence/checkpoint";
import { createBenchDatabase, type Dialect, median } from "./bench-database";

export interface VerifyResult {
  events: number;
  packageMegabytes: number;
  generateSeconds: number;
  exportSeconds: number;
  verifySeconds: number[];
  peakRssMegabytes: number[];
}

function decisionEvent(reviewerId: string): NewEvidenceEvent {
  const campaignId = randomUUID();
  const itemId = randomUUID();
  const grantId = randomUUID();
  return {
    action: "decision.recorded",
    actor: { user: reviewerId },
    subjectIds: [campaignId, itemId, grantId],
    payload: {
      campaignId,
      itemId,
      grantId,
      stage: 1,
      reviewerId,
      decision: "approve",
      justification: null,
      exceptionExpiresOn: null,
      compensatingControl: null,
      decidedAt: new Date().toISOString(),
      itemVersion: 2,
      supersedes: null,
      diligence: { timeOnItemMs: null, contextViewed: null, viaBulk: false },
    },
  };
}

/** Times `attest evidence verify` (the CLI as an auditor runs it) on a package of eventCount events. */
export async function benchEvidenceVerify(
  dialect: Dialect,
  eventCount: number,
  runs: number,
): Promise<VerifyResult> {
  const bench = await createBenchDatabase(dialect);
  const dir = await mkdtemp(join(tmpdir(), "attest-verify-bench-"));
  try {
    const reviewerId = randomUUID();
    const generateStarted = performance.now();
    const batch = 10_000;
    for (let written = 0; written < eventCount; written += batch) {
      const events = Array.from({ length: Math.min(batch, eventCount - written) }, () =>
        decisionEvent(reviewerId),
      );
      await bench.db.transaction((tx) => appendEvidence(tx, events));
    }
    const generateSeconds = (performance.now() - generateStarted) / 1000;

    const key = generateSigningKey();
    const signer = {
      origin: "attest.bench/ledger",
      ...key,
      fingerprint: publicKeyFingerprint(key.publicKeyPem),
    };
    const packagePath = join(dir, "package.zip");
    const exportStarted = performance.now();
    await exportEvidencePackage(bench.db, {
      signer,
      anchorDir: join(dir, "anchors"),
      outPath: packagePath,
      now: new Date(),
    });
    const exportSeconds = (performance.now() - exportStarted) / 1000;
    const packageMegabytes = (await stat(packagePath)).size / 1_048_576;

    const cli = new URL("../../apps/cli/bin/attest.js", import.meta.url).pathname;
    const verifySeconds: number[] = [];
    const peakRssMegabytes: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const result = spawnSync(
        "/usr/bin/time",
        ["-f", "%e %M", process.execPath, cli, "evidence", "verify", packagePath],
        {
          encoding: "utf8",
        },
      );
      if (result.status !== 0) throw new Error(`verify failed: ${result.stdout}${result.stderr}`);
      const [seconds, kilobytes] = (result.stderr.trim().split("\n").at(-1) ?? "")
        .split(" ")
        .map(Number);
      verifySeconds.push(seconds ?? Number.NaN);
      peakRssMegabytes.push((kilobytes ?? Number.NaN) / 1024);
    }
    return {
      events: eventCount,
      packageMegabytes,
      generateSeconds,
      exportSeconds,
      verifySeconds,
      peakRssMegabytes,
    };
  } finally {
    await bench.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

export function summarizeVerify(result: VerifyResult) {
  return {
    medianVerifySeconds: median(result.verifySeconds),
    medianPeakRssMegabytes: median(result.peakRssMegabytes),
  };
}
