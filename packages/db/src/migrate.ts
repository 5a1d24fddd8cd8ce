import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import type { Database, Queryable } from "./database";

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationStatus {
  appliedVersion: number;
  latestVersion: number;
  pending: number[];
}

export class SchemaTooNewError extends Error {
  constructor(databaseVersion: number, codeVersion: number) {
    super(
      `The database schema is at version ${databaseVersion}, newer than this code knows (${codeVersion}). ` +
        "Refusing to start: run a release that includes those migrations.",
    );
    this.name = "SchemaTooNewError";
  }
}

const migrationsDir = new URL("../migrations/", import.meta.url);
const fileName = /^(\d{4})_([a-z0-9_]+)\.sql$/;

let cachedMigrations: Promise<Migration[]> | undefined;

/** The migrations checked in beside this package, in version order. */
export function loadMigrations(): Promise<Migration[]> {
  cachedMigrations ??= (async () => {
    const files = (await readdir(migrationsDir)).filter((file) => file.endsWith(".sql")).sort();
    return Promise.all(
      files.map(async (file, index) => {
        const match = fileName.exec(file);
        if (!match?.[1] || !match[2])
          throw new Error(`Migration file name ${file} is not NNNN_name.sql`);
        const version = Number(match[1]);
        if (version !== index + 1)
          throw new Error(`Migration ${file} breaks the 0001, 0002… order`);
        const sql = await readFile(new URL(file, migrationsDir), "utf8");
        const checksum = createHash("sha256").update(sql).digest("hex");
        return { version, name: match[2], sql, checksum };
      }),
    );
  })();
  return cachedMigrations;
}

const createLedgerTable = `
  create table if not exists schema_migrations (
    version integer primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`;

async function appliedMigrations(db: Queryable) {
  return db.query<{ version: number; name: string; checksum: string }>(
    "select version, name, checksum from schema_migrations order by version",
  );
}

async function tableExists(db: Queryable, name: string): Promise<boolean> {
  const rows = await db.query<{ exists: boolean }>("select to_regclass($1) is not null as exists", [
    name,
  ]);
  return rows[0]?.exists === true;
}

/**
 * Applies pending migrations in one transaction under an advisory lock, so several server
 * processes starting together migrate once. Refuses a database whose schema is newer than
 * the code, and one whose applied migrations were edited after the fact.
 */
export async function migrate(db: Database): Promise<MigrationStatus> {
  const migrations = await loadMigrations();
  const latestVersion = migrations.at(-1)?.version ?? 0;
  return db.transaction(async (tx) => {
    await tx.query("select pg_advisory_xact_lock(hashtext('attest.migrate'))");
    await tx.query(createLedgerTable);
    const applied = await appliedMigrations(tx);
    const appliedVersion = applied.at(-1)?.version ?? 0;
    if (appliedVersion > latestVersion) throw new SchemaTooNewError(appliedVersion, latestVersion);
    for (const row of applied) {
      const known = migrations[row.version - 1];
      if (known?.checksum !== row.checksum) {
        throw new Error(
          `Migration ${row.version} (${row.name}) was changed after it was applied; add a new migration instead.`,
        );
      }
    }
    const pending = migrations.filter((migration) => migration.version > appliedVersion);
    for (const migration of pending) {
      await tx.exec(migration.sql);
      await tx.query(
        "insert into schema_migrations (version, name, checksum) values ($1, $2, $3)",
        [migration.version, migration.name, migration.checksum],
      );
    }
    return { appliedVersion: latestVersion, latestVersion, pending: [] };
  });
}

/** Where the database stands against the code, without changing anything. */
export async function migrationStatus(db: Queryable): Promise<MigrationStatus> {
  const migrations = await loadMigrations();
  const latestVersion = migrations.at(-1)?.version ?? 0;
  const applied = (await tableExists(db, "schema_migrations")) ? await appliedMigrations(db) : [];
  const appliedVersion = applied.at(-1)?.version ?? 0;
  return {
    appliedVersion,
    latestVersion,
    pending: migrations.filter((m) => m.version > appliedVersion).map((m) => m.version),
  };
}
