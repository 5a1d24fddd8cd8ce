import type { Database } from "@attest/db/database";
import { hasSqlState, sqlState } from "@attest/db/errors";
import {
  lockScimDirectoryChanges,
  touchScimDirectory,
} from "@attest/db/repositories/scim-directories";
import {
  findScimUserIdByUserName,
  lockScimUser,
  type ScimUserFields,
  type ScimUserRecord,
  updateScimUser,
} from "@attest/db/repositories/scim-resources";
import { appendEvidence } from "../evidence/append-evidence";
import { userNameTaken } from "./create-scim-user";
import { type ScimCaller, scimActor, scimChangeSource } from "./scim-caller";
import { ScimError, scimNotFound } from "./scim-error";
import { applyPatchOperations, readPatchRequest } from "./scim-patch-request";
import { checkIfMatch, type ScimResourceResponse } from "./scim-response";
import {
  diffUsers,
  readUserResource,
  renderUser,
  userLocation,
  versionTag,
} from "./scim-user-resource";

export interface UpdateScimUserOptions {
  caller: ScimCaller;
  id: string;
  body: unknown;
  /** The If-Match header, when the IdP sent one. */
  ifMatch: string | undefined;
  baseUrl: string;
  now: Date;
}

/** id is the server's (RFC 7643 §3.1): a body may repeat it but never change it. */
function refuseIdChange(resource: unknown, id: string): void {
  const sent = (resource as { id?: unknown } | null)?.id;
  if (sent !== undefined && sent !== null && sent !== id) {
    throw new ScimError(400, `id is immutable: this user's id is "${id}".`, "mutability");
  }
}

/** PUT /Users/{id}: the body replaces every attribute the user had. */
export function replaceScimUser(db: Database, options: UpdateScimUserOptions) {
  refuseIdChange(options.body, options.id);
  const fields = readUserResource(options.body);
  return updateUser(db, options, () => fields);
}

/** PATCH /Users/{id}: add, remove and replace operations, in Okta's and Entra ID's shapes too. */
export function patchScimUser(db: Database, options: UpdateScimUserOptions) {
  const operations = readPatchRequest(options.body);
  return updateUser(db, options, (current) => {
    const patched = applyPatchOperations(current.resource, operations);
    refuseIdChange(patched, options.id);
    return readUserResource(patched);
  });
}

/**
 * Locks the user, applies the change and, when anything changed, stores it with a new version and
 * its scim.user_updated event in one transaction. A request that changes nothing (IdPs re-send
 * unchanged users) writes nothing and records no event.
 */
async function updateUser(
  db: Database,
  { caller, id, ifMatch, baseUrl, now }: UpdateScimUserOptions,
  change: (current: ScimUserRecord) => ScimUserFields,
): Promise<ScimResourceResponse> {
  try {
    const user = await db.transaction(async (tx) => {
      await lockScimDirectoryChanges(tx, caller.directoryId);
      const current = await lockScimUser(tx, caller.directoryId, id);
      if (!current) throw scimNotFound("User", id);
      checkIfMatch(ifMatch, current.version);
      const fields = change(current);
      const { changes, otherAttributesChanged } = diffUsers(current, fields);
      if (Object.keys(changes).length === 0 && otherAttributesChanged.length === 0) return current;

      if (changes.userName) {
        const holder = await findScimUserIdByUserName(tx, {
          directoryId: caller.directoryId,
          userName: fields.userName,
          exceptId: current.id,
        });
        if (holder) throw userNameTaken(fields.userName);
      }
      const at = now.toISOString();
      const updated: ScimUserRecord = {
        ...current,
        ...fields,
        // the first moment the user was seen inactive: the termination date in a snapshot
        deactivatedAt: fields.active ? null : (current.deactivatedAt ?? at),
        version: current.version + 1,
        updatedAt: at,
      };
      await updateScimUser(tx, {
        id: current.id,
        fields,
        deactivatedAt: updated.deactivatedAt,
        version: updated.version,
        updatedAt: at,
      });
      await touchScimDirectory(tx, caller.directoryId, at);
      await appendEvidence(tx, {
        action: "scim.user_updated",
        actor: scimActor(caller.directoryName),
        subjectIds: [caller.directoryId, current.id],
        payload: {
          ...scimChangeSource(caller),
          userId: current.id,
          userName: fields.userName,
          changes,
          otherAttributesChanged,
          version: updated.version,
        },
      });
      return updated;
    });
    return {
      resource: renderUser(user, baseUrl),
      location: userLocation(baseUrl, user.id),
      etag: versionTag(user.version),
    };
  } catch (error) {
    if (hasSqlState(error, sqlState.uniqueViolation)) {
      throw new ScimError(409, "userName is already taken in this directory.", "uniqueness");
    }
    throw error;
  }
}
