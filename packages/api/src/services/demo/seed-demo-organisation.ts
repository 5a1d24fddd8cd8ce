import { randomUUID } from "node:crypto";
import type { Database, Transaction } from "@attest/db/database";
import { insertAuditEngagement } from "@attest/db/repositories/audit-engagements";
import { insertCampaign, insertCampaignDefinition } from "@attest/db/repositories/campaigns";
import {
  insertAccounts,
  insertEntitlements,
  insertGrants,
  insertIdentities,
  insertSnapshot,
  insertSystems,
} from "@attest/db/repositories/inventory";
import {
  insertNotifications,
  markNotificationDelivered,
  type NewNotification,
} from "@attest/db/repositories/notifications";
import { insertReviewItems } from "@attest/db/repositories/review-items";
import { completeSnapshot } from "@attest/db/repositories/snapshots";
import { countUsers, insertRoleAssignments, insertUsers } from "@attest/db/repositories/users";
import type {
  DemoAccount,
  DemoCampaignDefinition,
  DemoEntitlement,
  DemoGrant,
  DemoIdentity,
  DemoNotification,
  DemoOrganisation,
  DemoSystem,
} from "@attest/domain/demo-organisation/demo-organisation";
import { generateDemoOrganisation } from "@attest/domain/demo-organisation/generate-demo-organisation";
import {
  buildReviewItemContext,
  type ReviewItemFacts,
} from "@attest/domain/reviews/build-review-item-context";
import type { ReviewItemContext } from "@attest/domain/reviews/review-item-context";
import { nextOccurrence } from "../campaigns/campaign-recurrence";
import { hashReviewPopulation } from "../campaigns/hash-review-population";
import { appendEvidence, type NewEvidenceEvent } from "../evidence/append-evidence";

export const demoSeed = 2026;
const seedActor = "system:seed";
const seedJob = { system: "seed" } as const;
/** The domain of the Message-IDs of the demo's past digests: no mail was ever sent for them. */
const seedMailDomain = "seed.attest.invalid";

export interface SeedDemoOptions {
  seed: number;
  /** YYYY-MM-DD the demo's dates are relative to; today unless a test pins it. */
  anchorDate: string;
}

export interface SeedDemoResult {
  seeded: boolean;
  counts: Record<string, number>;
}

function lookup<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo organisation refers to unknown ${what} ${key}`);
  return value;
}

const grantKey = (systemKey: string, username: string, entitlementKey: string) =>
  `${systemKey}\u0000${username}\u0000${entitlementKey}`;

/**
 * Peer share over the demo organisation, counted as the campaign generator counts it in SQL:
 * current (not terminated) members of a department or a manager's team, and how many of them
 * hold an entitlement, the identity itself left out.
 */
function demoPeerCounts(org: DemoOrganisation) {
  const identities = new Map(org.identities.map((identity) => [identity.externalId, identity]));
  const holderOf = new Map(
    org.accounts.map((a) => [`${a.systemKey}/${a.username}`, a.identityExternalId]),
  );
  const holders = new Map<string, Set<string>>();
  for (const grant of org.grants) {
    const holder = holderOf.get(`${grant.systemKey}/${grant.username}`);
    if (!holder) continue;
    const key = `${grant.systemKey}/${grant.entitlementKey}`;
    const set = holders.get(key) ?? new Set<string>();
    set.add(holder);
    holders.set(key, set);
  }
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const members = new Map<string, number>();
  for (const identity of org.identities) {
    if (identity.status === "terminated") continue;
    if (identity.department) count(members, `department\u0000${identity.department}`);
    if (identity.managerExternalId) count(members, `team\u0000${identity.managerExternalId}`);
  }
  const holding = new Map<string, number>();
  for (const [entitlement, set] of holders) {
    for (const holder of set) {
      const identity = identities.get(holder);
      if (!identity || identity.status === "terminated") continue;
      if (identity.department)
        count(holding, `${entitlement}\u0000department\u0000${identity.department}`);
      if (identity.managerExternalId)
        count(holding, `${entitlement}\u0000team\u0000${identity.managerExternalId}`);
    }
  }
  return (identity: DemoIdentity, entitlement: string): ReviewItemFacts["peers"] => {
    const self = identity.status === "terminated" ? 0 : 1;
    const share = (group: string, name: string) => ({
      name,
      peers: (members.get(group) ?? 0) - self,
      holding: (holding.get(`${entitlement}\u0000${group}`) ?? 0) - self,
    });
    const manager = identity.managerExternalId
      ? identities.get(identity.managerExternalId)
      : undefined;
    return {
      department: identity.department
        ? share(`department\u0000${identity.department}`, identity.department)
        : null,
      manager: manager ? share(`team\u0000${manager.externalId}`, manager.displayName) : null,
    };
  };
}

/** The frozen context of a demo item, built by the same function as a launched campaign's. */
function buildContext(
  org: { identities: Map<string, DemoIdentity> },
  identity: DemoIdentity,
  account: DemoAccount,
  system: DemoSystem,
  entitlement: DemoEntitlement,
  grant: DemoGrant,
  peers: ReviewItemFacts["peers"],
  generatedAt: Date,
): ReviewItemContext {
  const manager = identity.managerExternalId
    ? org.identities.get(identity.managerExternalId)
    : undefined;
  const owner = identity.ownerExternalId ? org.identities.get(identity.ownerExternalId) : undefined;
  return buildReviewItemContext(
    {
      identity: { ...identity, managerName: manager?.displayName ?? null },
      owner: owner
        ? { externalId: owner.externalId, displayName: owner.displayName, status: owner.status }
        : null,
      account,
      system,
      entitlement,
      grant,
      peers,
    },
    generatedAt,
  );
}

/**
 * The digests an active demo campaign has already sent, as the notifier records them (one row
 * per digest, or per reviewer an escalation is about, and a notification.sent event each) at
 * the times they were due. Without them the notifier would mail every demo reviewer at once on
 * first start, and "Remind now" would hold off for its cooldown.
 */
async function recordPastDigests(
  tx: Transaction,
  options: {
    campaignId: string;
    digests: readonly DemoNotification[];
    userId: (email: string) => string;
  },
): Promise<NewEvidenceEvent[]> {
  // One Message-ID per mail: an escalation digest lists every reviewer it is about.
  const messageIds = new Map<string, string>();
  const rows = options.digests.map((digest): NewNotification => {
    const mail = `${digest.recipientEmail}\u0000${digest.occasion}\u0000${digest.sentAt}`;
    const messageId = messageIds.get(mail) ?? `<${randomUUID()}@${seedMailDomain}>`;
    messageIds.set(mail, messageId);
    return {
      id: randomUUID(),
      campaignId: options.campaignId,
      recipientId: options.userId(digest.recipientEmail),
      kind: digest.kind,
      occasion: digest.occasion,
      aboutReviewerId: digest.aboutReviewerEmail ? options.userId(digest.aboutReviewerEmail) : null,
      itemCount: digest.itemCount,
      sentAt: digest.sentAt,
      messageId,
    };
  });
  const recorded = await insertNotifications(tx, rows);
  for (const row of new Map(recorded.map((row) => [row.messageId, row])).values())
    await markNotificationDelivered(tx, row.messageId, row.sentAt);
  return recorded.map((row) => ({
    action: "notification.sent",
    actor: seedJob,
    subjectIds: [
      row.campaignId,
      row.recipientId,
      ...(row.aboutReviewerId ? [row.aboutReviewerId] : []),
    ],
    payload: {
      campaignId: row.campaignId,
      recipientId: row.recipientId,
      kind: row.kind,
      occasion: row.occasion,
      aboutReviewerId: row.aboutReviewerId,
      itemCount: row.itemCount,
      messageId: row.messageId,
      sentAt: row.sentAt,
    },
  }));
}

/**
 * Loads the demo organisation in one transaction: one inventory snapshot, its users and roles,
 * campaign definitions and campaigns with their items and the digests the active ones have
 * sent. Does nothing when users already exist.
 */
export async function seedDemoOrganisation(
  db: Database,
  options: SeedDemoOptions,
): Promise<SeedDemoResult> {
  const org: DemoOrganisation = generateDemoOrganisation(options);
  return db.transaction(async (tx) => {
    if ((await countUsers(tx)) > 0) return { seeded: false, counts: {} };

    const snapshotId = randomUUID();
    const counts = {
      identities: org.identities.length,
      systems: org.systems.length,
      entitlements: org.entitlements.length,
      accounts: org.accounts.length,
      grants: org.grants.length,
    };
    await insertSnapshot(tx, {
      id: snapshotId,
      source: "demo-organisation",
      importedBy: seedActor,
      rowCounts: counts,
      fileHashes: {},
      parameters: { seed: org.seed, anchorDate: org.anchorDate },
    });
    const evidence: NewEvidenceEvent[] = [
      {
        action: "snapshot.imported",
        actor: seedJob,
        subjectIds: [snapshotId],
        payload: {
          snapshotId,
          source: "demo-organisation",
          rowCounts: counts,
          fileHashes: {},
          parameters: { seed: org.seed, anchorDate: org.anchorDate },
        },
      },
    ];

    const identityIds = new Map(
      org.identities.map((identity) => [identity.externalId, randomUUID()]),
    );
    const identityId = (externalId: string) => lookup(identityIds, externalId, "identity");
    await insertIdentities(
      tx,
      org.identities.map((identity) => ({
        id: identityId(identity.externalId),
        snapshotId,
        externalId: identity.externalId,
        kind: identity.kind,
        displayName: identity.displayName,
        email: identity.email,
        department: identity.department,
        title: identity.title,
        managerId: identity.managerExternalId ? identityId(identity.managerExternalId) : null,
        ownerId: identity.ownerExternalId ? identityId(identity.ownerExternalId) : null,
        status: identity.status,
        terminatedOn: identity.terminatedOn,
        lastRotatedAt: identity.lastRotatedAt,
        lastUsedAt: identity.lastUsedAt,
      })),
    );

    const systemIds = new Map(org.systems.map((system) => [system.key, randomUUID()]));
    await insertSystems(
      tx,
      org.systems.map((system) => ({
        id: lookup(systemIds, system.key, "system"),
        snapshotId,
        key: system.key,
        name: system.name,
        description: system.description,
        ownerId: identityId(system.ownerExternalId),
        criticality: system.criticality,
        soxInScope: system.soxInScope,
      })),
    );

    const entitlementIds = new Map(
      org.entitlements.map((e) => [`${e.systemKey}/${e.key}`, randomUUID()]),
    );
    await insertEntitlements(
      tx,
      org.entitlements.map((entitlement) => ({
        id: lookup(entitlementIds, `${entitlement.systemKey}/${entitlement.key}`, "entitlement"),
        snapshotId,
        systemId: lookup(systemIds, entitlement.systemKey, "system"),
        key: entitlement.key,
        name: entitlement.name,
        description: entitlement.description,
        privileged: entitlement.privileged,
        risk: entitlement.risk,
        ownerId: entitlement.ownerExternalId ? identityId(entitlement.ownerExternalId) : null,
      })),
    );

    const accountIds = new Map(
      org.accounts.map((a) => [`${a.systemKey}/${a.username}`, randomUUID()]),
    );
    await insertAccounts(
      tx,
      org.accounts.map((account) => ({
        id: lookup(accountIds, `${account.systemKey}/${account.username}`, "account"),
        snapshotId,
        systemId: lookup(systemIds, account.systemKey, "system"),
        identityId: account.identityExternalId ? identityId(account.identityExternalId) : null,
        username: account.username,
        status: account.status,
        lastLoginAt: account.lastLoginAt,
      })),
    );

    const grantIds = new Map(
      org.grants.map((g) => [grantKey(g.systemKey, g.username, g.entitlementKey), randomUUID()]),
    );
    await insertGrants(
      tx,
      org.grants.map((grant) => ({
        id: lookup(
          grantIds,
          grantKey(grant.systemKey, grant.username, grant.entitlementKey),
          "grant",
        ),
        snapshotId,
        accountId: lookup(accountIds, `${grant.systemKey}/${grant.username}`, "account"),
        entitlementId: lookup(
          entitlementIds,
          `${grant.systemKey}/${grant.entitlementKey}`,
          "entitlement",
        ),
        grantedAt: grant.grantedAt,
        grantedBy: grant.grantedBy,
        ticket: grant.ticket,
        expiresAt: grant.expiresAt,
        lastUsedAt: grant.lastUsedAt,
      })),
    );
    await completeSnapshot(tx, snapshotId);

    const userIds = new Map(org.users.map((user) => [user.email, randomUUID()]));
    const userId = (email: string) => lookup(userIds, email, "user");
    await insertUsers(
      tx,
      org.users.map((user) => ({
        id: userId(user.email),
        email: user.email,
        displayName: user.displayName,
        identityKey: user.identityExternalId,
      })),
    );
    await insertRoleAssignments(
      tx,
      org.users.flatMap((user) =>
        user.roles.map((role) => ({ userId: userId(user.email), role, assignedBy: seedActor })),
      ),
    );

    evidence.push({
      action: "users.provisioned",
      actor: seedJob,
      subjectIds: org.users.map((user) => userId(user.email)),
      payload: {
        users: org.users.map((user) => ({
          userId: userId(user.email),
          email: user.email,
          roles: user.roles,
        })),
      },
    });

    const definitionIds = new Map(org.campaignDefinitions.map((d) => [d.key, randomUUID()]));
    const definitions = new Map(org.campaignDefinitions.map((d) => [d.key, d]));
    const definitionSettings = (definition: DemoCampaignDefinition) => ({
      scope: definition.scope,
      reviewerStrategy: definition.reviewerStrategy,
      fallbackReviewerId: userId(definition.fallbackReviewerEmail),
      durationDays: definition.durationDays,
      undecidedRule: definition.undecidedRule,
      justificationRequired: definition.justificationRequired,
      reminders: definition.reminders,
      escalation: definition.escalation,
      recurrence: definition.recurrence,
    });
    for (const definition of org.campaignDefinitions) {
      await insertCampaignDefinition(tx, {
        id: lookup(definitionIds, definition.key, "campaign definition"),
        name: definition.name,
        description: definition.description,
        controlId: definition.controlId,
        controlOwnerId: userId(definition.controlOwnerEmail),
        scope: definition.scope,
        reviewerStrategy: definition.reviewerStrategy,
        fallbackReviewerId: userId(definition.fallbackReviewerEmail),
        durationDays: definition.durationDays,
        undecidedRule: definition.undecidedRule,
        justificationRequired: definition.justificationRequired,
        reminders: definition.reminders,
        escalation: definition.escalation,
        recurrence: definition.recurrence,
        // the next occurrence after the demo's day, so the scheduler picks the schedule up
        nextRunAt:
          nextOccurrence(
            definition.recurrence,
            new Date(`${org.anchorDate}T23:59:59.999Z`),
          )?.toISOString() ?? null,
        createdBy: seedActor,
      });
      const definitionId = lookup(definitionIds, definition.key, "campaign definition");
      evidence.push({
        action: "campaign_definition.created",
        actor: seedJob,
        subjectIds: [definitionId],
        payload: {
          definitionId,
          name: definition.name,
          controlId: definition.controlId,
          controlOwnerId: userId(definition.controlOwnerEmail),
          definition: definitionSettings(definition),
        },
      });
    }

    const identities = new Map(org.identities.map((identity) => [identity.externalId, identity]));
    const systems = new Map(org.systems.map((system) => [system.key, system]));
    const entitlements = new Map(org.entitlements.map((e) => [`${e.systemKey}/${e.key}`, e]));
    const accounts = new Map(org.accounts.map((a) => [`${a.systemKey}/${a.username}`, a]));
    const grants = new Map(
      org.grants.map((g) => [grantKey(g.systemKey, g.username, g.entitlementKey), g]),
    );
    const peersOf = demoPeerCounts(org);
    let itemCount = 0;
    for (const campaign of org.campaigns) {
      const campaignId = randomUUID();
      await insertCampaign(tx, {
        id: campaignId,
        definitionId: lookup(definitionIds, campaign.definitionKey, "campaign definition"),
        name: campaign.name,
        status: campaign.status,
        snapshotId,
        startsAt: campaign.startsAt,
        dueAt: campaign.dueAt,
        closedAt: campaign.closedAt,
        signedOffAt: campaign.signedOffAt,
        signedOffBy: campaign.signedOffByEmail ? userId(campaign.signedOffByEmail) : null,
        signOffStatement: campaign.signOffStatement,
        launchedBy: seedActor,
        closedBy: campaign.closedAt ? seedActor : null,
      });
      const items = campaign.items.map((item) => {
        const key = grantKey(item.systemKey, item.username, item.entitlementKey);
        const account = lookup(accounts, `${item.systemKey}/${item.username}`, "account");
        if (!account.identityExternalId) {
          throw new Error(`demo campaign item ${key} reviews an orphan account`);
        }
        const reviewerId = userId(item.reviewerEmail);
        const identity = lookup(identities, account.identityExternalId, "identity");
        return {
          id: randomUUID(),
          campaignId,
          grantId: lookup(grantIds, key, "grant"),
          stage: 1,
          reviewerId,
          decision: item.decision,
          decidedBy: item.decision ? reviewerId : null,
          decidedAt: item.decidedAt,
          justification: item.justification,
          exceptionExpiresOn: item.exceptionExpiresOn,
          context: buildContext(
            { identities },
            identity,
            account,
            lookup(systems, item.systemKey, "system"),
            lookup(entitlements, `${item.systemKey}/${item.entitlementKey}`, "entitlement"),
            lookup(grants, key, "grant"),
            peersOf(identity, `${item.systemKey}/${item.entitlementKey}`),
            new Date(campaign.startsAt),
          ),
        };
      });
      await insertReviewItems(tx, items);
      itemCount += items.length;
      const definitionId = lookup(definitionIds, campaign.definitionKey, "campaign definition");
      evidence.push({
        action: "campaign.launched",
        actor: seedJob,
        subjectIds: [campaignId, definitionId, snapshotId],
        payload: {
          campaignId,
          definitionId,
          name: campaign.name,
          snapshotId,
          startsAt: campaign.startsAt,
          dueAt: campaign.dueAt,
          occurrenceAt: null,
          itemCount: items.length,
          reviewerCount: new Set(items.map((item) => item.reviewerId)).size,
          rerouted: {},
          independenceFlags: 0,
          definition: definitionSettings(
            lookup(definitions, campaign.definitionKey, "campaign definition"),
          ),
          itemsHash: hashReviewPopulation(items),
        },
      });
      // Historical decisions of the demo: recorded by the seed job, naming the reviewer who made them.
      for (const item of items) {
        if (!item.decision || !item.decidedAt) continue;
        evidence.push({
          action: "decision.recorded",
          actor: seedJob,
          subjectIds: [campaignId, item.id, item.grantId],
          payload: {
            campaignId,
            itemId: item.id,
            grantId: item.grantId,
            stage: item.stage,
            reviewerId: item.reviewerId,
            decision: item.decision,
            justification: item.justification,
            exceptionExpiresOn: item.exceptionExpiresOn,
            compensatingControl: null,
            decidedAt: item.decidedAt,
            itemVersion: 1,
            supersedes: null,
            diligence: { timeOnItemMs: null, contextViewed: null, viaBulk: false },
          },
        });
      }
      evidence.push(
        ...(await recordPastDigests(tx, { campaignId, digests: campaign.notifications, userId })),
      );
      if (campaign.closedAt) {
        evidence.push({
          action: "campaign.status_changed",
          actor: seedJob,
          subjectIds: [campaignId],
          payload: { campaignId, from: "active", to: "closed", statement: null },
        });
      }
      if (campaign.signedOffAt) {
        evidence.push({
          action: "campaign.status_changed",
          actor: seedJob,
          subjectIds: [campaignId],
          payload: {
            campaignId,
            from: "closed",
            to: "signed_off",
            statement: campaign.signOffStatement,
          },
        });
      }
    }
    // The external auditor reads inside their engagement, as a real audit firm would.
    const engagement = org.auditEngagement;
    const engagementId = randomUUID();
    await insertAuditEngagement(tx, {
      id: engagementId,
      auditorId: userId(engagement.auditorEmail),
      name: engagement.name,
      periodStart: engagement.periodStart,
      periodEnd: engagement.periodEnd,
      grantedBy: userId(engagement.grantedByEmail),
    });
    evidence.push({
      action: "audit_engagement.granted",
      actor: { user: userId(engagement.grantedByEmail) },
      subjectIds: [engagementId, userId(engagement.auditorEmail)],
      payload: {
        engagementId,
        auditorId: userId(engagement.auditorEmail),
        name: engagement.name,
        periodStart: engagement.periodStart,
        periodEnd: engagement.periodEnd,
      },
    });
    await appendEvidence(tx, evidence);
    return {
      seeded: true,
      counts: {
        ...counts,
        users: org.users.length,
        campaigns: org.campaigns.length,
        reviewItems: itemCount,
        evidenceEvents: evidence.length,
      },
    };
  });
}
