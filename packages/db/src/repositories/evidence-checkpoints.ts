import type { Queryable } from "../database";

export interface CheckpointRow {
  treeSize: number;
  rootHash: string;
  note: string;
  keyFingerprint: string;
  createdAt: string;
}

const columns = `tree_size as "treeSize", root_hash as "rootHash", note, key_fingerprint as "keyFingerprint",
  created_at as "createdAt"`;

/**
 * Records a signed checkpoint. Two servers signing the same tree size produce the same note
 * (Ed25519 is deterministic), so a second insert is simply ignored.
 */
export async function insertCheckpoint(
  db: Queryable,
  checkpoint: Omit<CheckpointRow, "createdAt">,
): Promise<void> {
  await db.query(
    `insert into evidence_checkpoints (tree_size, root_hash, note, key_fingerprint)
     values ($1, $2, $3, $4) on conflict (tree_size) do nothing`,
    [checkpoint.treeSize, checkpoint.rootHash, checkpoint.note, checkpoint.keyFingerprint],
  );
}

export async function findCheckpoint(
  db: Queryable,
  treeSize: number,
): Promise<CheckpointRow | null> {
  const rows = await db.query<CheckpointRow>(
    `select ${columns} from evidence_checkpoints where tree_size = $1`,
    [treeSize],
  );
  return rows[0] ?? null;
}

export async function findLatestCheckpoint(db: Queryable): Promise<CheckpointRow | null> {
  const rows = await db.query<CheckpointRow>(
    `select ${columns} from evidence_checkpoints order by tree_size desc limit 1`,
  );
  return rows[0] ?? null;
}

/** Checkpoints whose tree size lies in [fromSize, toSize], ascending. */
export async function listCheckpoints(
  db: Queryable,
  range: { fromSize: number; toSize: number },
): Promise<CheckpointRow[]> {
  return db.query<CheckpointRow>(
    `select ${columns} from evidence_checkpoints where tree_size between $1 and $2 order by tree_size`,
    [range.fromSize, range.toSize],
  );
}
