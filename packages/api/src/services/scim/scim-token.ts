import { createHash, randomBytes } from "node:crypto";

// The prefix lets secret scanners and people recognise a leaked token for what it is.
const tokenPrefix = "attest_scim_";

export function newScimToken(): string {
  return `${tokenPrefix}${randomBytes(32).toString("base64url")}`;
}

/** Tokens are stored by hash, so a leaked tokens table does not leak working credentials. */
export function hashScimToken(token: string): Uint8Array {
  return createHash("sha256").update(token).digest();
}
