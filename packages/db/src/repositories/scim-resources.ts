import { bulkInsert } from "../bulk-insert";
import type { Queryable } from "../database";

/**
 * A SCIM filter the server can answer from its columns: equality on a few attributes combined
 * with and/or. The SCIM layer parses the request's filter text into this; anything else it refuses.
 */
export type ScimFilter<Attribute extends string> =
  | { op: "eq"; attribute: Attribute; value: string }
  | { op: "and" | "or"; filters: ScimFilter<Attribute>[] };

export type ScimUserFilterAttribute = "id" | "userName" | "externalId";
export type ScimGroupFilterAttribute = "id" | "displayName" | "externalId" | "member";

type ColumnTests<Attribute extends string> = Record<Attribute, (param: string) => string>;

// userName and displayName are case-insensitive in SCIM (RFC 7643 caseExact false); ids and
// externalId are compared exactly. Ids compare as text, so a malformed id matches nothing.
const userColumnTests: ColumnTests<ScimUserFilterAttribute> = {
  id: (param) => `u.id::text = ${param}`,
  userName: (param) => `lower(u.user_name) = lower(${param})`,
  externalId: (param) => `u.external_id = ${param}`,
};

const groupColumnTests: ColumnTests<ScimGroupFilterAttribute> = {
  id: (param) => `g.id::text = ${param}`,
  displayName: (param) => `lower(g.display_name) = lower(${param})`,
  externalId: (param) => `g.external_id = ${param}`,
  member: (param) =>
    `exists (select 1 from scim_group_members fm where fm.group_id = g.id and fm.user_id::text = ${param})`,
};

function compileFilter<Attribute extends string>(
  filter: ScimFilter<Attribute>,
  tests: ColumnTests<Attribute>,
  params: unknown[],
): string {
  if (filter.op === "eq") {
    params.push(filter.value);
    return tests[filter.attribute](`$${params.length}`);
  }
  const parts = filter.filters.map((part) => compileFilter(part, tests, params));
  return `(${parts.join(filter.op === "and" ? " and " : " or ")})`;
}

export interface ScimEmail {
  value: string;
  type: string | null;
  primary: boolean;
}

/** The attributes of a user that Attest maps, and the resource they were read from. */
export interface ScimUserFields {
  userName: string;
  externalId: string | null;
  active: boolean;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  emails: ScimEmail[];
  userType: string | null;
  title: string | null;
  employeeNumber: string | null;
  department: string | null;
  managerValue: string | null;
  resource: Record<string, unknown>;
}

export interface ScimUserRecord extends ScimUserFields {
  id: string;
  directoryId: string;
  deactivatedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const userColumns = `u.id, u.directory_id as "directoryId", u.user_name as "userName",
  u.external_id as "externalId", u.active, u.display_name as "displayName",
  u.given_name as "givenName", u.family_name as "familyName", u.emails, u.user_type as "userType",
  u.title, u.employee_number as "employeeNumber", u.department, u.manager_value as "managerValue",
  u.deactivated_at as "deactivatedAt", u.resource, u.version, u.created_at as "createdAt",
  u.updated_at as "updatedAt"`;

function userParams(fields: ScimUserFields): unknown[] {
  return [
    fields.userName,
    fields.externalId,
    fields.active,
    fields.displayName,
    fields.givenName,
    fields.familyName,
    JSON.stringify(fields.emails),
    fields.userType,
    fields.title,
    fields.employeeNumber,
    fields.department,
    fields.managerValue,
    JSON.stringify(fields.resource),
  ];
}

export async function insertScimUser(db: Queryable, user: ScimUserRecord): Promise<void> {
  await db.query(
    `insert into scim_users (user_name, external_id, active, display_name, given_name, family_name,
       emails, user_type, title, employee_number, department, manager_value, resource,
       id, directory_id, deactivated_at, version, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
    [
      ...userParams(user),
      user.id,
      user.directoryId,
      user.deactivatedAt,
      user.version,
      user.createdAt,
      user.updatedAt,
    ],
  );
}

export async function findScimUser(
  db: Queryable,
  directoryId: string,
  id: string,
): Promise<ScimUserRecord | null> {
  const rows = await db.query<ScimUserRecord>(
    `select ${userColumns} from scim_users u where u.directory_id = $1 and u.id::text = $2`,
    [directoryId, id],
  );
  return rows[0] ?? null;
}

/** The user, locked until the transaction ends so concurrent changes apply one after another. */
export async function lockScimUser(
  db: Queryable,
  directoryId: string,
  id: string,
): Promise<ScimUserRecord | null> {
  const rows = await db.query<ScimUserRecord>(
    `select ${userColumns} from scim_users u where u.directory_id = $1 and u.id::text = $2 for update`,
    [directoryId, id],
  );
  return rows[0] ?? null;
}

/** Another user of the directory that holds this userName (case-insensitively), if any. */
export async function findScimUserIdByUserName(
  db: Queryable,
  options: { directoryId: string; userName: string; exceptId?: string },
): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `select id from scim_users
     where directory_id = $1 and lower(user_name) = lower($2) and ($3::uuid is null or id <> $3::uuid)`,
    [options.directoryId, options.userName, options.exceptId ?? null],
  );
  return rows[0]?.id ?? null;
}

export async function updateScimUser(
  db: Queryable,
  user: {
    id: string;
    fields: ScimUserFields;
    deactivatedAt: string | null;
    version: number;
    updatedAt: string;
  },
): Promise<void> {
  await db.query(
    `update scim_users set user_name = $1, external_id = $2, active = $3, display_name = $4,
       given_name = $5, family_name = $6, emails = $7, user_type = $8, title = $9,
       employee_number = $10, department = $11, manager_value = $12, resource = $13,
       deactivated_at = $15, version = $16, updated_at = $17
     where id = $14`,
    [...userParams(user.fields), user.id, user.deactivatedAt, user.version, user.updatedAt],
  );
}

/** Deletes the user and its memberships; returns the groups it was a member of. */
export async function deleteScimUser(db: Queryable, id: string): Promise<string[]> {
  const memberships = await db.query<{ groupId: string }>(
    `delete from scim_group_members where user_id = $1 returning group_id as "groupId"`,
    [id],
  );
  await db.query("delete from scim_users where id = $1", [id]);
  return memberships.map((row) => row.groupId).sort();
}

export interface ScimPage<Row> {
  total: number;
  rows: Row[];
}

export interface ScimPageRequest<Attribute extends string> {
  directoryId: string;
  filter: ScimFilter<Attribute> | null;
  /** 0-based: SCIM's startIndex minus one. */
  offset: number;
  limit: number;
}

export async function listScimUsers(
  db: Queryable,
  request: ScimPageRequest<ScimUserFilterAttribute>,
): Promise<ScimPage<ScimUserRecord>> {
  const params: unknown[] = [request.directoryId];
  const where = request.filter
    ? `u.directory_id = $1 and ${compileFilter(request.filter, userColumnTests, params)}`
    : "u.directory_id = $1";
  const [count] = await db.query<{ total: number }>(
    `select count(*)::int as total from scim_users u where ${where}`,
    params,
  );
  const rows =
    request.limit > 0
      ? await db.query<ScimUserRecord>(
          `select ${userColumns} from scim_users u where ${where}
           order by lower(u.user_name), u.id offset $${params.length + 1} limit $${params.length + 2}`,
          [...params, request.offset, request.limit],
        )
      : [];
  return { total: count?.total ?? 0, rows };
}

/** Which of these ids are users of the directory. */
export async function findScimUserIds(
  db: Queryable,
  directoryId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ id: string }>(
    "select id from scim_users where directory_id = $1 and id::text = any($2::text[])",
    [directoryId, ids],
  );
  return new Set(rows.map((row) => row.id));
}

export interface ScimGroupRecord {
  id: string;
  directoryId: string;
  displayName: string;
  externalId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const groupColumns = `g.id, g.directory_id as "directoryId", g.display_name as "displayName",
  g.external_id as "externalId", g.version, g.created_at as "createdAt", g.updated_at as "updatedAt"`;

export async function insertScimGroup(db: Queryable, group: ScimGroupRecord): Promise<void> {
  await db.query(
    `insert into scim_groups (id, directory_id, display_name, external_id, version, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      group.id,
      group.directoryId,
      group.displayName,
      group.externalId,
      group.version,
      group.createdAt,
      group.updatedAt,
    ],
  );
}

export async function findScimGroup(
  db: Queryable,
  directoryId: string,
  id: string,
): Promise<ScimGroupRecord | null> {
  const rows = await db.query<ScimGroupRecord>(
    `select ${groupColumns} from scim_groups g where g.directory_id = $1 and g.id::text = $2`,
    [directoryId, id],
  );
  return rows[0] ?? null;
}

/** The group, locked until the transaction ends so concurrent membership changes serialise. */
export async function lockScimGroup(
  db: Queryable,
  directoryId: string,
  id: string,
): Promise<ScimGroupRecord | null> {
  const rows = await db.query<ScimGroupRecord>(
    `select ${groupColumns} from scim_groups g where g.directory_id = $1 and g.id::text = $2 for update`,
    [directoryId, id],
  );
  return rows[0] ?? null;
}

/** Another group of the directory with this displayName (case-insensitively), if any. */
export async function findScimGroupIdByDisplayName(
  db: Queryable,
  options: { directoryId: string; displayName: string; exceptId?: string },
): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `select id from scim_groups
     where directory_id = $1 and lower(display_name) = lower($2) and ($3::uuid is null or id <> $3::uuid)`,
    [options.directoryId, options.displayName, options.exceptId ?? null],
  );
  return rows[0]?.id ?? null;
}

export async function updateScimGroup(
  db: Queryable,
  group: {
    id: string;
    displayName: string;
    externalId: string | null;
    version: number;
    updatedAt: string;
  },
): Promise<void> {
  await db.query(
    `update scim_groups set display_name = $2, external_id = $3, version = $4, updated_at = $5
     where id = $1`,
    [group.id, group.displayName, group.externalId, group.version, group.updatedAt],
  );
}

/** A member left or joined outside the group's own request (its user was deleted): new ETag. */
export async function bumpScimGroupVersions(
  db: Queryable,
  ids: readonly string[],
  updatedAt: string,
): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    "update scim_groups set version = version + 1, updated_at = $2 where id = any($1::uuid[])",
    [ids, updatedAt],
  );
}

/** Deletes the group and its memberships; returns the users that were its members. */
export async function deleteScimGroup(db: Queryable, id: string): Promise<string[]> {
  const memberships = await db.query<{ userId: string }>(
    `delete from scim_group_members where group_id = $1 returning user_id as "userId"`,
    [id],
  );
  await db.query("delete from scim_groups where id = $1", [id]);
  return memberships.map((row) => row.userId).sort();
}

export async function listScimGroups(
  db: Queryable,
  request: ScimPageRequest<ScimGroupFilterAttribute>,
): Promise<ScimPage<ScimGroupRecord>> {
  const params: unknown[] = [request.directoryId];
  const where = request.filter
    ? `g.directory_id = $1 and ${compileFilter(request.filter, groupColumnTests, params)}`
    : "g.directory_id = $1";
  const [count] = await db.query<{ total: number }>(
    `select count(*)::int as total from scim_groups g where ${where}`,
    params,
  );
  const rows =
    request.limit > 0
      ? await db.query<ScimGroupRecord>(
          `select ${groupColumns} from scim_groups g where ${where}
           order by lower(g.display_name), g.id offset $${params.length + 1} limit $${params.length + 2}`,
          [...params, request.offset, request.limit],
        )
      : [];
  return { total: count?.total ?? 0, rows };
}

export interface ScimGroupMember {
  groupId: string;
  userId: string;
  /** The member's displayName, or its userName when it has none. */
  display: string;
}

export async function listScimGroupMembers(
  db: Queryable,
  groupIds: readonly string[],
): Promise<ScimGroupMember[]> {
  if (groupIds.length === 0) return [];
  return db.query<ScimGroupMember>(
    `select m.group_id as "groupId", m.user_id as "userId",
            coalesce(u.display_name, u.user_name) as display
     from scim_group_members m join scim_users u on u.id = m.user_id
     where m.group_id = any($1::uuid[])
     order by m.group_id, lower(u.user_name), u.id`,
    [groupIds],
  );
}

export async function listScimGroupMemberIds(db: Queryable, groupId: string): Promise<string[]> {
  const rows = await db.query<{ userId: string }>(
    `select user_id as "userId" from scim_group_members where group_id = $1 order by user_id`,
    [groupId],
  );
  return rows.map((row) => row.userId);
}

export async function addScimGroupMembers(
  db: Queryable,
  options: { groupId: string; userIds: readonly string[]; addedAt: string },
): Promise<void> {
  await bulkInsert(
    db,
    "scim_group_members",
    [
      { name: "group_id", type: "uuid", value: () => options.groupId },
      { name: "user_id", type: "uuid", value: (userId) => userId },
      { name: "added_at", type: "timestamptz", value: () => options.addedAt },
    ],
    options.userIds,
  );
}

export async function removeScimGroupMembers(
  db: Queryable,
  options: { groupId: string; userIds: readonly string[] },
): Promise<void> {
  if (options.userIds.length === 0) return;
  await db.query(
    "delete from scim_group_members where group_id = $1 and user_id = any($2::uuid[])",
    [options.groupId, options.userIds],
  );
}

export interface ScimMembership {
  groupId: string;
  userId: string;
  addedAt: string;
}

/** Everything a directory holds, read in one go for a snapshot. */
export async function readScimDirectoryContents(
  db: Queryable,
  directoryId: string,
): Promise<{ users: ScimUserRecord[]; groups: ScimGroupRecord[]; memberships: ScimMembership[] }> {
  const users = await db.query<ScimUserRecord>(
    `select ${userColumns} from scim_users u where u.directory_id = $1 order by lower(u.user_name), u.id`,
    [directoryId],
  );
  const groups = await db.query<ScimGroupRecord>(
    `select ${groupColumns} from scim_groups g where g.directory_id = $1 order by lower(g.display_name), g.id`,
    [directoryId],
  );
  const memberships = await db.query<ScimMembership>(
    `select m.group_id as "groupId", m.user_id as "userId", m.added_at as "addedAt"
     from scim_group_members m join scim_groups g on g.id = m.group_id
     where g.directory_id = $1 order by m.group_id, m.user_id`,
    [directoryId],
  );
  return { users, groups, memberships };
}
