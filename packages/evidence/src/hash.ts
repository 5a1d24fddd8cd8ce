import { hash } from "node:crypto";

// Standard alphabet, padded: the only form signed notes and checkpoints allow.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** SHA-256 of bytes, or of a string's UTF-8 encoding. */
export function sha256(data: Uint8Array | string): Uint8Array {
  return bytesOf(Buffer.from(hash("sha256", data, "binary"), "binary"));
}

/** Lowercase hex SHA-256, the form event hashes are stored in. */
export function sha256Hex(data: Uint8Array | string): string {
  return hash("sha256", data, "hex");
}

export function toHex(bytes: Uint8Array): string {
  return asBuffer(bytes).toString("hex");
}

/** Decodes hex (either case); refuses what Buffer would silently truncate. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0) {
    throw new Error(`Hex string has an odd length (${hex.length}).`);
  }
  // Buffer stops decoding at the first pair that is not hex, so a short result means a
  // bad character; cheaper than a regex over every event hash.
  const bytes = Buffer.from(hex, "hex");
  if (bytes.length * 2 !== hex.length) {
    throw new Error("Hex string contains a character other than 0-9, a-f or A-F.");
  }
  return bytesOf(bytes);
}

/** Standard, padded base64. */
export function toBase64(bytes: Uint8Array): string {
  return asBuffer(bytes).toString("base64");
}

/**
 * Decodes standard, padded base64 strictly. Buffer.from ignores stray characters and
 * accepts several spellings of the same bytes; a signature or root hash must have
 * exactly one.
 */
export function fromBase64(text: string): Uint8Array {
  if (!BASE64.test(text)) {
    throw new Error("Text is not standard padded base64.");
  }
  const bytes = Buffer.from(text, "base64");
  if (bytes.toString("base64") !== text) {
    throw new Error("Base64 text is not in canonical form (non-zero padding bits).");
  }
  return bytesOf(bytes);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// Plain Uint8Array views, so equality checks behave the same whether or not the bytes
// came from Node. Small Buffers are slices of Node's shared pool: a fresh ArrayBuffer
// per digest or decoded hash made garbage collection the main cost of verifying a
// million events (hence also the "binary", i.e. latin1, digest above, which lands in
// the pool).
function bytesOf(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
