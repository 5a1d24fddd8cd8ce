import type { Database } from "@attest/db/database";
import { findLiveScimToken, markScimTokenUsed } from "@attest/db/repositories/scim-directories";
import type { ScimCaller } from "./scim-caller";
import { ScimError } from "./scim-error";
import { hashScimToken } from "./scim-token";

// An IdP syncing thousands of users would otherwise write the token row on every request.
const lastUsedResolutionMs = 60_000;

/**
 * Resolves the Authorization header of a SCIM request to its directory, or answers 401. A
 * missing, unknown and revoked token get the same answer, so a caller learns nothing from it.
 */
export async function authenticateScimToken(
  db: Database,
  authorization: string | undefined,
  now: Date,
): Promise<ScimCaller> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const token = match?.[1];
  if (!token) {
    throw new ScimError(401, "Send the directory's token as Authorization: Bearer <token>.");
  }
  const holder = await findLiveScimToken(db, hashScimToken(token));
  if (!holder) throw new ScimError(401, "The bearer token is not valid, or it was revoked.");
  const lastUsed = holder.lastUsedAt ? Date.parse(holder.lastUsedAt) : 0;
  if (now.getTime() - lastUsed >= lastUsedResolutionMs) {
    await markScimTokenUsed(db, holder.tokenId, now.toISOString());
  }
  return {
    directoryId: holder.directoryId,
    directoryName: holder.directoryName,
    tokenId: holder.tokenId,
    tokenName: holder.tokenName,
  };
}
