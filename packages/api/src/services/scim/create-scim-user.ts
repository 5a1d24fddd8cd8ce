import { randomUUID } from "node:crypto";
import type { Database } from "@attest/db/database";
import { hasSqlState, sqlState } from "@attest/db/errors";
import {
  lockScimDirectoryChanges,
  touchScimDirectory,
} from "@attest/db/repositories/scim-directories";
import {
  findScimUserIdByUserName,
  insertScimUser,
  type ScimUserRecord,
} from "@attest/db/repositories/scim-resources";
import { appendEvidence } from "../evidence/append-evidence";
import { type ScimCaller, scimActor, scimChangeSource } from "./scim-caller";
import { ScimError } from "./scim-error";
import type { ScimResourceResponse } from "./scim-response";
import {
  readUserResource,
  renderUser,
  userAttributeValues,
  userLocation,
  versionTag,
} from "./scim-user-resource";

export interface CreateScimUserOptions {
  caller: ScimCaller;
  body: unknown;
  baseUrl: string;
  now: Date;
}

export function userNameTaken(userName: string): ScimError {
  return new ScimError(
    409,
    `userName "${userName}" is already taken in this directory.`,
    "uniqueness",
  );
}

/** POST /Users: the user and its scim.user_created event commit together. */
export async function createScimUser(
  db: Database,
  { caller, body, baseUrl, now }: CreateScimUserOptions,
): Promise<ScimResourceResponse> {
  const fields = readUserResource(body);
  const at = now.toISOString();
  const user: ScimUserRecord = {
    ...fields,
    id: randomUUID(),
    directoryId: caller.directoryId,
    deactivatedAt: fields.active ? null : at,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  try {
    await db.transaction(async (tx) => {
      await lockScimDirectoryChanges(tx, caller.directoryId);
      const holder = await findScimUserIdByUserName(tx, {
        directoryId: caller.directoryId,
        userName: fields.userName,
      });
      if (holder) throw userNameTaken(fields.userName);
      await insertScimUser(tx, user);
      await touchScimDirectory(tx, caller.directoryId, at);
      await appendEvidence(tx, {
        action: "scim.user_created",
        actor: scimActor(caller.directoryName),
        subjectIds: [caller.directoryId, user.id],
        payload: {
          ...scimChangeSource(caller),
          userId: user.id,
          userName: user.userName,
          attributes: userAttributeValues(fields),
        },
      });
    });
  } catch (error) {
    // two creates of one userName racing: the unique index decides, the loser gets a 409
    if (hasSqlState(error, sqlState.uniqueViolation)) throw userNameTaken(fields.userName);
    throw error;
  }
  return {
    resource: renderUser(user, baseUrl),
    location: userLocation(baseUrl, user.id),
    etag: versionTag(user.version),
  };
}
