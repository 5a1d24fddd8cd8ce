import type { Database } from "@attest/db/database";
import { migrate, migrationStatus } from "@attest/db/migrate";
import type { Output } from "../output";

export async function migrateCommand(db: Database, output: Output): Promise<number> {
  const before = await migrationStatus(db);
  await migrate(db);
  const applied = before.pending.length;
  output.line(
    applied === 0
      ? `Schema is current (version ${before.latestVersion}).`
      : `Applied ${applied} migration${applied === 1 ? "" : "s"}; schema is at version ${before.latestVersion}.`,
  );
  return 0;
}
