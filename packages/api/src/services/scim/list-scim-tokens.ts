import type { Database } from "@attest/db/database";
import {
  findScimDirectory,
  listScimTokens as listScimTokenRecords,
  type ScimTokenRecord,
} from "@attest/db/repositories/scim-directories";
import { AppError } from "../../app-error";

/** A directory's tokens, live first; never the secrets, which are not kept. */
export async function listScimTokens(
  db: Database,
  directoryId: string,
): Promise<ScimTokenRecord[]> {
  if (!(await findScimDirectory(db, directoryId))) {
    throw new AppError("not_found", "No SCIM directory with that id.", { field: "directoryId" });
  }
  return listScimTokenRecords(db, directoryId);
}
