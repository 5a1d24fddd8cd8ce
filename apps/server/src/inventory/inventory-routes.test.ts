import { randomUUID } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importInventory } from "@attest/api/services/inventory/import/import-inventory";
import type { ImportReport } from "@attest/api/services/inventory/import/import-report";
import { addAuditUser } from "@attest/api/testing/audit-fixture";
import { insertDatedImport } from "@attest/api/testing/dated-inventory";
import { writeProblemFiles } from "@attest/api/testing/import-fixtures";
import { createTestCaller } from "@attest/api/testing/test-context";
import {
  finishInventoryImport,
  insertInventoryImport,
} from "@attest/db/repositories/inventory-imports";
import { insertRoleAssignments, insertUsers } from "@attest/db/repositories/users";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestServer, signInCookie } from "../testing/test-server";

describe("import report download", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let cookie: string;
  const auditorId = randomUUID();

  beforeAll(async () => {
    db = await createTestDatabase();
    await insertUsers(db, [
      { id: auditorId, email: "avery@example.test", displayName: "Avery", identityKey: null },
    ]);
    await insertRoleAssignments(db, [{ userId: auditorId, role: "auditor", assignedBy: "test" }]);
    app = await buildTestServer(db);
    cookie = await signInCookie(app, auditorId);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it("downloads every problem of an import as CSV, not only those the report lists", async () => {
    const { files, expected } = await writeProblemFiles(
      await mkdtemp(join(tmpdir(), "attest-report-")),
      { warnings: 2_500, errors: 1_200 },
    );
    const report = await importInventory(db, {
      source: "many problems",
      files,
      importedBy: { system: "test" },
      now: () => new Date(),
    });
    expect(report.warnings.length + report.errors.length).toBe(2_000);

    const response = await app.inject({
      url: `/api/inventory/imports/${report.importId}/report.csv`,
      headers: { cookie },
    });

    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toBe(
      `attachment; filename="import-report-many_problems-${report.importId.slice(0, 8)}.csv"`,
    );
    const lines = response.body.split("\r\n");
    expect(lines.pop()).toBe("");
    expect(lines).toEqual([
      "severity,kind,file,row,column,message",
      ...expected.map(({ severity, row }) =>
        severity === "error"
          ? `error,,access.csv,${row},granted_at,"granted_at ""10/06/2025"" is not a date or timestamp (ISO 8601, e.g. 2026-03-31T14:00:00Z)"`
          : `warning,privileged_without_ticket,access.csv,${row},ticket,"privileged grant of ""admin"" to ""user.${row}"" on ""erp"" has no granting ticket"`,
      ),
    ]);
  });

  it("falls back to the report's own lists for an import made before every problem was kept", async () => {
    const importId = randomUUID();
    await insertInventoryImport(db, {
      id: importId,
      source: "legacy",
      startedBy: "system:test",
      startedAt: "2026-01-05T10:00:00.000Z",
    });
    const report: ImportReport = {
      importId,
      source: "legacy",
      status: "failed",
      snapshotId: null,
      files: [],
      counts: { identities: 0, systems: 0, entitlements: 0, accounts: 0, grants: 0 },
      parameters: { rotationPolicyDays: 365 },
      errors: [{ file: "a.csv", row: 2, column: "key", message: 'key "x,y" is too long' }],
      errorCount: 1,
      warnings: [
        { kind: "orphan_account", file: "b.csv", row: null, column: null, message: "orphan" },
      ],
      warningCount: 1,
      warningCounts: {
        orphan_account: 1,
        terminated_with_grants: 0,
        owner_terminated: 0,
        rotation_overdue: 0,
        privileged_without_ticket: 0,
        human_use_of_service_account: 0,
      },
      startedAt: "2026-01-05T10:00:00.000Z",
      finishedAt: "2026-01-05T10:01:00.000Z",
    };
    await finishInventoryImport(db, {
      id: importId,
      status: "failed",
      finishedAt: report.finishedAt,
      snapshotId: null,
      report,
    });

    const response = await app.inject({
      url: `/api/inventory/imports/${importId}/report.csv`,
      headers: { cookie },
    });

    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(
      "severity,kind,file,row,column,message\r\n" +
        'error,,a.csv,2,key,"key ""x,y"" is too long"\r\n' +
        "warning,orphan_account,b.csv,,,orphan\r\n",
    );
  });
});

describe("inventory downloads for an auditor bounded by an engagement", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let cookie: string;
  const crossSiteRefusal =
    "This download is recorded as evidence in your name, so Attest serves it only when it is started from Attest, not from a link on another site. Open it from Attest.";

  beforeAll(async () => {
    db = await createTestDatabase();
    const admin = await addAuditUser(db, "Admin", ["admin"]);
    const auditor = await addAuditUser(db, "Engaged auditor", ["auditor"]);
    await createTestCaller({ db, user: admin }).audit.engagements.grant({
      auditorId: auditor.id,
      name: "FY2025 SOX 404 external audit",
      periodStart: "2025-01-01",
      periodEnd: "2025-12-31",
    });
    app = await buildTestServer(db);
    cookie = await signInCookie(app, auditor.id);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  /** Population exports of a snapshot: the stored record and its ledger event. */
  const recordedExports = async (snapshotId: string) => {
    const [row] = await db.query<{ exports: number; events: number }>(
      `select (select count(*)::int from population_exports where snapshot_id = $1) as exports,
              (select count(*)::int from evidence_events
               where action = 'population.exported' and $2 = any(subject_ids)) as events`,
      [snapshotId, snapshotId],
    );
    return row;
  };

  it("serves the population and import report of a snapshot taken in the engagement, and refuses one taken after it, recording nothing", async () => {
    const inside = await insertDatedImport(db, {
      source: "sox-population",
      at: "2025-12-31T23:59:59.000Z",
    });
    const after = await insertDatedImport(db, {
      source: "sox-population",
      at: "2026-01-01T00:00:00.000Z",
    });

    const served = await app.inject({
      url: `/api/inventory/snapshots/${inside.snapshotId}/population.csv`,
      headers: { cookie },
    });
    expect(served.statusCode).toBe(200);
    expect(served.body.split("\r\n")[0]).toMatch(/^system,system_name,account,/);
    expect(await recordedExports(inside.snapshotId ?? "")).toEqual({ exports: 1, events: 1 });
    const report = await app.inject({
      url: `/api/inventory/imports/${inside.importId}/report.csv`,
      headers: { cookie },
    });
    expect(report.statusCode).toBe(200);

    const refused = await app.inject({
      url: `/api/inventory/snapshots/${after.snapshotId}/population.csv`,
      headers: { cookie },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({
      error: "forbidden",
      message:
        "Snapshot taken on 2026-01-01 lies outside your audit engagement: you may read snapshots taken within FY2025 SOX 404 external audit (2025-01-01 to 2025-12-31), and those that campaigns launched then were launched from.",
    });
    expect(await recordedExports(after.snapshotId ?? "")).toEqual({ exports: 0, events: 0 });
    const refusedReport = await app.inject({
      url: `/api/inventory/imports/${after.importId}/report.csv`,
      headers: { cookie },
    });
    expect(refusedReport.statusCode).toBe(403);
    expect(refusedReport.json().message).toMatch(
      /^The import of sox-population on 2026-01-01 lies outside your audit engagement/,
    );
  });

  it("refuses a population download another site started, recording nothing, and serves one started here", async () => {
    const { snapshotId } = await insertDatedImport(db, {
      source: "sox-population",
      at: "2025-06-30T12:00:00.000Z",
    });
    const url = `/api/inventory/snapshots/${snapshotId}/population.csv`;
    const crossSite = await app.inject({
      url,
      headers: { cookie, "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json()).toEqual({ error: "forbidden", message: crossSiteRefusal });
    expect(await recordedExports(snapshotId ?? "")).toEqual({ exports: 0, events: 0 });

    const sameOrigin = await app.inject({
      url,
      headers: { cookie, "sec-fetch-site": "same-origin" },
    });
    expect(sameOrigin.statusCode).toBe(200);
    expect(await recordedExports(snapshotId ?? "")).toEqual({ exports: 1, events: 1 });
  });
});
