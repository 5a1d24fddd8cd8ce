import { randomUUID } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appRouter } from "@attest/api/app-router";
import { testLedgerConfig } from "@attest/api/testing/test-context";
import { openDatabase } from "@attest/db/database";
import { insertRoleAssignments, insertUsers } from "@attest/db/repositories/users";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { roles } from "@attest/domain/access/roles";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "./app";

const secret = "test-secret-that-is-long-enough-for-cookie-signing";

describe("server", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let webDist: string;
  const reviewerId = randomUUID();
  const everyRoleId = randomUUID();

  beforeAll(async () => {
    db = await createTestDatabase();
    await insertUsers(db, [
      {
        id: reviewerId,
        email: "rita@example.test",
        displayName: "Rita Reviewer",
        identityKey: "E1",
      },
    ]);
    await insertUsers(db, [
      { id: everyRoleId, email: "all@example.test", displayName: "All Roles", identityKey: null },
    ]);
    await insertRoleAssignments(db, [
      { userId: reviewerId, role: "reviewer", assignedBy: "test" },
      ...roles.map((role) => ({ userId: everyRoleId, role, assignedBy: "test" })),
    ]);
    webDist = await mkdtemp(join(tmpdir(), "attest-web-"));
    await writeFile(
      join(webDist, "index.html"),
      "<!doctype html><title>Attest</title><div id=root></div>",
    );
    app = await buildServer({
      db,
      dataDir: webDist,
      ledger: testLedgerConfig(),
      sessionSecret: secret,
      devLogin: true,
      secureCookies: false,
      webDist,
      logger: false,
    });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  async function signIn(userId: string): Promise<string> {
    const response = await app.inject({
      method: "POST",
      url: "/auth/dev/sign-in",
      payload: { userId },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === "attest_session");
    if (!cookie) throw new Error("no session cookie");
    return `attest_session=${cookie.value}`;
  }

  it("answers /healthz and /readyz", async () => {
    expect((await app.inject("/healthz")).json()).toEqual({ status: "ok" });
    const ready = await app.inject("/readyz");
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: "ready" });
  });

  it("sets a signed, httpOnly, SameSite=Lax session cookie on development sign-in", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/auth/dev/sign-in",
      payload: { userId: reviewerId },
    });
    const cookie = response.cookies.find((c) => c.name === "attest_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(cookie?.value).toMatch(/\./); // value.signature
    const current = await app.inject({
      url: "/trpc/session.current",
      headers: { cookie: `attest_session=${cookie?.value}` },
    });
    expect(current.json().result.data.displayName).toBe("Rita Reviewer");
  });

  it("ignores a session cookie whose signature was tampered with", async () => {
    const cookie = await signIn(reviewerId);
    const tampered = `${cookie.slice(0, -3)}abc`;
    const current = await app.inject({
      url: "/trpc/session.current",
      headers: { cookie: tampered },
    });
    expect(current.json().result.data).toBeNull();
  });

  it("refuses sign-in for an unknown user, naming the field", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/auth/dev/sign-in",
      payload: { userId: randomUUID() },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toMatch(/user/);
  });

  it("ends the session on sign-out", async () => {
    const cookie = await signIn(reviewerId);
    await app.inject({ method: "POST", url: "/auth/sign-out", headers: { cookie } });
    const current = await app.inject({ url: "/trpc/session.current", headers: { cookie } });
    expect(current.json().result.data).toBeNull();
  });

  it("returns 400 naming the field for invalid procedure input", async () => {
    const cookie = await signIn(reviewerId);
    const input = encodeURIComponent(JSON.stringify({ campaignId: "not-a-uuid" }));
    const response = await app.inject({
      url: `/trpc/reviews.queue?input=${input}`,
      headers: { cookie },
    });
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.message).toContain("campaignId");
    expect(error.data.fieldErrors.campaignId).toEqual(["campaignId must be a campaign id"]);
  });

  it("answers invalid input to every procedure that takes input with a 400 naming the field", async () => {
    const cookie = await signIn(everyRoleId);
    const procedures = Object.entries(appRouter._def.procedures as unknown as object) as [
      string,
      { _def: { type: string; inputs: unknown[] } },
    ][];
    const withInput = procedures.filter(([, procedure]) => procedure._def.inputs.length > 0);
    expect(withInput.length).toBeGreaterThan(0);
    for (const [path, procedure] of withInput) {
      const invalid = JSON.stringify({ campaignId: 42, itemId: 42, limit: "all" });
      const response =
        procedure._def.type === "mutation"
          ? await app.inject({
              method: "POST",
              url: `/trpc/${path}`,
              headers: { cookie, "content-type": "application/json" },
              payload: invalid,
            })
          : await app.inject({
              url: `/trpc/${path}?input=${encodeURIComponent(invalid)}`,
              headers: { cookie },
            });
      expect(response.statusCode, path).toBe(400);
      const error = response.json().error;
      const fields = Object.keys(error.data.fieldErrors ?? {});
      expect(fields.length, path).toBeGreaterThan(0);
      for (const field of fields) expect(error.message, path).toContain(field);
    }
  });

  it("returns 401 without a session and 403 for the wrong role", async () => {
    expect((await app.inject("/trpc/reviews.myCampaigns")).statusCode).toBe(401);
    const cookie = await signIn(reviewerId);
    expect(
      (await app.inject({ url: "/trpc/campaigns.list", headers: { cookie } })).statusCode,
    ).toBe(403);
  });

  it("returns 404 for an unknown procedure under /trpc", async () => {
    const response = await app.inject("/trpc/nothing.here");
    expect(response.statusCode).toBe(404);
  });

  it("serves the web app for client-side routes but not for API paths", async () => {
    const page = await app.inject("/reviews/some-campaign");
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain("<title>Attest</title>");
    expect((await app.inject("/auth/nothing")).statusCode).toBe(404);
  });

  it("refuses a cross-site mutation", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/auth/sign-out",
      headers: { origin: "https://evil.example", host: "localhost:3000" },
    });
    expect(response.statusCode).toBe(403);
  });

  it("carries the request id in the response", async () => {
    const response = await app.inject({ url: "/healthz", headers: { "x-request-id": "abc-123" } });
    expect(response.headers["x-request-id"]).toBe("abc-123");
  });
});

describe("server without a reachable database", () => {
  it("reports not ready on /readyz and stays up", async () => {
    const unreachable = await openDatabase({
      databaseUrl: "postgres://postgres@127.0.0.1:1/none",
      dataDir: "",
    });
    const app = await buildServer({
      db: unreachable,
      dataDir: tmpdir(),
      ledger: testLedgerConfig(),
      sessionSecret: secret,
      devLogin: false,
      secureCookies: false,
      webDist: undefined,
      logger: false,
    });
    const ready = await app.inject("/readyz");
    expect(ready.statusCode).toBe(503);
    expect(ready.json().reason).toMatch(/database unreachable/);
    expect((await app.inject("/healthz")).statusCode).toBe(200);
    expect(
      (await app.inject({ method: "POST", url: "/auth/dev/sign-in", payload: {} })).statusCode,
    ).toBe(404);
    await app.close();
    await unreachable.close();
  });
});
