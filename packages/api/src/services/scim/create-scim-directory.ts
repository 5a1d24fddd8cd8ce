import { randomUUID } from "node:crypto";
import type { Database } from "@attest/db/database";
import { hasSqlState, sqlState } from "@attest/db/errors";
import {
  insertScimDirectory,
  type ScimDirectoryRecord,
} from "@attest/db/repositories/scim-directories";
import type { CreateScimDirectoryInput } from "@attest/domain/scim/scim-directory-input";
import { AppError } from "../../app-error";
import type { SessionUser } from "../../context";
import { appendEvidence, formatActor } from "../evidence/append-evidence";

export interface CreateScimDirectoryOptions {
  input: CreateScimDirectoryInput;
  user: SessionUser;
  now: Date;
}

/** Adds a directory an identity provider can push users and groups into, once it has a token. */
export async function createScimDirectory(
  db: Database,
  { input, user, now }: CreateScimDirectoryOptions,
): Promise<ScimDirectoryRecord> {
  const directory: ScimDirectoryRecord = {
    id: randomUUID(),
    name: input.name,
    systemKey: input.systemKey ?? input.name,
    systemName: input.systemName ?? input.name,
    createdBy: formatActor({ user: user.id }),
    createdAt: now.toISOString(),
    lastChangeAt: null,
  };
  try {
    await db.transaction(async (tx) => {
      await insertScimDirectory(tx, directory);
      await appendEvidence(tx, {
        action: "scim.directory_created",
        actor: { user: user.id },
        subjectIds: [directory.id],
        payload: {
          directoryId: directory.id,
          directoryName: directory.name,
          systemKey: directory.systemKey,
          systemName: directory.systemName,
        },
      });
    });
  } catch (error) {
    if (hasSqlState(error, sqlState.uniqueViolation)) {
      throw new AppError("conflict", `A SCIM directory named "${input.name}" already exists.`, {
        field: "name",
      });
    }
    throw error;
  }
  return directory;
}
