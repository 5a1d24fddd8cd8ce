import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";
import { sha256, toBase64 } from "./hash";

const ED25519_PUBLIC_KEY_SIZE = 32;

/** A fresh Ed25519 key pair: PKCS#8 private key and SPKI public key, both PEM. */
export function generateSigningKey(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519", {
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/** Loads an Ed25519 private key from PEM; throws if it is anything else. */
export function loadPrivateKey(privateKeyPem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch {
    throw new Error("The private key is not a PEM private key.");
  }
  return requireEd25519(key, "private");
}

/** Loads an Ed25519 public key from PEM; throws if it is anything else. */
export function loadPublicKey(publicKeyPem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(publicKeyPem);
  } catch {
    throw new Error("The public key is not a PEM public key.");
  }
  return requireEd25519(key, "public");
}

/** The 32-byte Ed25519 public key inside a PEM (public, or private whose public half is meant). */
export function rawPublicKey(publicKeyPem: string): Uint8Array {
  return rawPublicKeyOf(loadPublicKey(publicKeyPem));
}

export function rawPublicKeyOf(key: KeyObject): Uint8Array {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  const { x } = publicKey.export({ format: "jwk" });
  const raw = new Uint8Array(Buffer.from(x ?? "", "base64url"));
  if (raw.length !== ED25519_PUBLIC_KEY_SIZE) {
    throw new Error("The key does not hold a 32-byte Ed25519 public key.");
  }
  return raw;
}

/**
 * "SHA256:" + unpadded base64 of SHA-256 of the raw key, the same shape as an OpenSSH
 * fingerprint, so an auditor can compare keys read aloud or printed in a report.
 */
export function publicKeyFingerprint(publicKeyPem: string): string {
  return `SHA256:${toBase64(sha256(rawPublicKey(publicKeyPem))).replace(/=+$/, "")}`;
}

function requireEd25519(key: KeyObject, kind: "private" | "public"): KeyObject {
  if (key.asymmetricKeyType !== "ed25519") {
    throw new Error(
      `The ${kind} key is ${key.asymmetricKeyType ?? "of an unknown type"}, not Ed25519.`,
    );
  }
  return key;
}
