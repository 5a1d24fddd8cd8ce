import { createHash, randomBytes } from "node:crypto";

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Sessions are stored by hash, so a leaked sessions table does not leak live cookies. */
export function hashSessionToken(token: string): Uint8Array {
  return createHash("sha256").update(token).digest();
}
