import { randomFillSync } from "node:crypto";

const hex = Array.from({ length: 256 }, (_, value) => value.toString(16).padStart(2, "0"));
const bytes = Buffer.alloc(16);
const text = Buffer.alloc(36);
let lastMs = -1;

/**
 * A time-ordered (version 7, RFC 9562) UUID as one flat string. Ids made one after another
 * sort one after another (RFC 9562 §6.2 method 2: within a millisecond the random part is
 * incremented), so a million rows loaded in the order they were made append to their
 * primary-key index instead of splitting pages all over it: about a quarter of the load time.
 * Built into a buffer because crypto.randomUUID() returns a string that V8 keeps as some twenty
 * pieces: harmless for one id, hundreds of megabytes for a million accounts held in memory.
 */
export function newId(): string {
  const ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    randomFillSync(bytes, 6, 10);
    // leave the counter (bytes 9–15) room to count a few quadrillion ids in one millisecond
    bytes[9] = (bytes[9] as number) & 0x7f;
  } else {
    increment();
  }
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  let position = 0;
  for (let index = 0; index < 16; index += 1) {
    if (index === 4 || index === 6 || index === 8 || index === 10) text[position++] = 0x2d;
    const pair = hex[bytes[index] as number] as string;
    text[position++] = pair.charCodeAt(0);
    text[position++] = pair.charCodeAt(1);
  }
  return text.toString("latin1");
}

function increment(): void {
  for (let index = 15; index >= 9; index -= 1) {
    const value = ((bytes[index] as number) + 1) & 0xff;
    bytes[index] = value;
    if (value !== 0) return;
  }
  // 2^55 ids in one millisecond: move on to the next one, as the RFC allows
  lastMs += 1;
}
