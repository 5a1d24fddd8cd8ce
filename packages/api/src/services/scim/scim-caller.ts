import type { EvidenceActor } from "../evidence/append-evidence";

/** Who is calling the SCIM API: the directory and token the bearer token resolved to. */
export interface ScimCaller {
  directoryId: string;
  directoryName: string;
  tokenId: string;
  tokenName: string;
}

/**
 * The evidence actor of a directory's changes, "system:scim.<name>". A dot, not a colon, joins
 * the parts: the ledger's actor grammar (system:[a-z0-9_.-]+) has no second colon.
 */
export function scimActor(directoryName: string): EvidenceActor {
  return { system: `scim.${directoryName}` };
}

/** The part of every SCIM change's evidence payload that says where it came from. */
export function scimChangeSource(caller: ScimCaller) {
  return {
    directoryId: caller.directoryId,
    directoryName: caller.directoryName,
    tokenId: caller.tokenId,
    tokenName: caller.tokenName,
  };
}

/** The snapshot source a directory rolls up into. */
export function scimSnapshotSource(directoryName: string): string {
  return `scim:${directoryName}`;
}
