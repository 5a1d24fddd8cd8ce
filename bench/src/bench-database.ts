import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appRole, type Database, openDatabase } from "@attest/db/database";
import { migrate } from "@attest/db/migrate";
import pg from "pg";

export type Dialect = "postgres" | "pglite";

/** The local PostgreSQL server benchmarks create their databases on. */
export const postgresServerUrl =
  process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface BenchDatabase {
  db: Database;
  dialect: Dialect;
  /** PostgreSQL: the database's name on the server. */
  name: string;
  /** PGlite: the data directory (another process may open it once this one is closed). */
  dataDir: string;
  /** PGlite: opens the directory again after another process used it. */
  reopen(): Promise<Database>;
  dispose(): Promise<void>;
}

/** A fresh, migrated database running as the application role: PGlite on disk, or PostgreSQL. */
export async function createBenchDatabase(dialect: Dialect): Promise<BenchDatabase> {
  if (dialect === "pglite") {
    const dir = await mkdtemp(join(tmpdir(), "attest-bench-"));
    let db = await openDatabase({ dataDir: dir });
    await migrate(db);
    await db.useRole(appRole);
    return {
      get db() {
        return db;
      },
      dialect,
      name: "",
      dataDir: dir,
      async reopen() {
        db = await openDatabase({ dataDir: dir });
        // what autovacuum's analyze does a minute after a large import on a server
        await db.exec("analyze");
        await db.useRole(appRole);
        return db;
      },
      async dispose() {
        await db.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `attest_bench_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresServerUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(postgresServerUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: "", poolSize: 10 });
  await migrate(db);
  await db.useRole(appRole);
  return {
    db,
    dialect,
    name,
    dataDir: "",
    async reopen() {
      return db;
    },
    async dispose() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: postgresServerUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    },
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
