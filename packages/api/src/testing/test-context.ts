import { randomUUID } from "node:crypto";
import type { Database } from "@attest/db/database";
import type { Role } from "@attest/domain/access/roles";
import { createCaller } from "../app-router";
import type { Context, Logger, SessionUser } from "../context";

const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export interface TestContextOptions {
  db: Database;
  user?: SessionUser | null;
  devLogin?: boolean;
  now?: Date;
}

export function createTestContext(options: TestContextOptions): Context {
  const now = options.now;
  return {
    db: options.db,
    user: options.user ?? null,
    config: { devLogin: options.devLogin ?? false },
    now: () => (now ? new Date(now) : new Date()),
    log: silentLogger,
  };
}

export function createTestCaller(options: TestContextOptions) {
  return createCaller(createTestContext(options));
}

/** A session user that exists only in the context: enough for authorisation checks. */
export function sessionUserWithRoles(roles: Role[]): SessionUser {
  return {
    id: randomUUID(),
    email: `${roles.join("-") || "nobody"}@example.test`,
    displayName: `Test ${roles.join(", ")}`,
    identityKey: null,
    roles,
  };
}
