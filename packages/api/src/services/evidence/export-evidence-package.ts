import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Database } from "@attest/db/database";
import { listCheckpoints } from "@attest/db/repositories/evidence-checkpoints";
import {
  listEventHashes,
  readEvidenceHead,
  streamEvidenceEvents,
} from "@attest/db/repositories/evidence-events";
import {
  checkpointPath,
  consistencyProofPath,
  formatEventLine,
  type ManifestFile,
  manifestSignatureText,
  type PackageManifest,
  packageFormat,
  packagePaths,
  packageReadme,
} from "@attest/evidence/evidence-package";
import { fromHex, toHex } from "@attest/evidence/hash";
import { leafHash, MerkleTree } from "@attest/evidence/merkle";
import { signNote } from "@attest/evidence/signed-note";
import yazl from "yazl";
import { AppError } from "../../app-error";
import { createCheckpoint } from "./create-checkpoint";
import type { EvidenceSigner } from "./evidence-signer";

export interface ExportOptions {
  signer: EvidenceSigner;
  anchorDir: string;
  outPath: string;
  fromSeq?: number | undefined;
  toSeq?: number | undefined;
  now: Date;
  /** Called now and then with the number of events written, for a progress line. */
  onProgress?: (eventsWritten: number, eventCount: number) => void;
}

export interface ExportResult {
  outPath: string;
  manifest: PackageManifest;
}

/**
 * Writes an evidence package (see packages/evidence/src/evidence-package.ts for the layout):
 * events stream from the database into the zip, so its size is bounded by disk, not memory.
 * When no checkpoint covers the last exported event exactly, one is signed first, so events
 * dropped from the end of the package are detected.
 */
export async function exportEvidencePackage(
  db: Database,
  options: ExportOptions,
): Promise<ExportResult> {
  const head = await readEvidenceHead(db);
  if (!head)
    throw new AppError("precondition_failed", "The ledger is empty: there is nothing to export.");
  const fromSeq = options.fromSeq ?? 1;
  const toSeq = options.toSeq ?? head.seq;
  if (!Number.isSafeInteger(fromSeq) || fromSeq < 1) {
    throw new AppError("invalid_input", "--from must be a seq of 1 or more", { field: "from" });
  }
  if (!Number.isSafeInteger(toSeq) || toSeq < fromSeq || toSeq > head.seq) {
    throw new AppError("invalid_input", `--to must be between ${fromSeq} and ${head.seq}`, {
      field: "to",
    });
  }

  await createCheckpoint(db, {
    signer: options.signer,
    anchorDir: options.anchorDir,
    treeSize: toSeq,
  });
  const checkpoints = await listCheckpoints(db, { fromSize: fromSeq, toSize: toSeq });
  const hashes = await listEventHashes(db, { fromSeq: 1, toSeq });
  const tree = new MerkleTree(hashes.map((hash) => leafHash(fromHex(hash))));

  const files: ManifestFile[] = [];
  const zip = new yazl.ZipFile();
  const mtime = options.now;
  const addText = (path: string, text: string) => {
    const bytes = Buffer.from(text, "utf8");
    files.push({
      path,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      bytes: bytes.length,
    });
    zip.addBuffer(bytes, path, { mtime });
  };

  addText(packagePaths.publicKey, options.signer.publicKeyPem);
  for (const checkpoint of checkpoints)
    addText(checkpointPath(checkpoint.treeSize), checkpoint.note);
  for (let index = 1; index < checkpoints.length; index += 1) {
    const size1 = checkpoints[index - 1]?.treeSize as number;
    const size2 = checkpoints[index]?.treeSize as number;
    const proof = tree.consistencyProof(size1, size2).map(toHex);
    addText(
      consistencyProofPath(size1, size2),
      `${JSON.stringify({ size1, size2, proof }, null, 2)}\n`,
    );
  }
  if (fromSeq > 1)
    addText(packagePaths.priorEventHashes, `${hashes.slice(0, fromSeq - 1).join("\n")}\n`);

  const manifestBase: Omit<PackageManifest, "files"> = {
    format: packageFormat,
    origin: options.signer.origin,
    publicKeyFingerprint: options.signer.fingerprint,
    createdAt: options.now.toISOString(),
    fromSeq,
    toSeq,
    eventCount: toSeq - fromSeq + 1,
    checkpoints: checkpoints.map((checkpoint) => checkpoint.treeSize),
  };
  addText(packagePaths.readme, packageReadme(manifestBase));

  // events.jsonl streams; its hash and size are known only once it has been written, so the
  // manifest and its signature are added lazily, after it.
  const eventsDigest = createHash("sha256");
  let eventsBytes = 0;
  async function* eventLines() {
    let written = 0;
    for await (const event of streamEvidenceEvents(db, { fromSeq, toSeq })) {
      const line = Buffer.from(formatEventLine(event), "utf8");
      eventsDigest.update(line);
      eventsBytes += line.length;
      written += 1;
      if (written % 10_000 === 0) options.onProgress?.(written, manifestBase.eventCount);
      yield line;
    }
    options.onProgress?.(written, manifestBase.eventCount);
  }
  zip.addReadStreamLazy(packagePaths.events, { mtime }, (callback) =>
    callback(null, Readable.from(eventLines())),
  );
  let manifestSha256 = "";
  let finalManifest: PackageManifest | undefined;
  zip.addReadStreamLazy(packagePaths.manifest, { mtime }, (callback) => {
    files.push({
      path: packagePaths.events,
      sha256: eventsDigest.digest("hex"),
      bytes: eventsBytes,
    });
    const manifest: PackageManifest = {
      ...manifestBase,
      files: [...files].sort((a, b) => (a.path < b.path ? -1 : 1)),
    };
    const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8");
    manifestSha256 = createHash("sha256").update(bytes).digest("hex");
    finalManifest = manifest;
    callback(null, Readable.from([bytes]));
  });
  zip.addReadStreamLazy(packagePaths.manifestSignature, { mtime }, (callback) => {
    const note = signNote({
      text: manifestSignatureText(manifestSha256),
      keyName: options.signer.origin,
      privateKeyPem: options.signer.privateKeyPem,
    });
    callback(null, Readable.from([Buffer.from(note, "utf8")]));
  });
  zip.end();

  const partial = `${options.outPath}.partial`;
  try {
    await pipeline(zip.outputStream, createWriteStream(partial));
    await rename(partial, options.outPath);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  if (!finalManifest) throw new Error("the manifest was never written");
  return { outPath: options.outPath, manifest: finalManifest };
}
