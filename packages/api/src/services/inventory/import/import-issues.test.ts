import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { streamImportIssues } from "@attest/db/repositories/inventory-import-issues";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeProblemFiles } from "../../../testing/import-fixtures";
import { importInventory } from "./import-inventory";
import { importReportCsv, maxListedIssues } from "./import-report";
import { streamImportReportCsv } from "./stream-import-report-csv";

const now = () => new Date("2026-11-27T12:00:00.000Z");
const importer = { user: "7d3e1f0a-1111-4a2b-9c3d-5e6f7a8b9c0d" };

interface StoredIssue {
  seq: number;
  severity: string;
  kind: string | null;
  file: string;
  row: number | null;
  column: string | null;
  message: string;
}

describe("import problems beyond the report's lists", () => {
  let db: TestDatabase;
  let dir: string;

  const storedIssues = (importId: string) =>
    db.query<StoredIssue>(
      `select seq, severity, kind, file, "row", "column", message
       from inventory_import_issues where import_id = $1 order by seq`,
      [importId],
    );
  const snapshotCount = async () =>
    (await db.query<{ count: number }>("select count(*)::int as count from inventory_snapshots"))[0]
      ?.count;

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), "attest-import-issues-"));
  });
  afterAll(async () => {
    await db.close();
  });

  it("keeps every error and warning of a failed import, numbered in the order found, and nothing else", async () => {
    const { files, expected } = await writeProblemFiles(await mkdtemp(join(dir, "failed-")), {
      warnings: 2_500,
      errors: 1_200,
    });
    const before = await snapshotCount();
    const report = await importInventory(db, { source: "many", files, importedBy: importer, now });

    expect(report).toMatchObject({ status: "failed", errorCount: 1_200, warningCount: 2_500 });
    expect(report.errors).toHaveLength(maxListedIssues);
    expect(report.warnings).toHaveLength(maxListedIssues);
    expect(await snapshotCount()).toBe(before);

    const issues = await storedIssues(report.importId);
    expect(issues).toHaveLength(3_700);
    const streamed: StoredIssue[] = [];
    for await (const issue of streamImportIssues(db, report.importId, 1_000)) streamed.push(issue);
    expect(streamed).toEqual(issues);
    expect(issues.map((issue) => [issue.seq, issue.severity, issue.row])).toEqual(
      expected.map((problem, index) => [index + 1, problem.severity, problem.row]),
    );
    // The report's lists are the first of each kind of what the table holds.
    const listed = (severity: string) =>
      issues
        .filter((issue) => issue.severity === severity)
        .slice(0, maxListedIssues)
        .map(({ kind, file, row, column, message }) =>
          severity === "error"
            ? { file, row, column, message }
            : { kind, file, row, column, message },
        );
    expect(report.errors).toEqual(listed("error"));
    expect(report.warnings).toEqual(listed("warning"));
    expect(issues[0]).toEqual({
      seq: 1,
      severity: "warning",
      kind: "privileged_without_ticket",
      file: "access.csv",
      row: 2,
      column: "ticket",
      message: 'privileged grant of "admin" to "user.2" on "erp" has no granting ticket',
    });
    expect(issues.find((issue) => issue.severity === "error")).toEqual({
      seq: 3,
      severity: "error",
      kind: null,
      file: "access.csv",
      row: 4,
      column: "granted_at",
      message:
        'granted_at "10/06/2025" is not a date or timestamp (ISO 8601, e.g. 2026-03-31T14:00:00Z)',
    });
  });

  it("keeps every warning of a successful import with its snapshot", async () => {
    const { files } = await writeProblemFiles(await mkdtemp(join(dir, "succeeded-")), {
      warnings: 2_500,
      errors: 0,
    });
    const report = await importInventory(db, { source: "many", files, importedBy: importer, now });

    expect(report).toMatchObject({
      status: "succeeded",
      warningCount: 2_500,
      warningCounts: { privileged_without_ticket: 2_500 },
      counts: { grants: 2_500 },
    });
    const issues = await storedIssues(report.importId);
    expect(issues).toHaveLength(2_500);
    expect(new Set(issues.map((issue) => issue.kind))).toEqual(
      new Set(["privileged_without_ticket"]),
    );
    expect(issues.at(-1)?.seq).toBe(2_500);
  });

  it("writes a file name a spreadsheet would run as a formula as text in the report's CSV", async () => {
    const { files } = await writeProblemFiles(await mkdtemp(join(dir, "formula-")), {
      warnings: 1,
      errors: 1,
    });
    const named = files.map((file) =>
      file.name === "access.csv" ? { ...file, name: '=HYPERLINK("http://evil","x").csv' } : file,
    );
    const report = await importInventory(db, {
      source: "formula",
      files: named,
      importedBy: importer,
      now,
    });
    expect(report.status).toBe("failed");
    const guarded = `"'=HYPERLINK(""http://evil"",""x"").csv"`;

    let csv = "";
    for await (const chunk of streamImportReportCsv(db, report)) csv += chunk;
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`warning,privileged_without_ticket,${guarded},2,`);
    expect(lines[2]).toContain(`error,,${guarded},3,granted_at,`);
    // An import made before every problem was kept writes its report's lists the same way.
    expect(importReportCsv(report)).toContain(`error,,${guarded},3,granted_at,`);
  });

  it("keeps no issue rows for an import without problems, and the one error of an import that stopped", async () => {
    const { files } = await writeProblemFiles(await mkdtemp(join(dir, "clean-")), {
      warnings: 0,
      errors: 0,
    });
    const clean = await importInventory(db, { source: "clean", files, importedBy: importer, now });
    expect(clean.status).toBe("succeeded");
    expect(await storedIssues(clean.importId)).toEqual([]);

    const stopped = await importInventory(db, {
      source: "gone",
      files: [{ name: "gone.csv", path: join(dir, "does-not-exist.csv") }],
      importedBy: importer,
      now,
    });
    expect(stopped.status).toBe("failed");
    expect(stopped.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^The import stopped: /) }),
    ]);
    expect(await storedIssues(stopped.importId)).toEqual([
      {
        seq: 1,
        severity: "error",
        kind: null,
        file: "",
        row: null,
        column: null,
        ...stopped.errors[0],
      },
    ]);
  });
});
