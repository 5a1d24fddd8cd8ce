import { createPrivateKey, createPublicKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { toHex } from "./hash";
import { computeKeyId, formatVerifierKey, parseNote, signNote, verifyNote } from "./signed-note";
import { generateSigningKey, rawPublicKey } from "./signing-key";

// Known-answer vectors from golang.org/x/mod/sumdb/note (note_test.go / example_test.go)
// and from the C2SP signed-note specification, so the format is checked against other
// implementations rather than against itself.
const peterSignerKey =
  "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const peterVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const peterText =
  "If you think cryptography is the answer to your problem,\n" +
  "then you don't know what your problem is.\n";
const peterNote =
  `${peterText}\n` +
  "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
const enochSignatureLine =
  "— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";
const specVerifierKey = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
const specNote =
  "This is an example message.\n\n" +
  "— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

function privateKeyPemFromSignerKey(signerKey: string): string {
  // The base64 part may itself contain "+".
  const encoded = signerKey.split("+").slice(4).join("+");
  const seed = Buffer.from(encoded, "base64").subarray(1);
  const pkcs8 = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]);
  return createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" })
    .export({ format: "pem", type: "pkcs8" })
    .toString();
}

function publicKeyPemFromVerifierKey(verifierKey: string): string {
  const encoded = verifierKey.split("+").slice(2).join("+");
  const raw = Buffer.from(encoded, "base64").subarray(1);
  const spki = Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), raw]);
  return createPublicKey({ key: spki, format: "der", type: "spki" })
    .export({ format: "pem", type: "spki" })
    .toString();
}

const peterPrivateKeyPem = privateKeyPemFromSignerKey(peterSignerKey);
const peterPublicKeyPem = publicKeyPemFromVerifierKey(peterVerifierKey);
const peter = { keyName: "PeterNeumann", publicKeyPem: peterPublicKeyPem };

describe("signNote", () => {
  it("reproduces the Go sumdb/note signature byte for byte", () => {
    expect(
      signNote({ text: peterText, keyName: "PeterNeumann", privateKeyPem: peterPrivateKeyPem }),
    ).toBe(peterNote);
  });

  it("refuses text that is empty, lacks a final newline or ends in a blank line", () => {
    const sign = (text: string) =>
      signNote({ text, keyName: "PeterNeumann", privateKeyPem: peterPrivateKeyPem });
    expect(() => sign("")).toThrow("end with a newline");
    expect(() => sign("no newline")).toThrow("end with a newline");
    expect(() => sign("text\n\n")).toThrow("blank line");
    expect(() => sign("tab\there\n")).toThrow("control character");
  });

  it("refuses key names with spaces or plus signs", () => {
    for (const keyName of ["", "two words", "a+b"]) {
      expect(() => signNote({ text: "x\n", keyName, privateKeyPem: peterPrivateKeyPem })).toThrow(
        "Key name",
      );
    }
  });

  it("refuses a key that is not an Ed25519 private key", () => {
    expect(() =>
      signNote({ text: "x\n", keyName: "k", privateKeyPem: peterPublicKeyPem }),
    ).toThrow();
    expect(() => signNote({ text: "x\n", keyName: "k", privateKeyPem: "not a key" })).toThrow(
      "not a PEM private key",
    );
  });
});

describe("computeKeyId and formatVerifierKey", () => {
  it("derive the published key IDs and verifier keys", () => {
    expect(toHex(computeKeyId("PeterNeumann", rawPublicKey(peterPublicKeyPem)))).toBe("c74f20a3");
    expect(formatVerifierKey("PeterNeumann", peterPublicKeyPem)).toBe(peterVerifierKey);
    const specPem = publicKeyPemFromVerifierKey(specVerifierKey);
    expect(formatVerifierKey("example.com/foo", specPem)).toBe(specVerifierKey);
  });
});

describe("verifyNote", () => {
  it("accepts the Go and C2SP reference notes", () => {
    expect(verifyNote(peterNote, peter)).toEqual({ ok: true, text: peterText });
    const specKey = {
      keyName: "example.com/foo",
      publicKeyPem: publicKeyPemFromVerifierKey(specVerifierKey),
    };
    expect(verifyNote(specNote, specKey)).toEqual({
      ok: true,
      text: "This is an example message.\n",
    });
  });

  it("ignores signatures by other keys, such as cosigners", () => {
    expect(verifyNote(peterNote + enochSignatureLine, peter)).toMatchObject({ ok: true });
    expect(verifyNote(`${peterText}\n${enochSignatureLine}`, peter)).toEqual({
      ok: false,
      reason: 'The note has no signature by key "PeterNeumann".',
    });
  });

  it("rejects altered text", () => {
    const altered = peterNote.replace("cryptography", "cryptographY");
    expect(verifyNote(altered, peter)).toEqual({
      ok: false,
      reason:
        'The signature by "PeterNeumann" does not verify: the signed text or the signature was altered.',
    });
  });

  it("rejects a signature made by a different key under the same name", () => {
    const other = generateSigningKey();
    const forged = signNote({
      text: peterText,
      keyName: "PeterNeumann",
      privateKeyPem: other.privateKeyPem,
    });
    const result = verifyNote(forged, peter);
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.reason).toContain("different key");
  });

  it("rejects a verification key that is not an Ed25519 public key", () => {
    expect(verifyNote(peterNote, { keyName: "PeterNeumann", publicKeyPem: "junk" })).toEqual({
      ok: false,
      reason: "The public key is not a PEM public key.",
    });
  });
});

describe("parseNote", () => {
  it("splits text and signature lines", () => {
    const parsed = parseNote(peterNote + enochSignatureLine);
    expect(parsed.text).toBe(peterText);
    expect(parsed.signatures.map(({ keyName, keyId }) => [keyName, toHex(keyId)])).toEqual([
      ["PeterNeumann", "c74f20a3"],
      ["EnochRoot", "af0cfe78"],
    ]);
    expect(parsed.signatures[0]?.signature).toHaveLength(64);
  });

  it("splits at the last blank line, so a signature above it counts as text", () => {
    const note = `${peterNote}\n${enochSignatureLine}`;
    expect(parseNote(note).text).toBe(peterNote);
    expect(verifyNote(note, peter)).toEqual({
      ok: false,
      reason: 'The note has no signature by key "PeterNeumann".',
    });
  });

  it.each([
    ["an empty note", "", "empty"],
    ["no final newline", peterNote.slice(0, -1), "does not end with a newline"],
    ["no blank line", "text\n— PeterNeumann AAAAAAAA\n", "no blank line"],
    ["a hyphen instead of an em dash", peterNote.replace("— ", "- "), "em dash"],
    ["no space after the dash", peterNote.replace("— ", "—"), "em dash"],
    ["an extra field", peterNote.replace("PeterNeumann ", "Peter Neumann "), "is not"],
    ["invalid base64", peterNote.replace("x08go", "x08g!"), "base64"],
    ["a signature too short for a key ID", `${peterText}\n— PeterNeumann AAAA\n`, "too short"],
    ["a carriage return", peterNote.replace("\n\n", "\r\n\n"), "control character"],
    ["a trailing blank line", `${peterNote}\n`, "no signature lines"],
    [
      "more than 100 signatures",
      `${peterText}\n${enochSignatureLine.repeat(101)}`,
      "more than 100",
    ],
  ])("refuses %s with a reason", (_label, note, message) => {
    expect(() => parseNote(note)).toThrow(message);
    expect(verifyNote(note, peter)).toMatchObject({
      ok: false,
      reason: expect.stringContaining(message),
    });
  });
});
