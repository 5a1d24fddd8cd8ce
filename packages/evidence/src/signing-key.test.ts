import { createHash, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  generateSigningKey,
  loadPrivateKey,
  loadPublicKey,
  publicKeyFingerprint,
  rawPublicKey,
} from "./signing-key";

describe("generateSigningKey", () => {
  it("creates a fresh Ed25519 key pair in PKCS#8 and SPKI PEM", () => {
    const first = generateSigningKey();
    const second = generateSigningKey();
    expect(first.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(first.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(loadPrivateKey(first.privateKeyPem).asymmetricKeyType).toBe("ed25519");
    expect(loadPublicKey(first.publicKeyPem).asymmetricKeyType).toBe("ed25519");
    expect(second.publicKeyPem).not.toBe(first.publicKeyPem);
  });
});

describe("rawPublicKey", () => {
  it("is the last 32 bytes of the SPKI encoding", () => {
    const { publicKeyPem, privateKeyPem } = generateSigningKey();
    const der = Buffer.from(
      publicKeyPem.replace(/-----[A-Z ]+-----/g, "").replace(/\s/g, ""),
      "base64",
    );
    expect(der).toHaveLength(44);
    expect(Buffer.from(rawPublicKey(publicKeyPem))).toEqual(der.subarray(12));
    // A private key's public half is the same key.
    expect(rawPublicKey(privateKeyPem)).toEqual(rawPublicKey(publicKeyPem));
  });

  it("refuses keys that are not Ed25519", () => {
    const { publicKey } = generateKeyPairSync("ec", {
      namedCurve: "P-256",
      publicKeyEncoding: { type: "spki", format: "pem" },
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
    });
    expect(() => rawPublicKey(publicKey)).toThrow("The public key is ec, not Ed25519.");
    expect(() =>
      rawPublicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"),
    ).toThrow("not a PEM public key");
  });
});

describe("publicKeyFingerprint", () => {
  it('is "SHA256:" and the unpadded base64 SHA-256 of the raw key, as OpenSSH prints', () => {
    const { publicKeyPem } = generateSigningKey();
    const digest = createHash("sha256").update(rawPublicKey(publicKeyPem)).digest("base64");
    const fingerprint = publicKeyFingerprint(publicKeyPem);
    expect(fingerprint).toBe(`SHA256:${digest.replace(/=+$/, "")}`);
    expect(fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
});
