import type { Database } from "@attest/db/database";
import {
  listScimDirectoryOverviews,
  type ScimDirectoryOverview,
} from "@attest/db/repositories/scim-directories";

/** Every directory with its user, group and token counts and when it last changed. */
export function listScimDirectories(db: Database): Promise<ScimDirectoryOverview[]> {
  return listScimDirectoryOverviews(db);
}
