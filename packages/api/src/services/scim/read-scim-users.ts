import type { Database } from "@attest/db/database";
import { findScimUser, listScimUsers } from "@attest/db/repositories/scim-resources";
import type { ScimCaller } from "./scim-caller";
import { scimNotFound } from "./scim-error";
import { parseUserFilter } from "./scim-filter";
import { projectResource, readPage, readProjection, type ScimQuery } from "./scim-list-request";
import type { ScimResourceResponse } from "./scim-response";
import { listResponse, scimUrn } from "./scim-schemas";
import { renderUser, userLocation, versionTag } from "./scim-user-resource";

export interface ReadScimUsersOptions {
  caller: ScimCaller;
  query: ScimQuery;
  baseUrl: string;
}

/** GET /Users/{id}. */
export async function getScimUser(
  db: Database,
  { caller, id, query, baseUrl }: ReadScimUsersOptions & { id: string },
): Promise<ScimResourceResponse> {
  const user = await findScimUser(db, caller.directoryId, id);
  if (!user) throw scimNotFound("User", id);
  return {
    resource: projectResource(renderUser(user, baseUrl), readProjection(query, scimUrn.user)),
    location: userLocation(baseUrl, user.id),
    etag: versionTag(user.version),
  };
}

/** GET /Users: a page of the directory's users, filtered as the IdP asks (e.g. userName eq). */
export async function listScimUserResources(
  db: Database,
  { caller, query, baseUrl }: ReadScimUsersOptions,
) {
  const filter = query.filter?.trim() ? parseUserFilter(query.filter) : null;
  const page = readPage(query);
  const projection = readProjection(query, scimUrn.user);
  const { total, rows } = await listScimUsers(db, {
    directoryId: caller.directoryId,
    filter,
    offset: page.startIndex - 1,
    limit: page.count,
  });
  return listResponse(
    rows.map((user) => projectResource(renderUser(user, baseUrl), projection)),
    { totalResults: total, startIndex: page.startIndex },
  );
}
