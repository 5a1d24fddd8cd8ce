import type { Role } from "@attest/domain/access/roles";
import type {
  CampaignDefinitionInput,
  RoutingReason,
} from "@attest/domain/campaigns/campaign-definition";
import {
  humanIdentityKinds,
  isNonHuman,
  nonHumanIdentityKinds,
} from "@attest/domain/inventory/identity-kinds";
import type { ReviewItemContextV1 } from "@attest/domain/reviews/review-item-context";
import { upcomingRuns } from "@/lib/recurrence";
import type { RouterOutputs } from "@/lib/trpc";
import type { RawPopulation } from "@/mocks/mock-population";

/**
 * Campaign definitions for mock mode and component tests, and the plan a definition makes of a
 * snapshot's population: scope filter, reviewer routing with separation of duties, independence
 * flags, as the server's plan-campaign-items.ts does it (simplified, same outcomes for the
 * cases the fixtures hold).
 */

export type MockDefinition = RouterOutputs["campaigns"]["definitions"]["get"];
export type MockPreview = RouterOutputs["campaigns"]["definitions"]["preview"];

interface DefinitionPeople {
  users: readonly { id: string; displayName: string; roles: Role[] }[];
}

const dayMs = 86_400_000;

function mockDefinitionId(index: number): string {
  return `00000000-0000-4000-8010-${index.toString(16).padStart(12, "0")}`;
}

export function nextRunOf(recurrence: string | null, now: Date): string | null {
  if (recurrence === null) return null;
  return upcomingRuns(recurrence, 1, now).runs[0]?.toISOString() ?? null;
}

export function createMockCampaignDefinitions({
  now,
  users,
}: DefinitionPeople & { now: Date }): MockDefinition[] {
  const userNamed = (name: string) => {
    const user = users.find((candidate) => candidate.displayName === name);
    if (!user) throw new Error(`no mock user named ${name}`);
    return user;
  };
  const ago = (days: number) => new Date(now.getTime() - days * dayMs).toISOString();
  const definition = (
    index: number,
    fields: Omit<
      CampaignDefinitionInput,
      | "controlOwnerId"
      | "fallbackReviewerId"
      | "namedReviewerId"
      | "reminders"
      | "escalation"
      | "justificationRequired"
      | "maxExceptionDays"
      | "description"
      | "secondStage"
    > &
      Partial<CampaignDefinitionInput> & {
        owner: string;
        fallback: string;
        named?: string;
        createdDaysAgo: number;
        campaignCount: number;
        lastLaunchedDaysAgo: number | null;
      },
  ): MockDefinition => {
    const { owner, fallback, named, createdDaysAgo, campaignCount, lastLaunchedDaysAgo, ...input } =
      fields;
    const controlOwner = userNamed(owner);
    const fallbackReviewer = userNamed(fallback);
    const namedReviewer = named ? userNamed(named) : null;
    return {
      id: mockDefinitionId(index),
      description: null,
      secondStage: null,
      reminders: { daysBeforeDue: [7, 3, 1] },
      escalation: { toManagerAfterDays: 1, toControlOwnerAfterDays: 3 },
      justificationRequired: { approve: false, revoke: true },
      maxExceptionDays: 180,
      ...input,
      controlOwnerId: controlOwner.id,
      controlOwnerName: controlOwner.displayName,
      fallbackReviewerId: fallbackReviewer.id,
      fallbackReviewerName: fallbackReviewer.displayName,
      namedReviewerId: namedReviewer?.id ?? null,
      namedReviewerName: namedReviewer?.displayName ?? null,
      nextRunAt: nextRunOf(input.recurrence, now),
      createdAt: ago(createdDaysAgo),
      createdBy: `user:${controlOwner.id}`,
      createdByName: controlOwner.displayName,
      updatedAt: null,
      archivedAt: null,
      campaignCount,
      lastLaunchedAt: lastLaunchedDaysAgo === null ? null : ago(lastLaunchedDaysAgo),
    };
  };

  return [
    definition(1, {
      name: "Quarterly privileged access review",
      description:
        "Managers confirm every privileged entitlement their people hold on SOX in-scope systems.",
      controlId: "ITGC-AC-03",
      owner: "Priya Raman",
      scope: { privilegedOnly: true, identityKinds: [...humanIdentityKinds] },
      reviewerStrategy: "manager",
      fallback: "Daniel Okafor",
      durationDays: 30,
      undecidedRule: "not_reviewed",
      recurrence: "0 9 * 1,4,7,10 MON#1",
      createdDaysAgo: 200,
      campaignCount: 3,
      lastLaunchedDaysAgo: 21,
    }),
    definition(2, {
      name: "NetSuite ERP user access review",
      description: "Every NetSuite role, confirmed by managers and then by the system owner.",
      controlId: "ITGC-AC-01",
      owner: "Jonas Lindqvist",
      scope: { systemKeys: ["netsuite-erp"] },
      reviewerStrategy: "manager",
      fallback: "Maya Chen",
      secondStage: { reviewerStrategy: "system_owner", namedReviewerId: null },
      durationDays: 30,
      undecidedRule: "revoke",
      recurrence: "0 9 1 * *",
      createdDaysAgo: 150,
      campaignCount: 2,
      lastLaunchedDaysAgo: 33,
    }),
    definition(3, {
      name: "Non-human identity ownership review",
      controlId: "ITGC-AC-07",
      owner: "Helen Marsh",
      scope: { identityKinds: [...nonHumanIdentityKinds] },
      reviewerStrategy: "identity_owner",
      fallback: "Maya Chen",
      durationDays: 28,
      undecidedRule: "keep",
      justificationRequired: { approve: true, revoke: true },
      recurrence: "0 8 15 2,5,8,11 *",
      createdDaysAgo: 90,
      campaignCount: 1,
      lastLaunchedDaysAgo: 2,
    }),
    definition(4, {
      name: "Snowflake administrator spot check",
      controlId: "ITGC-AC-09",
      owner: "Priya Raman",
      scope: { systemKeys: ["snowflake"], privilegedOnly: true },
      reviewerStrategy: "named",
      named: "Maya Chen",
      fallback: "Daniel Okafor",
      durationDays: 14,
      undecidedRule: "not_reviewed",
      recurrence: null,
      createdDaysAgo: 6,
      campaignCount: 0,
      lastLaunchedDaysAgo: null,
    }),
  ];
}

export interface PlannedMockItem {
  reviewerId: string;
  routingReason: RoutingReason | null;
  context: ReviewItemContextV1;
}

export interface MockPlan {
  items: PlannedMockItem[];
  unassignable: string[];
  orphanGrants: number;
  unmatchedScopeKeys: { systemKeys: string[]; entitlementKeys: string[] };
  independenceFlags: number;
}

interface PlanUser {
  id: string;
  displayName: string;
  identityKey: string | null;
  roles: Role[];
}

/** Stage one of a campaign over a population, routed as reviewer-assignment.ts routes it. */
export function planMockCampaign(
  population: RawPopulation,
  users: readonly PlanUser[],
  definition: CampaignDefinitionInput,
): MockPlan {
  const { scope } = definition;
  const identities = new Map(population.identities.map((row) => [row.externalId, row]));
  const systems = new Map(population.systems.map((row) => [row.key, row]));
  const entitlements = new Map(
    population.entitlements.map((row) => [`${row.systemKey}/${row.key}`, row]),
  );
  const accounts = new Map(
    population.accounts.map((row) => [`${row.systemKey}/${row.username}`, row]),
  );
  const reviewers = new Map(
    users
      .filter((user) => user.identityKey !== null && user.roles.includes("reviewer"))
      .map((user) => [user.identityKey as string, user]),
  );
  const byId = new Map(users.map((user) => [user.id, user]));
  const privilegedHolders = new Set<string>();
  for (const grant of population.grants) {
    const account = accounts.get(`${grant.systemKey}/${grant.username}`);
    const entitlement = entitlements.get(`${grant.systemKey}/${grant.entitlementKey}`);
    if (account?.identityKey && entitlement?.privileged)
      privilegedHolders.add(`${account.identityKey}/${grant.systemKey}`);
  }

  const plan: MockPlan = {
    items: [],
    unassignable: [],
    orphanGrants: 0,
    unmatchedScopeKeys: {
      systemKeys: (scope.systemKeys ?? []).filter((key) => !systems.has(key)),
      entitlementKeys: (scope.entitlementKeys ?? []).filter((key) => !entitlements.has(key)),
    },
    independenceFlags: 0,
  };
  const systemKeys = scope.systemKeys?.length ? new Set(scope.systemKeys) : null;
  const entitlementKeys = scope.entitlementKeys?.length ? new Set(scope.entitlementKeys) : null;
  const fallback = byId.get(definition.fallbackReviewerId);

  for (const grant of population.grants) {
    const entitlementKey = `${grant.systemKey}/${grant.entitlementKey}`;
    const entitlement = entitlements.get(entitlementKey);
    const system = systems.get(grant.systemKey);
    const account = accounts.get(`${grant.systemKey}/${grant.username}`);
    if (!entitlement || !system || !account) continue;
    if (systemKeys && !systemKeys.has(grant.systemKey)) continue;
    if (entitlementKeys && !entitlementKeys.has(entitlementKey)) continue;
    if (scope.privilegedOnly && !entitlement.privileged) continue;
    if (scope.risks?.length && !scope.risks.includes(entitlement.risk)) continue;
    const identity = account.identityKey ? identities.get(account.identityKey) : undefined;
    if (!identity) {
      if (!scope.identityKinds?.length) plan.orphanGrants += 1;
      continue;
    }
    if (scope.identityKinds?.length && !scope.identityKinds.includes(identity.kind)) continue;

    const nonHuman = isNonHuman(identity.kind);
    const strategyKey =
      definition.reviewerStrategy === "manager"
        ? identity.managerKey
        : definition.reviewerStrategy === "entitlement_owner"
          ? entitlement.ownerKey
          : definition.reviewerStrategy === "system_owner"
            ? system.ownerKey
            : definition.reviewerStrategy === "identity_owner"
              ? nonHuman
                ? identity.ownerKey
                : null
              : null;
    const picked =
      definition.reviewerStrategy === "named"
        ? byId.get(definition.namedReviewerId ?? "")
        : strategyKey
          ? reviewers.get(strategyKey)
          : undefined;
    const conflict = (reviewer: PlanUser, ownerIsCertifier: boolean): RoutingReason | null =>
      reviewer.identityKey === identity.externalId
        ? "self_review"
        : !ownerIsCertifier && nonHuman && identity.ownerKey === reviewer.identityKey
          ? "owns_identity"
          : null;

    let reviewer: PlanUser | undefined;
    let reason: RoutingReason | null = null;
    if (picked) {
      reason = conflict(picked, definition.reviewerStrategy === "identity_owner");
      if (reason === null) reviewer = picked;
      else {
        const managerKey = picked.identityKey
          ? identities.get(picked.identityKey)?.managerKey
          : null;
        const manager = managerKey ? reviewers.get(managerKey) : undefined;
        if (manager && conflict(manager, false) === null) reviewer = manager;
      }
    } else {
      reason = "no_strategy_reviewer";
    }
    if (!reviewer && fallback && conflict(fallback, false) === null) reviewer = fallback;
    if (!reviewer) {
      plan.unassignable.push(
        `${identity.displayName}'s ${entitlement.name} on ${system.name} has no reviewer free of conflict.`,
      );
      continue;
    }
    const holdsPrivileged =
      reviewer.identityKey !== null &&
      privilegedHolders.has(`${reviewer.identityKey}/${grant.systemKey}`);
    if (holdsPrivileged) plan.independenceFlags += 1;
    const owner = identity.ownerKey ? identities.get(identity.ownerKey) : undefined;
    plan.items.push({
      reviewerId: reviewer.id,
      routingReason: reason,
      context: {
        version: 1,
        identity: {
          externalId: identity.externalId,
          displayName: identity.displayName,
          kind: identity.kind,
          status: identity.status,
          email: identity.email,
          department: identity.department,
          title: null,
          managerName: identity.managerKey
            ? (identities.get(identity.managerKey)?.displayName ?? null)
            : null,
          terminatedOn: null,
        },
        nonHuman:
          nonHuman && owner
            ? {
                ownerExternalId: owner.externalId,
                ownerName: owner.displayName,
                ownerStatus: owner.status,
                lastRotatedAt: identity.lastRotatedAt,
              }
            : null,
        account: { username: account.username, status: account.status, lastLoginAt: null },
        system: {
          key: system.key,
          name: system.name,
          criticality: system.criticality,
          soxInScope: system.soxInScope,
        },
        entitlement: {
          key: entitlement.key,
          name: entitlement.name,
          description: entitlement.description,
          privileged: entitlement.privileged,
          risk: entitlement.risk,
        },
        grant: {
          grantedAt: grant.grantedAt,
          grantedBy: grant.grantedBy,
          ticket: grant.ticket,
          expiresAt: grant.expiresAt,
          lastUsedAt: grant.lastUsedAt,
        },
      },
    });
  }
  return plan;
}

/** The preview's numbers, as summarizePlan computes them. */
export function summarizeMockPlan(
  plan: MockPlan,
  definition: CampaignDefinitionInput,
  users: readonly PlanUser[],
  snapshot: MockPreview["snapshot"],
): MockPreview {
  const nameOf = (id: string) => users.find((user) => user.id === id)?.displayName ?? id;
  const perReviewer = new Map<string, number>();
  const rerouted: MockPreview["rerouted"] = {};
  let toFallback = 0;
  for (const item of plan.items) {
    perReviewer.set(item.reviewerId, (perReviewer.get(item.reviewerId) ?? 0) + 1);
    if (item.routingReason) {
      rerouted[item.routingReason] = (rerouted[item.routingReason] ?? 0) + 1;
      if (item.reviewerId === definition.fallbackReviewerId) toFallback += 1;
    }
  }
  return {
    snapshot,
    snapshotId: snapshot.id,
    populationSize: plan.items.length,
    reviewerCount: perReviewer.size,
    reviewerLoad: [...perReviewer]
      .map(([reviewerId, items]) => ({ reviewerId, reviewerName: nameOf(reviewerId), items }))
      .sort((a, b) => b.items - a.items || a.reviewerName.localeCompare(b.reviewerName, "en"))
      .slice(0, 20),
    rerouted,
    fallback: {
      reviewerId: definition.fallbackReviewerId,
      reviewerName: nameOf(definition.fallbackReviewerId),
      items: toFallback,
    },
    independenceFlags: plan.independenceFlags,
    orphanGrants: plan.orphanGrants,
    unmatchedScopeKeys: plan.unmatchedScopeKeys,
    unassignable: { count: plan.unassignable.length, examples: plan.unassignable.slice(0, 5) },
  };
}
