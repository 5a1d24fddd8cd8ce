import type { Role } from "@attest/domain/access/roles";
import { bulkInsert } from "../bulk-insert";
import type { Queryable } from "../database";

export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  identityKey: string | null;
  status: "active" | "disabled";
  roles: Role[];
}

const selectUserWithRoles = `
  select u.id, u.email, u.display_name as "displayName", u.identity_key as "identityKey", u.status,
         coalesce(array_agg(r.role order by r.role) filter (where r.role is not null), '{}') as roles
  from users u
  left join role_assignments r on r.user_id = u.id`;

export async function findUserWithRoles(db: Queryable, id: string): Promise<UserRecord | null> {
  const rows = await db.query<UserRecord>(`${selectUserWithRoles} where u.id = $1 group by u.id`, [
    id,
  ]);
  return rows[0] ?? null;
}

export async function listActiveUsersWithRoles(db: Queryable): Promise<UserRecord[]> {
  return db.query<UserRecord>(
    `${selectUserWithRoles} where u.status = 'active' group by u.id order by u.display_name`,
  );
}

export async function countUsers(db: Queryable): Promise<number> {
  const rows = await db.query<{ count: number }>("select count(*)::int as count from users");
  return rows[0]?.count ?? 0;
}

export interface NewUser {
  id: string;
  email: string;
  displayName: string;
  identityKey: string | null;
}

export async function insertUsers(db: Queryable, users: readonly NewUser[]): Promise<void> {
  await bulkInsert(
    db,
    "users",
    [
      { name: "id", type: "uuid", value: (u) => u.id },
      { name: "email", type: "text", value: (u) => u.email },
      { name: "display_name", type: "text", value: (u) => u.displayName },
      { name: "identity_key", type: "text", value: (u) => u.identityKey },
    ],
    users,
  );
}

export interface NewRoleAssignment {
  userId: string;
  role: Role;
  assignedBy: string;
}

export async function insertRoleAssignments(
  db: Queryable,
  assignments: readonly NewRoleAssignment[],
): Promise<void> {
  await bulkInsert(
    db,
    "role_assignments",
    [
      { name: "user_id", type: "uuid", value: (a) => a.userId },
      { name: "role", type: "text", value: (a) => a.role },
      { name: "assigned_by", type: "text", value: (a) => a.assignedBy },
    ],
    assignments,
  );
}

/** Display names of the given users, for labelling actors in the ledger. */
export async function findUserNames(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; displayName: string }>(
    `select id, display_name as "displayName" from users where id = any($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row.displayName]));
}
