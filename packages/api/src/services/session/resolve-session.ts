import type { Database } from "@attest/db/database";
import { findSessionUser, revokeSession } from "@attest/db/repositories/sessions";
import type { SessionUser } from "../../context";
import { hashSessionToken } from "./session-token";

export async function resolveSessionUser(
  db: Database,
  token: string,
  now: Date,
): Promise<SessionUser | null> {
  const user = await findSessionUser(db, hashSessionToken(token), now.toISOString());
  if (!user) return null;
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    identityKey: user.identityKey,
    roles: user.roles,
  };
}

export async function endSession(db: Database, token: string, now: Date): Promise<void> {
  await revokeSession(db, hashSessionToken(token), now.toISOString());
}
