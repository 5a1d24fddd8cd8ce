import { z } from "zod";
import { identityKinds, identityStatuses, riskLevels } from "../inventory/identity-kinds";

/**
 * What the reviewer sees about one grant, frozen when the item is generated. It is stored with
 * the item and later becomes evidence of what the decision was based on, so it is versioned
 * and parsed on read: items generated before a version was added keep parsing as they were.
 */
const nonHumanOwnerV1 = {
  ownerExternalId: z.string(),
  ownerName: z.string(),
  ownerStatus: z.enum(identityStatuses),
  lastRotatedAt: z.string().nullable(),
};

export const reviewItemContextV1 = z.object({
  version: z.literal(1),
  identity: z.object({
    externalId: z.string(),
    displayName: z.string(),
    kind: z.enum(identityKinds),
    status: z.enum(identityStatuses),
    email: z.string().nullable(),
    department: z.string().nullable(),
    title: z.string().nullable(),
    managerName: z.string().nullable(),
    terminatedOn: z.string().nullable(),
  }),
  nonHuman: z.object(nonHumanOwnerV1).nullable(),
  account: z.object({
    username: z.string(),
    status: z.enum(["active", "disabled"]),
    lastLoginAt: z.string().nullable(),
  }),
  system: z.object({
    key: z.string(),
    name: z.string(),
    criticality: z.enum(riskLevels),
    soxInScope: z.boolean(),
  }),
  entitlement: z.object({
    key: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    privileged: z.boolean(),
    risk: z.enum(riskLevels),
  }),
  grant: z.object({
    grantedAt: z.string().nullable(),
    grantedBy: z.string().nullable(),
    ticket: z.string().nullable(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  }),
});

/** How many of a group (the identity itself not counted) hold the same entitlement. */
const peerShare = z.object({
  /** The department's name, or the manager's. */
  name: z.string(),
  /** Other current (not terminated) members of the group. */
  peers: z.int().nonnegative(),
  /** How many of those peers hold the same entitlement. */
  holding: z.int().nonnegative(),
});

/** Version 2 (issue 5): peer share, and the credential's rotation age when generated. */
export const reviewItemContextV2 = reviewItemContextV1.extend({
  version: z.literal(2),
  nonHuman: z
    .object({
      ...nonHumanOwnerV1,
      /** Whole days from the last rotation to the item's generation; null if never rotated. */
      rotationAgeDays: z.int().nonnegative().nullable(),
    })
    .nullable(),
  peers: z.object({
    department: peerShare.nullable(),
    manager: peerShare.nullable(),
  }),
});

export const reviewItemContext = z.discriminatedUnion("version", [
  reviewItemContextV1,
  reviewItemContextV2,
]);

export type ReviewItemContextV1 = z.infer<typeof reviewItemContextV1>;
export type ReviewItemContextV2 = z.infer<typeof reviewItemContextV2>;
export type ReviewItemContext = z.infer<typeof reviewItemContext>;
export type PeerShare = z.infer<typeof peerShare>;
