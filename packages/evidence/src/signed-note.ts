import { type KeyObject, sign, verify } from "node:crypto";
import { fromBase64, sha256, toBase64, toHex } from "./hash";
import { loadPrivateKey, loadPublicKey, rawPublicKeyOf } from "./signing-key";

// C2SP signed-note (https://c2sp.org/signed-note) with Ed25519 signatures, the envelope
// of tlog checkpoints. Following the spec lets an auditor check our checkpoints with
// existing tools (e.g. Go's golang.org/x/mod/sumdb/note).

export interface NoteSignature {
  keyName: string;
  /** First 4 bytes of SHA-256(key name ‖ 0x0A ‖ signature type ‖ public key). */
  keyId: Uint8Array;
  signature: Uint8Array;
}

export interface ParsedNote {
  /** Everything before the blank line, ending in a newline; the signed bytes. */
  text: string;
  signatures: NoteSignature[];
}

export type NoteVerification = { ok: true; text: string } | { ok: false; reason: string };

const ED25519_SIGNATURE_TYPE = 0x01;
const ED25519_SIGNATURE_SIZE = 64;
const KEY_ID_SIZE = 4;
const SIGNATURE_LINE_PREFIX = "\u2014 ";
// Bounds the work a hostile note can demand, as the Go reference implementation does.
const MAX_SIGNATURES = 100;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the spec forbids exactly these.
const FORBIDDEN_CHARACTER = /[\u0000-\u0009\u000B-\u001F\u007F]|[\uD800-\uDFFF]/u;
const encoder = new TextEncoder();

/** The signed-note key ID for an Ed25519 key. */
export function computeKeyId(keyName: string, rawPublicKey: Uint8Array): Uint8Array {
  const name = encoder.encode(keyName);
  const input = new Uint8Array(name.length + 2 + rawPublicKey.length);
  input.set(name, 0);
  input[name.length] = 0x0a;
  input[name.length + 1] = ED25519_SIGNATURE_TYPE;
  input.set(rawPublicKey, name.length + 2);
  return sha256(input).slice(0, KEY_ID_SIZE);
}

/**
 * The verifier key string "<name>+<hex key ID>+<base64(0x01 ‖ public key)>" that Go's
 * note.NewVerifier and other signed-note tools accept.
 */
export function formatVerifierKey(keyName: string, publicKeyPem: string): string {
  checkKeyName(keyName);
  const raw = rawPublicKeyOf(loadPublicKey(publicKeyPem));
  const typed = new Uint8Array(1 + raw.length);
  typed[0] = ED25519_SIGNATURE_TYPE;
  typed.set(raw, 1);
  return `${keyName}+${toHex(computeKeyId(keyName, raw))}+${toBase64(typed)}`;
}

/** The text followed by a blank line and one Ed25519 signature line. */
export function signNote(options: {
  text: string;
  keyName: string;
  privateKeyPem: string;
}): string {
  const { text, keyName, privateKeyPem } = options;
  checkText(text);
  checkKeyName(keyName);
  const privateKey = loadPrivateKey(privateKeyPem);
  const keyId = computeKeyId(keyName, rawPublicKeyOf(privateKey));
  const signature = sign(null, encoder.encode(text), privateKey);
  const blob = new Uint8Array(KEY_ID_SIZE + signature.length);
  blob.set(keyId, 0);
  blob.set(signature, KEY_ID_SIZE);
  return `${text}\n${SIGNATURE_LINE_PREFIX}${keyName} ${toBase64(blob)}\n`;
}

/** Splits a note into its text and signature lines; throws an Error naming what is malformed. */
export function parseNote(note: string): ParsedNote {
  if (note.length === 0) {
    throw new Error("The note is empty.");
  }
  checkCharacters(note, "The note");
  if (!note.endsWith("\n")) {
    throw new Error("The note does not end with a newline.");
  }
  // The spec splits at the last blank line: the text may not end in one, signatures
  // never contain one.
  const split = note.lastIndexOf("\n\n");
  if (split === -1) {
    throw new Error("The note has no blank line between its text and its signatures.");
  }
  const text = note.slice(0, split + 1);
  if (split + 2 === note.length) {
    throw new Error("The note has no signature lines after its last blank line.");
  }
  const lines = note.slice(split + 2, -1).split("\n");
  if (lines.length > MAX_SIGNATURES) {
    throw new Error(`The note has more than ${MAX_SIGNATURES} signature lines.`);
  }
  return { text, signatures: lines.map(parseSignatureLine) };
}

/**
 * Succeeds when some signature line names keyName, carries the key ID of this public
 * key, and verifies over the note's text. Other signatures (e.g. witness cosignatures)
 * are ignored, as the spec requires. Never throws.
 */
export function verifyNote(
  note: string,
  options: { keyName: string; publicKeyPem: string },
): NoteVerification {
  const { keyName, publicKeyPem } = options;
  let parsed: ParsedNote;
  try {
    parsed = parseNote(note);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  let publicKey: KeyObject;
  let keyId: Uint8Array;
  try {
    publicKey = loadPublicKey(publicKeyPem);
    keyId = computeKeyId(keyName, rawPublicKeyOf(publicKey));
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  const named = parsed.signatures.filter((candidate) => candidate.keyName === keyName);
  if (named.length === 0) {
    return { ok: false, reason: `The note has no signature by key "${keyName}".` };
  }
  const matching = named.filter((candidate) => toHex(candidate.keyId) === toHex(keyId));
  if (matching.length === 0) {
    return {
      ok: false,
      reason: `The signature by "${keyName}" was made with a different key (key ID ${toHex(named[0]?.keyId ?? new Uint8Array(0))}, expected ${toHex(keyId)}).`,
    };
  }
  const signed = encoder.encode(parsed.text);
  const verified = matching.some(
    (candidate) =>
      candidate.signature.length === ED25519_SIGNATURE_SIZE &&
      verify(null, signed, publicKey, candidate.signature),
  );
  if (!verified) {
    return {
      ok: false,
      reason: `The signature by "${keyName}" does not verify: the signed text or the signature was altered.`,
    };
  }
  return { ok: true, text: parsed.text };
}

function parseSignatureLine(line: string, index: number): NoteSignature {
  const where = `Signature line ${index + 1}`;
  if (!line.startsWith(SIGNATURE_LINE_PREFIX)) {
    throw new Error(`${where} does not start with an em dash (U+2014) and a space.`);
  }
  const fields = line.slice(SIGNATURE_LINE_PREFIX.length).split(" ");
  const [keyName, encoded] = fields;
  if (fields.length !== 2 || keyName === undefined || encoded === undefined) {
    throw new Error(`${where} is not "— <key name> <base64 signature>".`);
  }
  checkKeyName(keyName);
  let blob: Uint8Array;
  try {
    blob = fromBase64(encoded);
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
  if (blob.length <= KEY_ID_SIZE) {
    throw new Error(`${where} is too short to hold a key ID and a signature.`);
  }
  return {
    keyName,
    keyId: blob.slice(0, KEY_ID_SIZE),
    signature: blob.slice(KEY_ID_SIZE),
  };
}

function checkText(text: string): void {
  if (text.length === 0 || !text.endsWith("\n")) {
    throw new Error("Note text must be non-empty and end with a newline.");
  }
  if (text.endsWith("\n\n")) {
    throw new Error("Note text must not end with a blank line.");
  }
  checkCharacters(text, "Note text");
}

function checkCharacters(text: string, what: string): void {
  if (FORBIDDEN_CHARACTER.test(text)) {
    throw new Error(`${what} contains a control character or invalid Unicode.`);
  }
}

// Key names end at the first space of a signature line and at the first "+" of a
// verifier key, so neither may appear in one.
function checkKeyName(keyName: string): void {
  if (keyName.length === 0 || /[\s+]/u.test(keyName) || FORBIDDEN_CHARACTER.test(keyName)) {
    throw new Error(`Key name "${keyName}" must be non-empty, without spaces or "+".`);
  }
}
