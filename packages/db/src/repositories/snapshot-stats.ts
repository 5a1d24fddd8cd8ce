import type { Database, Queryable } from "../database";

/**
 * Computes a snapshot's per-system and per-entitlement counts once, in one pass over its
 * grants, and keeps them: every later page view reads a few rows instead of counting again.
 */
export async function ensureSnapshotStats(db: Database, snapshotId: string): Promise<void> {
  const done = await db.query("select 1 from snapshot_stats where snapshot_id = $1", [snapshotId]);
  if (done.length > 0) return;
  await db.transaction(async (tx) => {
    // Two requests may race here; the lock makes the second wait and then find the first's work.
    await tx.query(
      "select pg_advisory_xact_lock(hashtext('attest.snapshot-stats'), hashtext($1))",
      [snapshotId],
    );
    const again = await tx.query("select 1 from snapshot_stats where snapshot_id = $1", [
      snapshotId,
    ]);
    if (again.length > 0) return;
    await computeSnapshotStats(tx, snapshotId);
  });
}

/** Counts a snapshot's grants per entitlement and system, in the caller's transaction. */
export async function computeSnapshotStats(tx: Queryable, snapshotId: string): Promise<void> {
  await tx.query(
    `insert into snapshot_entitlement_stats (snapshot_id, entitlement_id, grants)
       select $1, e.id, coalesce(g.grants, 0)
       from entitlements e
       left join (select entitlement_id, count(*)::int as grants from grants where snapshot_id = $1 group by entitlement_id) g
         on g.entitlement_id = e.id
       where e.snapshot_id = $1`,
    [snapshotId],
  );
  await tx.query(
    `insert into snapshot_system_stats
         (snapshot_id, system_id, entitlements, privileged_entitlements, accounts, orphan_accounts, grants, privileged_grants)
       select $1, s.id,
              (select count(*)::int from entitlements e where e.system_id = s.id),
              (select count(*)::int from entitlements e where e.system_id = s.id and e.privileged),
              coalesce(a.accounts, 0), coalesce(a.orphans, 0),
              (select coalesce(sum(es.grants), 0)::int from snapshot_entitlement_stats es
                 join entitlements e on e.id = es.entitlement_id where es.snapshot_id = $1 and e.system_id = s.id),
              (select coalesce(sum(es.grants), 0)::int from snapshot_entitlement_stats es
                 join entitlements e on e.id = es.entitlement_id
                 where es.snapshot_id = $1 and e.system_id = s.id and e.privileged)
       from systems s
       left join (select system_id, count(*)::int as accounts, count(*) filter (where identity_id is null)::int as orphans
                  from accounts where snapshot_id = $1 group by system_id) a on a.system_id = s.id
       where s.snapshot_id = $1`,
    [snapshotId],
  );
  await tx.query("insert into snapshot_stats (snapshot_id) values ($1)", [snapshotId]);
}
