import { randomUUID } from "node:crypto";
import type { Database, Transaction } from "@attest/db/database";
import { hasSqlState, sqlState } from "@attest/db/errors";
import {
  lockScimDirectoryChanges,
  touchScimDirectory,
} from "@attest/db/repositories/scim-directories";
import {
  addScimGroupMembers,
  findScimGroupIdByDisplayName,
  findScimUserIds,
  insertScimGroup,
  listScimGroupMembers,
  type ScimGroupRecord,
} from "@attest/db/repositories/scim-resources";
import { appendEvidence } from "../evidence/append-evidence";
import { type ScimCaller, scimActor, scimChangeSource } from "./scim-caller";
import { ScimError } from "./scim-error";
import { groupLocation, readGroupResource, renderGroup } from "./scim-group-resource";
import type { ScimResourceResponse } from "./scim-response";
import { versionTag } from "./scim-user-resource";

export interface CreateScimGroupOptions {
  caller: ScimCaller;
  body: unknown;
  baseUrl: string;
  now: Date;
}

export function displayNameTaken(displayName: string): ScimError {
  return new ScimError(
    409,
    `displayName "${displayName}" is already taken by another group in this directory.`,
    "uniqueness",
  );
}

/** Every member must be a user of the directory: a grant to nobody cannot be reviewed. */
export async function checkMembersExist(
  tx: Transaction,
  directoryId: string,
  memberIds: readonly string[],
): Promise<void> {
  const known = await findScimUserIds(tx, directoryId, memberIds);
  const unknown = memberIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new ScimError(
      400,
      `members: no user with id ${unknown.map((id) => `"${id}"`).join(", ")} in this directory.`,
      "invalidValue",
    );
  }
}

/** POST /Groups: the group, its members and its scim.group_created event commit together. */
export async function createScimGroup(
  db: Database,
  { caller, body, baseUrl, now }: CreateScimGroupOptions,
): Promise<ScimResourceResponse> {
  const input = readGroupResource(body);
  const at = now.toISOString();
  const group: ScimGroupRecord = {
    id: randomUUID(),
    directoryId: caller.directoryId,
    displayName: input.displayName,
    externalId: input.externalId,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  try {
    const members = await db.transaction(async (tx) => {
      await lockScimDirectoryChanges(tx, caller.directoryId);
      const holder = await findScimGroupIdByDisplayName(tx, {
        directoryId: caller.directoryId,
        displayName: input.displayName,
      });
      if (holder) throw displayNameTaken(input.displayName);
      await checkMembersExist(tx, caller.directoryId, input.memberIds);
      await insertScimGroup(tx, group);
      await addScimGroupMembers(tx, { groupId: group.id, userIds: input.memberIds, addedAt: at });
      await touchScimDirectory(tx, caller.directoryId, at);
      await appendEvidence(tx, {
        action: "scim.group_created",
        actor: scimActor(caller.directoryName),
        subjectIds: [caller.directoryId, group.id, ...input.memberIds],
        payload: {
          ...scimChangeSource(caller),
          groupId: group.id,
          displayName: group.displayName,
          externalId: group.externalId,
          memberIds: [...input.memberIds].sort(),
        },
      });
      return listScimGroupMembers(tx, [group.id]);
    });
    return {
      resource: renderGroup(group, members, baseUrl),
      location: groupLocation(baseUrl, group.id),
      etag: versionTag(group.version),
    };
  } catch (error) {
    if (hasSqlState(error, sqlState.uniqueViolation)) throw displayNameTaken(input.displayName);
    throw error;
  }
}
