import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportAuditPackage } from "@attest/api/services/audit/export-audit-package";
import { type AuditFixture, createAuditFixture } from "@attest/api/testing/audit-fixture";
import { testLedgerConfig } from "@attest/api/testing/test-context";
import { readZip, writeZip } from "@attest/api/testing/zip-files";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliConfig } from "../env";
import type { Output } from "../output";
import { runCli } from "../run-cli";

function captureOutput() {
  const lines: string[] = [];
  const errors: string[] = [];
  const output: Output = {
    line: (text) => lines.push(text),
    error: (text) => errors.push(text),
    progress: () => {},
    progressDone: () => {},
  };
  return { output, lines, errors };
}

describe("attest evidence verify on an audit package (format /2)", () => {
  let db: TestDatabase;
  let fixture: AuditFixture;
  let dir: string;
  let packagePath: string;
  let config: CliConfig;

  beforeAll(async () => {
    db = await createTestDatabase();
    fixture = await createAuditFixture(db);
    dir = await mkdtemp(join(tmpdir(), "attest-cli-audit-"));
    packagePath = join(dir, "campaign.zip");
    const { signer, anchorDir } = testLedgerConfig();
    await exportAuditPackage(db, {
      request: { kind: "campaign", campaignId: fixture.campaignId },
      user: fixture.auditor,
      signer,
      anchorDir,
      outPath: packagePath,
      now: new Date(),
    });
    // Verification is offline: the configuration's database is never opened.
    config = {
      databaseUrl: undefined,
      dataDir: join(dir, "unused"),
      evidenceKeyFile: undefined,
      ledgerOrigin: "attest.test/ledger",
      anchorDir: undefined,
    };
  });
  afterAll(async () => {
    await db.close();
  });

  it("verifies the package and says what it checked", async () => {
    const result = captureOutput();
    expect(await runCli(["evidence", "verify", packagePath], config, result.output)).toBe(0);
    expect(result.lines[0]).toMatch(
      /^OK: audit package of a campaign \(attest-evidence-package\/2\): \d+ ledger events, each hash and inclusion proof verified/,
    );
  });

  it("fails with a non-zero exit naming the tampered file", async () => {
    const files = await readZip(packagePath);
    const json = files.get("records/campaigns.json")?.toString("utf8") ?? "";
    files.set(
      "records/campaigns.json",
      Buffer.from(json.replace('"status":"active"', '"status":"signed_off"')),
    );
    const tampered = join(dir, "tampered.zip");
    await writeZip(tampered, files);
    const result = captureOutput();
    expect(await runCli(["evidence", "verify", tampered], config, result.output)).toBe(1);
    expect(result.errors.join("\n")).toContain(
      "FAILED: records/campaigns.json: does not match the SHA-256 and size in the manifest",
    );
  });
});
