import type { Role } from "@attest/domain/access/roles";
import { campaignStatusLabels, type UndecidedRule } from "@attest/domain/campaigns/campaign";
import { checkSignOff, closeOutcomeFor } from "@attest/domain/campaigns/campaign-close";
import {
  type CloseOutcome,
  type RoutingReason,
  routingReasons,
} from "@attest/domain/campaigns/campaign-definition";
import {
  cancelCampaignInput,
  reassignItemsInput,
  reassignReviewerInput,
  signOffCampaignInput,
} from "@attest/domain/campaigns/campaign-lifecycle-input";
import { stageOneEndsAt } from "@attest/domain/campaigns/campaign-stages";
import {
  type CampaignTransition,
  checkCampaignTransition,
} from "@attest/domain/campaigns/campaign-transitions";
import { checkReassignment } from "@attest/domain/campaigns/check-reassignment";
import { manualReminderCooldownMinutes } from "@attest/domain/campaigns/notification-schedule";
import type { ConflictReason } from "@attest/domain/campaigns/reviewer-assignment";
import type { RouterOutputs } from "@/lib/trpc";
import type { MockCampaign, MockDatabase, MockUser, ReviewItem } from "@/mocks/mock-database";
import { appendLedgerEvent } from "@/mocks/mock-ledger";
import { type ProcedureResolvers, TrpcMockError } from "@/mocks/trpc-msw";

type Dashboard = RouterOutputs["campaigns"]["dashboard"];

/**
 * What the cockpit changes and reads beside the shared mock database: close outcomes, routing,
 * independence flags and notifications. Kept per database, so a reset starts from the seed.
 */
interface CockpitState {
  undecidedRules: Map<string, UndecidedRule>;
  closeOutcomes: Map<string, CloseOutcome>;
  routing: Map<string, RoutingReason>;
  flagged: Set<string>;
  /** campaignId → reviewerId → times. */
  notifications: Map<string, Map<string, { lastRemindedAt?: string; lastEscalatedAt?: string }>>;
  /** campaignId → its stages and who moved it along (actors as recorded: "user:<id>"…). */
  facts: Map<string, CampaignFacts>;
}

interface CampaignFacts {
  hasSecondStage: boolean;
  currentStage: 1 | 2;
  stageAdvancedAt: string | null;
  launchedBy: string | null;
  closedBy: string | null;
  signedOffBy: string | null;
  signOffStatement: string | null;
}

const states = new WeakMap<MockDatabase, CockpitState>();
const dayMs = 86_400_000;
const minuteMs = 60_000;

function itemNumber(item: ReviewItem): number {
  return Number.parseInt(item.id.slice(-12), 16);
}

function seedState(db: MockDatabase): CockpitState {
  const state: CockpitState = {
    undecidedRules: new Map(),
    closeOutcomes: new Map(),
    routing: new Map(),
    flagged: new Set(),
    notifications: new Map(),
    facts: new Map(),
  };
  const rules: UndecidedRule[] = ["not_reviewed", "revoke", "keep"];
  db.campaigns.forEach((campaign, index) => {
    state.undecidedRules.set(campaign.id, rules[index % rules.length] ?? "not_reviewed");
    const owner = `user:${db.users.find((user) => user.displayName === campaign.controlOwnerName)?.id}`;
    state.facts.set(campaign.id, {
      // The non-human identity review is the seed's two-stage campaign, still in stage one.
      hasSecondStage: campaign.name.startsWith("Non-human identity"),
      currentStage: 1,
      stageAdvancedAt: null,
      launchedBy: index % 2 === 0 ? "system:scheduler" : owner,
      closedBy: campaign.closedAt ? owner : null,
      signedOffBy: campaign.signedOffAt ? owner : null,
      signOffStatement: campaign.signedOffAt
        ? "I confirm that every privileged entitlement in scope was reviewed by its assigned reviewer, and that the revocations went to remediation."
        : null,
    });
  });
  for (const item of db.items) {
    const n = itemNumber(item);
    if (item.context.entitlement.privileged && n % 9 === 0) state.flagged.add(item.id);
    if (n % 29 === 0) state.routing.set(item.id, "self_review");
    else if (item.context.nonHuman && n % 5 === 0) state.routing.set(item.id, "owns_identity");
    else if (n % 37 === 0) state.routing.set(item.id, "no_strategy_reviewer");
  }
  // Closed campaigns of the seed had every item decided; nothing was closed out.
  const overdue = db.campaigns.find((campaign) => campaign.name.includes("NetSuite ERP user"));
  if (overdue) {
    const reviewers = [
      ...new Set(db.items.filter((i) => i.campaignId === overdue.id).map((i) => i.reviewerId)),
    ];
    const times = new Map<string, { lastRemindedAt?: string; lastEscalatedAt?: string }>();
    reviewers.forEach((reviewerId, index) => {
      if (index % 2 === 0)
        times.set(reviewerId, {
          lastRemindedAt: new Date(db.now.getTime() - (index + 1) * dayMs).toISOString(),
          ...(index === 0
            ? { lastEscalatedAt: new Date(db.now.getTime() - 2 * dayMs).toISOString() }
            : {}),
        });
    });
    state.notifications.set(overdue.id, times);
  }
  return state;
}

export function cockpitState(db: MockDatabase): CockpitState {
  let state = states.get(db);
  if (!state) {
    state = seedState(db);
    states.set(db, state);
  }
  return state;
}

interface InputSchema<T> {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

function parseInput<T>(schema: InputSchema<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join(".") || "input";
    fieldErrors[field] = [...(fieldErrors[field] ?? []), issue.message];
  }
  const summary = Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${messages.join("; ")}`)
    .join(". ");
  throw new TrpcMockError("BAD_REQUEST", `Invalid input — ${summary}`, fieldErrors);
}

function utcDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** An actor as resolveActorNames names it: a user's name, or "<job> (system)". */
function actorName(db: MockDatabase, actor: string | null): Dashboard["campaign"]["launchedBy"] {
  if (actor === null) return null;
  if (actor.startsWith("system:")) return { actor, name: `${actor.slice(7)} (system)` };
  const user = db.users.find((candidate) => `user:${candidate.id}` === actor);
  return { actor, name: user?.displayName ?? actor };
}

function campaignFacts(db: MockDatabase, campaignId: string): CampaignFacts {
  const facts = cockpitState(db).facts.get(campaignId);
  if (!facts) throw new Error(`mock campaign ${campaignId} has no cockpit facts`);
  return facts;
}

/** campaigns.dashboard as the server computes it. */
export function mockDashboard(db: MockDatabase, campaign: MockCampaign, now: Date): Dashboard {
  const state = cockpitState(db);
  const facts = campaignFacts(db, campaign.id);
  const snapshot = db.inventory.snapshot;
  const items = db.items.filter((item) => item.campaignId === campaign.id);
  const owner = db.users.find((user) => user.displayName === campaign.controlOwnerName);
  const decided = items.filter((item) => item.decision !== null);
  const late = campaign.status === "active" && new Date(campaign.dueAt).getTime() < now.getTime();
  const percent = (total: number, count: number) =>
    total === 0 ? 100 : Math.floor((count / total) * 100);

  const perDay = new Map<string, number>();
  for (const item of decided) {
    if (!item.decidedAt) continue;
    const day = item.decidedAt.slice(0, 10);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const completion: Dashboard["completion"] = [];
  const start = Date.parse(`${campaign.startsAt.slice(0, 10)}T00:00:00Z`);
  const end = Date.parse(
    `${utcDay(campaign.closedAt ? Date.parse(campaign.closedAt) : now.getTime())}T00:00:00Z`,
  );
  let cumulative = 0;
  for (let time = start; time <= end; time += dayMs) {
    const day = utcDay(time);
    const count = perDay.get(day) ?? 0;
    cumulative += count;
    completion.push({
      day,
      decided: count,
      cumulativeDecided: cumulative,
      cumulativePercent: percent(items.length, cumulative),
    });
  }

  const times = state.notifications.get(campaign.id);
  const reviewerIds = [...new Set(items.map((item) => item.reviewerId))];
  const reviewers = reviewerIds
    .map((reviewerId) => {
      const user = db.users.find((candidate) => candidate.id === reviewerId);
      const mine = items.filter((item) => item.reviewerId === reviewerId);
      const mineDecided = mine.filter((item) => item.decision !== null).length;
      const pending = mine.length - mineDecided;
      return {
        reviewerId,
        name: user?.displayName ?? reviewerId,
        email: user?.email ?? "",
        total: mine.length,
        decided: mineDecided,
        pending,
        overdue: late && pending > 0,
        lastRemindedAt: times?.get(reviewerId)?.lastRemindedAt ?? null,
        lastEscalatedAt: times?.get(reviewerId)?.lastEscalatedAt ?? null,
        independenceFlags: mine.filter((item) => state.flagged.has(item.id)).length,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));

  const systemKeys = [...new Set(items.map((item) => item.context.system.key))];
  const systems = systemKeys
    .map((key) => {
      const mine = items.filter((item) => item.context.system.key === key);
      return {
        key,
        name: mine[0]?.context.system.name ?? key,
        total: mine.length,
        decided: mine.filter((item) => item.decision !== null).length,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));

  const count = (decision: "approve" | "revoke" | "exception") =>
    items.filter((item) => item.decision === decision).length;
  const outcomeCount = (outcome: CloseOutcome) =>
    items.filter((item) => state.closeOutcomes.get(item.id) === outcome).length;
  const decisionMix: Dashboard["decisionMix"] = {
    approve: count("approve"),
    revoke: count("revoke"),
    exception: count("exception"),
    undecided: items.length - decided.length,
    closeOutcomes: {
      kept: outcomeCount("kept"),
      revoked: outcomeCount("revoked"),
      not_reviewed: outcomeCount("not_reviewed"),
    },
  };

  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      status: campaign.status,
      controlId: campaign.controlId,
      controlOwnerId: owner?.id ?? "",
      controlOwnerName: campaign.controlOwnerName,
      startsAt: campaign.startsAt,
      dueAt: campaign.dueAt,
      closedAt: campaign.closedAt,
      signedOffAt: campaign.signedOffAt,
      undecidedRule: state.undecidedRules.get(campaign.id) ?? "not_reviewed",
      currentStage: facts.currentStage,
      hasSecondStage: facts.hasSecondStage,
      stageTwoOpensAt: facts.hasSecondStage
        ? stageOneEndsAt(new Date(campaign.startsAt), new Date(campaign.dueAt)).toISOString()
        : null,
      stageTwoOpenedAt: facts.stageAdvancedAt,
      snapshot: {
        id: snapshot?.id ?? "",
        source: snapshot?.source ?? "",
        importedAt: snapshot?.importedAt ?? campaign.startsAt,
      },
      launchedBy: actorName(db, facts.launchedBy),
      closedBy: actorName(db, facts.closedBy),
      signedOffBy: actorName(db, facts.signedOffBy),
      signOffStatement: facts.signOffStatement,
      totalItems: items.length,
      decidedItems: decided.length,
      pendingItems: items.length - decided.length,
      completionPercent: percent(items.length, decided.length),
      overdue: late && decided.length < items.length,
    },
    completion,
    reviewers,
    systems,
    decisionMix,
    independenceFlags: reviewers.reduce((sum, reviewer) => sum + reviewer.independenceFlags, 0),
    rerouted: routingReasons.map((reason) => ({
      reason,
      count: items.filter((item) => state.routing.get(item.id) === reason).length,
    })),
    revokesAwaitingRemediation: decisionMix.revoke + decisionMix.closeOutcomes.revoked,
  };
}

export interface CockpitMockOptions {
  db: MockDatabase;
  currentUser: () => MockUser | null;
}

/** The cockpit's and the lifecycle's procedures, answering as the real routers do. */
export function campaignCockpitProcedures({
  db,
  currentUser,
}: CockpitMockOptions): ProcedureResolvers {
  const requireRole = (...allowed: Role[]): MockUser => {
    const user = currentUser();
    if (!user) throw new TrpcMockError("UNAUTHORIZED", "Sign in to continue.");
    if (!allowed.some((role) => user.roles.includes(role)))
      throw new TrpcMockError("FORBIDDEN", "Your role does not allow this.");
    return user;
  };
  const findCampaign = (campaignId: string): MockCampaign => {
    const campaign = db.campaigns.find((candidate) => candidate.id === campaignId);
    if (!campaign)
      throw new TrpcMockError("NOT_FOUND", "No campaign with that id.", {
        campaignId: ["No campaign with that id."],
      });
    return campaign;
  };
  /** The campaign's control owner or an administrator. */
  const runs = (campaignId: string) => {
    const user = requireRole("control_owner", "admin");
    const campaign = findCampaign(campaignId);
    if (campaign.controlOwnerName !== user.displayName && !user.roles.includes("admin"))
      throw new TrpcMockError(
        "FORBIDDEN",
        "Only the campaign's control owner or an administrator can change this campaign.",
      );
    return { user, campaign };
  };
  /** Whoever runs the campaign, and a transition the status allows. */
  const manage = (campaignId: string, transition: CampaignTransition) => {
    const { user, campaign } = runs(campaignId);
    const check = checkCampaignTransition(campaign.status, transition);
    if (!check.allowed) throw new TrpcMockError("PRECONDITION_FAILED", check.message);
    return { user, campaign, check };
  };
  const statusChanged = (user: MockUser, campaign: MockCampaign) =>
    appendLedgerEvent(
      db.ledger,
      { actor: `user:${user.id}`, action: "campaign.status_changed", subjectIds: [campaign.id] },
      new Date(),
    );

  return {
    "campaigns.dashboard": (input) => {
      requireRole("control_owner", "auditor", "admin");
      return mockDashboard(db, findCampaign(input.campaignId), new Date());
    },

    "campaigns.remindNow": (input) => {
      const user = requireRole("control_owner");
      const campaign = findCampaign(input.campaignId);
      if (campaign.status !== "active")
        throw new TrpcMockError(
          "PRECONDITION_FAILED",
          "Reminders can only be sent while the campaign is active.",
        );
      const state = cockpitState(db);
      const now = new Date();
      const pending = db.items.filter(
        (item) =>
          item.campaignId === campaign.id &&
          item.decision === null &&
          (!input.reviewerId || item.reviewerId === input.reviewerId),
      );
      const reviewerIds = [...new Set(pending.map((item) => item.reviewerId))];
      if (input.reviewerId && reviewerIds.length === 0)
        throw new TrpcMockError(
          "PRECONDITION_FAILED",
          "That reviewer has no pending items in this campaign.",
        );
      const times = state.notifications.get(campaign.id) ?? new Map();
      state.notifications.set(campaign.id, times);
      const result: RouterOutputs["campaigns"]["remindNow"] = {
        occasion: `manual:${now.toISOString()}`,
        reminded: [],
        skipped: [],
      };
      for (const reviewerId of reviewerIds) {
        const reviewerName =
          db.users.find((candidate) => candidate.id === reviewerId)?.displayName ?? reviewerId;
        const last = times.get(reviewerId)?.lastRemindedAt;
        if (last && now.getTime() - Date.parse(last) < manualReminderCooldownMinutes * minuteMs) {
          result.skipped.push({ reviewerId, reviewerName, lastNotifiedAt: last });
          continue;
        }
        times.set(reviewerId, { ...times.get(reviewerId), lastRemindedAt: now.toISOString() });
        result.reminded.push({
          reviewerId,
          reviewerName,
          pendingItems: pending.filter((item) => item.reviewerId === reviewerId).length,
          delivered: true,
        });
        appendLedgerEvent(
          db.ledger,
          { actor: `user:${user.id}`, action: "notification.sent", subjectIds: [campaign.id] },
          now,
        );
      }
      return result;
    },

    "campaigns.activate": (input) => {
      const { user, campaign, check } = manage(input.campaignId, "activate");
      const now = new Date();
      campaign.status = "active";
      if (Date.parse(campaign.startsAt) > now.getTime()) campaign.startsAt = now.toISOString();
      statusChanged(user, campaign);
      return { campaignId: campaign.id, from: check.from, to: "active", at: now.toISOString() };
    },

    "campaigns.advanceStage": (input) => {
      const { user, campaign } = manage(input.campaignId, "close");
      const facts = campaignFacts(db, campaign.id);
      if (!facts.hasSecondStage)
        throw new TrpcMockError("PRECONDITION_FAILED", "This campaign has no second stage.");
      if (facts.currentStage === 2)
        throw new TrpcMockError(
          "PRECONDITION_FAILED",
          "Stage two of this campaign is already open.",
        );
      const at = new Date().toISOString();
      facts.currentStage = 2;
      facts.stageAdvancedAt = at;
      appendLedgerEvent(
        db.ledger,
        { actor: `user:${user.id}`, action: "campaign.stage_advanced", subjectIds: [campaign.id] },
        new Date(at),
      );
      // Stage two's items are not modelled here: the count is what would go on (not revoked).
      const openedItems = db.items.filter(
        (item) => item.campaignId === campaign.id && item.decision !== "revoke",
      ).length;
      return { campaignId: campaign.id, stage: 2, openedItems, at };
    },

    "campaigns.close": (input) => {
      const { user, campaign, check } = manage(input.campaignId, "close");
      const facts = campaignFacts(db, campaign.id);
      if (facts.hasSecondStage && facts.currentStage === 1)
        throw new TrpcMockError(
          "PRECONDITION_FAILED",
          "The campaign is still in stage one: open stage two first, so approved access gets its second review, then close it.",
        );
      facts.closedBy = `user:${user.id}`;
      const state = cockpitState(db);
      const rule = state.undecidedRules.get(campaign.id) ?? "not_reviewed";
      const outcome = closeOutcomeFor(rule);
      const undecided = db.items.filter(
        (item) => item.campaignId === campaign.id && item.decision === null,
      );
      for (const item of undecided) state.closeOutcomes.set(item.id, outcome);
      const now = new Date().toISOString();
      campaign.status = "closed";
      campaign.closedAt = now;
      statusChanged(user, campaign);
      return {
        campaignId: campaign.id,
        from: check.from,
        to: "closed",
        at: now,
        undecided: { rule, outcome, itemCount: undecided.length },
      };
    },

    "campaigns.signOff": (rawInput) => {
      const user = requireRole("control_owner");
      const input = parseInput(signOffCampaignInput, rawInput);
      const campaign = findCampaign(input.campaignId);
      const check = checkCampaignTransition(campaign.status, "signOff");
      if (!check.allowed) throw new TrpcMockError("PRECONDITION_FAILED", check.message);
      const state = cockpitState(db);
      const owner = db.users.find(
        (candidate) => candidate.displayName === campaign.controlOwnerName,
      );
      const refusal = checkSignOff(
        {
          controlOwnerId: owner?.id ?? "",
          undecidedItems: db.items.filter(
            (item) =>
              item.campaignId === campaign.id &&
              item.decision === null &&
              !state.closeOutcomes.has(item.id),
          ).length,
          itemsAwaitingNextStage: 0,
        },
        user.id,
      );
      if (refusal)
        throw new TrpcMockError(
          refusal.kind === "not_control_owner" ? "FORBIDDEN" : "PRECONDITION_FAILED",
          refusal.message,
        );
      const now = new Date().toISOString();
      campaign.status = "signed_off";
      campaign.signedOffAt = now;
      const facts = campaignFacts(db, campaign.id);
      facts.signedOffBy = `user:${user.id}`;
      facts.signOffStatement = input.statement;
      statusChanged(user, campaign);
      return { campaignId: campaign.id, from: check.from, to: "signed_off", at: now };
    },

    "campaigns.cancel": (rawInput) => {
      const input = parseInput(cancelCampaignInput, rawInput);
      const { user, campaign, check } = manage(input.campaignId, "cancel");
      campaign.status = "cancelled";
      statusChanged(user, campaign);
      return {
        campaignId: campaign.id,
        from: check.from,
        to: "cancelled",
        at: new Date().toISOString(),
      };
    },

    "campaigns.reassign": (rawInput) => {
      const user = requireRole("control_owner", "admin");
      const input = parseInput(reassignItemsInput, rawInput);
      const to = db.users.find((candidate) => candidate.id === input.toReviewerId);
      if (!to)
        throw new TrpcMockError("BAD_REQUEST", "toReviewerId must be an existing user", {
          toReviewerId: ["toReviewerId must be an existing user"],
        });
      const state = cockpitState(db);
      const reassigned = input.itemIds.map((itemId) => {
        const item = db.items.find((candidate) => candidate.id === itemId);
        if (!item)
          throw new TrpcMockError("NOT_FOUND", `No review item with id ${itemId}.`, {
            itemIds: [`No review item with id ${itemId}.`],
          });
        if (item.decision !== null)
          throw new TrpcMockError("BAD_REQUEST", "Only pending items can be reassigned.", {
            itemIds: ["Only pending items can be reassigned."],
          });
        return item;
      });
      const moves = reassigned.map((item) => {
        const fromReviewerId = item.reviewerId;
        item.reviewerId = to.id;
        item.reviewerName = to.displayName;
        item.version += 1;
        state.routing.set(item.id, "reassigned");
        appendLedgerEvent(
          db.ledger,
          {
            actor: `user:${user.id}`,
            action: "review_item.reassigned",
            subjectIds: [item.campaignId, item.id],
          },
          new Date(),
        );
        return { itemId: item.id, campaignId: item.campaignId, fromReviewerId };
      });
      return { reassigned: moves };
    },

    "campaigns.reassignReviewer": (rawInput) => {
      const input = parseInput(reassignReviewerInput, rawInput);
      const { user, campaign } = runs(input.campaignId);
      if (campaign.status !== "scheduled" && campaign.status !== "active")
        throw new TrpcMockError(
          "PRECONDITION_FAILED",
          `The campaign is ${campaignStatusLabels[campaign.status].toLowerCase()}; only the items of a scheduled or active campaign can be reassigned.`,
        );
      const to = db.users.find((candidate) => candidate.id === input.toReviewerId);
      if (!to?.roles.includes("reviewer"))
        throw new TrpcMockError(
          "BAD_REQUEST",
          "toReviewerId must be an active user with the reviewer role",
          { toReviewerId: ["toReviewerId must be an active user with the reviewer role"] },
        );
      const state = cockpitState(db);
      const pending = db.items.filter(
        (item) =>
          item.campaignId === campaign.id &&
          item.reviewerId === input.fromReviewerId &&
          item.decision === null &&
          !state.closeOutcomes.has(item.id),
      );
      if (pending.length === 0)
        throw new TrpcMockError(
          "PRECONDITION_FAILED",
          "That reviewer has no pending items in this campaign.",
        );
      const reassignee = {
        id: to.id,
        identityKey: to.identityKey,
        active: true,
        isReviewer: true,
      };
      let moved = 0;
      const refused = new Map<ConflictReason, string[]>();
      for (const item of pending) {
        // The server's own separation-of-duties rule, on the item's frozen context.
        const refusal = checkReassignment(
          {
            id: item.id,
            reviewerId: item.reviewerId,
            decided: false,
            reviewClosed: false,
            subjectIdentityKey: item.context.identity.externalId,
            subjectIdentityKind: item.context.identity.kind,
            subjectOwnerKey: item.context.nonHuman?.ownerExternalId ?? null,
          },
          reassignee,
        );
        if (refusal?.kind === "separation_of_duties") {
          refused.set(refusal.reason, [...(refused.get(refusal.reason) ?? []), item.id]);
          continue;
        }
        if (refusal) throw new TrpcMockError("BAD_REQUEST", refusal.message);
        item.reviewerId = to.id;
        item.reviewerName = to.displayName;
        item.version += 1;
        state.routing.set(item.id, "reassigned");
        moved += 1;
        appendLedgerEvent(
          db.ledger,
          {
            actor: `user:${user.id}`,
            action: "review_item.reassigned",
            subjectIds: [campaign.id, item.id],
          },
          new Date(),
        );
      }
      return {
        campaignId: campaign.id,
        fromReviewerId: input.fromReviewerId,
        toReviewerId: to.id,
        moved,
        refused: [...refused].map(([reason, itemIds]) => ({ reason, itemIds })),
      };
    },
  };
}
