import { fromBase64, toBase64 } from "./hash";
import { type NoteSignature, parseNote, signNote, verifyNote } from "./signed-note";

// Signed tree heads in the C2SP tlog-checkpoint format (https://c2sp.org/tlog-checkpoint)
// inside a signed note, so a checkpoint reads the same to us, to an auditor's script
// and to transparency-log tooling.

// Key handling lives in its own file; checkpoint callers get it from here too.
export { generateSigningKey, publicKeyFingerprint, rawPublicKey } from "./signing-key";

export interface Checkpoint {
  /** Names the log; by convention also the signing key's name. */
  origin: string;
  treeSize: number;
  /** RFC 9162 tree head over the first treeSize events. */
  rootHash: Uint8Array;
}

export interface ParsedCheckpoint extends Checkpoint {
  /** Lines after the root hash; the format allows them and they are signed. */
  extensions: string[];
  signatures: NoteSignature[];
  /** The signed text: origin, size, root and extension lines, each ending in "\n". */
  body: string;
}

export type CheckpointVerification =
  | { ok: true; origin: string; treeSize: number; rootHash: Uint8Array }
  | { ok: false; reason: string };

const ROOT_HASH_SIZE = 32;
const DECIMAL = /^(?:0|[1-9][0-9]*)$/;

/** The checkpoint body: origin, tree size and base64 root hash, one per line. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, treeSize, rootHash } = checkpoint;
  if (origin.length === 0 || /[\n\r]/.test(origin)) {
    throw new Error("Checkpoint origin must be one non-empty line.");
  }
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) {
    throw new RangeError(`Checkpoint tree size must be a non-negative integer, got ${treeSize}.`);
  }
  if (rootHash.length !== ROOT_HASH_SIZE) {
    throw new RangeError(`Checkpoint root hash must be ${ROOT_HASH_SIZE} bytes.`);
  }
  return `${origin}\n${treeSize}\n${toBase64(rootHash)}\n`;
}

/** The body as a signed note with one Ed25519 signature by keyName. */
export function signCheckpoint(
  options: Checkpoint & { keyName: string; privateKeyPem: string },
): string {
  const { keyName, privateKeyPem } = options;
  return signNote({ text: formatCheckpoint(options), keyName, privateKeyPem });
}

/** Parses a signed checkpoint without checking signatures; throws an Error naming what is malformed. */
export function parseCheckpoint(note: string): ParsedCheckpoint {
  const { text, signatures } = parseNote(note);
  const [origin, size, root, ...extensions] = text.slice(0, -1).split("\n");
  if (origin === undefined || size === undefined || root === undefined) {
    throw new Error("The checkpoint needs an origin line, a tree size line and a root hash line.");
  }
  if (origin.length === 0) {
    throw new Error("The checkpoint's origin line is empty.");
  }
  if (!DECIMAL.test(size) || !Number.isSafeInteger(Number(size))) {
    throw new Error(`The checkpoint's tree size "${size}" is not a decimal integer.`);
  }
  let rootHash: Uint8Array;
  try {
    rootHash = fromBase64(root);
  } catch (error) {
    throw new Error(`The checkpoint's root hash line: ${(error as Error).message}`);
  }
  if (rootHash.length !== ROOT_HASH_SIZE) {
    throw new Error(
      `The checkpoint's root hash is ${rootHash.length} bytes, not ${ROOT_HASH_SIZE}.`,
    );
  }
  if (extensions.some((line) => line.length === 0)) {
    throw new Error("The checkpoint has an empty extension line.");
  }
  return { origin, treeSize: Number(size), rootHash, extensions, signatures, body: text };
}

/**
 * Succeeds only when the checkpoint is well formed and a signature line with this key
 * name and this key's ID verifies over the body. Never throws.
 */
export function verifyCheckpoint(
  note: string,
  key: { keyName: string; publicKeyPem: string },
): CheckpointVerification {
  let checkpoint: ParsedCheckpoint;
  try {
    checkpoint = parseCheckpoint(note);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  const verification = verifyNote(note, key);
  if (!verification.ok) {
    return verification;
  }
  const { origin, treeSize, rootHash } = checkpoint;
  return { ok: true, origin, treeSize, rootHash };
}
