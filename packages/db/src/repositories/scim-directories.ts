import type { Queryable } from "../database";

export interface ScimDirectoryRecord {
  id: string;
  name: string;
  systemKey: string;
  systemName: string;
  createdBy: string;
  createdAt: string;
  lastChangeAt: string | null;
}

const directoryColumns = `d.id, d.name, d.system_key as "systemKey", d.system_name as "systemName",
  d.created_by as "createdBy", d.created_at as "createdAt", d.last_change_at as "lastChangeAt"`;

export async function insertScimDirectory(
  db: Queryable,
  directory: Omit<ScimDirectoryRecord, "lastChangeAt">,
): Promise<void> {
  await db.query(
    `insert into scim_directories (id, name, system_key, system_name, created_by, created_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [
      directory.id,
      directory.name,
      directory.systemKey,
      directory.systemName,
      directory.createdBy,
      directory.createdAt,
    ],
  );
}

export async function findScimDirectory(
  db: Queryable,
  id: string,
): Promise<ScimDirectoryRecord | null> {
  const rows = await db.query<ScimDirectoryRecord>(
    `select ${directoryColumns} from scim_directories d where d.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export interface ScimDirectoryOverview extends ScimDirectoryRecord {
  users: number;
  activeUsers: number;
  groups: number;
  memberships: number;
  activeTokens: number;
  /** The most recent snapshot rolled up from this directory (source "scim:<name>"). */
  lastSnapshotAt: string | null;
}

export async function listScimDirectoryOverviews(db: Queryable): Promise<ScimDirectoryOverview[]> {
  return db.query<ScimDirectoryOverview>(
    `select ${directoryColumns},
       (select count(*)::int from scim_users u where u.directory_id = d.id) as users,
       (select count(*)::int from scim_users u where u.directory_id = d.id and u.active) as "activeUsers",
       (select count(*)::int from scim_groups g where g.directory_id = d.id) as groups,
       (select count(*)::int from scim_group_members m join scim_groups g on g.id = m.group_id
         where g.directory_id = d.id) as memberships,
       (select count(*)::int from scim_tokens t where t.directory_id = d.id and t.revoked_at is null)
         as "activeTokens",
       (select max(s.imported_at) from inventory_snapshots s where s.source = 'scim:' || d.name)
         as "lastSnapshotAt"
     from scim_directories d
     order by d.name`,
  );
}

/**
 * Serialises the changes pushed into one directory until the transaction ends, so uniqueness
 * checks, member checks and the group versions a user deletion bumps all see a settled
 * directory, and writers queue rather than interleave row locks across users and groups.
 */
export async function lockScimDirectoryChanges(db: Queryable, directoryId: string): Promise<void> {
  await db.query("select pg_advisory_xact_lock(hashtext('attest.scim'), hashtext($1))", [
    directoryId,
  ]);
}

/** Records that the IdP changed something, for the administrators' overview. */
export async function touchScimDirectory(db: Queryable, id: string, at: string): Promise<void> {
  await db.query("update scim_directories set last_change_at = $2 where id = $1", [id, at]);
}

export interface ScimTokenRecord {
  id: string;
  directoryId: string;
  name: string;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

const tokenColumns = `t.id, t.directory_id as "directoryId", t.name, t.created_by as "createdBy",
  t.created_at as "createdAt", t.last_used_at as "lastUsedAt", t.revoked_at as "revokedAt",
  t.revoked_by as "revokedBy"`;

export interface NewScimToken {
  id: string;
  directoryId: string;
  name: string;
  tokenHash: Uint8Array;
  createdBy: string;
  createdAt: string;
}

export async function insertScimToken(db: Queryable, token: NewScimToken): Promise<void> {
  await db.query(
    `insert into scim_tokens (id, directory_id, name, token_hash, created_by, created_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [token.id, token.directoryId, token.name, token.tokenHash, token.createdBy, token.createdAt],
  );
}

export async function listScimTokens(
  db: Queryable,
  directoryId: string,
): Promise<ScimTokenRecord[]> {
  return db.query<ScimTokenRecord>(
    `select ${tokenColumns} from scim_tokens t where t.directory_id = $1
     order by t.revoked_at is not null, t.created_at desc, t.id`,
    [directoryId],
  );
}

export async function findScimToken(db: Queryable, id: string): Promise<ScimTokenRecord | null> {
  const rows = await db.query<ScimTokenRecord>(
    `select ${tokenColumns} from scim_tokens t where t.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** Revokes a live token; null when there is no such token or it was already revoked. */
export async function revokeScimToken(
  db: Queryable,
  options: { id: string; revokedBy: string; revokedAt: string },
): Promise<ScimTokenRecord | null> {
  const rows = await db.query<ScimTokenRecord>(
    `update scim_tokens t set revoked_at = $3, revoked_by = $2
     where t.id = $1 and t.revoked_at is null
     returning ${tokenColumns}`,
    [options.id, options.revokedBy, options.revokedAt],
  );
  return rows[0] ?? null;
}

export interface ScimTokenHolder {
  tokenId: string;
  tokenName: string;
  lastUsedAt: string | null;
  directoryId: string;
  directoryName: string;
}

/** The directory a live (not revoked) token belongs to, found by the token's hash. */
export async function findLiveScimToken(
  db: Queryable,
  tokenHash: Uint8Array,
): Promise<ScimTokenHolder | null> {
  const rows = await db.query<ScimTokenHolder>(
    `select t.id as "tokenId", t.name as "tokenName", t.last_used_at as "lastUsedAt",
            d.id as "directoryId", d.name as "directoryName"
     from scim_tokens t join scim_directories d on d.id = t.directory_id
     where t.token_hash = $1 and t.revoked_at is null`,
    [tokenHash],
  );
  return rows[0] ?? null;
}

export async function markScimTokenUsed(db: Queryable, id: string, at: string): Promise<void> {
  await db.query("update scim_tokens set last_used_at = $2 where id = $1", [id, at]);
}
