import { createHash } from "node:crypto";
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  finishInventoryImport,
  insertInventoryImport,
} from "@attest/db/repositories/inventory-imports";
import { insertUsers } from "@attest/db/repositories/users";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvidenceActor } from "../../services/evidence/append-evidence";
import { exportPopulation, populationFilePath } from "../../services/inventory/export-population";
import { importInventory } from "../../services/inventory/import/import-inventory";
import type { ImportReport } from "../../services/inventory/import/import-report";
import { writeProblemFiles } from "../../testing/import-fixtures";
import { createTestCaller, sessionUserWithRoles } from "../../testing/test-context";

const examples = fileURLToPath(new URL("../../../../../docs/examples/import/", import.meta.url));
const files = ["identities.csv", "systems.csv", "entitlements.csv", "accounts.csv", "grants.csv"];

describe("inventory router", () => {
  let db: TestDatabase;
  let dir: string;
  let first: string;
  let second: string;
  const importerId = "0193a5f0-0000-7000-8000-00000000a001";
  const auditor = () => createTestCaller({ db, user: sessionUserWithRoles(["auditor"]) });

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), "attest-inventory-"));
    await cp(examples, dir, { recursive: true });
    await insertUsers(db, [
      { id: importerId, email: "ines@example.com", displayName: "Inés Navarro", identityKey: null },
    ]);
    const run = async (importedBy: EvidenceActor) =>
      importInventory(db, {
        source: "sox-population",
        files: files.map((name) => ({ name, path: join(dir, name) })),
        importedBy,
        now: () => new Date(),
      });
    first = (await run({ system: "test" })).snapshotId ?? "";
    // next quarter: one leaver's access removed, one new grant, one ticket corrected
    const grants = (await readFile(join(dir, "grants.csv"), "utf8"))
      .split("\n")
      .filter((line) => !line.startsWith("general-ledger,tomas.alvarez,"))
      .join("\n")
      .replace(
        "netsuite-erp,lena.fischer,administrator,2026-09-01,E1005,,",
        "netsuite-erp,lena.fischer,administrator,2026-09-01,E1005,CHG-10099,",
      )
      .concat("email,ravi.menon,mailbox-delegate,2026-11-20,E1005,REQ-20099,,\n");
    await writeFile(join(dir, "grants.csv"), grants);
    const entitlements = await readFile(join(dir, "entitlements.csv"), "utf8");
    await writeFile(
      join(dir, "entitlements.csv"),
      `${entitlements}email,mailbox-delegate,Mailbox delegate,Send as another user,false,low,\r\n`,
    );
    second = (await run({ user: importerId })).snapshotId ?? "";
  });
  afterAll(async () => {
    await db.close();
  });

  it("lists snapshots newest first and the imports with their reports", async () => {
    const snapshots = await auditor().inventory.snapshots({});
    expect(snapshots.slice(0, 2).map((s) => [s.id, s.importedByName])).toEqual([
      [second, "Inés Navarro"],
      [first, "test (system)"],
    ]);
    const imports = await auditor().inventory.imports({});
    const latest = await auditor().inventory.import({ importId: imports[0]?.id ?? "" });
    expect(latest).toMatchObject({
      status: "succeeded",
      snapshotId: second,
      startedByName: "Inés Navarro",
      report: { counts: { grants: 13 } },
    });
  });

  it("diffs a snapshot against the previous one of the same source", async () => {
    const diff = await auditor().inventory.snapshotDiff({ snapshotId: second });
    expect(diff.previous?.id).toBe(first);
    expect(diff.counts).toEqual({ added: 1, removed: 1, changed: 1 });
    expect(
      diff.changes.map((c) => `${c.change} ${c.systemKey}/${c.username}/${c.entitlementKey}`),
    ).toEqual([
      "added email/ravi.menon/mailbox-delegate",
      "removed general-ledger/tomas.alvarez/journal-entry",
      "changed netsuite-erp/lena.fischer/administrator",
    ]);
    const changed = diff.changes.find((c) => c.change === "changed");
    expect([changed?.before?.ticket, changed?.after?.ticket]).toEqual([null, "CHG-10099"]);
    const firstDiff = await auditor().inventory.snapshotDiff({ snapshotId: first });
    expect(firstDiff.previous).toBeNull();
  });

  it("pages identities by name with filters, and counts grants", async () => {
    const page1 = await auditor().inventory.identities({ snapshotId: second, limit: 4 });
    expect(page1.total).toBe(10);
    expect(page1.rows.map((r) => r.displayName)).toEqual([
      "Dana Whitfield",
      "gl-close-job",
      "Lena Fischer",
      "Marcus Lee",
    ]);
    const page2 = await auditor().inventory.identities({
      snapshotId: second,
      limit: 4,
      after: page1.next ?? "",
    });
    expect(page2.rows[0]?.displayName).toBe("O'Brien, Siobhan");
    const machines = await auditor().inventory.identities({
      snapshotId: second,
      kind: "non_human",
    });
    expect(machines.rows.map((r) => [r.externalId, r.ownerName])).toEqual([
      ["N4003", "Marcus Lee"],
      ["N4002", "Tomás Álvarez"],
      ["N4001", "Priya Raman"],
    ]);
    const search = await auditor().inventory.identities({ snapshotId: second, search: "mar" });
    expect(search.rows.map((r) => [r.displayName, r.grants])).toEqual([["Marcus Lee", 2]]);
  });

  it("pages grants of the latest snapshot by default, filtered by system and privilege", async () => {
    const privileged = await auditor().inventory.grants({
      systemKey: "netsuite-erp",
      privileged: true,
    });
    expect(privileged.snapshotId).toBe(second);
    expect(privileged.rows.map((r) => `${r.username}:${r.entitlementKey}`)).toEqual([
      "admin2:administrator",
      "dana.whitfield:administrator",
      "lena.fischer:administrator",
      "marcus.lee:vendor-master-edit",
      "svc-integration:administrator",
    ]);
    const systems = await auditor().inventory.systems({});
    expect(systems.systems.find((s) => s.key === "netsuite-erp")).toMatchObject({
      accounts: 7,
      orphanAccounts: 1,
      grants: 7,
    });
    const entitlements = await auditor().inventory.entitlements({ systemKey: "general-ledger" });
    expect(entitlements.entitlements.map((e) => [e.key, e.grants])).toEqual([
      ["journal-approver", 1],
      ["journal-entry", 3],
    ]);
  });

  it("exports the population as CSV once, with its SHA-256, and reports it", async () => {
    const exportDir = join(dir, "exports");
    const record = await exportPopulation(db, {
      snapshotId: second,
      exportDir,
      actor: { system: "test" },
    });
    const bytes = await readFile(populationFilePath(exportDir, second));
    expect(record.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(record.rows).toBe(13);
    const lines = bytes.toString("utf8").trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "system,system_name,account,account_status,identity,identity_name,identity_kind,identity_status,entitlement,entitlement_name,privileged,risk,granted_at,granted_by,ticket,expires_at,last_used_at",
    );
    expect(lines).toHaveLength(14);
    expect(
      await exportPopulation(db, { snapshotId: second, exportDir, actor: { system: "test" } }),
    ).toEqual(record);
    const report = await auditor().inventory.populationReport({ snapshotId: second });
    expect(report.export?.sha256).toBe(record.sha256);
    expect(report.snapshot.rowCounts).toMatchObject({ grants: 13 });
  });
});

describe("the population CSV against formula injection", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it("writes an identity name or ticket a spreadsheet would run as a formula as text", async () => {
    const dir = await mkdtemp(join(tmpdir(), "attest-inventory-formula-"));
    await writeFile(
      join(dir, "identities.csv"),
      'external_id,kind,display_name\nE1,employee,"=HYPERLINK(""http://evil"",""x"")"\n',
    );
    await writeFile(
      join(dir, "access.csv"),
      "identity,account,system,entitlement,granted_at,ticket\n" +
        "E1,ann,erp,-admin,2026-01-01,+cmd|' /C calc'!A0\n",
    );
    const report = await importInventory(db, {
      source: "formula",
      files: ["identities.csv", "access.csv"].map((name) => ({ name, path: join(dir, name) })),
      importedBy: { system: "test" },
      now: () => new Date(),
    });
    const exportDir = join(dir, "exports");
    const record = await exportPopulation(db, {
      snapshotId: report.snapshotId ?? "",
      exportDir,
      actor: { system: "test" },
    });
    const bytes = await readFile(populationFilePath(exportDir, report.snapshotId ?? ""));
    expect(record.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    const row = bytes.toString("utf8").trimEnd().split("\r\n")[1];
    // system, system_name, account, account_status, identity, identity_name, …, entitlement,
    // entitlement_name, …, ticket, expires_at, last_used_at
    expect(row).toMatch(
      /^erp,erp,ann,active,E1,"'=HYPERLINK\(""http:\/\/evil"",""x""\)",employee,active,'-admin,'-admin,/,
    );
    expect(row).toContain(",'+cmd|' /C calc'!A0,,");
  });
});

describe("inventory.importIssues", () => {
  let db: TestDatabase;
  let report: ImportReport;
  let expected: Awaited<ReturnType<typeof writeProblemFiles>>["expected"];
  const admin = () => createTestCaller({ db, user: sessionUserWithRoles(["admin"]) });

  beforeAll(async () => {
    db = await createTestDatabase();
    const problems = await writeProblemFiles(await mkdtemp(join(tmpdir(), "attest-issues-")), {
      warnings: 2_500,
      errors: 1_200,
    });
    expected = problems.expected;
    report = await importInventory(db, {
      source: "many-problems",
      files: problems.files,
      importedBy: { system: "test" },
      now: () => new Date(),
    });
  });
  afterAll(async () => {
    await db.close();
  });

  async function everyPage(input: {
    importId: string;
    severity?: "error" | "warning";
    kind?: "privileged_without_ticket" | "orphan_account";
    file?: string;
    limit: number;
  }) {
    const rows = [];
    let after: number | undefined;
    let pages = 0;
    for (;;) {
      const page = await admin().inventory.importIssues({ ...input, after });
      expect(page.complete).toBe(true);
      expect(page.rows.length).toBeLessThanOrEqual(input.limit);
      rows.push(...page.rows);
      pages += 1;
      if (page.next === null) return { rows, pages };
      after = page.next;
    }
  }

  it("pages through every problem of an import in the order found, past the report's thousand", async () => {
    expect(report).toMatchObject({ status: "failed", errorCount: 1_200, warningCount: 2_500 });
    const { rows, pages } = await everyPage({ importId: report.importId, limit: 200 });
    expect(pages).toBe(19);
    expect(rows.map((row) => [row.seq, row.severity, row.file, row.row])).toEqual(
      expected.map((problem, index) => [index + 1, problem.severity, "access.csv", problem.row]),
    );
    expect(rows.at(-1)).toEqual({
      seq: 3_700,
      severity: "warning",
      kind: "privileged_without_ticket",
      file: "access.csv",
      row: 3_701,
      column: "ticket",
      message: 'privileged grant of "admin" to "user.3701" on "erp" has no granting ticket',
    });
  });

  it("filters by severity, warning kind and file", async () => {
    const errors = await everyPage({ importId: report.importId, severity: "error", limit: 200 });
    expect(errors.rows).toHaveLength(1_200);
    expect(errors.rows.every((row) => row.severity === "error" && row.kind === null)).toBe(true);
    const kind = await everyPage({
      importId: report.importId,
      kind: "privileged_without_ticket",
      limit: 200,
    });
    expect(kind.rows).toHaveLength(2_500);
    expect(
      (await everyPage({ importId: report.importId, kind: "orphan_account", limit: 50 })).rows,
    ).toEqual([]);
    expect(
      (await everyPage({ importId: report.importId, file: "identities.csv", limit: 50 })).rows,
    ).toEqual([]);
    const warningsOfFile = await everyPage({
      importId: report.importId,
      severity: "warning",
      file: "access.csv",
      limit: 200,
    });
    expect(warningsOfFile.rows).toHaveLength(2_500);
  });

  it("lists the report's own lists for an import made before every problem was kept", async () => {
    const importId = "0193a5f0-0000-7000-8000-0000000000e1";
    await insertInventoryImport(db, {
      id: importId,
      source: "legacy",
      startedBy: "system:test",
      startedAt: "2026-01-05T10:00:00.000Z",
    });
    const legacy: ImportReport = {
      ...report,
      importId,
      source: "legacy",
      errors: [
        { file: "a.csv", row: 2, column: "key", message: "first" },
        { file: "a.csv", row: 3, column: "key", message: "second" },
      ],
      errorCount: 1_500,
      warnings: [
        { kind: "orphan_account", file: "b.csv", row: 4, column: "identity", message: "third" },
      ],
      warningCount: 1,
    };
    await finishInventoryImport(db, {
      id: importId,
      status: "failed",
      finishedAt: "2026-01-05T10:01:00.000Z",
      snapshotId: null,
      report: legacy,
    });
    const first = await admin().inventory.importIssues({ importId, limit: 2 });
    expect(first).toMatchObject({ complete: false, next: 2 });
    expect(first.rows.map((row) => [row.seq, row.severity, row.message])).toEqual([
      [1, "error", "first"],
      [2, "error", "second"],
    ]);
    const second = await admin().inventory.importIssues({ importId, limit: 2, after: 2 });
    expect(second.rows).toEqual([
      {
        seq: 3,
        severity: "warning",
        kind: "orphan_account",
        file: "b.csv",
        row: 4,
        column: "identity",
        message: "third",
      },
    ]);
    expect(second.next).toBeNull();
    const warnings = await admin().inventory.importIssues({ importId, severity: "warning" });
    expect(warnings.rows.map((row) => row.message)).toEqual(["third"]);
  });

  it("answers NOT_FOUND for an import that does not exist", async () => {
    await expect(
      admin().inventory.importIssues({ importId: "0193a5f0-0000-7000-8000-0000000000e2" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
