import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { createInflateRaw, type ZlibOptions } from "node:zlib";
import yauzl from "yauzl";
import { parseCheckpoint, verifyCheckpoint } from "./checkpoint";
import { ChainVerifier, GENESIS_HASH, type HashedEvidenceEvent } from "./event-hash";
import {
  type ConsistencyProofFile,
  checkpointPath,
  consistencyProofPath,
  type InclusionProofFile,
  manifestSignatureText,
  type PackageManifest,
  type PackageManifestV2,
  packageFormat,
  packageFormatV2,
  packagePaths,
  packagePathsV2,
  recordFilesWithEvents,
} from "./evidence-package";
import { fromHex, sha256Hex, toHex } from "./hash";
import { leafHash, MerkleRootBuilder, verifyConsistency, verifyInclusion } from "./merkle";
import { verifyNote } from "./signed-note";
import { publicKeyFingerprint, rawPublicKey } from "./signing-key";

export type PackageVerification =
  | {
      ok: true;
      format: string;
      /** Format 2: what the package is of (sample, campaign, period). */
      kind?: string;
      /** Format 2: record entries checked against the events they name. */
      recordsChecked?: number;
      origin: string;
      eventCount: number;
      fromSeq: number;
      toSeq: number;
      headHash: string;
      checkpoints: number[];
      publicKeyFingerprint: string;
      /** "argument": the key the auditor supplied; "package": only the key inside the package. */
      keySource: "argument" | "package";
    }
  | { ok: false; file: string; seq?: number; reason: string };

class VerificationFailure extends Error {
  constructor(
    readonly file: string,
    reason: string,
    readonly seq?: number,
  ) {
    super(reason);
  }
}

function fail(file: string, reason: string, seq?: number): never {
  throw new VerificationFailure(file, reason, seq);
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, strictFileNames: true },
      (error, zip) => (error ? reject(error) : resolve(zip)),
    );
  });
}

function readEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on("entry", (entry: yauzl.Entry) => {
      if (entries.has(entry.fileName)) {
        reject(new VerificationFailure(entry.fileName, "the package holds this file twice"));
        return;
      }
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.once("end", () => resolve(entries));
    zip.once("error", reject);
    zip.readEntry();
  });
}

const inflateChunkBytes = 256 * 1024;

/**
 * The entry's bytes. Deflated entries are inflated here rather than by yauzl, with larger
 * chunks and a deep read buffer: the thread pool inflates ahead while this thread parses and
 * hashes, which on a million-event package saves seconds.
 */
function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  // A small entry (an inclusion proof) gains nothing from a deep buffer and pays for allocating it.
  const deflated = entry.compressionMethod === 8 && entry.uncompressedSize > inflateChunkBytes;
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, { decompress: deflated ? false : null }, (error, stream) => {
      if (error) return reject(error);
      if (!deflated) return resolve(stream);
      // A deep buffer lets the thread pool inflate ahead while this thread parses and hashes.
      const inflate = createInflateRaw({
        chunkSize: inflateChunkBytes,
        readableHighWaterMark: 64 * inflateChunkBytes,
      } as ZlibOptions);
      stream.on("error", (streamError) => inflate.destroy(streamError));
      resolve(stream.pipe(inflate));
    });
  });
}

const smallFileLimit = 16 * 1024 * 1024;

async function readEntryBytes(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  if (entry.uncompressedSize > smallFileLimit) fail(entry.fileName, "is unexpectedly large");
  const chunks: Buffer[] = [];
  for await (const chunk of await openEntry(zip, entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Streams an entry line by line while hashing its bytes, so a package of any size is
 * verified in constant memory. Returns the SHA-256 and byte count of the whole entry.
 */
async function forEachLine(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  onLine: (line: string, lineNumber: number) => void,
): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  const decoder = new StringDecoder("utf8");
  let pending = "";
  let lineNumber = 0;
  let bytes = 0;
  for await (const chunk of await openEntry(zip, entry)) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytes += buffer.length;
    const text = pending + decoder.write(buffer);
    let start = 0;
    for (let end = text.indexOf("\n", start); end !== -1; end = text.indexOf("\n", start)) {
      lineNumber += 1;
      onLine(text.slice(start, end), lineNumber);
      start = end + 1;
    }
    pending = text.slice(start);
  }
  pending += decoder.end();
  if (pending.length > 0) onLine(pending, lineNumber + 1);
  return { sha256: hash.digest("hex"), bytes };
}

function parseManifest(bytes: Buffer): PackageManifest {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch {
    fail(packagePaths.manifest, "is not valid JSON");
  }
  const manifest = value as Partial<PackageManifest>;
  const format: unknown = manifest.format;
  if (format !== packageFormat && format !== packageFormatV2) {
    fail(packagePaths.manifest, `format is not ${packageFormat} or ${packageFormatV2}`);
  }
  if (format === packageFormatV2) {
    const v2 = value as Partial<PackageManifestV2>;
    if (
      typeof v2.origin !== "string" ||
      typeof v2.publicKeyFingerprint !== "string" ||
      typeof v2.kind !== "string" ||
      !Number.isSafeInteger(v2.eventCount) ||
      !Array.isArray(v2.checkpoints) ||
      v2.checkpoints.length !== 1 ||
      !Number.isSafeInteger(v2.checkpoints[0]) ||
      !Array.isArray(v2.files)
    ) {
      fail(packagePaths.manifest, "is missing fields or has fields of the wrong type");
    }
    return v2 as unknown as PackageManifest;
  }
  const integer = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  if (
    typeof manifest.origin !== "string" ||
    typeof manifest.publicKeyFingerprint !== "string" ||
    !integer(manifest.fromSeq) ||
    !integer(manifest.toSeq) ||
    !integer(manifest.eventCount) ||
    !Array.isArray(manifest.checkpoints) ||
    !manifest.checkpoints.every(integer) ||
    !Array.isArray(manifest.files)
  ) {
    fail(packagePaths.manifest, "is missing fields or has fields of the wrong type");
  }
  return manifest as PackageManifest;
}

function parseEventLine(line: string, lineNumber: number): HashedEvidenceEvent {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(line);
  } catch {
    fail(packagePaths.events, `line ${lineNumber} is not valid JSON`);
  }
  const { seq, recordedAt, actor, action, subjectIds, payloadVersion, payload, prevHash, hash } =
    value;
  if (
    typeof seq !== "number" ||
    typeof recordedAt !== "string" ||
    typeof actor !== "string" ||
    typeof action !== "string" ||
    !Array.isArray(subjectIds) ||
    typeof payloadVersion !== "number" ||
    typeof prevHash !== "string" ||
    typeof hash !== "string" ||
    !/^[0-9a-f]{64}$/.test(hash) ||
    Object.keys(value).length !== 9
  ) {
    fail(
      packagePaths.events,
      `line ${lineNumber} is not an evidence event (expected exactly seq, recordedAt, actor, action, subjectIds, payloadVersion, payload, prevHash, hash)`,
      typeof seq === "number" ? seq : undefined,
    );
  }
  return { seq, recordedAt, actor, action, subjectIds, payloadVersion, payload, prevHash, hash };
}

const hashMember = ',"hash":"';
const hashMemberLength = hashMember.length + 64 + 1;
const payloadVersionMember = ',"payloadVersion":';

/**
 * Reads one events.jsonl line without parsing its payload. The line is the event's canonical
 * JSON, keys sorted (action, actor, hash, payload, payloadVersion, prevHash, recordedAt, seq,
 * subjectIds), so without its `,"hash":"…"` member it is exactly the text that was hashed:
 * hashing those bytes checks the whole line, payload included, byte for byte, and is stricter
 * than re-serialising. The fields the chain needs are read from the small tail after the
 * payload. A string value cannot contain a raw `,"hash":"` (its quotes would be escaped), so
 * the first occurrence is the member; a line that is not canonical simply fails its hash.
 */
function readEventLine(
  line: string,
  lineNumber: number,
): { event: HashedEvidenceEvent; contentHash: string } {
  const hashAt = line.indexOf(hashMember);
  const tailAt = line.lastIndexOf(payloadVersionMember);
  if (
    line.startsWith('{"action":"') &&
    hashAt !== -1 &&
    tailAt > hashAt &&
    line[hashAt + hashMemberLength - 1] === '"'
  ) {
    const hash = line.slice(hashAt + hashMember.length, hashAt + hashMember.length + 64);
    let tail: Record<string, unknown> | undefined;
    try {
      tail = JSON.parse(`{${line.slice(tailAt + 1)}`);
    } catch {
      tail = undefined;
    }
    if (
      tail &&
      /^[0-9a-f]{64}$/.test(hash) &&
      typeof tail.seq === "number" &&
      typeof tail.prevHash === "string" &&
      typeof tail.recordedAt === "string" &&
      typeof tail.payloadVersion === "number" &&
      Array.isArray(tail.subjectIds)
    ) {
      return {
        event: {
          seq: tail.seq,
          recordedAt: tail.recordedAt,
          actor: "",
          action: "",
          subjectIds: tail.subjectIds as string[],
          payloadVersion: tail.payloadVersion,
          payload: null,
          prevHash: tail.prevHash,
          hash,
        },
        contentHash: sha256Hex(line.slice(0, hashAt) + line.slice(hashAt + hashMemberLength)),
      };
    }
  }
  // Not in the canonical shape: parse it fully to say what is wrong with it.
  const event = parseEventLine(line, lineNumber);
  return { event, contentHash: "" };
}

/**
 * Verifies an evidence package offline: the manifest's signature and every file's SHA-256,
 * every event's hash and its link to the one before, the Merkle root at each signed
 * checkpoint, the checkpoints' signatures, and consistency between consecutive checkpoints.
 * Stops at the first problem and names the file (and the event, when there is one).
 */
export async function verifyEvidencePackage(
  zipPath: string,
  options: { publicKeyPem?: string } = {},
): Promise<PackageVerification> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(zipPath);
  } catch (error) {
    return {
      ok: false,
      file: zipPath,
      reason: `cannot be read as a zip: ${(error as Error).message}`,
    };
  }
  try {
    return await verifyOpenPackage(zip, options);
  } catch (error) {
    if (error instanceof VerificationFailure) {
      return {
        ok: false,
        file: error.file,
        ...(error.seq === undefined ? {} : { seq: error.seq }),
        reason: error.message,
      };
    }
    return { ok: false, file: zipPath, reason: (error as Error).message };
  } finally {
    zip.close();
  }
}

async function verifyOpenPackage(
  zip: yauzl.ZipFile,
  options: { publicKeyPem?: string },
): Promise<PackageVerification> {
  const entries = await readEntries(zip);
  const entry = (path: string): yauzl.Entry =>
    entries.get(path) ?? fail(path, "is listed in the manifest but missing from the package");
  for (const required of [
    packagePaths.manifest,
    packagePaths.manifestSignature,
    packagePaths.publicKey,
  ]) {
    if (!entries.has(required)) fail(required, "is missing from the package");
  }

  // 1. The manifest, signed by the ledger key: every other file is checked against it.
  const manifestBytes = await readEntryBytes(zip, entry(packagePaths.manifest));
  const manifestSha256 = createHash("sha256").update(manifestBytes).digest("hex");
  const manifest = parseManifest(manifestBytes);
  const packageKeyPem = (await readEntryBytes(zip, entry(packagePaths.publicKey))).toString("utf8");
  const trustedKeyPem = options.publicKeyPem ?? packageKeyPem;
  let trustedFingerprint: string;
  try {
    trustedFingerprint = publicKeyFingerprint(trustedKeyPem);
  } catch (error) {
    fail(
      options.publicKeyPem ? "--public-key" : packagePaths.publicKey,
      `is not an Ed25519 public key: ${(error as Error).message}`,
    );
  }
  if (options.publicKeyPem) {
    let packageKey: Uint8Array | undefined;
    try {
      packageKey = rawPublicKey(packageKeyPem);
    } catch {
      packageKey = undefined;
    }
    if (!packageKey || toHex(packageKey) !== toHex(rawPublicKey(trustedKeyPem))) {
      fail(packagePaths.publicKey, "is not the public key you supplied with --public-key");
    }
  }
  if (manifest.publicKeyFingerprint !== trustedFingerprint) {
    fail(
      options.publicKeyPem ? packagePaths.manifest : packagePaths.publicKey,
      `is key ${trustedFingerprint}, but the manifest names key ${manifest.publicKeyFingerprint}`,
    );
  }
  const signatureNote = (await readEntryBytes(zip, entry(packagePaths.manifestSignature))).toString(
    "utf8",
  );
  const signature = verifyNote(signatureNote, {
    keyName: manifest.origin,
    publicKeyPem: trustedKeyPem,
  });
  if (!signature.ok) fail(packagePaths.manifestSignature, `does not verify: ${signature.reason}`);
  if (signature.text !== manifestSignatureText(manifestSha256, manifest.format)) {
    fail(
      packagePaths.manifest,
      "does not match the SHA-256 signed in manifest.sig (the manifest was edited)",
    );
  }

  // 2. Exactly the files the manifest lists, no more.
  const listed = new Map(manifest.files.map((file) => [file.path, file]));
  for (const path of entries.keys()) {
    if (
      path !== packagePaths.manifest &&
      path !== packagePaths.manifestSignature &&
      !listed.has(path)
    ) {
      fail(path, "is in the package but not listed in the manifest");
    }
  }
  const checkFile = (path: string, actual: { sha256: string; bytes: number }) => {
    const expected = listed.get(path) ?? fail(path, "is not listed in the manifest");
    if (expected.sha256 !== actual.sha256 || expected.bytes !== actual.bytes) {
      fail(path, "does not match the SHA-256 and size in the manifest");
    }
  };
  const readListedFile = async (path: string): Promise<Buffer> => {
    const bytes = await readEntryBytes(zip, entry(path));
    checkFile(path, {
      sha256: createHash("sha256").update(bytes).digest("hex"),
      bytes: bytes.length,
    });
    return bytes;
  };
  for (const path of listed.keys()) entry(path);
  await readListedFile(packagePaths.publicKey);
  if (listed.has(packagePaths.readme)) await readListedFile(packagePaths.readme);

  if ((manifest.format as string) === packageFormatV2) {
    return verifyAuditPackageBody({
      zip,
      entry,
      readListedFile,
      checkFile,
      manifest: manifest as unknown as PackageManifestV2,
      trustedKeyPem,
      trustedFingerprint,
      keySource: options.publicKeyPem ? "argument" : "package",
    });
  }

  // 3. Signed checkpoints, the last one covering the last event.
  const sizes = manifest.checkpoints;
  if (sizes.length === 0) fail(packagePaths.manifest, "lists no signed checkpoint");
  if (sizes.at(-1) !== manifest.toSeq) {
    fail(
      packagePaths.manifest,
      `the last checkpoint (${sizes.at(-1)}) does not cover the last event (${manifest.toSeq})`,
    );
  }
  const roots = new Map<number, Uint8Array>();
  let previousSize = 0;
  for (const size of sizes) {
    const path = checkpointPath(size);
    if (size <= previousSize) fail(packagePaths.manifest, "checkpoints are not in ascending order");
    const note = (await readListedFile(path)).toString("utf8");
    const verified = verifyCheckpoint(note, {
      keyName: manifest.origin,
      publicKeyPem: trustedKeyPem,
    });
    if (!verified.ok) fail(path, `signature does not verify: ${verified.reason}`);
    if (verified.origin !== manifest.origin)
      fail(path, `origin "${verified.origin}" is not the ledger's`);
    if (verified.treeSize !== size) fail(path, `covers ${verified.treeSize} events, not ${size}`);
    roots.set(size, parseCheckpoint(note).rootHash);
    previousSize = size;
  }

  // 4. Consistency between consecutive checkpoints.
  for (let index = 1; index < sizes.length; index += 1) {
    const size1 = sizes[index - 1] as number;
    const size2 = sizes[index] as number;
    const path = consistencyProofPath(size1, size2);
    let proofFile: ConsistencyProofFile;
    try {
      proofFile = JSON.parse((await readListedFile(path)).toString("utf8"));
    } catch (error) {
      if (error instanceof VerificationFailure) throw error;
      fail(path, "is not valid JSON");
    }
    let proof: Uint8Array[];
    try {
      proof = proofFile.proof.map((node) => fromHex(node));
    } catch {
      fail(path, "holds a proof element that is not hex");
    }
    const root1 = roots.get(size1) as Uint8Array;
    const root2 = roots.get(size2) as Uint8Array;
    if (
      proofFile.size1 !== size1 ||
      proofFile.size2 !== size2 ||
      !verifyConsistency(size1, size2, root1, root2, proof)
    ) {
      fail(path, `checkpoint ${size2} is not consistent with checkpoint ${size1}`);
    }
  }

  // 5. The events themselves: hashes, chain, and the tree under each checkpoint.
  const tree = new MerkleRootBuilder();
  let anchorHash = GENESIS_HASH;
  const checkRoot = (file: string, seq?: number) => {
    const expected = roots.get(tree.size);
    if (expected && toHex(tree.root()) !== toHex(expected)) {
      fail(
        file,
        `the events up to ${tree.size} do not produce the root signed in ${checkpointPath(tree.size)}`,
        seq,
      );
    }
  };
  if (manifest.fromSeq > 1) {
    const path = packagePaths.priorEventHashes;
    const digest = await forEachLine(zip, entry(path), (line, lineNumber) => {
      if (!/^[0-9a-f]{64}$/.test(line)) fail(path, `line ${lineNumber} is not a SHA-256 hash`);
      tree.push(leafHash(fromHex(line)));
      anchorHash = line;
      checkRoot(path);
    });
    checkFile(path, digest);
    if (tree.size !== manifest.fromSeq - 1) {
      fail(
        path,
        `holds ${tree.size} hashes; events before seq ${manifest.fromSeq} need ${manifest.fromSeq - 1}`,
      );
    }
  }
  const chain = new ChainVerifier();
  let first = true;
  const digest = await forEachLine(zip, entry(packagePaths.events), (line, lineNumber) => {
    const { event, contentHash } = readEventLine(line, lineNumber);
    if (first) {
      if (event.seq !== manifest.fromSeq) {
        fail(
          packagePaths.events,
          `starts at seq ${event.seq}, the manifest says ${manifest.fromSeq}`,
          event.seq,
        );
      }
      if (event.prevHash !== anchorHash) {
        fail(
          packagePaths.events,
          "prev_hash does not match the hash of the event before it",
          event.seq,
        );
      }
      first = false;
    }
    const failure = chain.push(event, contentHash);
    if (failure) fail(packagePaths.events, failure.reason, failure.seq);
    tree.push(leafHash(fromHex(event.hash)));
    checkRoot(packagePaths.events, event.seq);
  });
  checkFile(packagePaths.events, digest);
  const result = chain.result();
  if (!result.ok) fail(packagePaths.events, result.reason, result.seq);
  if (result.count !== manifest.eventCount || tree.size !== manifest.toSeq) {
    fail(
      packagePaths.events,
      `holds ${result.count} events ending at seq ${tree.size}; the manifest says ${manifest.eventCount} ending at ${manifest.toSeq}`,
    );
  }

  return {
    ok: true,
    format: packageFormat,
    origin: manifest.origin,
    eventCount: result.count,
    fromSeq: manifest.fromSeq,
    toSeq: manifest.toSeq,
    headHash: result.headHash,
    checkpoints: sizes,
    publicKeyFingerprint: trustedFingerprint,
    keySource: options.publicKeyPem ? "argument" : "package",
  };
}

interface AuditBodyOptions {
  zip: yauzl.ZipFile;
  entry: (path: string) => yauzl.Entry;
  readListedFile: (path: string) => Promise<Buffer>;
  checkFile: (path: string, actual: { sha256: string; bytes: number }) => void;
  manifest: PackageManifestV2;
  trustedKeyPem: string;
  trustedFingerprint: string;
  keySource: "argument" | "package";
}

/** Collects every eventSeq / eventSeqs member of a record file, wherever it is nested. */
function collectEventSeqs(value: unknown, into: number[]): void {
  if (Array.isArray(value)) {
    for (const element of value) collectEventSeqs(element, into);
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [key, member] of Object.entries(value)) {
    if (key === "eventSeq" && typeof member === "number") into.push(member);
    else if (key === "eventSeqs" && Array.isArray(member)) {
      for (const seq of member) if (typeof seq === "number") into.push(seq);
    } else collectEventSeqs(member, into);
  }
}

/**
 * Format 2: the signed checkpoint, every event's hash and its inclusion proof against that
 * checkpoint, and every record's reference to an event in the package.
 */
async function verifyAuditPackageBody(options: AuditBodyOptions): Promise<PackageVerification> {
  const { zip, entry, readListedFile, checkFile, manifest, trustedKeyPem } = options;
  const treeSize = manifest.checkpoints[0] as number;
  const path = checkpointPath(treeSize);
  const note = (await readListedFile(path)).toString("utf8");
  const verified = verifyCheckpoint(note, {
    keyName: manifest.origin,
    publicKeyPem: trustedKeyPem,
  });
  if (!verified.ok) fail(path, `signature does not verify: ${verified.reason}`);
  if (verified.origin !== manifest.origin)
    fail(path, `origin "${verified.origin}" is not the ledger's`);
  if (verified.treeSize !== treeSize)
    fail(path, `covers ${verified.treeSize} events, not ${treeSize}`);
  const root = parseCheckpoint(note).rootHash;

  const events: { seq: number; hash: string }[] = [];
  const digest = await forEachLine(zip, entry(packagePaths.events), (line, lineNumber) => {
    const { event, contentHash } = readEventLine(line, lineNumber);
    if (contentHash === "" || contentHash !== event.hash) {
      fail(packagePaths.events, "the event's content does not match its hash", event.seq);
    }
    const previous = events.at(-1);
    if (previous && event.seq <= previous.seq) {
      fail(packagePaths.events, "events are not in ascending seq order", event.seq);
    }
    if (event.seq > treeSize) {
      fail(packagePaths.events, `the event is not covered by checkpoint ${treeSize}`, event.seq);
    }
    events.push({ seq: event.seq, hash: event.hash });
  });
  checkFile(packagePaths.events, digest);
  if (events.length !== manifest.eventCount) {
    fail(
      packagePaths.events,
      `holds ${events.length} events; the manifest says ${manifest.eventCount}`,
    );
  }

  const proofsPath = packagePathsV2.proofs;
  let proven = 0;
  const proofsDigest = await forEachLine(zip, entry(proofsPath), (line, lineNumber) => {
    const event = events[lineNumber - 1];
    if (!event)
      fail(proofsPath, `line ${lineNumber} has no event on line ${lineNumber} of events.jsonl`);
    let proofFile: InclusionProofFile;
    let proof: Uint8Array[];
    try {
      proofFile = JSON.parse(line);
      proof = proofFile.proof.map((node) => fromHex(node));
    } catch {
      fail(proofsPath, `line ${lineNumber} is not an inclusion proof`, event.seq);
    }
    if (
      proofFile.seq !== event.seq ||
      proofFile.leafIndex !== event.seq - 1 ||
      proofFile.treeSize !== treeSize ||
      !verifyInclusion(leafHash(fromHex(event.hash)), event.seq - 1, treeSize, proof, root)
    ) {
      fail(
        proofsPath,
        `event ${event.seq} is not included in the tree signed in ${path}`,
        event.seq,
      );
    }
    proven += 1;
  });
  checkFile(proofsPath, proofsDigest);
  if (proven !== events.length) {
    fail(proofsPath, `holds ${proven} proofs for ${events.length} events`);
  }

  const present = new Set(events.map((event) => event.seq));
  let recordsChecked = 0;
  const listedPaths = new Set(manifest.files.map((file) => file.path));
  for (const recordPath of recordFilesWithEvents) {
    if (!listedPaths.has(recordPath)) continue;
    // Record files are JSON written one entry per line ("[", entries, "]"), so they are read
    // line by line in constant memory; a whole-file JSON parser reads them just as well.
    const recordDigest = await forEachLine(zip, entry(recordPath), (line, lineNumber) => {
      const text = line.trim().replace(/,$/, "");
      if (text === "[" || text === "]" || text === "") return;
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch {
        fail(recordPath, `line ${lineNumber} is not a JSON record`);
      }
      const seqs: number[] = [];
      collectEventSeqs(record, seqs);
      for (const seq of seqs) {
        if (!present.has(seq)) {
          fail(recordPath, `names ledger event ${seq}, which is not in events.jsonl`, seq);
        }
      }
      recordsChecked += 1;
    });
    checkFile(recordPath, recordDigest);
  }
  // Files not read above (the CSV, the PDF) are still held to their manifest hashes.
  for (const file of manifest.files) {
    if (
      file.path === packagePathsV2.proofs ||
      file.path === packagePaths.events ||
      file.path === path ||
      file.path === packagePaths.publicKey ||
      file.path === packagePaths.readme ||
      (recordFilesWithEvents as readonly string[]).includes(file.path)
    ) {
      continue;
    }
    checkFile(file.path, await forEachLine(zip, entry(file.path), () => {}));
  }
  return {
    ok: true,
    format: packageFormatV2,
    kind: manifest.kind,
    recordsChecked,
    origin: manifest.origin,
    eventCount: events.length,
    fromSeq: events[0]?.seq ?? 0,
    toSeq: events.at(-1)?.seq ?? 0,
    headHash: events.at(-1)?.hash ?? "",
    checkpoints: [treeSize],
    publicKeyFingerprint: options.trustedFingerprint,
    keySource: options.keySource,
  };
}
