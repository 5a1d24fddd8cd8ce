import type { Database } from "@attest/db/database";
import {
  findScimDirectory,
  findScimToken,
  revokeScimToken as revokeScimTokenRow,
  type ScimTokenRecord,
} from "@attest/db/repositories/scim-directories";
import { AppError } from "../../app-error";
import type { SessionUser } from "../../context";
import { appendEvidence, formatActor } from "../evidence/append-evidence";

export interface RevokeScimTokenOptions {
  tokenId: string;
  user: SessionUser;
  now: Date;
}

/** Revokes a token: its next request is refused with 401. */
export async function revokeScimToken(
  db: Database,
  { tokenId, user, now }: RevokeScimTokenOptions,
): Promise<ScimTokenRecord> {
  return db.transaction(async (tx) => {
    const revoked = await revokeScimTokenRow(tx, {
      id: tokenId,
      revokedBy: formatActor({ user: user.id }),
      revokedAt: now.toISOString(),
    });
    if (!revoked) {
      const existing = await findScimToken(tx, tokenId);
      throw existing
        ? new AppError("conflict", "That token was already revoked.", { field: "tokenId" })
        : new AppError("not_found", "No SCIM token with that id.", { field: "tokenId" });
    }
    const directory = await findScimDirectory(tx, revoked.directoryId);
    if (!directory) throw new Error(`token ${tokenId} belongs to no directory`);
    await appendEvidence(tx, {
      action: "scim.token_revoked",
      actor: { user: user.id },
      subjectIds: [directory.id, revoked.id],
      payload: {
        directoryId: directory.id,
        directoryName: directory.name,
        tokenId: revoked.id,
        tokenName: revoked.name,
      },
    });
    return revoked;
  });
}
