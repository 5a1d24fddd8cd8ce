import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

export type Dialect = "pglite" | "postgres";

export interface Queryable {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Loads rows with COPY … FROM in CSV format (unquoted empty field = NULL): the fast path for
   * bulk loads, many times quicker than INSERT for hundreds of thousands of rows.
   */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
  /** COPY of a CSV stream of any size (complete lines), e.g. a staged file of a million rows. */
  copyCsvStream(
    table: string,
    columns: readonly string[],
    source: AsyncIterable<Buffer>,
  ): Promise<void>;
}

/** A connection inside an open transaction. Services that change state take one of these. */
export interface Transaction extends Queryable {
  readonly inTransaction: true;
}

export interface Database extends Queryable {
  readonly dialect: Dialect;
  /** Runs fn in one transaction: everything it writes commits together or not at all. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /**
   * From now on, runs every statement as this role (SET ROLE), so the application holds only
   * the privileges migrations granted it: on the ledger, INSERT and SELECT. Migrate first.
   */
  useRole(role: string): Promise<void>;
  close(): Promise<void>;
}

/** The role migrations create for the application (see 0002_evidence_ledger.sql). */
export const appRole = "attest_app";

function copyStatement(table: string, columns: readonly string[], source: string): string {
  const names = columns.map(quoteIdentifier).join(", ");
  return `copy ${quoteIdentifier(table)} (${names}) from ${source} with (format csv)`;
}

async function copyThrough(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  csv: string | AsyncIterable<Buffer>,
): Promise<void> {
  const stream = client.query(copyFrom(copyStatement(table, columns, "stdin")));
  await pipeline(typeof csv === "string" ? Readable.from([csv]) : Readable.from(csv), stream);
}

const pgliteCopyChunkBytes = 16 * 1024 * 1024;

/** PGlite copies from a blob in memory, so a stream is fed to it in chunks that end at a line. */
async function copyStreamInChunks(
  source: AsyncIterable<Buffer>,
  copyChunk: (csv: string) => Promise<void>,
): Promise<void> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of source) {
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes < pgliteCopyChunkBytes) continue;
    const joined = Buffer.concat(pending);
    const cut = joined.lastIndexOf(10) + 1;
    if (cut > 0) await copyChunk(joined.subarray(0, cut).toString("utf8"));
    pending = [joined.subarray(cut)];
    pendingBytes = pending[0]?.length ?? 0;
  }
  const rest = Buffer.concat(pending);
  if (rest.length > 0) await copyChunk(rest.toString("utf8"));
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export interface DatabaseConfig {
  /** PostgreSQL connection string; when absent, embedded PGlite in dataDir is used. */
  databaseUrl?: string | undefined;
  /** The application's data directory; PGlite keeps its files in <dataDir>/pglite. "memory://" keeps them in memory. */
  dataDir: string;
  poolSize?: number;
}

// Both drivers hand timestamps back as ISO strings, dates as YYYY-MM-DD and int8 as numbers,
// so rows cross tRPC as plain JSON and never depend on the machine's time zone.
const TYPE_OIDS = { int8: 20, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;

const utcTimestamp = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?\+00$/;

/**
 * "2026-11-27 20:44:30.123456+00" → "2026-11-27T20:44:30.123Z", as Date would print it
 * (milliseconds truncated). Sliced rather than parsed: a campaign launch reads a few hundred
 * thousand timestamps, and Date parsing was the largest single cost of reading them.
 */
export function toIsoTimestamp(value: string): string {
  if (utcTimestamp.test(value)) {
    const fraction = value.length > 22 ? value.slice(20, -3) : "";
    return `${value.slice(0, 10)}T${value.slice(11, 19)}.${`${fraction}000`.slice(0, 3)}Z`;
  }
  return new Date(value.replace(" ", "T").replace(/\+00$/, "Z")).toISOString();
}

const parsers: Record<number, (value: string) => unknown> = {
  [TYPE_OIDS.int8]: (value) => Number(value),
  [TYPE_OIDS.date]: (value) => value,
  [TYPE_OIDS.timestamp]: (value) => toIsoTimestamp(`${value}+00`),
  [TYPE_OIDS.timestamptz]: (value) => toIsoTimestamp(value),
};

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.poolSize ?? 10);
  return openPglite(config.dataDir);
}

async function openPglite(dataDir: string): Promise<Database> {
  if (dataDir.startsWith("memory://")) return (await createPglite({})).database;
  const pgliteDir = join(resolve(dataDir), "pglite");
  await mkdir(dirname(pgliteDir), { recursive: true });
  return (await createPglite({ dataDir: pgliteDir })).database;
}

/** Opens PGlite with the shared type parsers; `loadDataDir` starts from a dumped template. */
export async function createPglite(options: {
  dataDir?: string;
  loadDataDir?: Blob;
}): Promise<{ database: Database; pglite: PGlite }> {
  const pglite = await PGlite.create({ ...options, parsers });
  return { database: await wrapPglite(pglite), pglite };
}

async function wrapPglite(pglite: PGlite): Promise<Database> {
  await pglite.exec("set time zone 'UTC'");
  let role: string | undefined;
  // PGlite reads COPY data from a virtual file, which needs file privileges the application
  // role must not have on a real server; PGlite is one in-process connection, so the session's
  // own user runs the COPY (it only inserts) and the role is restored straight after. SET is
  // transactional: if the COPY fails, rollback restores the role too.
  const copyAsSessionUser = async (
    run: (sql: string) => Promise<unknown>,
    table: string,
    columns: readonly string[],
    csv: string,
    query: (sql: string, blob: Blob) => Promise<unknown>,
  ) => {
    if (role) await run("reset role");
    await query(copyStatement(table, columns, "'/dev/blob'"), new Blob([csv]));
    if (role) await run(`set role ${quoteIdentifier(role)}`);
  };
  const database: Database = {
    dialect: "pglite",
    async query<Row>(text: string, params?: readonly unknown[]) {
      const result = await pglite.query<Row>(text, params as unknown[] | undefined);
      return result.rows;
    },
    async exec(script: string) {
      await pglite.exec(script);
    },
    async copyCsv(table: string, columns: readonly string[], csv: string) {
      await pglite.transaction((tx) =>
        copyAsSessionUser(
          (sql) => tx.exec(sql),
          table,
          columns,
          csv,
          (sql, blob) => tx.query(sql, [], { blob }),
        ),
      );
    },
    async copyCsvStream(table: string, columns: readonly string[], source: AsyncIterable<Buffer>) {
      await copyStreamInChunks(source, (csv) => database.copyCsv(table, columns, csv));
    },
    transaction<T>(fn: (tx: Transaction) => Promise<T>) {
      // PGlite is one connection: its transaction() holds a mutex, so other queries wait.
      return pglite.transaction((pgliteTx) =>
        fn({
          inTransaction: true,
          async query<Row>(text: string, params?: readonly unknown[]) {
            const result = await pgliteTx.query<Row>(text, params as unknown[] | undefined);
            return result.rows;
          },
          async exec(script: string) {
            await pgliteTx.exec(script);
          },
          copyCsv(table: string, columns: readonly string[], csv: string) {
            return copyAsSessionUser(
              (sql) => pgliteTx.exec(sql),
              table,
              columns,
              csv,
              (sql, blob) => pgliteTx.query(sql, [], { blob }),
            );
          },
          async copyCsvStream(
            table: string,
            columns: readonly string[],
            source: AsyncIterable<Buffer>,
          ) {
            await copyStreamInChunks(source, (csv) => this.copyCsv(table, columns, csv));
          },
        }),
      );
    },
    async useRole(nextRole: string) {
      await pglite.exec(`set role ${quoteIdentifier(nextRole)}`);
      role = nextRole;
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
  return database;
}

function openPostgres(connectionString: string, poolSize: number): Database {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    options: "-c TimeZone=UTC",
    connectionTimeoutMillis: 5_000,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") => {
        const parser = parsers[oid];
        if (parser && format !== "binary") return parser;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client whose server connection dies emits 'error'; without a listener that
  // would crash the process. The next query gets a fresh connection or a clear error.
  pool.on("error", () => {});

  let role: string | undefined;
  const clientRoles = new WeakMap<pg.PoolClient, string>();

  async function checkout(): Promise<pg.PoolClient> {
    const client = await pool.connect();
    if (role && clientRoles.get(client) !== role) {
      try {
        await client.query(`set role ${quoteIdentifier(role)}`);
      } catch (error) {
        client.release(true);
        throw error;
      }
      clientRoles.set(client, role);
    }
    return client;
  }

  return {
    dialect: "postgres",
    async query<Row>(text: string, params?: readonly unknown[]) {
      const client = await checkout();
      try {
        const result = await client.query(text, params as unknown[] | undefined);
        return result.rows as Row[];
      } finally {
        client.release();
      }
    },
    async exec(script: string) {
      const client = await checkout();
      try {
        await client.query(script);
      } finally {
        client.release();
      }
    },
    async copyCsv(table: string, columns: readonly string[], csv: string) {
      const client = await checkout();
      try {
        await copyThrough(client, table, columns, csv);
      } finally {
        client.release();
      }
    },
    async copyCsvStream(table: string, columns: readonly string[], source: AsyncIterable<Buffer>) {
      const client = await checkout();
      try {
        await copyThrough(client, table, columns, source);
      } finally {
        client.release();
      }
    },
    async transaction<T>(fn: (tx: Transaction) => Promise<T>) {
      const client = await checkout();
      let broken = false;
      try {
        await client.query("begin");
        const result = await fn({
          inTransaction: true,
          async query<Row>(text: string, params?: readonly unknown[]) {
            const queryResult = await client.query(text, params as unknown[] | undefined);
            return queryResult.rows as Row[];
          },
          async exec(script: string) {
            await client.query(script);
          },
          copyCsv: (table: string, columns: readonly string[], csv: string) =>
            copyThrough(client, table, columns, csv),
          copyCsvStream: (
            table: string,
            columns: readonly string[],
            source: AsyncIterable<Buffer>,
          ) => copyThrough(client, table, columns, source),
        });
        await client.query("commit");
        return result;
      } catch (error) {
        try {
          await client.query("rollback");
        } catch {
          broken = true;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async useRole(nextRole: string) {
      role = nextRole;
    },
    async close() {
      await pool.end();
    },
  };
}
