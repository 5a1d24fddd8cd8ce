import { spawnSync } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestCaller, sessionUserWithRoles } from "@attest/api/testing/test-context";
import pg from "pg";
import { createBenchDatabase, type Dialect, median, postgresServerUrl } from "./bench-database";
import { generateInventory } from "./generate-inventory";

export interface InventoryImportResult {
  dialect: Dialect;
  grants: number;
  megabytes: number;
  seconds: number;
  peakRssMegabytes: number;
  /** p95 latency in ms of each inventory browser query, over 20 runs. */
  queries: Record<string, number>;
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? Number.NaN;
}

/**
 * `attest import` of a generated million-grant access export, timed with /usr/bin/time (wall and
 * peak RSS) as an administrator runs it; then the inventory browser's queries on the result.
 */
export async function benchInventoryImport(
  dialect: Dialect,
  grants: number,
): Promise<InventoryImportResult> {
  const dir = await mkdtemp(join(tmpdir(), "attest-import-bench-"));
  const bench = await createBenchDatabase(dialect);
  try {
    const files = await generateInventory(dir, grants);
    const megabytes =
      ((await stat(files.access)).size + (await stat(files.identities)).size) / 1_048_576;
    const cli = new URL("../../apps/cli/bin/attest.js", import.meta.url).pathname;
    let env: NodeJS.ProcessEnv = { ...process.env };
    if (dialect === "postgres") {
      const url = new URL(postgresServerUrl);
      url.pathname = `/${bench.name}`;
      env = { ...env, DATABASE_URL: url.toString() };
    } else {
      // PGlite is one process's database: close ours so the CLI can open the same directory.
      await bench.db.close();
      env = { ...env, ATTEST_DATA_DIR: bench.dataDir };
    }
    const result = spawnSync(
      "/usr/bin/time",
      [
        "-f",
        "%e %M",
        process.execPath,
        cli,
        "import",
        files.identities,
        files.access,
        "--source",
        "bench",
      ],
      { encoding: "utf8", env },
    );
    if (result.status !== 0) throw new Error(`import failed: ${result.stdout}${result.stderr}`);
    const [seconds, kilobytes] = (result.stderr.trim().split("\n").at(-1) ?? "")
      .split(" ")
      .map(Number);
    if (dialect === "postgres") {
      // Fresh tables have no planner statistics until autovacuum analyzes them (within a
      // minute of a large import); the application role may not run ANALYZE itself.
      const url = new URL(postgresServerUrl);
      url.pathname = `/${bench.name}`;
      const owner = new pg.Client({ connectionString: url.toString() });
      await owner.connect();
      await owner.query("analyze");
      await owner.end();
    }
    const db = dialect === "pglite" ? await bench.reopen() : bench.db;
    const caller = createTestCaller({ db, user: sessionUserWithRoles(["auditor"]) });
    const queries: Record<string, () => Promise<unknown>> = {
      "identities, first page": () => caller.inventory.identities({ limit: 50 }),
      "identities, search": () => caller.inventory.identities({ search: "person 4", limit: 50 }),
      "grants, first page": () => caller.inventory.grants({ limit: 50 }),
      "grants, one system, privileged": () =>
        caller.inventory.grants({ systemKey: "sys-07", privileged: true, limit: 50 }),
      "grants, account search": () => caller.inventory.grants({ search: "person.4242", limit: 50 }),
      "systems with counts": () => caller.inventory.systems({}),
      summary: () => caller.inventory.summary(),
      "grants, page 100": async () => {
        let after: string | undefined;
        for (let page = 0; page < 100; page += 1)
          after = (await caller.inventory.grants({ limit: 50, after })).next ?? undefined;
        return after;
      },
    };
    const latencies: Record<string, number> = {};
    for (const [name, query] of Object.entries(queries)) {
      const times: number[] = [];
      const runs = name === "grants, page 100" ? 2 : 20;
      for (let run = 0; run < runs; run += 1) {
        const started = performance.now();
        await query();
        times.push(performance.now() - started);
      }
      latencies[name] = name === "grants, page 100" ? median(times) / 100 : p95(times);
    }
    return {
      dialect,
      grants,
      megabytes,
      seconds: seconds ?? Number.NaN,
      peakRssMegabytes: (kilobytes ?? Number.NaN) / 1024,
      queries: latencies,
    };
  } finally {
    await bench.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}
