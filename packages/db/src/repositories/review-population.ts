import type { CampaignScope } from "@attest/domain/campaigns/campaign-definition";
import type {
  IdentityKind,
  IdentityStatus,
  RiskLevel,
} from "@attest/domain/inventory/identity-kinds";
import type { Queryable } from "../database";

/**
 * One grant of a snapshot under review, with everything its frozen context and its reviewer
 * need. Read for a whole campaign by one set-based query: a 100,000-item launch must not make
 * a round trip per grant.
 */
export interface PopulationRow {
  grantId: string;
  grantedAt: string | null;
  grantedBy: string | null;
  ticket: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  username: string;
  accountStatus: "active" | "disabled";
  lastLoginAt: string | null;
  identityKey: string;
  identityKind: IdentityKind;
  identityName: string;
  email: string | null;
  department: string | null;
  title: string | null;
  identityStatus: IdentityStatus;
  terminatedOn: string | null;
  lastRotatedAt: string | null;
  managerKey: string | null;
  managerName: string | null;
  ownerKey: string | null;
  ownerName: string | null;
  ownerStatus: IdentityStatus | null;
  systemId: string;
  systemKey: string;
  systemName: string;
  criticality: RiskLevel;
  soxInScope: boolean;
  systemOwnerKey: string | null;
  entitlementKey: string;
  entitlementName: string;
  entitlementDescription: string | null;
  privileged: boolean;
  risk: RiskLevel;
  entitlementOwnerKey: string | null;
  /** Other current members of the identity's department, and how many of them hold it too. */
  departmentPeers: number | null;
  departmentPeersHolding: number | null;
  /** Other current reports of the identity's manager, and how many of them hold it too. */
  teamPeers: number | null;
  teamPeersHolding: number | null;
}

export interface PopulationFilter {
  snapshotId: string;
  scope: CampaignScope;
  /** Only these grants (a second stage re-reads the grants of its first-stage items). */
  grantIds?: readonly string[];
}

/** The scope as SQL conditions over entitlements `e`, systems `s` and identities `i`. */
function scopeConditions(filter: PopulationFilter, params: unknown[]) {
  const entitlement: string[] = [];
  const identity: string[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const { scope } = filter;
  if (scope.systemKeys?.length) entitlement.push(`s.key = any(${param(scope.systemKeys)}::text[])`);
  if (scope.entitlementKeys?.length)
    entitlement.push(`(s.key || '/' || e.key) = any(${param(scope.entitlementKeys)}::text[])`);
  if (scope.privilegedOnly) entitlement.push("e.privileged");
  if (scope.risks?.length) entitlement.push(`e.risk = any(${param(scope.risks)}::text[])`);
  if (scope.identityKinds?.length)
    identity.push(`i.kind = any(${param(scope.identityKinds)}::text[])`);
  if (filter.grantIds) identity.push(`g.id = any(${param(filter.grantIds)}::uuid[])`);
  return { entitlement, identity };
}

/**
 * The population of a scope in one query. Peer share is computed in the same statement: each
 * in-scope entitlement's holders (distinct identities, whatever account they hold it through)
 * are counted per department and per manager, and set against the size of that group; the
 * identity itself is taken out of both counts. Terminated identities are nobody's peers.
 * Grants of orphan accounts (no identity) are not in the population: see countOrphanGrants.
 */
export async function selectReviewPopulation(
  db: Queryable,
  filter: PopulationFilter,
): Promise<PopulationRow[]> {
  const params: unknown[] = [filter.snapshotId];
  const conditions = scopeConditions(filter, params);
  const entitlementWhere = ["e.snapshot_id = $1", ...conditions.entitlement].join(" and ");
  const grantWhere = ["g.snapshot_id = $1", ...conditions.identity].join(" and ");
  return db.query<PopulationRow>(
    `with scoped_entitlements as (
       select e.id, e.key, e.name, e.description, e.privileged, e.risk, e.owner_id,
              s.id as system_id, s.key as system_key, s.name as system_name, s.criticality,
              s.sox_in_scope, s.owner_id as system_owner_id
       from entitlements e join systems s on s.id = e.system_id
       where ${entitlementWhere}
     ),
     scoped as (
       select g.id as grant_id, g.granted_at, g.granted_by, g.ticket, g.expires_at, g.last_used_at,
              g.entitlement_id, a.username, a.status as account_status, a.last_login_at,
              i.external_id as identity_key, i.kind, i.display_name, i.email, i.department,
              i.title, i.status as identity_status, i.terminated_on, i.last_rotated_at,
              i.manager_id, i.owner_id
       from grants g
       join scoped_entitlements e on e.id = g.entitlement_id
       join accounts a on a.id = g.account_id
       join identities i on i.id = a.identity_id
       where ${grantWhere}
     ),
     holders as (
       select distinct g.entitlement_id, a.identity_id
       from grants g
       join accounts a on a.id = g.account_id
       where g.snapshot_id = $1 and a.identity_id is not null
         and g.entitlement_id in (select distinct entitlement_id from scoped)
     ),
     current_holders as (
       select h.entitlement_id, i.department, i.manager_id
       from holders h join identities i on i.id = h.identity_id
       where i.status <> 'terminated'
     ),
     department_holders as (
       select entitlement_id, department, count(*)::int as holders
       from current_holders where department is not null group by entitlement_id, department
     ),
     team_holders as (
       select entitlement_id, manager_id, count(*)::int as holders
       from current_holders where manager_id is not null group by entitlement_id, manager_id
     ),
     departments as (
       select department, count(*)::int as members from identities
       where snapshot_id = $1 and status <> 'terminated' and department is not null
       group by department
     ),
     teams as (
       select manager_id, count(*)::int as members from identities
       where snapshot_id = $1 and status <> 'terminated' and manager_id is not null
       group by manager_id
     )
     select sc.grant_id as "grantId", sc.granted_at as "grantedAt", sc.granted_by as "grantedBy",
            sc.ticket, sc.expires_at as "expiresAt", sc.last_used_at as "lastUsedAt",
            sc.username, sc.account_status as "accountStatus", sc.last_login_at as "lastLoginAt",
            sc.identity_key as "identityKey", sc.kind as "identityKind",
            sc.display_name as "identityName", sc.email, sc.department, sc.title,
            sc.identity_status as "identityStatus", sc.terminated_on as "terminatedOn",
            sc.last_rotated_at as "lastRotatedAt",
            m.external_id as "managerKey", m.display_name as "managerName",
            o.external_id as "ownerKey", o.display_name as "ownerName", o.status as "ownerStatus",
            e.system_id as "systemId", e.system_key as "systemKey", e.system_name as "systemName",
            e.criticality, e.sox_in_scope as "soxInScope", so.external_id as "systemOwnerKey",
            e.key as "entitlementKey", e.name as "entitlementName",
            e.description as "entitlementDescription", e.privileged, e.risk,
            eo.external_id as "entitlementOwnerKey",
            d.members - self.counted as "departmentPeers",
            coalesce(dh.holders, 0) - self.counted as "departmentPeersHolding",
            t.members - self.counted as "teamPeers",
            coalesce(th.holders, 0) - self.counted as "teamPeersHolding"
     from scoped sc
     join scoped_entitlements e on e.id = sc.entitlement_id
     cross join lateral (select (sc.identity_status <> 'terminated')::int as counted) self
     left join identities m on m.id = sc.manager_id
     left join identities o on o.id = sc.owner_id
     left join identities so on so.id = e.system_owner_id
     left join identities eo on eo.id = e.owner_id
     left join departments d on d.department = sc.department
     left join department_holders dh
       on dh.entitlement_id = sc.entitlement_id and dh.department = sc.department
     left join teams t on t.manager_id = sc.manager_id
     left join team_holders th on th.entitlement_id = sc.entitlement_id and th.manager_id = sc.manager_id`,
    params,
  );
}

/** Grants in the scope held by orphan accounts: they have no identity to review, and are reported. */
export async function countOrphanGrants(db: Queryable, filter: PopulationFilter): Promise<number> {
  // An identity-kind filter selects identities; an orphan has none, so it is outside the scope.
  if (filter.scope.identityKinds?.length) return 0;
  const params: unknown[] = [filter.snapshotId];
  const conditions = scopeConditions(filter, params);
  const rows = await db.query<{ count: number }>(
    `select count(*)::int as count
     from grants g
     join entitlements e on e.id = g.entitlement_id
     join systems s on s.id = e.system_id
     join accounts a on a.id = g.account_id
     where g.snapshot_id = $1 and a.identity_id is null
       ${[...conditions.entitlement, ...conditions.identity].map((c) => `and ${c}`).join(" ")}`,
    params,
  );
  return rows[0]?.count ?? 0;
}

/** Scope keys that name nothing in the snapshot: most likely a typo in the definition. */
export async function findUnmatchedScopeKeys(
  db: Queryable,
  snapshotId: string,
  scope: CampaignScope,
): Promise<{ systemKeys: string[]; entitlementKeys: string[] }> {
  const systemKeys = scope.systemKeys ?? [];
  const entitlementKeys = scope.entitlementKeys ?? [];
  if (systemKeys.length === 0 && entitlementKeys.length === 0)
    return { systemKeys: [], entitlementKeys: [] };
  const rows = await db.query<{ kind: "system" | "entitlement"; key: string }>(
    `select 'system' as kind, k.key from unnest($2::text[]) as k(key)
     where not exists (select 1 from systems s where s.snapshot_id = $1 and s.key = k.key)
     union all
     select 'entitlement' as kind, k.key from unnest($3::text[]) as k(key)
     where not exists (
       select 1 from entitlements e join systems s on s.id = e.system_id
       where e.snapshot_id = $1 and (s.key || '/' || e.key) = k.key
     )`,
    [snapshotId, systemKeys, entitlementKeys],
  );
  return {
    systemKeys: rows.filter((row) => row.kind === "system").map((row) => row.key),
    entitlementKeys: rows.filter((row) => row.kind === "entitlement").map((row) => row.key),
  };
}

/** An Attest user as a possible reviewer, with their own identity's place in the snapshot. */
export interface ReviewerDirectoryRow {
  id: string;
  displayName: string;
  identityKey: string | null;
  status: "active" | "disabled";
  isReviewer: boolean;
  /** Their identity's status in the snapshot; null when the snapshot does not know them. */
  identityStatus: IdentityStatus | null;
  managerKey: string | null;
}

export async function listReviewerDirectory(
  db: Queryable,
  snapshotId: string,
): Promise<ReviewerDirectoryRow[]> {
  return db.query<ReviewerDirectoryRow>(
    `select u.id, u.display_name as "displayName", u.identity_key as "identityKey", u.status,
            exists (select 1 from role_assignments r where r.user_id = u.id and r.role = 'reviewer')
              as "isReviewer",
            i.status as "identityStatus", m.external_id as "managerKey"
     from users u
     left join identities i on i.snapshot_id = $1 and i.external_id = u.identity_key
     left join identities m on m.id = i.manager_id
     order by u.id`,
    [snapshotId],
  );
}

/**
 * Which users' own identities hold a privileged entitlement on which system of the snapshot:
 * a reviewer with privileged access to the system under review is not independent of it.
 */
export async function listReviewerPrivilegedSystems(
  db: Queryable,
  snapshotId: string,
): Promise<{ identityKey: string; systemId: string }[]> {
  return db.query<{ identityKey: string; systemId: string }>(
    `select distinct i.external_id as "identityKey", a.system_id as "systemId"
     from users u
     join identities i on i.snapshot_id = $1 and i.external_id = u.identity_key
     join accounts a on a.identity_id = i.id
     join grants g on g.account_id = a.id
     join entitlements e on e.id = g.entitlement_id
     where e.privileged`,
    [snapshotId],
  );
}
