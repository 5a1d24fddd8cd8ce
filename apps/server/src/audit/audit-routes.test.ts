import { createHash, randomUUID } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AuditFixture, createAuditFixture } from "@attest/api/testing/audit-fixture";
import { createTestCaller } from "@attest/api/testing/test-context";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { verifyEvidencePackage } from "@attest/evidence/verify-evidence-package";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestServer, signInCookie } from "../testing/test-server";

const year = { periodStart: "2026-01-01", periodEnd: "2026-12-31" };

describe("audit downloads", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let fixture: AuditFixture;
  let cookie: string;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    fixture = await createAuditFixture(db);
    dir = await mkdtemp(join(tmpdir(), "attest-audit-routes-"));
    app = await buildTestServer(db, { dataDir: dir });
    cookie = await signInCookie(app, fixture.auditor.id);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it("streams the population CSV whose SHA-256 is the IPE hash", async () => {
    const query = new URLSearchParams({ definitionId: fixture.definitionId, ...year });
    const response = await app.inject({
      url: `/api/audit/population.csv?${query}`,
      headers: { cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    const population = await createTestCaller({ db, user: fixture.auditor }).audit.population({
      definitionId: fixture.definitionId,
      ...year,
    });
    expect(createHash("sha256").update(response.rawPayload).digest("hex")).toBe(
      population.ipe.sha256,
    );
    expect(response.headers["x-content-sha256"]).toBe(population.ipe.sha256);
    const [recorded] = await db.query<{ payload: { sha256: string; rows: number } }>(
      `select payload from evidence_events where action = 'audit.population_downloaded'
       order by seq desc limit 1`,
    );
    expect(recorded?.payload).toMatchObject({
      sha256: population.ipe.sha256,
      rows: population.ipe.rowCounts.items,
    });
  });

  it("refuses a bad period naming the field, and anyone not signed in", async () => {
    const bad = new URLSearchParams({
      definitionId: fixture.definitionId,
      periodStart: "2026-13-01",
      periodEnd: "2026-12-31",
    });
    const response = await app.inject({
      url: `/api/audit/population.csv?${bad}`,
      headers: { cookie },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/^periodStart/);
    const anonymous = await app.inject({
      url: `/api/audit/packages/campaign/${fixture.campaignId}.zip`,
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it("refuses a download another site started, recording nothing, and serves one started here", async () => {
    const query = new URLSearchParams({ definitionId: fixture.definitionId, ...year });
    const urls = [
      `/api/audit/population.csv?${query}`,
      `/api/audit/packages/campaign/${fixture.campaignId}.zip`,
      `/api/audit/packages/period.zip?${query}`,
      `/api/audit/packages/sample/${randomUUID()}.zip`,
    ];
    const downloadEvents = async () => {
      const [row] = await db.query<{ count: number }>(
        `select count(*)::int as count from evidence_events
         where action in ('audit.population_downloaded', 'audit.package_downloaded')`,
      );
      return row?.count;
    };
    const before = await downloadEvents();
    for (const url of urls) {
      const response = await app.inject({
        url,
        headers: { cookie, "sec-fetch-site": "cross-site" },
      });
      expect(response.statusCode, url).toBe(403);
      expect(response.json(), url).toEqual({
        error: "forbidden",
        message:
          "This download is recorded as evidence in your name, so Attest serves it only when it is started from Attest, not from a link on another site. Open it from Attest.",
      });
    }
    expect(await downloadEvents()).toBe(before);

    for (const site of ["same-origin", "none"]) {
      const response = await app.inject({
        url: urls[0] ?? "",
        headers: { cookie, "sec-fetch-site": site },
      });
      expect(response.statusCode, site).toBe(200);
    }
    expect(await downloadEvents()).toBe((before ?? 0) + 2);
  });

  it("downloads a campaign's evidence package that verifies offline", async () => {
    const response = await app.inject({
      url: `/api/audit/packages/campaign/${fixture.campaignId}.zip`,
      headers: { cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/zip");
    expect(response.headers["content-disposition"]).toBe(
      `attachment; filename="attest-campaign-${fixture.campaignId}.zip"`,
    );
    const path = join(dir, "downloaded.zip");
    await writeFile(path, response.rawPayload);
    expect(await verifyEvidencePackage(path)).toMatchObject({ ok: true, kind: "campaign" });
  });

  it("downloads a control's period package named after the control and period", async () => {
    const query = new URLSearchParams({ definitionId: fixture.definitionId, ...year });
    const response = await app.inject({
      url: `/api/audit/packages/period.zip?${query}`,
      headers: { cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-disposition"]).toMatch(
      /^attachment; filename="attest-period-[A-Za-z0-9._-]+-2026-01-01-2026-12-31\.zip"$/,
    );
    const path = join(dir, "period.zip");
    await writeFile(path, response.rawPayload);
    expect(await verifyEvidencePackage(path)).toMatchObject({ ok: true, kind: "period" });
  });
});
