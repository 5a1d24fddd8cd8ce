import { z } from "zod";

/**
 * A directory's name: it becomes the evidence actor "system:scim.<name>" and the snapshot source
 * "scim:<name>", so it must fit the ledger's actor grammar (lower case, digits, _ and -).
 */
export const scimDirectoryName = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,62}$/,
    "use 1 to 63 lower-case letters, digits, _ or -, starting with a letter or digit (e.g. okta)",
  );

export const createScimDirectoryInput = z.object({
  name: scimDirectoryName,
  /** The system its group memberships are grants on; defaults to the directory's name. */
  systemKey: z.string().trim().min(1).max(200).optional(),
  /** The system's name reviewers read; defaults to the directory's name. */
  systemName: z.string().trim().min(1).max(200).optional(),
});
export type CreateScimDirectoryInput = z.infer<typeof createScimDirectoryInput>;

export const scimDirectoryRef = z.object({ directoryId: z.uuid() });

export const createScimTokenInput = z.object({
  directoryId: z.uuid(),
  /** Who the token is for, e.g. "Okta production"; the token itself is never shown again. */
  name: z.string().trim().min(1, "name the token, e.g. Okta production").max(200),
});
export type CreateScimTokenInput = z.infer<typeof createScimTokenInput>;

export const revokeScimTokenInput = z.object({ tokenId: z.uuid() });
