import { readFile } from "node:fs/promises";
import { verifyEvidencePackage } from "@attest/evidence/verify-evidence-package";
import type { Output } from "../output";

export async function evidenceVerifyCommand(
  packagePath: string,
  publicKeyFile: string | undefined,
  output: Output,
): Promise<number> {
  let publicKeyPem: string | undefined;
  if (publicKeyFile) {
    try {
      publicKeyPem = await readFile(publicKeyFile, "utf8");
    } catch (error) {
      output.error(
        `FAILED: cannot read the public key ${publicKeyFile}: ${(error as Error).message}`,
      );
      return 1;
    }
  }
  const result = await verifyEvidencePackage(packagePath, publicKeyPem ? { publicKeyPem } : {});
  if (!result.ok) {
    const where = result.seq === undefined ? result.file : `${result.file}, event ${result.seq}`;
    output.error(`FAILED: ${where}: ${result.reason}`);
    return 1;
  }
  if (result.kind !== undefined) {
    output.line(
      `OK: audit package of a ${result.kind} (${result.format}): ${result.eventCount} ledger events, ` +
        `each hash and inclusion proof verified against the signed checkpoint of tree size ${result.checkpoints.join(", ")}; ` +
        `${result.recordsChecked ?? 0} records name only events in the package; every file matches the signed manifest.`,
    );
  } else {
    output.line(
      `OK: ${result.eventCount} events (seq ${result.fromSeq}–${result.toSeq}) hash-chained and verified; ` +
        `${result.checkpoints.length} signed checkpoint${result.checkpoints.length === 1 ? "" : "s"} ` +
        `(tree sizes ${result.checkpoints.join(", ")}) verified, consistent and matching the events; ` +
        "every file matches the signed manifest.",
    );
  }
  output.line(`Ledger ${result.origin}, head ${result.headHash}.`);
  output.line(
    result.keySource === "argument"
      ? `Signing key ${result.publicKeyFingerprint}: the key you supplied.`
      : `Signing key ${result.publicKeyFingerprint}: taken from the package itself. ` +
          "Compare it with the fingerprint shown in Attest, or pass --public-key.",
  );
  return 0;
}
