import type { Database } from "@attest/db/database";
import {
  lockScimDirectoryChanges,
  touchScimDirectory,
} from "@attest/db/repositories/scim-directories";
import {
  deleteScimGroup as deleteScimGroupRow,
  lockScimGroup,
} from "@attest/db/repositories/scim-resources";
import { appendEvidence } from "../evidence/append-evidence";
import { type ScimCaller, scimActor, scimChangeSource } from "./scim-caller";
import { scimNotFound } from "./scim-error";
import { checkIfMatch } from "./scim-response";

export interface DeleteScimGroupOptions {
  caller: ScimCaller;
  id: string;
  ifMatch: string | undefined;
  now: Date;
}

/** DELETE /Groups/{id}: the group and its memberships go; the event lists the members it had. */
export async function deleteScimGroup(
  db: Database,
  { caller, id, ifMatch, now }: DeleteScimGroupOptions,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockScimDirectoryChanges(tx, caller.directoryId);
    const group = await lockScimGroup(tx, caller.directoryId, id);
    if (!group) throw scimNotFound("Group", id);
    checkIfMatch(ifMatch, group.version);
    const memberIds = await deleteScimGroupRow(tx, group.id);
    await touchScimDirectory(tx, caller.directoryId, now.toISOString());
    await appendEvidence(tx, {
      action: "scim.group_deleted",
      actor: scimActor(caller.directoryName),
      subjectIds: [caller.directoryId, group.id, ...memberIds],
      payload: {
        ...scimChangeSource(caller),
        groupId: group.id,
        displayName: group.displayName,
        memberIds,
      },
    });
  });
}
