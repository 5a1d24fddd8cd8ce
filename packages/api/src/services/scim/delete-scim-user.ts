import type { Database } from "@attest/db/database";
import {
  lockScimDirectoryChanges,
  touchScimDirectory,
} from "@attest/db/repositories/scim-directories";
import {
  bumpScimGroupVersions,
  deleteScimUser as deleteScimUserRow,
  lockScimUser,
} from "@attest/db/repositories/scim-resources";
import { appendEvidence } from "../evidence/append-evidence";
import { type ScimCaller, scimActor, scimChangeSource } from "./scim-caller";
import { scimNotFound } from "./scim-error";
import { checkIfMatch } from "./scim-response";

export interface DeleteScimUserOptions {
  caller: ScimCaller;
  id: string;
  ifMatch: string | undefined;
  now: Date;
}

/**
 * DELETE /Users/{id}: the user and its memberships go; the groups it left get a new version, and
 * the scim.user_deleted event lists them, so the ledger still says who had what.
 */
export async function deleteScimUser(
  db: Database,
  { caller, id, ifMatch, now }: DeleteScimUserOptions,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockScimDirectoryChanges(tx, caller.directoryId);
    const user = await lockScimUser(tx, caller.directoryId, id);
    if (!user) throw scimNotFound("User", id);
    checkIfMatch(ifMatch, user.version);
    const at = now.toISOString();
    const groupIds = await deleteScimUserRow(tx, user.id);
    await bumpScimGroupVersions(tx, groupIds, at);
    await touchScimDirectory(tx, caller.directoryId, at);
    await appendEvidence(tx, {
      action: "scim.user_deleted",
      actor: scimActor(caller.directoryName),
      subjectIds: [caller.directoryId, user.id, ...groupIds],
      payload: {
        ...scimChangeSource(caller),
        userId: user.id,
        userName: user.userName,
        removedFromGroupIds: groupIds,
      },
    });
  });
}
