import type { Database } from "@attest/db/database";
import { listActiveUsersWithRoles } from "@attest/db/repositories/users";
import type { Role } from "@attest/domain/access/roles";

export interface DefinitionPerson {
  id: string;
  displayName: string;
  email: string;
  roles: Role[];
}

/**
 * Who a definition may name: control owners for its owner, reviewers for its named, fallback
 * and second-stage reviewers. Only active users; saving checks the same roles again.
 */
export async function listDefinitionPeople(db: Database): Promise<DefinitionPerson[]> {
  const users = await listActiveUsersWithRoles(db);
  return users
    .filter((user) => user.roles.includes("reviewer") || user.roles.includes("control_owner"))
    .map(({ id, displayName, email, roles }) => ({ id, displayName, email, roles }));
}
