import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliConfig } from "./env";
import type { Output } from "./output";
import { runCli } from "./run-cli";

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

describe("attest CLI", () => {
  let dir: string;
  let config: CliConfig;
  let postgres: TestDatabase | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "attest-cli-"));
    // On the PostgreSQL run the CLI works on a fresh database of that server; otherwise on
    // PGlite in its data directory, as `npx attest` does by default.
    const database = await createTestDatabase({ as: "owner" });
    if (database.url) postgres = database;
    else await database.close();
    config = {
      databaseUrl: postgres?.url,
      dataDir: join(dir, "data"),
      evidenceKeyFile: undefined,
      ledgerOrigin: "attest.test/ledger",
      anchorDir: undefined,
    };
  });
  afterAll(async () => {
    await postgres?.close();
  });

  it("explains its usage and exits 2 on an unknown command or option", async () => {
    const unknown = captureOutput();
    expect(await runCli(["launch"], config, unknown.output)).toBe(2);
    expect(unknown.errors.join("\n")).toContain('Unknown command "launch"');
    const badOption = captureOutput();
    expect(await runCli(["seed", "--demo", "--seed", "many"], config, badOption.output)).toBe(2);
    expect(badOption.errors.join("\n")).toContain("--seed must be an integer");
    const missing = captureOutput();
    expect(await runCli(["evidence", "export"], config, missing.output)).toBe(2);
    expect(missing.errors.join("\n")).toContain("evidence export needs --out FILE.zip");
  });

  it("seeds the demo, exports its evidence and verifies the package offline", async () => {
    const seed = captureOutput();
    expect(
      await runCli(["seed", "--demo", "--anchor-date", "2026-11-27"], config, seed.output),
    ).toBe(0);
    expect(seed.lines.join("\n")).toMatch(
      /Loaded the demo organisation: 340 identities, .* 3165 grants/,
    );

    const packagePath = join(dir, "evidence.zip");
    const exported = captureOutput();
    expect(
      await runCli(["evidence", "export", "--out", packagePath], config, exported.output),
    ).toBe(0);
    expect(exported.lines[0]).toMatch(
      /^Wrote .*evidence\.zip: \d+ events \(seq 1–\d+\), 1 signed checkpoint/,
    );

    const verified = captureOutput();
    expect(await runCli(["evidence", "verify", packagePath], config, verified.output)).toBe(0);
    expect(verified.lines[0]).toMatch(/^OK: \d+ events/);
    expect(verified.lines.join("\n")).toContain("taken from the package itself");

    // with the key the auditor obtained separately (here: derived from the key file)
    const keyPem = await readFile(join(config.dataDir, "evidence-signing-key.pem"), "utf8");
    const { createPublicKey } = await import("node:crypto");
    const publicKeyFile = join(dir, "ledger-public-key.pem");
    await writeFile(
      publicKeyFile,
      createPublicKey(keyPem).export({ format: "pem", type: "spki" }).toString(),
    );
    const withKey = captureOutput();
    expect(
      await runCli(
        ["evidence", "verify", packagePath, "--public-key", publicKeyFile],
        config,
        withKey.output,
      ),
    ).toBe(0);
    expect(withKey.lines.join("\n")).toContain("the key you supplied");
  });

  it("exits 1 naming the file when a package does not verify", async () => {
    const packagePath = join(dir, "evidence.zip");
    const bytes = await readFile(packagePath);
    const broken = join(dir, "truncated.zip");
    await writeFile(broken, bytes.subarray(0, bytes.length - 200));
    const result = captureOutput();
    expect(await runCli(["evidence", "verify", broken], config, result.output)).toBe(1);
    expect(result.errors[0]).toMatch(/^FAILED: .*truncated\.zip: cannot be read as a zip/);
  });
});

describe("attest import", () => {
  const examples = new URL("../../../docs/examples/import/", import.meta.url).pathname;

  it("imports example files and prints counts and warnings; refuses a bad file with exit 1", async () => {
    const dir = await mkdtemp(join(tmpdir(), "attest-cli-import-"));
    const database = await createTestDatabase({ as: "owner" });
    const config: CliConfig = {
      databaseUrl: database.url,
      dataDir: join(dir, "data"),
      evidenceKeyFile: undefined,
      ledgerOrigin: "attest.test/ledger",
      anchorDir: undefined,
    };
    if (!database.url) await database.close();
    try {
      const files = [
        "identities.csv",
        "systems.csv",
        "entitlements.csv",
        "accounts.csv",
        "grants.csv",
      ].map((name) => join(examples, name));
      const ok = captureOutput();
      expect(
        await runCli(["import", ...files, "--source", "sox-population"], config, ok.output),
      ).toBe(0);
      expect(ok.lines[0]).toMatch(
        /^Imported snapshot .* from "sox-population": 10 identities, 3 systems, 6 entitlements, 13 accounts, 13 grants\.$/,
      );
      expect(ok.lines).toContain("warning: 1 × Orphan account (no identity)");

      await writeFile(join(dir, "systems.csv"), "key,name,criticality\nerp,ERP,extreme\n");
      const bad = captureOutput();
      const reportPath = join(dir, "report.csv");
      expect(
        await runCli(
          ["import", join(dir, "systems.csv"), "--source", "x", "--report", reportPath],
          config,
          bad.output,
        ),
      ).toBe(1);
      expect(bad.errors[0]).toBe(
        'error: systems.csv:2 (criticality): criticality "extreme" is not one of low, medium, high, critical',
      );
      expect(bad.errors.at(-1)).toBe("Nothing was imported: 1 error.");
      expect(await readFile(reportPath, "utf8")).toContain("error,,systems.csv,2,criticality,");

      const usage = captureOutput();
      expect(await runCli(["import", join(dir, "systems.csv")], config, usage.output)).toBe(2);
      expect(usage.errors[0]).toContain("import needs --source NAME");
    } finally {
      if (database.url) await database.close();
    }
  });
});
