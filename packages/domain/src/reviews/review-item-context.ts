import { z } from "zod";
import { identityKinds, identityStatuses, riskLevels } from "../inventory/identity-kinds";

/**
 * What the reviewer sees about one grant, frozen when the item is generated. It is stored with
 * the item and later becomes evidence of what the decision was based on, so it is versioned
 * and parsed on read.
 */
export const reviewItemContext = z.object({
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
  nonHuman: z
    .object({
      ownerExternalId: z.string(),
      ownerName: z.string(),
      ownerStatus: z.enum(identityStatuses),
      lastRotatedAt: z.string().nullable(),
    })
    .nullable(),
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

export type ReviewItemContext = z.infer<typeof reviewItemContext>;
