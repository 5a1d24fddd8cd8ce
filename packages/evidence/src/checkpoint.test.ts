import { describe, expect, it } from "vitest";
import {
  formatCheckpoint,
  generateSigningKey,
  parseCheckpoint,
  signCheckpoint,
  verifyCheckpoint,
} from "./checkpoint";
import { fromBase64, fromHex, toHex } from "./hash";
import { computeKeyId } from "./signed-note";
import { rawPublicKey } from "./signing-key";

// The RFC 6962 test tree of 8 leaves, so the root is a published value.
const rootHex = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328";
const origin = "attest.example/ledger";
const checkpoint = { origin, treeSize: 8, rootHash: fromHex(rootHex) };
const key = generateSigningKey();
const signer = { keyName: origin, privateKeyPem: key.privateKeyPem };
const verifier = { keyName: origin, publicKeyPem: key.publicKeyPem };

function signed(overrides: Partial<typeof checkpoint> = {}): string {
  return signCheckpoint({ ...checkpoint, ...overrides, ...signer });
}

describe("formatCheckpoint", () => {
  it("writes origin, decimal size and padded base64 root, each on its own line", () => {
    expect(formatCheckpoint(checkpoint)).toBe(
      "attest.example/ledger\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
    );
    expect(formatCheckpoint({ ...checkpoint, treeSize: 0 })).toBe(
      "attest.example/ledger\n0\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
    );
  });

  it("refuses values that cannot be written unambiguously", () => {
    expect(() => formatCheckpoint({ ...checkpoint, origin: "" })).toThrow("origin");
    expect(() => formatCheckpoint({ ...checkpoint, origin: "a\nb" })).toThrow("origin");
    expect(() => formatCheckpoint({ ...checkpoint, treeSize: -1 })).toThrow("tree size");
    expect(() => formatCheckpoint({ ...checkpoint, treeSize: 1.5 })).toThrow("tree size");
    expect(() => formatCheckpoint({ ...checkpoint, rootHash: new Uint8Array(31) })).toThrow(
      "32 bytes",
    );
  });
});

describe("signCheckpoint", () => {
  it("appends a blank line and one em-dash signature line carrying the key ID", () => {
    const note = signed();
    const body = formatCheckpoint(checkpoint);
    const keyId = computeKeyId(origin, rawPublicKey(key.publicKeyPem));
    const prefix = `${body}\n\u2014 ${origin} `;
    expect(note.startsWith(prefix)).toBe(true);
    expect(note.endsWith("\n")).toBe(true);
    const blob = note.slice(prefix.length, -1);
    // 4-byte key ID + 64-byte Ed25519 signature = 68 bytes = 92 base64 characters.
    expect(blob).toMatch(/^[A-Za-z0-9+/]{91}=$/);
    expect(toHex(fromBase64(blob).slice(0, 4))).toBe(toHex(keyId));
  });
});

describe("parseCheckpoint", () => {
  it("reads back what was signed", () => {
    const parsed = parseCheckpoint(signed());
    expect(parsed.origin).toBe(origin);
    expect(parsed.treeSize).toBe(8);
    expect(toHex(parsed.rootHash)).toBe(rootHex);
    expect(parsed.extensions).toEqual([]);
    expect(parsed.body).toBe(formatCheckpoint(checkpoint));
    expect(parsed.signatures).toHaveLength(1);
    expect(parsed.signatures[0]?.keyName).toBe(origin);
    expect(parsed.signatures[0]?.keyId).toEqual(
      computeKeyId(origin, rawPublicKey(key.publicKeyPem)),
    );
  });

  it("keeps extension lines, which the format allows and the signature covers", () => {
    const body = `${formatCheckpoint(checkpoint)}Timestamp: 1700000000\n`;
    const note = `${body}\n${signed().split("\n\n")[1]}`;
    expect(parseCheckpoint(note).extensions).toEqual(["Timestamp: 1700000000"]);
  });

  const body = signed();
  it.each([
    ["a missing root line", "attest.example/ledger\n8\n\n— k AAAAAAAA\n", "root hash line"],
    ["an empty origin", body.replace(origin, ""), "origin line is empty"],
    ["a size with a leading zero", body.replace("\n8\n", "\n08\n"), 'tree size "08"'],
    ["a negative size", body.replace("\n8\n", "\n-8\n"), 'tree size "-8"'],
    ["a size beyond 2^53", body.replace("\n8\n", "\n9007199254740993\n"), "tree size"],
    ["a hex root", body.replace(/\n[^\n]+=\n\n/, `\n${rootHex}\n\n`), "root hash"],
    ["a short root", body.replace(/\n[^\n]+=\n\n/, "\nAAAA\n\n"), "3 bytes, not 32"],
    ["no signature block", formatCheckpoint(checkpoint), "no blank line"],
    ["a CRLF line ending", body.replace("\n8\n", "\r\n8\n"), "control character"],
  ])("refuses %s with a reason naming it", (_label, note, message) => {
    expect(() => parseCheckpoint(note)).toThrow(message);
    expect(verifyCheckpoint(note, verifier)).toMatchObject({
      ok: false,
      reason: expect.stringContaining(message),
    });
  });
});

describe("verifyCheckpoint", () => {
  it("accepts an untouched checkpoint and returns its contents", () => {
    const result = verifyCheckpoint(signed(), verifier);
    expect(result).toMatchObject({ ok: true, origin, treeSize: 8 });
    expect(result.ok && toHex(result.rootHash)).toBe(rootHex);
  });

  it.each([
    ["tree size", (note: string) => note.replace("\n8\n", "\n9\n")],
    ["root hash", (note: string) => note.replace("Xcna", "Xcnb")],
    ["origin", (note: string) => note.replace("attest.example/ledger\n", "attest.example/other\n")],
  ])("rejects a checkpoint whose %s was changed after signing", (_label, tamper) => {
    const note = tamper(signed());
    expect(note).not.toBe(signed());
    expect(verifyCheckpoint(note, verifier)).toEqual({
      ok: false,
      reason: `The signature by "${origin}" does not verify: the signed text or the signature was altered.`,
    });
  });

  it("rejects a checkpoint signed by another key under the same name", () => {
    const other = generateSigningKey();
    const result = verifyCheckpoint(signed(), {
      keyName: origin,
      publicKeyPem: other.publicKeyPem,
    });
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.reason).toContain("different key");
  });

  it("rejects a checkpoint with no signature by the expected key name", () => {
    expect(verifyCheckpoint(signed(), { ...verifier, keyName: "someone.else/log" })).toEqual({
      ok: false,
      reason: 'The note has no signature by key "someone.else/log".',
    });
  });

  it("accepts a checkpoint that also carries other signers' lines", () => {
    const witness = generateSigningKey();
    const cosigned = signCheckpoint({
      ...checkpoint,
      keyName: "witness.example",
      privateKeyPem: witness.privateKeyPem,
    });
    const witnessLine = cosigned.split("\n\n")[1] ?? "";
    expect(verifyCheckpoint(signed() + witnessLine, verifier)).toMatchObject({ ok: true });
    expect(
      verifyCheckpoint(signed() + witnessLine, {
        keyName: "witness.example",
        publicKeyPem: witness.publicKeyPem,
      }),
    ).toMatchObject({ ok: true, treeSize: 8 });
  });

  it("never throws, whatever it is given", () => {
    for (const note of ["", "\n\n", "— \n", "a\nb\nc\n\n— x y\n", "\u0000"]) {
      expect(verifyCheckpoint(note, verifier).ok).toBe(false);
    }
    expect(verifyCheckpoint(signed(), { keyName: origin, publicKeyPem: "" }).ok).toBe(false);
  });
});
