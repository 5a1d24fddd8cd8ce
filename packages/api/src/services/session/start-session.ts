import type { Database } from "@attest/db/database";
import { insertSession } from "@attest/db/repositories/sessions";
import { findUserWithRoles } from "@attest/db/repositories/users";
import { AppError } from "../../app-error";
import { hashSessionToken, newSessionToken } from "./session-token";

export const sessionLifetimeHours = 12;

export interface StartSessionOptions {
  userId: string;
  authMethod: "dev" | "oidc";
  now: Date;
}

/** Opens a session for an active user and returns the token for the cookie. */
export async function startSession(db: Database, options: StartSessionOptions): Promise<string> {
  const user = await findUserWithRoles(db, options.userId);
  if (user?.status !== "active") {
    throw new AppError("not_found", "No active user with that id.", { field: "userId" });
  }
  const token = newSessionToken();
  const expiresAt = new Date(options.now.getTime() + sessionLifetimeHours * 3_600_000);
  await insertSession(db, {
    tokenHash: hashSessionToken(token),
    userId: user.id,
    authMethod: options.authMethod,
    expiresAt: expiresAt.toISOString(),
  });
  return token;
}
