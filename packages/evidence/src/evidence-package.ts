import { canonicalJson } from "./canonical-json";
import type { HashedEvidenceEvent } from "./event-hash";

/**
 * The layout of an evidence package: a zip an auditor verifies offline with
 * `attest evidence verify`, or by hand following README.txt. Shared by the exporter and the
 * verifier so the two cannot drift apart.
 */
export const packageFormat = "attest-evidence-package/1";

/**
 * Format 2 (issue 7): the records of an audit (a sample, a campaign or a control's period) with
 * the ledger events behind them. Those events need not be contiguous, so instead of the whole
 * chain each carries its own inclusion proof against the package's signed checkpoint.
 */
export const packageFormatV2 = "attest-evidence-package/2";
export type PackageFormat = typeof packageFormat | typeof packageFormatV2;

export const packagePathsV2 = {
  events: "events.jsonl",
  /**
   * One inclusion proof per line, line n for the event on line n of events.jsonl: one file
   * rather than one per event, so a package of 100,000 decisions streams and verifies at
   * the speed of its bytes, not of opening 100,000 zip entries.
   */
  proofs: "proofs.jsonl",
  publicKey: "public-key.pem",
  manifest: "manifest.json",
  manifestSignature: "manifest.sig",
  readme: "README.txt",
  summary: "summary.pdf",
  itemsCsv: "records/items.csv",
  itemsJson: "records/items.json",
  campaignsJson: "records/campaigns.json",
  sampleJson: "records/sample.json",
  /** A period's package: the population with its reconciliation and IPE details. */
  populationJson: "records/population.json",
} as const;

/** Record files whose entries name the ledger events they rest on. */
export const recordFilesWithEvents = [
  packagePathsV2.itemsJson,
  packagePathsV2.campaignsJson,
  packagePathsV2.sampleJson,
] as const;

export interface InclusionProofFile {
  seq: number;
  /** seq − 1: events are the tree's leaves in seq order, from seq 1. */
  leafIndex: number;
  /** The signed checkpoint the proof is against. */
  treeSize: number;
  /** Lowercase hex node hashes, RFC 9162 §2.1.3. */
  proof: string[];
}

export type AuditPackageKind = "sample" | "campaign" | "period";

export interface PackageManifestV2 {
  format: typeof packageFormatV2;
  origin: string;
  publicKeyFingerprint: string;
  createdAt: string;
  kind: AuditPackageKind;
  /** What the package is about: sampleId, campaignId, or definitionId with the period. */
  subject: Record<string, string>;
  eventCount: number;
  /** The one signed checkpoint every proof is against (a list, as in format 1). */
  checkpoints: number[];
  files: ManifestFile[];
}

export const packagePaths = {
  events: "events.jsonl",
  priorEventHashes: "prior-event-hashes.txt",
  publicKey: "public-key.pem",
  manifest: "manifest.json",
  manifestSignature: "manifest.sig",
  readme: "README.txt",
} as const;

/** Zero-padded so the files sort in tree-size order in any listing. */
export function checkpointPath(treeSize: number): string {
  return `checkpoints/${String(treeSize).padStart(12, "0")}.txt`;
}

export function consistencyProofPath(size1: number, size2: number): string {
  return `consistency/${String(size1).padStart(12, "0")}-${String(size2).padStart(12, "0")}.json`;
}

export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
}

export interface PackageManifest {
  format: typeof packageFormat;
  /** The ledger's checkpoint origin line; also the signing key's name. */
  origin: string;
  publicKeyFingerprint: string;
  createdAt: string;
  fromSeq: number;
  toSeq: number;
  eventCount: number;
  /** Tree sizes of the signed checkpoints in the package, ascending; the last equals toSeq. */
  checkpoints: number[];
  files: ManifestFile[];
}

export interface ConsistencyProofFile {
  size1: number;
  size2: number;
  /** Lowercase hex node hashes, RFC 9162 §2.1.4. */
  proof: string[];
}

/** One line of events.jsonl: the canonical JSON of the event and its hash. */
export function formatEventLine(event: HashedEvidenceEvent): string {
  return `${canonicalJson({
    seq: event.seq,
    recordedAt: event.recordedAt,
    actor: event.actor,
    action: event.action,
    subjectIds: event.subjectIds,
    payloadVersion: event.payloadVersion,
    payload: event.payload,
    prevHash: event.prevHash,
    hash: event.hash,
  })}\n`;
}

/** The text signed in manifest.sig: ties the manifest (and through it every file) to the key. */
export function manifestSignatureText(
  manifestSha256: string,
  format: PackageFormat = packageFormat,
): string {
  return `${format}\nmanifest.json sha256 ${manifestSha256}\n`;
}

export function packageReadme(manifest: Omit<PackageManifest, "files">): string {
  return `Attest evidence package (${packageFormat})
=============================================

Ledger origin:       ${manifest.origin}
Signing key:         ${manifest.publicKeyFingerprint} (Ed25519; compare with the key shown in Attest)
Events:              ${manifest.eventCount} (seq ${manifest.fromSeq} to ${manifest.toSeq})
Signed checkpoints:  ${manifest.checkpoints.join(", ")}
Created:             ${manifest.createdAt}

Verify it with the Attest CLI, offline:

    npx attest evidence verify <this-package.zip> --public-key <key you obtained from Attest>

or by hand, in any language:

1. manifest.sig is a signed note (https://c2sp.org/signed-note) by the key "${manifest.origin}"
   over the text "${packageFormat}\\nmanifest.json sha256 <hex>\\n". Check the Ed25519
   signature with public-key.pem (or, better, the key you obtained separately) and that
   <hex> is the SHA-256 of manifest.json.
2. manifest.json lists every other file with its SHA-256 and size. Recompute them.
3. events.jsonl has one event per line. For each event, remove the "hash" member and
   serialise the rest with RFC 8785 canonical JSON (JCS); its SHA-256 in lowercase hex must
   equal "hash". "seq" rises by one per line; "prevHash" equals the previous event's hash
   (64 zeros for seq 1; for the first event of a partial export, the last line of
   prior-event-hashes.txt).
4. The Merkle tree (RFC 9162 §2.1) has one leaf per event, in seq order, starting at seq 1:
   the leaf input is the 32 raw bytes of the event's hash, so the leaf hash is
   SHA-256(0x00 || hash bytes). prior-event-hashes.txt (when present) holds the hashes of
   the events before this package, one per line, so the tree can start at seq 1.
5. Each checkpoints/NNN.txt is a C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint):
   origin, tree size, base64 root hash, then a blank line and the Ed25519 signature line.
   The root over the first <tree size> leaves must equal the checkpoint's root, and the
   signature must verify. The last checkpoint covers the last event, so events dropped from
   the end are detected.
6. consistency/A-B.json holds the RFC 9162 §2.1.4 consistency proof between consecutive
   checkpoints A and B; it lets you check that a checkpoint you kept from an earlier
   package is a prefix of this one.
`;
}

export function packageReadmeV2(manifest: Omit<PackageManifestV2, "files">): string {
  const subject = Object.entries(manifest.subject)
    .map(([key, value]) => `${key} ${value}`)
    .join(", ");
  return `Attest audit evidence package (${packageFormatV2})
=====================================================

Package of:          ${manifest.kind} (${subject})
Ledger origin:       ${manifest.origin}
Signing key:         ${manifest.publicKeyFingerprint} (Ed25519; compare with the key shown in Attest)
Ledger events:       ${manifest.eventCount}, each with its inclusion proof
Signed checkpoint:   tree size ${manifest.checkpoints.join(", ")}
Created:             ${manifest.createdAt}

summary.pdf          what a person reads: campaigns, counts, decisions, exceptions, sign-off
records/items.csv    the review items with their frozen context and decisions
records/items.json   the same, with the ledger events (seq) each rests on
records/campaigns.json  the campaigns, with their ledger events
records/sample.json  (a sample's package) the sample request and its event
records/population.json  (a period's package) occurrences, reconciliation, IPE details

Verify it with the Attest CLI, offline:

    npx attest evidence verify <this-package.zip> --public-key <key you obtained from Attest>

or by hand, in any language:

1. manifest.sig is a signed note (https://c2sp.org/signed-note) by the key "${manifest.origin}"
   over the text "${packageFormatV2}\\nmanifest.json sha256 <hex>\\n". Check the Ed25519
   signature with public-key.pem (or, better, the key you obtained separately) and that
   <hex> is the SHA-256 of manifest.json.
2. manifest.json lists every other file with its SHA-256 and size. Recompute them.
3. events.jsonl has one event per line, seq ascending (not necessarily contiguous). For each,
   remove the "hash" member and serialise the rest with RFC 8785 canonical JSON (JCS); its
   SHA-256 in lowercase hex must equal "hash".
4. checkpoints/NNN.txt is a C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint) signed by
   the same key: origin, tree size, base64 Merkle root (RFC 9162 §2.1).
5. proofs.jsonl holds, line for line with events.jsonl, each event's RFC 9162 §2.1.3
   inclusion proof {seq, leafIndex, treeSize, proof}: leaf index seq − 1
   in the tree of the checkpoint's size, leaf hash SHA-256(0x00 || the 32 bytes of "hash").
   Recomputing the root from the leaf and the proof must give the checkpoint's root.
6. Every "eventSeqs" / "eventSeq" in records/*.json must name an event in events.jsonl.
`;
}
