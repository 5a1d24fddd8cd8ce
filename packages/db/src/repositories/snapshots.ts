import type { Database, Queryable, Transaction } from "../database";
import { computeSnapshotStats } from "./snapshot-stats";

export interface SnapshotRow {
  id: string;
  source: string;
  importedBy: string;
  importedAt: string;
  rowCounts: Record<string, number>;
  fileHashes: Record<string, string>;
  parameters: Record<string, unknown>;
}

const columns = `id, source, imported_by as "importedBy", imported_at as "importedAt", row_counts as "rowCounts",
  file_hashes as "fileHashes", parameters`;

/** Instants [from, before), ISO 8601: a day range of an audit engagement, for instance. */
export interface TimeRange {
  from: string;
  before: string;
}

/**
 * Which snapshots a reader bounded by audit engagements may see: those taken inside one of
 * the ranges, and these others (the snapshots their campaigns were launched from).
 */
export interface SnapshotBounds {
  takenWithin: readonly TimeRange[];
  snapshotIds: readonly string[];
}

/** SQL condition: the timestamp `column` lies inside one of the ranges; appends its parameters. */
export function insideRanges(
  column: string,
  ranges: readonly TimeRange[],
  params: unknown[],
): string {
  params.push(
    ranges.map((range) => range.from),
    ranges.map((range) => range.before),
  );
  const from = params.length - 1;
  return `exists (select 1 from unnest($${from}::timestamptz[], $${from + 1}::timestamptz[]) as span(from_at, before_at)
                  where ${column} >= span.from_at and ${column} < span.before_at)`;
}

/** SQL condition: the snapshot aliased `alias` lies within bounds; appends its parameters. */
export function snapshotWithinBounds(
  alias: string,
  bounds: SnapshotBounds,
  params: unknown[],
): string {
  const taken = insideRanges(`${alias}.imported_at`, bounds.takenWithin, params);
  params.push(bounds.snapshotIds);
  return `(${taken} or ${alias}.id = any($${params.length}::uuid[]))`;
}

/** Snapshots newest first; only those within bounds when they are given. */
export async function listSnapshots(
  db: Queryable,
  options: { limit: number; within?: SnapshotBounds | undefined },
): Promise<SnapshotRow[]> {
  const params: unknown[] = [options.limit];
  const where = options.within ? `where ${snapshotWithinBounds("s", options.within, params)}` : "";
  return db.query<SnapshotRow>(
    `select ${columns} from inventory_snapshots s ${where} order by imported_at desc, id limit $1`,
    params,
  );
}

/** The snapshots that campaigns launched (started) inside one of the ranges review; as in an
 * audit population, only campaigns that ran count (not drafts, scheduled or cancelled ones). */
export async function listCampaignSnapshotIds(
  db: Queryable,
  launchedWithin: readonly TimeRange[],
): Promise<string[]> {
  if (launchedWithin.length === 0) return [];
  const rows = await db.query<{ snapshotId: string }>(
    `select distinct c.snapshot_id as "snapshotId"
     from campaigns c
     join unnest($1::timestamptz[], $2::timestamptz[]) as launched(from_at, before_at)
       on c.starts_at >= launched.from_at and c.starts_at < launched.before_at
     where c.status in ('active', 'closed', 'signed_off')`,
    [launchedWithin.map((range) => range.from), launchedWithin.map((range) => range.before)],
  );
  return rows.map((row) => row.snapshotId);
}

export async function findSnapshot(db: Queryable, id: string): Promise<SnapshotRow | null> {
  const rows = await db.query<SnapshotRow>(
    `select ${columns} from inventory_snapshots where id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** The snapshot of the same source imported just before this one, if any. */
export async function findPreviousSnapshot(
  db: Queryable,
  snapshot: SnapshotRow,
): Promise<SnapshotRow | null> {
  const rows = await db.query<SnapshotRow>(
    `select ${columns} from inventory_snapshots
     where source = $1 and (imported_at, id) < ($2::timestamptz, $3::uuid)
     order by imported_at desc, id desc limit 1`,
    [snapshot.source, snapshot.importedAt, snapshot.id],
  );
  return rows[0] ?? null;
}

export type GrantChangeKind = "added" | "removed" | "changed";

export interface GrantChange {
  change: GrantChangeKind;
  systemKey: string;
  username: string;
  entitlementKey: string;
  identityKey: string | null;
  before: GrantFacts | null;
  after: GrantFacts | null;
}

export interface GrantFacts {
  grantedAt: string | null;
  grantedBy: string | null;
  ticket: string | null;
  expiresAt: string | null;
  identityKey: string | null;
  privileged: boolean;
}

// Grants are compared by their natural key (system, account, entitlement): ids differ in every
// snapshot. "Changed" means the same grant with a different ticket, grantor, expiry, owner or
// privilege; last-used dates move every day and are not a change of access.
const grantFacts = (alias: string) => `
  select s.key as system_key, a.username, e.key as entitlement_key, i.external_id as identity_key,
         g.granted_at, g.granted_by, g.ticket, g.expires_at, e.privileged
  from grants g
  join accounts a on a.id = g.account_id
  join systems s on s.id = a.system_id
  join entitlements e on e.id = g.entitlement_id
  left join identities i on i.id = a.identity_id
  where g.snapshot_id = ${alias}`;

const diffQuery = `
  with before as (${grantFacts("$1")}), after as (${grantFacts("$2")}),
  joined as (
    select coalesce(a.system_key, b.system_key) as system_key, coalesce(a.username, b.username) as username,
           coalesce(a.entitlement_key, b.entitlement_key) as entitlement_key,
           case when b.system_key is null then 'added' when a.system_key is null then 'removed' else 'changed' end as change,
           to_jsonb(b) as before, to_jsonb(a) as after
    from after a
    full join before b on a.system_key = b.system_key and a.username = b.username and a.entitlement_key = b.entitlement_key
    where b.system_key is null or a.system_key is null
       or a.granted_at is distinct from b.granted_at or a.granted_by is distinct from b.granted_by
       or a.ticket is distinct from b.ticket or a.expires_at is distinct from b.expires_at
       or a.identity_key is distinct from b.identity_key or a.privileged is distinct from b.privileged
  )`;

export type GrantChangeCounts = Record<GrantChangeKind, number>;

/**
 * What every new snapshot stores with itself, in the transaction that creates it: its counts
 * per system and entitlement, and its diff against the previous snapshot of its source.
 */
export async function completeSnapshot(
  tx: Queryable,
  snapshotId: string,
): Promise<GrantChangeCounts | null> {
  await computeSnapshotStats(tx, snapshotId);
  const snapshot = await findSnapshot(tx, snapshotId);
  const previous = snapshot ? await findPreviousSnapshot(tx, snapshot) : null;
  return previous ? computeSnapshotDiff(tx, snapshotId, previous.id) : null;
}

/**
 * Compares a snapshot with the previous one of its source once and keeps the result
 * (snapshot_diffs, snapshot_grant_changes): both are frozen, so the diff never changes.
 * Imports store it as they commit; this computes it for snapshots made before that.
 */
export async function ensureSnapshotDiff(
  db: Database,
  snapshot: SnapshotRow,
  previous: SnapshotRow,
): Promise<GrantChangeCounts> {
  const stored = await findDiffCounts(db, snapshot.id);
  if (stored) return stored;
  return db.transaction(async (tx) => {
    // Two requests may race here; the lock makes the second wait and then find the first's work.
    await tx.query("select pg_advisory_xact_lock(hashtext('attest.snapshot-diff'), hashtext($1))", [
      snapshot.id,
    ]);
    const again = await findDiffCounts(tx, snapshot.id);
    if (again) return again;
    return computeSnapshotDiff(tx, snapshot.id, previous.id);
  });
}

/** Compares a snapshot with an earlier one and stores the result, in the caller's transaction. */
export async function computeSnapshotDiff(
  tx: Queryable,
  snapshotId: string,
  previousId: string,
): Promise<GrantChangeCounts> {
  await tx.query(
    `${diffQuery}
       insert into snapshot_grant_changes
         (snapshot_id, seq, change, system_key, username, entitlement_key, before, after)
       select $2, row_number() over (order by system_key collate "C", username collate "C", entitlement_key collate "C"),
              change, system_key, username, entitlement_key, before, after
       from joined`,
    [previousId, snapshotId],
  );
  await tx.query(
    `insert into snapshot_diffs (snapshot_id, previous_snapshot_id, added, removed, changed)
     select $1, $2, count(*) filter (where change = 'added'), count(*) filter (where change = 'removed'),
            count(*) filter (where change = 'changed')
     from snapshot_grant_changes where snapshot_id = $1`,
    [snapshotId, previousId],
  );
  return (await findDiffCounts(tx, snapshotId)) as GrantChangeCounts;
}

async function findDiffCounts(
  db: Queryable,
  snapshotId: string,
): Promise<GrantChangeCounts | null> {
  const rows = await db.query<GrantChangeCounts>(
    "select added, removed, changed from snapshot_diffs where snapshot_id = $1",
    [snapshotId],
  );
  return rows[0] ?? null;
}

function facts(row: Record<string, unknown> | null): GrantFacts | null {
  if (!row) return null;
  const iso = (value: unknown) =>
    typeof value === "string" ? new Date(value).toISOString() : null;
  return {
    grantedAt: iso(row.granted_at),
    grantedBy: (row.granted_by as string | null) ?? null,
    ticket: (row.ticket as string | null) ?? null,
    expiresAt: iso(row.expires_at),
    identityKey: (row.identity_key as string | null) ?? null,
    privileged: row.privileged === true,
  };
}

/** A page of a snapshot's stored diff (ensureSnapshotDiff first), in system/account/entitlement order. */
export async function listGrantChanges(
  db: Queryable,
  options: {
    snapshotId: string;
    change?: GrantChangeKind | undefined;
    limit: number;
    offset: number;
  },
): Promise<GrantChange[]> {
  const rows = await db.query<{
    change: GrantChangeKind;
    system_key: string;
    username: string;
    entitlement_key: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  }>(
    `select change, system_key, username, entitlement_key, before, after from snapshot_grant_changes
     where snapshot_id = $1 and ($2::text is null or change = $2)
     order by seq limit $3 offset $4`,
    [options.snapshotId, options.change ?? null, options.limit, options.offset],
  );
  return rows.map((row) => {
    const before = facts(row.before);
    const after = facts(row.after);
    return {
      change: row.change,
      systemKey: row.system_key,
      username: row.username,
      entitlementKey: row.entitlement_key,
      identityKey: after?.identityKey ?? before?.identityKey ?? null,
      before,
      after,
    };
  });
}

export const populationColumns = [
  "system",
  "system_name",
  "account",
  "account_status",
  "identity",
  "identity_name",
  "identity_kind",
  "identity_status",
  "entitlement",
  "entitlement_name",
  "privileged",
  "risk",
  "granted_at",
  "granted_by",
  "ticket",
  "expires_at",
  "last_used_at",
] as const;

export type PopulationRow = Record<(typeof populationColumns)[number], string | boolean | null>;

/**
 * Every grant of a snapshot with who, where and what, in a fixed order (system, account,
 * entitlement), read through a cursor so a million rows never sit in memory.
 */
export async function* streamPopulation(
  db: Transaction,
  snapshotId: string,
  batchSize = 10_000,
): AsyncGenerator<PopulationRow> {
  await db.query(
    `declare population cursor for
     select s.key as system, s.name as system_name, a.username as account, a.status as account_status,
            i.external_id as identity, i.display_name as identity_name, i.kind as identity_kind,
            i.status as identity_status, e.key as entitlement, e.name as entitlement_name, e.privileged,
            e.risk, g.granted_at, g.granted_by, g.ticket, g.expires_at, g.last_used_at
     from grants g
     join accounts a on a.id = g.account_id
     join systems s on s.id = a.system_id
     join entitlements e on e.id = g.entitlement_id
     left join identities i on i.id = a.identity_id
     where g.snapshot_id = $1
     order by s.key collate "C", a.username collate "C", e.key collate "C"`,
    [snapshotId],
  );
  for (;;) {
    const rows = await db.query<PopulationRow>(`fetch ${batchSize} from population`);
    if (rows.length === 0) break;
    yield* rows;
  }
  await db.query("close population");
}

export interface PopulationExportRow {
  snapshotId: string;
  sha256: string;
  bytes: number;
  rows: number;
  fileName: string;
  createdBy: string;
  createdAt: string;
}

export async function findPopulationExport(
  db: Queryable,
  snapshotId: string,
): Promise<PopulationExportRow | null> {
  const rows = await db.query<PopulationExportRow>(
    `select snapshot_id as "snapshotId", sha256, bytes, rows, file_name as "fileName", created_by as "createdBy",
            created_at as "createdAt"
     from population_exports where snapshot_id = $1`,
    [snapshotId],
  );
  return rows[0] ?? null;
}

export async function insertPopulationExport(
  db: Queryable,
  row: Omit<PopulationExportRow, "createdAt">,
): Promise<void> {
  await db.query(
    `insert into population_exports (snapshot_id, sha256, bytes, rows, file_name, created_by)
     values ($1, $2, $3, $4, $5, $6) on conflict (snapshot_id) do nothing`,
    [row.snapshotId, row.sha256, row.bytes, row.rows, row.fileName, row.createdBy],
  );
}
