import type {
  IdentityKind,
  IdentityStatus,
  RiskLevel,
} from "@attest/domain/inventory/identity-kinds";
import type { Queryable } from "../database";

/**
 * Paged reads of one snapshot for the inventory browser. Pages are keyset-paginated (no
 * OFFSET) and totals are counted only up to a cap, so they stay fast at a million grants.
 */
export const countCap = 10_000;

export interface Page<T> {
  rows: T[];
  /** Rows matching the filter, counted up to countCap; `totalCapped` when there are more. */
  total: number;
  totalCapped: boolean;
  /** Pass back as `after` for the next page; null on the last page. */
  next: string | null;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

async function cappedCount(
  db: Queryable,
  fromWhere: string,
  params: unknown[],
): Promise<{ total: number; capped: boolean }> {
  const [row] = await db.query<{ count: number }>(
    `select count(*)::int as count from (select 1 ${fromWhere} limit ${countCap + 1}) as matching`,
    params,
  );
  const count = row?.count ?? 0;
  return { total: Math.min(count, countCap), capped: count > countCap };
}

async function countFromStats(
  db: Queryable,
  filter: Pick<GrantFilter, "snapshotId" | "systemKey" | "privileged">,
): Promise<{ total: number; capped: boolean }> {
  const [row] = await db.query<{ total: number }>(
    `select coalesce(sum(st.grants), 0)::int as total
     from snapshot_entitlement_stats st
     join entitlements e on e.id = st.entitlement_id
     join systems s on s.id = e.system_id
     where st.snapshot_id = $1 and ($2::text is null or s.key = $2) and ($3::boolean is null or e.privileged = $3)`,
    [filter.snapshotId, filter.systemKey ?? null, filter.privileged ?? null],
  );
  return { total: row?.total ?? 0, capped: false };
}

function encodeCursor(values: string[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

function decodeCursor(cursor: string | undefined, length: number): string[] | null {
  if (!cursor) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return Array.isArray(values) &&
      values.length === length &&
      values.every((v) => typeof v === "string")
      ? values
      : null;
  } catch {
    return null;
  }
}

export interface IdentityListRow {
  id: string;
  externalId: string;
  kind: IdentityKind;
  displayName: string;
  email: string | null;
  department: string | null;
  status: IdentityStatus;
  managerName: string | null;
  ownerName: string | null;
  lastRotatedAt: string | null;
  grants: number;
}

export interface IdentityFilter {
  snapshotId: string;
  kinds?: readonly IdentityKind[] | undefined;
  status?: IdentityStatus | undefined;
  /** Prefix of the name, external id or email. */
  search?: string | undefined;
  /** external_id of an owner or manager. */
  ownerOrManager?: string | undefined;
  systemKey?: string | undefined;
  limit: number;
  after?: string | undefined;
}

export async function listIdentitiesPage(
  db: Queryable,
  filter: IdentityFilter,
): Promise<Page<IdentityListRow>> {
  const params: unknown[] = [filter.snapshotId];
  const conditions = ["i.snapshot_id = $1"];
  if (filter.kinds && filter.kinds.length > 0) {
    params.push(filter.kinds);
    conditions.push(`i.kind = any($${params.length}::text[])`);
  }
  if (filter.status) {
    params.push(filter.status);
    conditions.push(`i.status = $${params.length}`);
  }
  if (filter.search) {
    params.push(`${escapeLike(filter.search.toLowerCase())}%`);
    const p = `$${params.length}`;
    conditions.push(
      `(lower(i.display_name) like ${p} or lower(i.external_id) like ${p} or lower(i.email) like ${p})`,
    );
  }
  if (filter.ownerOrManager) {
    params.push(filter.ownerOrManager);
    conditions.push(
      `exists (select 1 from identities boss where boss.id in (i.owner_id, i.manager_id) and boss.external_id = $${params.length})`,
    );
  }
  if (filter.systemKey) {
    params.push(filter.systemKey);
    conditions.push(
      `exists (select 1 from accounts a join systems s on s.id = a.system_id where a.identity_id = i.id and s.key = $${params.length})`,
    );
  }
  const fromWhere = `from identities i where ${conditions.join(" and ")}`;
  const count = await cappedCount(db, fromWhere, params);
  const cursor = decodeCursor(filter.after, 2);
  const pageParams = [...params];
  let keyset = "";
  if (cursor) {
    pageParams.push(cursor[0], cursor[1]);
    keyset = ` and (lower(i.display_name) collate "C", i.id) > ($${pageParams.length - 1} collate "C", $${pageParams.length}::uuid)`;
  }
  pageParams.push(filter.limit + 1);
  const rows = await db.query<IdentityListRow & { sortName: string }>(
    `select lower(i.display_name) as "sortName", i.id, i.external_id as "externalId", i.kind, i.display_name as "displayName", i.email, i.department,
            i.status, manager.display_name as "managerName", owner.display_name as "ownerName",
            i.last_rotated_at as "lastRotatedAt",
            (select count(*)::int from grants g join accounts a on a.id = g.account_id where a.identity_id = i.id) as grants
     from identities i
     left join identities manager on manager.id = i.manager_id
     left join identities owner on owner.id = i.owner_id
     where ${conditions.join(" and ")}${keyset}
     order by lower(i.display_name) collate "C", i.id limit $${pageParams.length}`,
    pageParams,
  );
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    rows: page,
    total: count.total,
    totalCapped: count.capped,
    next:
      rows.length > filter.limit && last
        ? encodeCursor([last.displayName.toLowerCase(), last.id])
        : null,
  };
}

export interface GrantListRow {
  id: string;
  systemKey: string;
  systemName: string;
  username: string;
  identityKey: string | null;
  identityName: string | null;
  identityKind: IdentityKind | null;
  identityStatus: IdentityStatus | null;
  entitlementKey: string;
  entitlementName: string;
  privileged: boolean;
  risk: RiskLevel;
  grantedAt: string | null;
  grantedBy: string | null;
  ticket: string | null;
  lastUsedAt: string | null;
}

export interface GrantFilter {
  snapshotId: string;
  systemKey?: string | undefined;
  privileged?: boolean | undefined;
  /** Prefix of the account name. */
  search?: string | undefined;
  identityKey?: string | undefined;
  limit: number;
  after?: string | undefined;
}

/**
 * Grants in account order. The query walks accounts through their (snapshot, username) index
 * and each account's grants through the (account, entitlement) key, so the first page of a
 * million grants is a few index reads, not a sort of them all.
 */
export async function listGrantsPage(
  db: Queryable,
  filter: GrantFilter,
): Promise<Page<GrantListRow>> {
  const params: unknown[] = [filter.snapshotId];
  const accountConditions = ["a.snapshot_id = $1"];
  const grantConditions: string[] = [];
  if (filter.systemKey) {
    params.push(filter.systemKey);
    accountConditions.push(
      `a.system_id = (select id from systems where snapshot_id = $1 and key = $${params.length})`,
    );
  }
  if (filter.search) {
    params.push(filter.search);
    const p = `$${params.length}`;
    // a prefix as a range on the "C"-collated index: a LIKE would not use it under every locale
    accountConditions.push(
      `a.username collate "C" >= ${p} collate "C" and a.username collate "C" < (${p} || chr(1114111)) collate "C"`,
    );
  }
  if (filter.identityKey) {
    params.push(filter.identityKey);
    accountConditions.push(
      `a.identity_id = (select id from identities where snapshot_id = $1 and external_id = $${params.length})`,
    );
  }
  if (filter.privileged !== undefined) {
    params.push(filter.privileged);
    grantConditions.push(`e.privileged = $${params.length}`);
  }
  const from = `from accounts a
     join grants g on g.account_id = a.id
     join entitlements e on e.id = g.entitlement_id
     join systems s on s.id = a.system_id
     left join identities i on i.id = a.identity_id`;
  const where = `where ${[...accountConditions, ...grantConditions].join(" and ")}`;
  // Filtered only by system and privilege, the total is a sum of the snapshot's per-entitlement
  // counts (exact and instant); a search or identity filter needs a capped count.
  const count =
    filter.search || filter.identityKey
      ? await cappedCount(db, `${from} ${where}`, params)
      : await countFromStats(db, filter);
  const cursor = decodeCursor(filter.after, 3);
  const pageParams = [...params];
  let keyset = "";
  if (cursor) {
    pageParams.push(cursor[0], cursor[1], cursor[2]);
    const n = pageParams.length;
    keyset = ` and (a.username collate "C", a.id, g.entitlement_id) > ($${n - 2} collate "C", $${n - 1}::uuid, $${n}::uuid)`;
  }
  pageParams.push(filter.limit + 1);
  const rows = await db.query<GrantListRow & { accountId: string; entitlementId: string }>(
    `select g.id, a.id as "accountId", g.entitlement_id as "entitlementId", s.key as "systemKey",
            s.name as "systemName", a.username, i.external_id as "identityKey", i.display_name as "identityName",
            i.kind as "identityKind", i.status as "identityStatus", e.key as "entitlementKey",
            e.name as "entitlementName", e.privileged, e.risk, g.granted_at as "grantedAt",
            g.granted_by as "grantedBy", g.ticket, g.last_used_at as "lastUsedAt"
     ${from} ${where}${keyset}
     order by a.username collate "C", a.id, g.entitlement_id limit $${pageParams.length}`,
    pageParams,
  );
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    rows: page.map(({ accountId: _account, entitlementId: _entitlement, ...row }) => row),
    total: count.total,
    totalCapped: count.capped,
    next:
      rows.length > filter.limit && last
        ? encodeCursor([last.username, last.accountId, last.entitlementId])
        : null,
  };
}

export interface SystemListRow {
  key: string;
  name: string;
  criticality: RiskLevel;
  soxInScope: boolean;
  ownerName: string | null;
  entitlements: number;
  privilegedEntitlements: number;
  accounts: number;
  orphanAccounts: number;
  grants: number;
}

export async function listSystems(db: Queryable, snapshotId: string): Promise<SystemListRow[]> {
  return db.query<SystemListRow>(
    `select s.key, s.name, s.criticality, s.sox_in_scope as "soxInScope", owner.display_name as "ownerName",
            st.entitlements, st.privileged_entitlements as "privilegedEntitlements", st.accounts,
            st.orphan_accounts as "orphanAccounts", st.grants
     from systems s
     join snapshot_system_stats st on st.system_id = s.id and st.snapshot_id = s.snapshot_id
     left join identities owner on owner.id = s.owner_id
     where s.snapshot_id = $1 order by s.name collate "C"`,
    [snapshotId],
  );
}

export interface EntitlementListRow {
  systemKey: string;
  systemName: string;
  key: string;
  name: string;
  description: string | null;
  privileged: boolean;
  risk: RiskLevel;
  ownerName: string | null;
  grants: number;
}

export async function listEntitlements(
  db: Queryable,
  filter: { snapshotId: string; systemKey?: string | undefined; privileged?: boolean | undefined },
): Promise<EntitlementListRow[]> {
  const params: unknown[] = [filter.snapshotId];
  const conditions = ["e.snapshot_id = $1"];
  if (filter.systemKey) {
    params.push(filter.systemKey);
    conditions.push(`s.key = $${params.length}`);
  }
  if (filter.privileged !== undefined) {
    params.push(filter.privileged);
    conditions.push(`e.privileged = $${params.length}`);
  }
  return db.query<EntitlementListRow>(
    `select s.key as "systemKey", s.name as "systemName", e.key, e.name, e.description, e.privileged, e.risk,
            owner.display_name as "ownerName", st.grants
     from entitlements e join systems s on s.id = e.system_id
     join snapshot_entitlement_stats st on st.entitlement_id = e.id and st.snapshot_id = e.snapshot_id
     left join identities owner on owner.id = e.owner_id
     where ${conditions.join(" and ")} order by s.name collate "C", e.name collate "C" limit 2000`,
    params,
  );
}
