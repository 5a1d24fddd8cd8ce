import { join, resolve } from "node:path";
import { loadEvidenceSigner } from "@attest/api/services/evidence/evidence-signer";
import { exportEvidencePackage } from "@attest/api/services/evidence/export-evidence-package";
import type { Database } from "@attest/db/database";
import type { CliConfig } from "../env";
import type { Output } from "../output";

export interface EvidenceExportOptions {
  out: string;
  fromSeq: number | undefined;
  toSeq: number | undefined;
}

export async function evidenceExportCommand(
  db: Database,
  config: CliConfig,
  options: EvidenceExportOptions,
  output: Output,
): Promise<number> {
  const signer = await loadEvidenceSigner({
    origin: config.ledgerOrigin,
    keyFile: config.evidenceKeyFile,
    dataDir: config.dataDir,
  });
  let lastReport = 0;
  const { manifest } = await exportEvidencePackage(db, {
    signer,
    anchorDir: config.anchorDir ?? join(config.dataDir, "anchors"),
    outPath: resolve(options.out),
    fromSeq: options.fromSeq,
    toSeq: options.toSeq,
    now: new Date(),
    onProgress: (written, total) => {
      if (Date.now() - lastReport < 500 && written < total) return;
      lastReport = Date.now();
      output.progress(
        `Exporting events: ${written.toLocaleString("en")} of ${total.toLocaleString("en")}`,
      );
    },
  });
  output.progressDone();
  output.line(
    `Wrote ${options.out}: ${manifest.eventCount} events (seq ${manifest.fromSeq}–${manifest.toSeq}), ` +
      `${manifest.checkpoints.length} signed checkpoint${manifest.checkpoints.length === 1 ? "" : "s"}, ` +
      `key ${manifest.publicKeyFingerprint}.`,
  );
  output.line(`Verify it offline with: npx attest evidence verify ${options.out}`);
  return 0;
}
