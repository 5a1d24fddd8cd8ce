import type { Queryable } from "../database";
import type { UserRecord } from "./users";

export interface NewSession {
  tokenHash: Uint8Array;
  userId: string;
  authMethod: "dev" | "oidc";
  expiresAt: string;
}

export async function insertSession(db: Queryable, session: NewSession): Promise<void> {
  await db.query(
    "insert into sessions (token_hash, user_id, auth_method, expires_at) values ($1, $2, $3, $4)",
    [session.tokenHash, session.userId, session.authMethod, session.expiresAt],
  );
}

/** The active user behind a live session, or null when it expired, was revoked or the user is disabled. */
export async function findSessionUser(
  db: Queryable,
  tokenHash: Uint8Array,
  now: string,
): Promise<UserRecord | null> {
  const rows = await db.query<UserRecord>(
    `select u.id, u.email, u.display_name as "displayName", u.identity_key as "identityKey", u.status,
            coalesce(array_agg(r.role order by r.role) filter (where r.role is not null), '{}') as roles
     from sessions s
     join users u on u.id = s.user_id and u.status = 'active'
     left join role_assignments r on r.user_id = u.id
     where s.token_hash = $1 and s.revoked_at is null and s.expires_at > $2
     group by u.id`,
    [tokenHash, now],
  );
  return rows[0] ?? null;
}

export async function revokeSession(
  db: Queryable,
  tokenHash: Uint8Array,
  now: string,
): Promise<void> {
  await db.query(
    "update sessions set revoked_at = $2 where token_hash = $1 and revoked_at is null",
    [tokenHash, now],
  );
}
