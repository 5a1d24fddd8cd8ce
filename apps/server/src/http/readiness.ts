import type { Database } from "@attest/db/database";
import { migrationStatus } from "@attest/db/migrate";

export type Readiness = { ready: true } | { ready: false; reason: string };

const checkTimeoutMs = 3_000;

/** Ready means the database answers and its schema is exactly what this code expects. */
export async function checkReadiness(db: Database): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Readiness>((resolve) => {
    timer = setTimeout(
      () => resolve({ ready: false, reason: "database did not answer in time" }),
      checkTimeoutMs,
    );
  });
  const check = (async (): Promise<Readiness> => {
    try {
      const status = await migrationStatus(db);
      if (status.pending.length > 0) {
        return { ready: false, reason: `migrations pending: ${status.pending.join(", ")}` };
      }
      if (status.appliedVersion > status.latestVersion) {
        return { ready: false, reason: "database schema is newer than this code" };
      }
      return { ready: true };
    } catch (error) {
      return { ready: false, reason: `database unreachable: ${(error as Error).message}` };
    }
  })();
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
