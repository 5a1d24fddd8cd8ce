import type { Database } from "@attest/db/database";
import { listActiveUsersWithRoles } from "@attest/db/repositories/users";
import type { Role } from "@attest/domain/access/roles";

export interface DevSignInUser {
  id: string;
  displayName: string;
  email: string;
  roles: Role[];
}

export async function listDevSignInUsers(db: Database): Promise<DevSignInUser[]> {
  const users = await listActiveUsersWithRoles(db);
  return users
    .filter((user) => user.roles.length > 0)
    .map(({ id, displayName, email, roles }) => ({ id, displayName, email, roles }));
}
