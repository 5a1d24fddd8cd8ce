import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testLedgerConfig } from "@attest/api/testing/test-context";
import type { Database } from "@attest/db/database";
import type { FastifyInstance } from "fastify";
import { type BuildServerOptions, buildServer } from "../app";

export const testSessionSecret = "test-secret-that-is-long-enough-for-cookie-signing";

/** The real server on a test database, with the development sign-in and its own data folder. */
export async function buildTestServer(
  db: Database,
  options: Partial<BuildServerOptions> = {},
): Promise<FastifyInstance> {
  return buildServer({
    db,
    dataDir: options.dataDir ?? (await mkdtemp(join(tmpdir(), "attest-server-"))),
    ledger: testLedgerConfig(),
    sessionSecret: testSessionSecret,
    devLogin: true,
    secureCookies: false,
    webDist: undefined,
    logger: false,
    ...options,
  });
}

/** Signs a user in through the development sign-in; the Cookie header their requests carry. */
export async function signInCookie(app: FastifyInstance, userId: string): Promise<string> {
  const response = await app.inject({
    method: "POST",
    url: "/auth/dev/sign-in",
    payload: { userId },
  });
  const session = response.cookies.find((cookie) => cookie.name === "attest_session");
  if (response.statusCode !== 200 || !session)
    throw new Error(`dev sign-in failed: ${response.statusCode} ${response.body}`);
  return `attest_session=${session.value}`;
}
