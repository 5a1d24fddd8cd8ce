import type { Database } from "@attest/db/database";
import {
  findScimDirectory,
  listScimTokens as listScimTokenRecords,
  type ScimTokenRecord,
} from "@attest/db/repositories/scim-directories";
import { AppError } from "../../app-error";
import { resolveActorNames } from "../users/resolve-actor-names";

export interface ScimTokenView extends ScimTokenRecord {
  createdByName: string;
  revokedByName: string | null;
}

/** A directory's tokens, live first, with who issued and revoked each; never the secrets. */
export async function listScimTokens(db: Database, directoryId: string): Promise<ScimTokenView[]> {
  if (!(await findScimDirectory(db, directoryId))) {
    throw new AppError("not_found", "No SCIM directory with that id.", { field: "directoryId" });
  }
  const tokens = await listScimTokenRecords(db, directoryId);
  const names = await resolveActorNames(
    db,
    tokens.flatMap((token) =>
      token.revokedBy ? [token.createdBy, token.revokedBy] : [token.createdBy],
    ),
  );
  return tokens.map((token) => ({
    ...token,
    createdByName: names.get(token.createdBy) ?? token.createdBy,
    revokedByName: token.revokedBy ? (names.get(token.revokedBy) ?? token.revokedBy) : null,
  }));
}
