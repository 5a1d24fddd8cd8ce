import { z } from "zod";
import { roles } from "../access/roles";
import { campaignStatuses, decisions } from "../campaigns/campaign";

/**
 * The payload schema of every evidence action, by version. Payloads are validated before they
 * are hashed and parsed again when read; a payload that does not parse is an error, never
 * skipped. Changing a payload's shape means adding a version, never editing one.
 */
const uuid = z.uuid();
const isoTimestamp = z.iso.datetime({ offset: false });
const isoDate = z.iso.date();

/** The SCIM directory an event is about. */
const scimDirectoryRef = { directoryId: uuid, directoryName: z.string().min(1) };
/** A change an identity provider pushed: its directory and the bearer token it used. */
const scimChangeRef = { ...scimDirectoryRef, tokenId: uuid, tokenName: z.string().min(1) };
/** A mapped SCIM attribute's value; emails are listed as their addresses. */
const scimValue = z.union([z.string(), z.boolean(), z.null(), z.array(z.string())]);
const scimUserAttributes = z.record(z.string(), scimValue);

export const evidencePayloadSchemas = {
  "decision.recorded": {
    1: z.strictObject({
      campaignId: uuid,
      itemId: uuid,
      grantId: uuid,
      stage: z.int().positive(),
      reviewerId: uuid,
      decision: z.enum(decisions),
      justification: z.string().nullable(),
      exceptionExpiresOn: isoDate.nullable(),
      decidedAt: isoTimestamp,
      /** The item version this decision produced; a changed decision has a higher one. */
      itemVersion: z.int().positive(),
      /** Set when this decision replaces an earlier one; the earlier event stays in the ledger. */
      supersedes: z
        .strictObject({ decision: z.enum(decisions), decidedAt: isoTimestamp })
        .nullable(),
    }),
    /** Issue 6: an exception's compensating control, and how the decision was made. */
    2: z.strictObject({
      campaignId: uuid,
      itemId: uuid,
      grantId: uuid,
      stage: z.int().positive(),
      reviewerId: uuid,
      decision: z.enum(decisions),
      justification: z.string().nullable(),
      exceptionExpiresOn: isoDate.nullable(),
      compensatingControl: z.string().nullable(),
      decidedAt: isoTimestamp,
      itemVersion: z.int().positive(),
      supersedes: z
        .strictObject({ decision: z.enum(decisions), decidedAt: isoTimestamp })
        .nullable(),
      /** Null where not measured (a bulk action, the demo seed). */
      diligence: z.strictObject({
        timeOnItemMs: z.int().nonnegative().nullable(),
        contextViewed: z.boolean().nullable(),
        viaBulk: z.boolean(),
      }),
    }),
  },
  "snapshot.imported": {
    1: z.strictObject({
      snapshotId: uuid,
      source: z.string().min(1),
      rowCounts: z.record(z.string(), z.int().nonnegative()),
      fileHashes: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
      parameters: z.record(z.string(), z.unknown()),
    }),
  },
  "users.provisioned": {
    1: z.strictObject({
      users: z.array(
        z.strictObject({ userId: uuid, email: z.string(), roles: z.array(z.enum(roles)) }),
      ),
    }),
  },
  "campaign_definition.created": {
    1: z.strictObject({
      definitionId: uuid,
      name: z.string(),
      controlId: z.string(),
      controlOwnerId: uuid,
      definition: z.record(z.string(), z.unknown()),
    }),
  },
  "campaign.launched": {
    1: z.strictObject({
      campaignId: uuid,
      definitionId: uuid,
      name: z.string(),
      snapshotId: uuid,
      startsAt: isoTimestamp,
      dueAt: isoTimestamp,
      itemCount: z.int().nonnegative(),
      /** SHA-256 over the generated items' ids and frozen contexts: the population under review. */
      itemsHash: z.string().regex(/^[0-9a-f]{64}$/),
    }),
    2: z.strictObject({
      campaignId: uuid,
      definitionId: uuid,
      name: z.string(),
      snapshotId: uuid,
      startsAt: isoTimestamp,
      dueAt: isoTimestamp,
      /** The scheduled occurrence it was launched for; null when launched by hand. */
      occurrenceAt: isoTimestamp.nullable(),
      itemCount: z.int().nonnegative(),
      reviewerCount: z.int().nonnegative(),
      /** Items separation of duties moved away from the strategy's reviewer, by reason. */
      rerouted: z.record(z.string(), z.int().nonnegative()),
      /** Items whose reviewer holds privileged access on the system under review. */
      independenceFlags: z.int().nonnegative(),
      /** The definition as it was at launch. */
      definition: z.record(z.string(), z.unknown()),
      /** SHA-256 over the generated items' ids and frozen contexts: the population under review. */
      itemsHash: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  },
  "campaign_definition.updated": {
    1: z.strictObject({
      definitionId: uuid,
      name: z.string(),
      controlId: z.string(),
      controlOwnerId: uuid,
      definition: z.record(z.string(), z.unknown()),
    }),
  },
  "review_item.reassigned": {
    1: z.strictObject({
      campaignId: uuid,
      itemId: uuid,
      fromReviewerId: uuid,
      toReviewerId: uuid,
      reason: z.string().min(1),
    }),
    /** Issue 6: who moved it, the campaign's control owner or the item's own reviewer. */
    2: z.strictObject({
      campaignId: uuid,
      itemId: uuid,
      fromReviewerId: uuid,
      toReviewerId: uuid,
      reason: z.string().min(1),
      by: z.enum(["control_owner", "reviewer"]),
    }),
  },
  "review_item.stage_opened": {
    1: z.strictObject({
      campaignId: uuid,
      itemId: uuid,
      /** The stage-one item whose approval opened this stage. */
      previousItemId: uuid,
      stage: z.int().min(2),
      reviewerId: uuid,
      routingReason: z.string().nullable(),
    }),
  },
  "campaign.stage_advanced": {
    1: z.strictObject({
      campaignId: uuid,
      /** The stage the campaign moved to; items of earlier stages take no more decisions. */
      stage: z.int().min(2),
      /** Items opened for this stage (each has its own review_item.stage_opened event). */
      openedItemCount: z.int().nonnegative(),
      /** SHA-256 over the sorted ids of the opened items. */
      itemsHash: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  },
  "campaign.undecided_closed": {
    1: z.strictObject({
      campaignId: uuid,
      /** The definition's rule for items nobody decided: keep, revoke or not_reviewed. */
      rule: z.enum(["keep", "revoke", "not_reviewed"]),
      itemCount: z.int().nonnegative(),
      /** SHA-256 over the ids of the items the rule was applied to, sorted. */
      itemsHash: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  },
  "notification.sent": {
    1: z.strictObject({
      campaignId: uuid,
      recipientId: uuid,
      kind: z.enum(["launch", "reminder", "escalation", "overdue"]),
      occasion: z.string().min(1),
      aboutReviewerId: uuid.nullable(),
      itemCount: z.int().nonnegative(),
      messageId: z.string().nullable(),
    }),
    /**
     * Version 2: when the digest was sent. The event's recordedAt is when the ledger took it;
     * the two differ only for history written afterwards (the demo seed's past digests).
     */
    2: z.strictObject({
      campaignId: uuid,
      recipientId: uuid,
      kind: z.enum(["launch", "reminder", "escalation", "overdue"]),
      occasion: z.string().min(1),
      aboutReviewerId: uuid.nullable(),
      itemCount: z.int().nonnegative(),
      messageId: z.string().nullable(),
      sentAt: isoTimestamp,
    }),
  },
  "population.exported": {
    1: z.strictObject({
      snapshotId: uuid,
      fileName: z.string(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      bytes: z.int().nonnegative(),
      rows: z.int().nonnegative(),
    }),
  },
  "audit.sample_drawn": {
    1: z.strictObject({
      sampleId: uuid,
      definitionId: uuid,
      periodStart: isoDate,
      periodEnd: isoDate,
      /** Anyone can re-draw the sample from these (docs/audit-sampling.md). */
      seed: z.string().min(1),
      size: z.int().positive(),
      stratifyBy: z.enum(["system", "privileged", "identity_kind"]).nullable(),
      /** Population and sample count per stratum ("all" when not stratified). */
      strata: z.record(
        z.string(),
        z.strictObject({ population: z.int().nonnegative(), sample: z.int().nonnegative() }),
      ),
      populationCount: z.int().nonnegative(),
      /** SHA-256 of the population CSV the sample was drawn from. */
      populationSha256: z.string().regex(/^[0-9a-f]{64}$/),
      itemIds: z.array(uuid),
    }),
  },
  "audit.population_downloaded": {
    1: z.strictObject({
      definitionId: uuid,
      periodStart: isoDate,
      periodEnd: isoDate,
      /** SHA-256 of the CSV sent: the population's IPE hash at that moment. */
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      rows: z.int().nonnegative(),
    }),
  },
  "audit.package_downloaded": {
    1: z.strictObject({
      kind: z.enum(["sample", "campaign", "period"]),
      sampleId: uuid.nullable(),
      campaignId: uuid.nullable(),
      definitionId: uuid.nullable(),
      periodStart: isoDate.nullable(),
      periodEnd: isoDate.nullable(),
      /** SHA-256 of the package's manifest.json, which holds the SHA-256 of every other file. */
      manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
      eventCount: z.int().nonnegative(),
    }),
  },
  "audit_engagement.granted": {
    1: z.strictObject({
      engagementId: uuid,
      auditorId: uuid,
      name: z.string().min(1),
      periodStart: isoDate,
      periodEnd: isoDate,
    }),
  },
  "audit_engagement.revoked": {
    1: z.strictObject({ engagementId: uuid, auditorId: uuid, name: z.string().min(1) }),
  },
  "campaign.status_changed": {
    1: z.strictObject({
      campaignId: uuid,
      from: z.enum(campaignStatuses),
      to: z.enum(campaignStatuses),
      statement: z.string().nullable(),
    }),
  },
  "scim.directory_created": {
    1: z.strictObject({
      directoryId: uuid,
      directoryName: z.string().min(1),
      systemKey: z.string().min(1),
      systemName: z.string().min(1),
    }),
  },
  "scim.token_created": {
    1: z.strictObject({
      ...scimDirectoryRef,
      tokenId: uuid,
      tokenName: z.string().min(1),
    }),
  },
  "scim.token_revoked": {
    1: z.strictObject({
      ...scimDirectoryRef,
      tokenId: uuid,
      tokenName: z.string().min(1),
    }),
  },
  "scim.user_created": {
    1: z.strictObject({
      ...scimChangeRef,
      userId: uuid,
      userName: z.string().min(1),
      /** Every mapped attribute as created (active included). */
      attributes: scimUserAttributes,
    }),
  },
  "scim.user_updated": {
    1: z.strictObject({
      ...scimChangeRef,
      userId: uuid,
      userName: z.string().min(1),
      /** Mapped attributes that changed (active among them on a deactivation), before and after. */
      changes: z.record(z.string(), z.strictObject({ from: scimValue, to: scimValue })),
      /** Top-level attributes Attest keeps but does not map (e.g. phoneNumbers) that changed. */
      otherAttributesChanged: z.array(z.string()),
      version: z.int().positive(),
    }),
  },
  "scim.user_deleted": {
    1: z.strictObject({
      ...scimChangeRef,
      userId: uuid,
      userName: z.string().min(1),
      /** The groups the user was a member of: those memberships end with it. */
      removedFromGroupIds: z.array(uuid),
    }),
  },
  "scim.group_created": {
    1: z.strictObject({
      ...scimChangeRef,
      groupId: uuid,
      displayName: z.string().min(1),
      externalId: z.string().nullable(),
      memberIds: z.array(uuid),
    }),
  },
  "scim.group_updated": {
    1: z.strictObject({
      ...scimChangeRef,
      groupId: uuid,
      displayName: z.string().min(1),
      changes: z.record(z.string(), z.strictObject({ from: scimValue, to: scimValue })),
      membersAdded: z.array(uuid),
      membersRemoved: z.array(uuid),
      version: z.int().positive(),
    }),
  },
  "scim.group_deleted": {
    1: z.strictObject({
      ...scimChangeRef,
      groupId: uuid,
      displayName: z.string().min(1),
      /** The members at deletion: those memberships end with the group. */
      memberIds: z.array(uuid),
    }),
  },
} as const;

export type EvidenceAction = keyof typeof evidencePayloadSchemas;
type Versions<A extends EvidenceAction> = (typeof evidencePayloadSchemas)[A];
export type LatestVersion<A extends EvidenceAction> = keyof Versions<A> & number;

export type EvidencePayload<
  A extends EvidenceAction,
  V extends keyof Versions<A> = LatestVersion<A>,
> = Versions<A>[V] extends z.ZodType ? z.infer<Versions<A>[V]> : never;

export function isEvidenceAction(action: string): action is EvidenceAction {
  return Object.hasOwn(evidencePayloadSchemas, action);
}

/** The newest payload version of an action: what new events are written with. */
export function latestPayloadVersion(action: EvidenceAction): number {
  return Math.max(...Object.keys(evidencePayloadSchemas[action]).map(Number));
}

/** Parses a payload against its action and version; throws an Error naming both on mismatch. */
export function parseEvidencePayload(action: string, version: number, payload: unknown): unknown {
  if (!isEvidenceAction(action)) throw new Error(`Unknown evidence action "${action}"`);
  const schema = (evidencePayloadSchemas[action] as Record<number, z.ZodType>)[version];
  if (!schema) throw new Error(`Evidence action ${action} has no payload version ${version}`);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".") || "payload"}: ${issue.message}`,
    );
    throw new Error(
      `Evidence payload for ${action} v${version} is invalid — ${problems.join("; ")}`,
    );
  }
  return parsed.data;
}
