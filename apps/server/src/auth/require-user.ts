import { AppError } from "@attest/api/app-error";
import type { SessionUser } from "@attest/api/context";
import { resolveSessionUser } from "@attest/api/services/session/resolve-session";
import type { Database } from "@attest/db/database";
import type { Role } from "@attest/domain/access/roles";
import type { FastifyRequest } from "fastify";
import { readSessionToken } from "./session-cookie";

/** The signed-in user of a plain HTTP route (uploads, downloads), refused unless they hold one of the roles. */
export async function requireUser(
  request: FastifyRequest,
  db: Database,
  now: () => Date,
  roles: readonly Role[],
): Promise<SessionUser> {
  const token = readSessionToken(request);
  const user = token ? await resolveSessionUser(db, token, now()) : null;
  if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
  if (!roles.some((role) => user.roles.includes(role)))
    throw new AppError("forbidden", "Your role does not allow this.");
  return user;
}
