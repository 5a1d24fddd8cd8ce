import { bulkInsert } from "../bulk-insert";
import type { Queryable, Transaction } from "../database";

export interface EvidenceEventRow {
  seq: number;
  recordedAt: string;
  actor: string;
  action: string;
  subjectIds: string[];
  payloadVersion: number;
  payload: unknown;
  prevHash: string;
  hash: string;
}

export interface ChainHead {
  seq: number;
  hash: string | null;
  /** The database clock when the lock was taken: every event of the transaction carries it. */
  now: string;
}

/**
 * Takes the ledger's append lock for the rest of the transaction and returns the head. Writers
 * queue here, so seq is assigned without gaps and every event chains to the one before it;
 * the lock is released only by commit or rollback, so a rolled-back event frees its number.
 */
export async function lockEvidenceChain(tx: Transaction): Promise<ChainHead> {
  await tx.query("select pg_advisory_xact_lock(hashtext('attest.evidence'))");
  // Read Committed: this statement's snapshot is taken after the lock, so it sees the
  // previous holder's committed events.
  const [row] = await tx.query<{ seq: number | null; hash: string | null; now: string }>(
    `select (select seq from evidence_events order by seq desc limit 1) as seq,
            (select hash from evidence_events order by seq desc limit 1) as hash,
            clock_timestamp() as now`,
  );
  if (!row) throw new Error("the ledger head query returned no row");
  return { seq: row.seq ?? 0, hash: row.hash, now: row.now };
}

export async function insertEvidenceEvents(
  tx: Transaction,
  rows: readonly EvidenceEventRow[],
): Promise<void> {
  await bulkInsert(
    tx,
    "evidence_events",
    [
      { name: "seq", type: "bigint", value: (r) => r.seq },
      { name: "recorded_at", type: "timestamptz", value: (r) => r.recordedAt },
      { name: "actor", type: "text", value: (r) => r.actor },
      { name: "action", type: "text", value: (r) => r.action },
      { name: "subject_ids", type: "text[]", value: (r) => toPostgresArray(r.subjectIds) },
      { name: "payload_version", type: "integer", value: (r) => r.payloadVersion },
      { name: "payload", type: "jsonb", value: (r) => r.payload as object },
      { name: "prev_hash", type: "text", value: (r) => r.prevHash },
      { name: "hash", type: "text", value: (r) => r.hash },
    ],
    rows,
  );
}

/** A text[] literal; each element is quoted, so commas, quotes and braces in ids are safe. */
function toPostgresArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`;
}

const eventColumns = `seq, recorded_at as "recordedAt", actor, action, subject_ids as "subjectIds",
  payload_version as "payloadVersion", payload, prev_hash as "prevHash", hash`;

/** Events in seq order, a batch at a time, so a million-event export never sits in memory. */
export async function* streamEvidenceEvents(
  db: Queryable,
  range: { fromSeq: number; toSeq: number; batchSize?: number },
): AsyncGenerator<EvidenceEventRow> {
  const batchSize = range.batchSize ?? 5_000;
  let next = range.fromSeq;
  while (next <= range.toSeq) {
    const rows = await db.query<EvidenceEventRow>(
      `select ${eventColumns} from evidence_events where seq >= $1 and seq <= $2 order by seq limit $3`,
      [next, range.toSeq, batchSize],
    );
    if (rows.length === 0) return;
    for (const row of rows) yield row;
    next = (rows.at(-1)?.seq ?? range.toSeq) + 1;
  }
}

export async function readEvidenceHead(db: Queryable): Promise<EvidenceEventRow | null> {
  const rows = await db.query<EvidenceEventRow>(
    `select ${eventColumns} from evidence_events order by seq desc limit 1`,
  );
  return rows[0] ?? null;
}

export async function listRecentEvidenceEvents(
  db: Queryable,
  limit: number,
): Promise<EvidenceEventRow[]> {
  return db.query<EvidenceEventRow>(
    `select ${eventColumns} from evidence_events order by seq desc limit $1`,
    [limit],
  );
}

/** Event hashes fromSeq..toSeq in order (the Merkle leaves), fetched in large batches. */
export async function listEventHashes(
  db: Queryable,
  range: { fromSeq: number; toSeq: number },
): Promise<string[]> {
  const hashes: string[] = [];
  const batchSize = 100_000;
  for (let next = range.fromSeq; next <= range.toSeq; next += batchSize) {
    const rows = await db.query<{ hash: string }>(
      "select hash from evidence_events where seq >= $1 and seq <= $2 order by seq",
      [next, Math.min(range.toSeq, next + batchSize - 1)],
    );
    for (const row of rows) hashes.push(row.hash);
  }
  return hashes;
}
