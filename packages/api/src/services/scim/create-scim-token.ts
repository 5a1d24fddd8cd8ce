import { randomUUID } from "node:crypto";
import type { Database } from "@attest/db/database";
import {
  findScimDirectory,
  insertScimToken,
  type ScimTokenRecord,
} from "@attest/db/repositories/scim-directories";
import type { CreateScimTokenInput } from "@attest/domain/scim/scim-directory-input";
import { AppError } from "../../app-error";
import type { SessionUser } from "../../context";
import { appendEvidence, formatActor } from "../evidence/append-evidence";
import { hashScimToken, newScimToken } from "./scim-token";

export interface CreateScimTokenOptions {
  input: CreateScimTokenInput;
  user: SessionUser;
  now: Date;
}

/**
 * Issues a bearer token for a directory. The plain token is returned here and only here: the
 * database keeps its SHA-256, so it cannot be shown again, only revoked and replaced.
 */
export async function createScimToken(
  db: Database,
  { input, user, now }: CreateScimTokenOptions,
): Promise<{ token: string; tokenRecord: ScimTokenRecord }> {
  const token = newScimToken();
  const tokenRecord: ScimTokenRecord = {
    id: randomUUID(),
    directoryId: input.directoryId,
    name: input.name,
    createdBy: formatActor({ user: user.id }),
    createdAt: now.toISOString(),
    lastUsedAt: null,
    revokedAt: null,
    revokedBy: null,
  };
  await db.transaction(async (tx) => {
    const directory = await findScimDirectory(tx, input.directoryId);
    if (!directory) {
      throw new AppError("not_found", "No SCIM directory with that id.", { field: "directoryId" });
    }
    await insertScimToken(tx, { ...tokenRecord, tokenHash: hashScimToken(token) });
    await appendEvidence(tx, {
      action: "scim.token_created",
      actor: { user: user.id },
      subjectIds: [directory.id, tokenRecord.id],
      payload: {
        directoryId: directory.id,
        directoryName: directory.name,
        tokenId: tokenRecord.id,
        tokenName: tokenRecord.name,
      },
    });
  });
  return { token, tokenRecord };
}
