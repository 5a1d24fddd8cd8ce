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
  /** Prefix of the account name or the entitlement key. */
  search?: string | undefined;
  identityKey?: string | undefined;
  limit: number;
  after?: string | undefined;
}

export async function listGrantsPage(
  db: Queryable,
  filter: GrantFilter,
): Promise<Page<GrantListRow>> {
  const params: unknown[] = [filter.snapshotId];
  const conditions = ["g.snapshot_id = $1"];
  if (filter.systemKey) {
    params.push(filter.systemKey);
    conditions.push(`s.key = $${params.length}`);
  }
  if (filter.privileged !== undefined) {
    params.push(filter.privileged);
    conditions.push(`e.privileged = $${params.length}`);
  }
  if (filter.search) {
    params.push(`${escapeLike(filter.search)}%`);
    conditions.push(`(a.username like $${params.length} or e.key like $${params.length})`);
  }
  if (filter.identityKey) {
    params.push(filter.identityKey);
    conditions.push(`i.external_id = $${params.length}`);
  }
  const joins = `from grants g
     join accounts a on a.id = g.account_id
     join systems s on s.id = a.system_id
     join entitlements e on e.id = g.entitlement_id
     left join identities i on i.id = a.identity_id`;
  const where = `where ${conditions.join(" and ")}`;
  const count = await cappedCount(db, `${joins} ${where}`, params);
  const cursor = decodeCursor(filter.after, 3);
  const pageParams = [...params];
  let keyset = "";
  if (cursor) {
    pageParams.push(cursor[0], cursor[1], cursor[2]);
    const n = pageParams.length;
    keyset = ` and (a.username collate "C", e.key collate "C", g.id) > ($${n - 2} collate "C", $${n - 1} collate "C", $${n}::uuid)`;
  }
  pageParams.push(filter.limit + 1);
  const rows = await db.query<GrantListRow>(
    `select g.id, s.key as "systemKey", s.name as "systemName", a.username, i.external_id as "identityKey",
            i.display_name as "identityName", i.kind as "identityKind", i.status as "identityStatus",
            e.key as "entitlementKey", e.name as "entitlementName", e.privileged, e.risk,
            g.granted_at as "grantedAt", g.granted_by as "grantedBy", g.ticket, g.last_used_at as "lastUsedAt"
     ${joins} ${where}${keyset}
     order by a.username collate "C", e.key collate "C", g.id limit $${pageParams.length}`,
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
        ? encodeCursor([last.username, last.entitlementKey, last.id])
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
            (select count(*)::int from entitlements e where e.system_id = s.id) as entitlements,
            (select count(*)::int from entitlements e where e.system_id = s.id and e.privileged) as "privilegedEntitlements",
            (select count(*)::int from accounts a where a.system_id = s.id) as accounts,
            (select count(*)::int from accounts a where a.system_id = s.id and a.identity_id is null) as "orphanAccounts",
            (select count(*)::int from grants g join accounts a on a.id = g.account_id where a.system_id = s.id) as grants
     from systems s left join identities owner on owner.id = s.owner_id
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
            owner.display_name as "ownerName",
            (select count(*)::int from grants g where g.entitlement_id = e.id) as grants
     from entitlements e join systems s on s.id = e.system_id
     left join identities owner on owner.id = e.owner_id
     where ${conditions.join(" and ")} order by s.name collate "C", e.name collate "C" limit 2000`,
    params,
  );
}
