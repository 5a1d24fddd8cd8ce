import type { Database } from "@attest/db/database";
import { hasSqlState, sqlState } from "@attest/db/errors";
import {
  lockScimDirectoryChanges,
  touchScimDirectory,
} from "@attest/db/repositories/scim-directories";
import {
  addScimGroupMembers,
  findScimGroupIdByDisplayName,
  listScimGroupMemberIds,
  listScimGroupMembers,
  lockScimGroup,
  removeScimGroupMembers,
  type ScimGroupRecord,
  updateScimGroup,
} from "@attest/db/repositories/scim-resources";
import { appendEvidence } from "../evidence/append-evidence";
import { checkMembersExist, displayNameTaken } from "./create-scim-group";
import { type ScimCaller, scimActor, scimChangeSource } from "./scim-caller";
import { ScimError, scimNotFound } from "./scim-error";
import {
  groupLocation,
  readGroupResource,
  renderGroup,
  type ScimGroupInput,
} from "./scim-group-resource";
import { includesAttribute, projectResource, type ScimProjection } from "./scim-list-request";
import {
  applyPatchOperations,
  readPatchRequest,
  type ScimPatchOperation,
} from "./scim-patch-request";
import { checkIfMatch } from "./scim-response";
import { isJsonObject, versionTag } from "./scim-user-resource";

export interface UpdateScimGroupOptions {
  caller: ScimCaller;
  id: string;
  body: unknown;
  ifMatch: string | undefined;
  /** Which attributes to answer with; null answers with no body (204 for a PATCH). */
  projection: ScimProjection | null;
  baseUrl: string;
  now: Date;
}

export interface ScimGroupUpdate {
  resource: Record<string, unknown> | null;
  location: string;
  etag: string;
}

function refuseIdChange(resource: unknown, id: string): void {
  const sent = (resource as { id?: unknown } | null)?.id;
  if (sent !== undefined && sent !== null && sent !== id) {
    throw new ScimError(400, `id is immutable: this group's id is "${id}".`, "mutability");
  }
}

/** PUT /Groups/{id}: name, externalId and the whole member list are replaced. */
export function replaceScimGroup(db: Database, options: UpdateScimGroupOptions) {
  refuseIdChange(options.body, options.id);
  const input = readGroupResource(options.body);
  return updateGroup(db, options, () => input);
}

/** A member reference reduced to its id, so a remove by value matches whatever else was sent. */
function memberReference(member: unknown): unknown {
  return isJsonObject(member) && "value" in member ? { value: member.value } : member;
}

function memberReferences(value: unknown): unknown {
  return Array.isArray(value) ? value.map(memberReference) : memberReference(value);
}

/**
 * Members are stored as bare { value } references; Okta adds "display" and Entra ID sends
 * "Members" at times. This puts every operation on members into that one shape.
 */
function normaliseMemberOperation(operation: ScimPatchOperation): ScimPatchOperation {
  const path = operation.path?.replace(/^members(?=$|[[.])/i, "members");
  if (path === "members") return { ...operation, path, value: memberReferences(operation.value) };
  if (path === undefined && isJsonObject(operation.value)) {
    const value = Object.fromEntries(
      Object.entries(operation.value).map(([key, item]) =>
        key.toLowerCase() === "members" ? ["members", memberReferences(item)] : [key, item],
      ),
    );
    return { ...operation, value };
  }
  return { ...operation, path };
}

/** PATCH /Groups/{id}: renames, and members added and removed, in Okta's and Entra ID's shapes. */
export function patchScimGroup(db: Database, options: UpdateScimGroupOptions) {
  const operations = readPatchRequest(options.body).map(normaliseMemberOperation);
  return updateGroup(db, options, (current, memberIds) => {
    const patched = applyPatchOperations(
      {
        displayName: current.displayName,
        ...(current.externalId === null ? {} : { externalId: current.externalId }),
        members: memberIds.map((value) => ({ value })),
      },
      operations,
    );
    refuseIdChange(patched, options.id);
    return readGroupResource(patched);
  });
}

/**
 * Locks the group, applies the change and stores the new name and member list with a new
 * version and one scim.group_updated event naming the members added and removed. A request that
 * changes nothing writes nothing and records no event.
 */
async function updateGroup(
  db: Database,
  { caller, id, ifMatch, projection, baseUrl, now }: UpdateScimGroupOptions,
  change: (current: ScimGroupRecord, memberIds: string[]) => ScimGroupInput,
): Promise<ScimGroupUpdate> {
  try {
    const result = await db.transaction(async (tx) => {
      await lockScimDirectoryChanges(tx, caller.directoryId);
      const current = await lockScimGroup(tx, caller.directoryId, id);
      if (!current) throw scimNotFound("Group", id);
      checkIfMatch(ifMatch, current.version);
      const memberIds = await listScimGroupMemberIds(tx, current.id);
      const input = change(current, memberIds);
      const before = new Set(memberIds);
      const after = new Set(input.memberIds);
      const added = input.memberIds.filter((member) => !before.has(member)).sort();
      const removed = memberIds.filter((member) => !after.has(member)).sort();
      const changes: Record<string, { from: string | null; to: string | null }> = {};
      if (input.displayName !== current.displayName) {
        changes.displayName = { from: current.displayName, to: input.displayName };
      }
      if (input.externalId !== current.externalId) {
        changes.externalId = { from: current.externalId, to: input.externalId };
      }
      let group = current;
      if (Object.keys(changes).length > 0 || added.length > 0 || removed.length > 0) {
        if (changes.displayName) {
          const holder = await findScimGroupIdByDisplayName(tx, {
            directoryId: caller.directoryId,
            displayName: input.displayName,
            exceptId: current.id,
          });
          if (holder) throw displayNameTaken(input.displayName);
        }
        await checkMembersExist(tx, caller.directoryId, added);
        const at = now.toISOString();
        group = {
          ...current,
          displayName: input.displayName,
          externalId: input.externalId,
          version: current.version + 1,
          updatedAt: at,
        };
        await updateScimGroup(tx, group);
        await removeScimGroupMembers(tx, { groupId: group.id, userIds: removed });
        await addScimGroupMembers(tx, { groupId: group.id, userIds: added, addedAt: at });
        await touchScimDirectory(tx, caller.directoryId, at);
        await appendEvidence(tx, {
          action: "scim.group_updated",
          actor: scimActor(caller.directoryName),
          subjectIds: [caller.directoryId, group.id, ...added, ...removed],
          payload: {
            ...scimChangeSource(caller),
            groupId: group.id,
            displayName: group.displayName,
            changes,
            membersAdded: added,
            membersRemoved: removed,
            version: group.version,
          },
        });
      }
      if (!projection) return { group, resource: null };
      const members = includesAttribute(projection, "members")
        ? await listScimGroupMembers(tx, [group.id])
        : null;
      return { group, resource: projectResource(renderGroup(group, members, baseUrl), projection) };
    });
    return {
      resource: result.resource,
      location: groupLocation(baseUrl, result.group.id),
      etag: versionTag(result.group.version),
    };
  } catch (error) {
    if (hasSqlState(error, sqlState.uniqueViolation)) {
      throw new ScimError(409, "displayName is already taken by another group.", "uniqueness");
    }
    throw error;
  }
}
