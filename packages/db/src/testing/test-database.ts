import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { appRole, createPglite, type Database, openDatabase } from "../database";
import { loadMigrations, migrate } from "../migrate";
import { testDatabaseUrl } from "./test-env";

export interface TestDatabase extends Database {
  /** Connection string of this database when the suite runs on PostgreSQL. */
  readonly url: string | undefined;
}

/**
 * A fresh, migrated database owned by one test file: PGlite in memory by default, a new
 * database on the PostgreSQL server of TEST_DATABASE_URL when that is set. Both start from
 * a migrated template, so a test pays for copying, not for migrating.
 */
export async function createTestDatabase(
  options: { as: "application" | "owner" } = { as: "application" },
): Promise<TestDatabase> {
  const db = testDatabaseUrl
    ? await createPostgresTestDatabase(testDatabaseUrl)
    : await createPgliteTestDatabase();
  // Tests run with the application's privileges, so a missing grant fails here, not in production.
  if (options.as === "application") await db.useRole(appRole);
  return db;
}

async function migrationsFingerprint(): Promise<string> {
  const hash = createHash("sha256");
  for (const migration of await loadMigrations()) hash.update(migration.checksum);
  return hash.digest("hex").slice(0, 16);
}

let pgliteTemplate: Promise<Blob> | undefined;

async function buildPgliteTemplate(): Promise<Blob> {
  const fingerprint = await migrationsFingerprint();
  const cacheDir = join(tmpdir(), "attest-test-templates");
  const cacheFile = join(cacheDir, `pglite-${fingerprint}.tar.gz`);
  try {
    return new Blob([await readFile(cacheFile)]);
  } catch {
    // not cached yet
  }
  const { database, pglite } = await createPglite({});
  await migrate(database);
  const dump = await pglite.dumpDataDir("gzip");
  await pglite.close();
  await mkdir(cacheDir, { recursive: true });
  const partial = `${cacheFile}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
  await rename(partial, cacheFile);
  return dump;
}

async function createPgliteTestDatabase(): Promise<TestDatabase> {
  pgliteTemplate ??= buildPgliteTemplate();
  const { database } = await createPglite({ loadDataDir: await pgliteTemplate });
  return { ...database, url: undefined };
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdminClient<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createPostgresTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const template = `attest_template_${await migrationsFingerprint()}`;
  const name = `attest_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await withAdminClient(serverUrl, async (admin) => {
    // One lock for template creation and copying: CREATE DATABASE … TEMPLATE fails while
    // anyone else is connected to the template.
    await admin.query("select pg_advisory_lock(hashtext('attest.test-template'))");
    try {
      const exists = await admin.query("select 1 from pg_database where datname = $1", [template]);
      if (exists.rowCount === 0) {
        // Built under another name and renamed when complete, so a failed migration never
        // leaves a half-built template behind for the next run.
        const building = `${template}_building`;
        await admin.query(`drop database if exists "${building}" with (force)`);
        await admin.query(`create database "${building}"`);
        const templateDb = await openDatabase({
          databaseUrl: databaseUrl(serverUrl, building),
          dataDir: "",
        });
        try {
          await migrate(templateDb);
        } finally {
          await templateDb.close();
        }
        await admin.query(`alter database "${building}" rename to "${template}"`);
      }
      await admin.query(`create database "${name}" template "${template}"`);
    } finally {
      await admin.query("select pg_advisory_unlock(hashtext('attest.test-template'))");
    }
  });
  const url = databaseUrl(serverUrl, name);
  const db = await openDatabase({ databaseUrl: url, dataDir: "", poolSize: 12 });
  return {
    ...db,
    url,
    async close() {
      await db.close();
      await withAdminClient(serverUrl, (admin) =>
        admin.query(`drop database if exists "${name}" with (force)`),
      );
    },
  };
}

/**
 * Builds the migrated template once, before test files start in parallel workers
 * (vitest globalSetup), so no two workers migrate at the same time.
 */
export async function prepareTestTemplate(): Promise<void> {
  const db = await createTestDatabase({ as: "owner" });
  await db.close();
}
