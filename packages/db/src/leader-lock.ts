import pg from "pg";

/**
 * Leadership among server instances that share one database: the holder runs work that must
 * happen once per cluster (the campaign scheduler's tick).
 */
export interface LeaderLock {
  /** Whether this process leads now: takes the lock when it is free, confirms it when held. */
  lead(): Promise<boolean>;
  /** Gives leadership up; another instance takes it on its next try. */
  release(): Promise<void>;
}

/** Embedded PGlite belongs to one process, which is therefore always the leader. */
export function soleLeader(): LeaderLock {
  return { lead: async () => true, release: async () => {} };
}

/**
 * A PostgreSQL session-level advisory lock held on a connection of its own, outside the pool:
 * it lasts exactly as long as that session. If the process dies or its connection drops, the
 * server ends the session and releases the lock, and another instance takes over on its next
 * try. Advisory locks are per database, so instances on other databases never contend.
 */
export function advisoryLeaderLock(options: { databaseUrl: string; name: string }): LeaderLock {
  let client: pg.Client | null = null;
  let held = false;

  const drop = (lost: pg.Client) => {
    if (client !== lost) return;
    client = null;
    held = false;
    lost.end().catch(() => {});
  };

  const connect = async (): Promise<pg.Client> => {
    const next = new pg.Client({
      connectionString: options.databaseUrl,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
      application_name: `attest leader: ${options.name}`,
    });
    // A dropped connection has released the lock on the server side: stop claiming it.
    next.on("error", () => drop(next));
    next.on("end", () => drop(next));
    await next.connect();
    return next;
  };

  return {
    async lead() {
      let current: pg.Client | null = client;
      try {
        if (!current) {
          current = await connect();
          client = current;
        }
        if (held) {
          // The lock lives as long as the session: a live session still holds it.
          await current.query("select 1");
          return true;
        }
        const result = await current.query<{ locked: boolean }>(
          "select pg_try_advisory_lock(hashtext($1)) as locked",
          [options.name],
        );
        held = result.rows[0]?.locked === true;
        return held;
      } catch {
        if (current) drop(current);
        return false;
      }
    },
    async release() {
      const current = client;
      client = null;
      held = false;
      if (current) await current.end().catch(() => {});
    },
  };
}
