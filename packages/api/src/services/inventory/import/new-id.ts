import { randomFillSync } from "node:crypto";

const hex = Array.from({ length: 256 }, (_, value) => value.toString(16).padStart(2, "0"));
const random = Buffer.alloc(16 * 1024);
let offset = random.length;
const text = Buffer.alloc(36);

/**
 * A random (version 4) UUID as one flat string. crypto.randomUUID() builds its result by
 * concatenation, which V8 keeps as a tree of some twenty string pieces: harmless for one id,
 * but a million accounts held in memory during an import then cost hundreds of megabytes.
 */
export function newId(): string {
  if (offset === random.length) {
    randomFillSync(random);
    offset = 0;
  }
  random[offset + 6] = ((random[offset + 6] as number) & 0x0f) | 0x40;
  random[offset + 8] = ((random[offset + 8] as number) & 0x3f) | 0x80;
  let position = 0;
  for (let index = 0; index < 16; index += 1) {
    if (index === 4 || index === 6 || index === 8 || index === 10) text[position++] = 0x2d;
    const pair = hex[random[offset + index] as number] as string;
    text[position++] = pair.charCodeAt(0);
    text[position++] = pair.charCodeAt(1);
  }
  offset += 16;
  return text.toString("latin1");
}
