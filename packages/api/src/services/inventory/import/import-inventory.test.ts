import { createHash } from "node:crypto";
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { streamEvidenceEvents } from "@attest/db/repositories/evidence-events";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importInventory } from "./import-inventory";
import { importReportCsv } from "./import-report";

const examples = fileURLToPath(new URL("../../../../../../docs/examples/import/", import.meta.url));
const now = () => new Date("2026-11-27T12:00:00.000Z");
const importer = { user: "7d3e1f0a-1111-4a2b-9c3d-5e6f7a8b9c0d" };

async function count(db: TestDatabase, table: string): Promise<number> {
  const rows = await db.query<{ count: number }>(`select count(*)::int as count from ${table}`);
  return rows[0]?.count ?? 0;
}

async function evidenceCount(db: TestDatabase): Promise<number> {
  let events = 0;
  for await (const _ of streamEvidenceEvents(db, { fromSeq: 1, toSeq: Number.MAX_SAFE_INTEGER }))
    events += 1;
  return events;
}

const populationFiles = [
  "identities.csv",
  "systems.csv",
  "entitlements.csv",
  "accounts.csv",
  "grants.csv",
];

describe("importInventory", () => {
  let db: TestDatabase;
  let dir: string;
  const file = (name: string) => ({ name, path: join(dir, name) });

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), "attest-import-"));
    await cp(examples, dir, { recursive: true });
  });
  afterAll(async () => {
    await db.close();
  });

  it("imports the example population as one snapshot with its hashes, counts and evidence", async () => {
    // given in an order that does not respect references: the importer sorts by layout
    const report = await importInventory(db, {
      source: "sox-population",
      files: [...populationFiles].reverse().map(file),
      importedBy: importer,
      now,
    });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({
      status: "succeeded",
      counts: { identities: 10, systems: 3, entitlements: 6, accounts: 13, grants: 13 },
    });
    const sha256 = createHash("sha256")
      .update(await readFile(join(dir, "grants.csv")))
      .digest("hex");
    expect(report.files.find((f) => f.name === "grants.csv")).toMatchObject({
      layout: "grants",
      rows: 13,
      sha256,
    });

    const [snapshot] = await db.query<{
      source: string;
      row_counts: object;
      file_hashes: Record<string, string>;
    }>("select source, row_counts, file_hashes from inventory_snapshots where id = $1", [
      report.snapshotId,
    ]);
    expect(snapshot?.source).toBe("sox-population");
    expect(snapshot?.file_hashes["grants.csv"]).toBe(sha256);

    const events = [];
    for await (const event of streamEvidenceEvents(db, {
      fromSeq: 1,
      toSeq: Number.MAX_SAFE_INTEGER,
    }))
      events.push(event);
    const imported = events.filter((event) => event.action === "snapshot.imported").at(-1);
    expect(imported?.actor).toBe(`user:${importer.user}`);
    expect(imported?.payload).toMatchObject({
      snapshotId: report.snapshotId,
      rowCounts: report.counts,
    });
  });

  it("reads RFC 4180 CSV: quotes, embedded commas, quotes and line breaks, a BOM and CRLF", async () => {
    const [identity] = await db.query<{ display_name: string; title: string; kind: string }>(
      "select display_name, title, kind from identities where external_id = 'E1003' order by id limit 1",
    );
    expect(identity).toEqual({
      display_name: "O'Brien, Siobhan",
      title: "Senior Accountant, AP",
      kind: "employee",
    });
    const [system] = await db.query<{ description: string }>(
      "select description from systems where key = 'general-ledger' limit 1",
    );
    expect(system?.description).toBe("Journal entries and period close.\nFeeds the consolidation.");
    const [entitlement] = await db.query<{ description: string }>(
      "select description from entitlements where key = 'administrator' limit 1",
    );
    expect(entitlement?.description).toBe('Full administrative access, "all roles"');
  });

  it("warns, without blocking, about each risk in the population", async () => {
    const report = await importInventory(db, {
      source: "sox-population",
      files: populationFiles.map(file),
      importedBy: importer,
      now,
    });
    expect(report.errors).toEqual([]);
    expect(report.status).toBe("succeeded");
    expect(report.warningCounts).toEqual({
      orphan_account: 1,
      terminated_with_grants: 1,
      owner_terminated: 1,
      rotation_overdue: 1,
      privileged_without_ticket: 2,
      human_use_of_service_account: 1,
    });
    const messages = report.warnings.map(
      (warning) => `${warning.kind} ${warning.file}:${warning.row} ${warning.message}`,
    );
    expect(messages).toContain(
      'orphan_account accounts.csv:8 account "admin2" on "netsuite-erp" belongs to no identity',
    );
    expect(messages).toContain(
      'terminated_with_grants identities.csv:5 "E1004" (Tomás Álvarez) is terminated since 2026-10-31 but still holds 2 grants',
    );
    expect(messages).toContain(
      'owner_terminated identities.csv:10 owner "E1004" (Tomás Álvarez) of "N4002" is terminated',
    );
    expect(messages).toContain(
      'rotation_overdue identities.csv:9 credential of "N4001" was last rotated 2025-06-01, more than 365 days ago',
    );
    expect(messages).toContain(
      'privileged_without_ticket grants.csv:6 privileged grant of "administrator" to "lena.fischer" on "netsuite-erp" has no granting ticket',
    );
    expect(messages).toContain(
      'human_use_of_service_account accounts.csv:7 a person signs in interactively with "svc-integration" on "netsuite-erp", which belongs to service account "N4001"',
    );
  });

  it("imports an access export and JSON Lines alike", async () => {
    const csv = await importInventory(db, {
      source: "okta",
      files: [file("identities.csv"), file("access-export.csv")],
      importedBy: importer,
      now,
    });
    const jsonl = await importInventory(db, {
      source: "okta-jsonl",
      files: [file("identities.jsonl"), file("access-export.jsonl")],
      importedBy: importer,
      now,
    });
    expect(csv.errors).toEqual([]);
    expect(jsonl.errors).toEqual([]);
    expect(csv.counts).toEqual({
      identities: 10,
      systems: 1,
      entitlements: 2,
      accounts: 4,
      grants: 4,
    });
    expect(jsonl.counts).toEqual(csv.counts);
    expect(jsonl.warningCounts).toEqual(csv.warningCounts);
    const [privileged] = await db.query<{ privileged: boolean }>(
      "select privileged from entitlements e join inventory_snapshots s on s.id = e.snapshot_id where s.source = 'okta' and e.key = 'super-admin'",
    );
    expect(privileged?.privileged).toBe(true);
  });

  it("changes nothing when one row is bad, and names the file, row and column", async () => {
    const before = {
      snapshots: await count(db, "inventory_snapshots"),
      identities: await count(db, "identities"),
      grants: await count(db, "grants"),
      events: await evidenceCount(db),
    };
    const grants = (await readFile(join(dir, "grants.csv"), "utf8")).replace(
      "2025-06-10,E1002,REQ-20002",
      "10/06/2025,E1002,REQ-20002",
    );
    await writeFile(join(dir, "grants-bad-date.csv"), grants);
    const report = await importInventory(db, {
      source: "sox-population",
      files: [
        "identities.csv",
        "systems.csv",
        "entitlements.csv",
        "accounts.csv",
        "grants-bad-date.csv",
      ].map(file),
      importedBy: importer,
      now,
    });
    expect(report.status).toBe("failed");
    expect(report.errors).toEqual([
      {
        file: "grants-bad-date.csv",
        row: 4,
        column: "granted_at",
        message:
          'granted_at "10/06/2025" is not a date or timestamp (ISO 8601, e.g. 2026-03-31T14:00:00Z)',
      },
    ]);
    expect({
      snapshots: await count(db, "inventory_snapshots"),
      identities: await count(db, "identities"),
      grants: await count(db, "grants"),
      events: await evidenceCount(db),
    }).toEqual(before);
    const [stored] = await db.query<{ status: string }>(
      "select status from inventory_imports where id = $1",
      [report.importId],
    );
    expect(stored?.status).toBe("failed");
    expect(importReportCsv(report)).toBe(
      'severity,kind,file,row,column,message\r\nerror,,grants-bad-date.csv,4,granted_at,"granted_at ""10/06/2025"" is not a date or timestamp (ISO 8601, e.g. 2026-03-31T14:00:00Z)"\r\n' +
        report.warnings
          .map(() => "")
          .join("")
          .replace(/^$/, "") +
        importReportCsv({ errors: [], warnings: report.warnings })
          .split("\r\n")
          .slice(1)
          .join("\r\n"),
    );
  });

  it("reports unknown systems, duplicate keys, missing owners and unknown entitlements", async () => {
    await writeFile(
      join(dir, "broken-identities.csv"),
      "external_id,kind,display_name,owner_id\nE1,employee,Ann,\nE1,employee,Ann again,\nN1,service_account,svc-orphan,\n",
    );
    await writeFile(join(dir, "broken-systems.csv"), "key,name\nerp,ERP\n");
    await writeFile(join(dir, "broken-entitlements.csv"), "system,key\nerp,admin\ncrm,admin\n");
    await writeFile(join(dir, "broken-accounts.csv"), "system,username,identity\nerp,ann,E1\n");
    await writeFile(
      join(dir, "broken-grants.csv"),
      "system,account,entitlement\nerp,ann,admin\nerp,ann,superuser\n",
    );
    const report = await importInventory(db, {
      source: "broken",
      files: [
        "broken-identities.csv",
        "broken-systems.csv",
        "broken-entitlements.csv",
        "broken-accounts.csv",
        "broken-grants.csv",
      ].map(file),
      importedBy: importer,
      now,
    });
    expect(report.status).toBe("failed");
    expect(report.errors.map((e) => `${e.file}:${e.row}:${e.column} ${e.message}`)).toEqual([
      'broken-identities.csv:3:external_id duplicate external_id "E1" (first on row 2)',
      'broken-identities.csv:4:owner_id non-human identity "N1" has no owner: owner_id is required for service_account',
      'broken-entitlements.csv:3:system unknown system "crm": it is not in the systems file',
      'broken-grants.csv:3:entitlement grant to an unknown entitlement "superuser" on "erp"',
    ]);
  });

  it("refuses a file whose columns fit no layout, and malformed CSV, by name", async () => {
    await writeFile(join(dir, "colours.csv"), "key,name,colour\nerp,ERP,blue\n");
    await writeFile(join(dir, "unclosed.csv"), 'key,name\nerp,"ERP\n');
    const report = await importInventory(db, {
      source: "broken",
      files: [
        file("colours.csv"),
        file("unclosed.csv"),
        { name: "notes.txt", path: join(dir, "colours.csv") },
      ],
      importedBy: importer,
      now,
    });
    expect(report.errors.map((e) => `${e.file}:${e.row} ${e.message}`)).toEqual([
      'colours.csv:1 The columns match no import layout; closest is "systems" (unknown colour).',
      "notes.txt:null is neither CSV (.csv) nor JSON Lines (.jsonl)",
      expect.stringMatching(/^unclosed\.csv:\d+ is not valid CSV: /),
    ]);
  });
});
