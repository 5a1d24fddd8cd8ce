import type { Database } from "@attest/db/database";
import {
  findScimGroup,
  listScimGroupMembers,
  listScimGroups,
  type ScimGroupMember,
} from "@attest/db/repositories/scim-resources";
import type { ScimCaller } from "./scim-caller";
import { scimNotFound } from "./scim-error";
import { parseGroupFilter } from "./scim-filter";
import { groupLocation, renderGroup } from "./scim-group-resource";
import {
  includesAttribute,
  projectResource,
  readPage,
  readProjection,
  type ScimQuery,
} from "./scim-list-request";
import type { ScimResourceResponse } from "./scim-response";
import { listResponse, scimUrn } from "./scim-schemas";
import { versionTag } from "./scim-user-resource";

export interface ReadScimGroupsOptions {
  caller: ScimCaller;
  query: ScimQuery;
  baseUrl: string;
}

/** GET /Groups/{id}; excludedAttributes=members (as Entra ID sends) skips reading the members. */
export async function getScimGroup(
  db: Database,
  { caller, id, query, baseUrl }: ReadScimGroupsOptions & { id: string },
): Promise<ScimResourceResponse> {
  const group = await findScimGroup(db, caller.directoryId, id);
  if (!group) throw scimNotFound("Group", id);
  const projection = readProjection(query, scimUrn.group);
  const members = includesAttribute(projection, "members")
    ? await listScimGroupMembers(db, [group.id])
    : null;
  return {
    resource: projectResource(renderGroup(group, members, baseUrl), projection),
    location: groupLocation(baseUrl, group.id),
    etag: versionTag(group.version),
  };
}

/** GET /Groups: a page of the directory's groups, filtered as the IdP asks (e.g. displayName eq). */
export async function listScimGroupResources(
  db: Database,
  { caller, query, baseUrl }: ReadScimGroupsOptions,
) {
  const filter = query.filter?.trim() ? parseGroupFilter(query.filter) : null;
  const page = readPage(query);
  const projection = readProjection(query, scimUrn.group);
  const { total, rows } = await listScimGroups(db, {
    directoryId: caller.directoryId,
    filter,
    offset: page.startIndex - 1,
    limit: page.count,
  });
  const membersByGroup = new Map<string, ScimGroupMember[]>(rows.map((group) => [group.id, []]));
  if (includesAttribute(projection, "members")) {
    for (const member of await listScimGroupMembers(
      db,
      rows.map((group) => group.id),
    )) {
      membersByGroup.get(member.groupId)?.push(member);
    }
  }
  return listResponse(
    rows.map((group) =>
      projectResource(
        renderGroup(
          group,
          includesAttribute(projection, "members") ? (membersByGroup.get(group.id) ?? []) : null,
          baseUrl,
        ),
        projection,
      ),
    ),
    { totalResults: total, startIndex: page.startIndex },
  );
}
