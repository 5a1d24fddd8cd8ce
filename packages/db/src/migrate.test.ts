import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMigrations, migrate, migrationStatus, SchemaTooNewError } from "./migrate";
import { createTestDatabase, type TestDatabase } from "./testing/test-database";

describe("migrate", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ as: "owner" });
  });
  afterAll(async () => {
    await db.close();
  });

  it("leaves a migrated database current and records every migration once", async () => {
    const migrations = await loadMigrations();
    const status = await migrationStatus(db);
    expect(status).toEqual({
      appliedVersion: migrations.length,
      latestVersion: migrations.length,
      pending: [],
    });
    await migrate(db);
    const rows = await db.query<{ count: number }>(
      "select count(*)::int as count from schema_migrations",
    );
    expect(rows[0]?.count).toBe(migrations.length);
  });

  it("refuses to start against a schema newer than the code", async () => {
    const migrations = await loadMigrations();
    const future = migrations.length + 1;
    await db.query(
      "insert into schema_migrations (version, name, checksum) values ($1, 'future', 'x')",
      [future],
    );
    await expect(migrate(db)).rejects.toBeInstanceOf(SchemaTooNewError);
    await db.query("delete from schema_migrations where version = $1", [future]);
  });

  it("refuses a database whose applied migration was edited", async () => {
    await db.query("update schema_migrations set checksum = 'edited' where version = 1");
    await expect(migrate(db)).rejects.toThrow(/changed after it was applied/);
  });
});
