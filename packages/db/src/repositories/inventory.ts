import type {
  IdentityKind,
  IdentityStatus,
  RiskLevel,
} from "@attest/domain/inventory/identity-kinds";
import { bulkInsert } from "../bulk-insert";
import type { Database, Queryable } from "../database";
import { ensureSnapshotStats } from "./snapshot-stats";
import { type SnapshotBounds, snapshotWithinBounds } from "./snapshots";

export interface NewSnapshot {
  id: string;
  source: string;
  importedBy: string;
  rowCounts: Record<string, number>;
  fileHashes: Record<string, string>;
  parameters: Record<string, unknown>;
}

export async function insertSnapshot(db: Queryable, snapshot: NewSnapshot): Promise<void> {
  await db.query(
    `insert into inventory_snapshots (id, source, imported_by, row_counts, file_hashes, parameters)
     values ($1, $2, $3, $4, $5, $6)`,
    [
      snapshot.id,
      snapshot.source,
      snapshot.importedBy,
      JSON.stringify(snapshot.rowCounts),
      JSON.stringify(snapshot.fileHashes),
      JSON.stringify(snapshot.parameters),
    ],
  );
}

export interface NewIdentity {
  id: string;
  snapshotId: string;
  externalId: string;
  kind: IdentityKind;
  displayName: string;
  email: string | null;
  department: string | null;
  title: string | null;
  managerId: string | null;
  ownerId: string | null;
  status: IdentityStatus;
  terminatedOn: string | null;
  lastRotatedAt: string | null;
  lastUsedAt: string | null;
}

export async function insertIdentities(db: Queryable, rows: readonly NewIdentity[]): Promise<void> {
  await bulkInsert(
    db,
    "identities",
    [
      { name: "id", type: "uuid", value: (r) => r.id },
      { name: "snapshot_id", type: "uuid", value: (r) => r.snapshotId },
      { name: "external_id", type: "text", value: (r) => r.externalId },
      { name: "kind", type: "text", value: (r) => r.kind },
      { name: "display_name", type: "text", value: (r) => r.displayName },
      { name: "email", type: "text", value: (r) => r.email },
      { name: "department", type: "text", value: (r) => r.department },
      { name: "title", type: "text", value: (r) => r.title },
      { name: "manager_id", type: "uuid", value: (r) => r.managerId },
      { name: "owner_id", type: "uuid", value: (r) => r.ownerId },
      { name: "status", type: "text", value: (r) => r.status },
      { name: "terminated_on", type: "date", value: (r) => r.terminatedOn },
      { name: "last_rotated_at", type: "timestamptz", value: (r) => r.lastRotatedAt },
      { name: "last_used_at", type: "timestamptz", value: (r) => r.lastUsedAt },
    ],
    rows,
  );
}

export interface NewSystem {
  id: string;
  snapshotId: string;
  key: string;
  name: string;
  description: string | null;
  ownerId: string | null;
  criticality: RiskLevel;
  soxInScope: boolean;
}

export async function insertSystems(db: Queryable, rows: readonly NewSystem[]): Promise<void> {
  await bulkInsert(
    db,
    "systems",
    [
      { name: "id", type: "uuid", value: (r) => r.id },
      { name: "snapshot_id", type: "uuid", value: (r) => r.snapshotId },
      { name: "key", type: "text", value: (r) => r.key },
      { name: "name", type: "text", value: (r) => r.name },
      { name: "description", type: "text", value: (r) => r.description },
      { name: "owner_id", type: "uuid", value: (r) => r.ownerId },
      { name: "criticality", type: "text", value: (r) => r.criticality },
      { name: "sox_in_scope", type: "boolean", value: (r) => r.soxInScope },
    ],
    rows,
  );
}

export interface NewEntitlement {
  id: string;
  snapshotId: string;
  systemId: string;
  key: string;
  name: string;
  description: string | null;
  privileged: boolean;
  risk: RiskLevel;
  ownerId: string | null;
}

export async function insertEntitlements(
  db: Queryable,
  rows: readonly NewEntitlement[],
): Promise<void> {
  await bulkInsert(
    db,
    "entitlements",
    [
      { name: "id", type: "uuid", value: (r) => r.id },
      { name: "snapshot_id", type: "uuid", value: (r) => r.snapshotId },
      { name: "system_id", type: "uuid", value: (r) => r.systemId },
      { name: "key", type: "text", value: (r) => r.key },
      { name: "name", type: "text", value: (r) => r.name },
      { name: "description", type: "text", value: (r) => r.description },
      { name: "privileged", type: "boolean", value: (r) => r.privileged },
      { name: "risk", type: "text", value: (r) => r.risk },
      { name: "owner_id", type: "uuid", value: (r) => r.ownerId },
    ],
    rows,
  );
}

export interface NewAccount {
  id: string;
  snapshotId: string;
  systemId: string;
  identityId: string | null;
  username: string;
  status: "active" | "disabled";
  lastLoginAt: string | null;
}

export async function insertAccounts(db: Queryable, rows: readonly NewAccount[]): Promise<void> {
  await bulkInsert(
    db,
    "accounts",
    [
      { name: "id", type: "uuid", value: (r) => r.id },
      { name: "snapshot_id", type: "uuid", value: (r) => r.snapshotId },
      { name: "system_id", type: "uuid", value: (r) => r.systemId },
      { name: "identity_id", type: "uuid", value: (r) => r.identityId },
      { name: "username", type: "text", value: (r) => r.username },
      { name: "status", type: "text", value: (r) => r.status },
      { name: "last_login_at", type: "timestamptz", value: (r) => r.lastLoginAt },
    ],
    rows,
  );
}

export interface NewGrant {
  id: string;
  snapshotId: string;
  accountId: string;
  entitlementId: string;
  grantedAt: string | null;
  grantedBy: string | null;
  ticket: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

export async function insertGrants(db: Queryable, rows: readonly NewGrant[]): Promise<void> {
  await bulkInsert(
    db,
    "grants",
    [
      { name: "id", type: "uuid", value: (r) => r.id },
      { name: "snapshot_id", type: "uuid", value: (r) => r.snapshotId },
      { name: "account_id", type: "uuid", value: (r) => r.accountId },
      { name: "entitlement_id", type: "uuid", value: (r) => r.entitlementId },
      { name: "granted_at", type: "timestamptz", value: (r) => r.grantedAt },
      { name: "granted_by", type: "text", value: (r) => r.grantedBy },
      { name: "ticket", type: "text", value: (r) => r.ticket },
      { name: "expires_at", type: "timestamptz", value: (r) => r.expiresAt },
      { name: "last_used_at", type: "timestamptz", value: (r) => r.lastUsedAt },
    ],
    rows,
  );
}

export interface InventorySummary {
  snapshot: {
    id: string;
    source: string;
    importedBy: string;
    importedAt: string;
    rowCounts: Record<string, number>;
  } | null;
  identitiesByKind: { kind: IdentityKind; active: number; terminated: number }[];
  systems: number;
  soxSystems: number;
  entitlements: number;
  privilegedEntitlements: number;
  accounts: number;
  orphanAccounts: number;
  grants: number;
  privilegedGrants: number;
}

/**
 * Counts over the most recent snapshot (within bounds, when given): what an administrator
 * checks after an import.
 */
export async function summarizeLatestSnapshot(
  db: Database,
  within?: SnapshotBounds,
): Promise<InventorySummary> {
  const params: unknown[] = [];
  const where = within ? `where ${snapshotWithinBounds("s", within, params)}` : "";
  const [snapshot] = await db.query<NonNullable<InventorySummary["snapshot"]>>(
    `select id, source, imported_by as "importedBy", imported_at as "importedAt", row_counts as "rowCounts"
     from inventory_snapshots s ${where} order by imported_at desc, id limit 1`,
    params,
  );
  if (!snapshot) {
    return {
      snapshot: null,
      identitiesByKind: [],
      systems: 0,
      soxSystems: 0,
      entitlements: 0,
      privilegedEntitlements: 0,
      accounts: 0,
      orphanAccounts: 0,
      grants: 0,
      privilegedGrants: 0,
    };
  }
  const identitiesByKind = await db.query<InventorySummary["identitiesByKind"][number]>(
    `select kind,
            count(*) filter (where status <> 'terminated')::int as active,
            count(*) filter (where status = 'terminated')::int as terminated
     from identities where snapshot_id = $1 group by kind order by kind`,
    [snapshot.id],
  );
  await ensureSnapshotStats(db, snapshot.id);
  const [counts] = await db.query<Omit<InventorySummary, "snapshot" | "identitiesByKind">>(
    `select count(*)::int as systems,
            (count(*) filter (where s.sox_in_scope))::int as "soxSystems",
            coalesce(sum(st.entitlements), 0)::int as entitlements,
            coalesce(sum(st.privileged_entitlements), 0)::int as "privilegedEntitlements",
            coalesce(sum(st.accounts), 0)::int as accounts,
            coalesce(sum(st.orphan_accounts), 0)::int as "orphanAccounts",
            coalesce(sum(st.grants), 0)::int as grants,
            coalesce(sum(st.privileged_grants), 0)::int as "privilegedGrants"
     from systems s join snapshot_system_stats st on st.system_id = s.id and st.snapshot_id = s.snapshot_id
     where s.snapshot_id = $1`,
    [snapshot.id],
  );
  if (!counts) throw new Error("inventory counts query returned no row");
  return { snapshot, identitiesByKind, ...counts };
}
