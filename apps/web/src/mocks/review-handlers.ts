import type { Role } from "@attest/domain/access/roles";
import { isNonHuman } from "@attest/domain/inventory/identity-kinds";
import {
  checkDecidable,
  checkDecisionContent,
  defaultMaxExceptionDays,
} from "@attest/domain/reviews/check-decision";
import { decisionInput } from "@attest/domain/reviews/decision-input";
import {
  bulkDecisionInput,
  type QueueFilters,
  type QueueInput,
  queueInput,
} from "@attest/domain/reviews/queue-input";
import { reviewItemFlags } from "@attest/domain/reviews/review-item-flags";
import type { z } from "zod";
import type { RouterOutputs } from "@/lib/trpc";
import type { MockDatabase, MockUser, ReviewItem } from "@/mocks/mock-database";
import { appendLedgerEvent } from "@/mocks/mock-ledger";
import { type ProcedureResolvers, TrpcMockError } from "@/mocks/trpc-msw";

type QueueItem = RouterOutputs["reviews"]["queue"]["items"][number];
type DecisionEntry = RouterOutputs["reviews"]["item"]["decisionHistory"][number];

/** What the mock remembers beside the shared database: each item's decision events. */
const histories = new WeakMap<MockDatabase, Map<string, DecisionEntry[]>>();

function historyOf(db: MockDatabase, itemId: string): DecisionEntry[] {
  let byItem = histories.get(db);
  if (!byItem) {
    byItem = new Map();
    histories.set(db, byItem);
  }
  let entries = byItem.get(itemId);
  if (!entries) {
    entries = [];
    const item = db.items.find((candidate) => candidate.id === itemId);
    // A seeded decision was recorded once, by its reviewer.
    if (item?.decision && item.decidedAt) {
      entries.push({
        seq: 1,
        decision: item.decision,
        decidedAt: item.decidedAt,
        actorName: item.decidedByName ?? item.reviewerName,
        justification: item.justification,
        exceptionExpiresOn: item.exceptionExpiresOn,
        compensatingControl: null,
        viaBulk: false,
      });
    }
    byItem.set(itemId, entries);
  }
  return entries;
}

function parseOrThrow<Schema extends z.ZodType>(schema: Schema, raw: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.join(".") || "input";
    fieldErrors[field] = [...(fieldErrors[field] ?? []), issue.message];
  }
  const summary = Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${messages.join("; ")}`)
    .join(". ");
  throw new TrpcMockError("BAD_REQUEST", `Invalid input — ${summary}`, fieldErrors);
}

/** The server's selection fingerprint: SHA-256 hex of the sorted `itemId:version` lines. */
async function selectionFingerprint(items: readonly ReviewItem[]): Promise<string> {
  const lines = items.map((item) => `${item.id}:${item.version}`).sort();
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(lines.join("\n")));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function matchesSearch(item: ReviewItem, search: string | undefined): boolean {
  if (!search) return true;
  const needle = search.trim().toLowerCase();
  const { identity, system, entitlement, account } = item.context;
  return [identity.displayName, system.name, entitlement.name, account.username].some((value) =>
    value.toLowerCase().includes(needle),
  );
}

/**
 * The mock's answers to the reviewer workspace, with the real rules from @attest/domain:
 * who may decide, what a decision needs, flags as of the campaign's start, and the queue's order.
 */
export function reviewProcedures({
  db,
  currentUser,
}: {
  db: MockDatabase;
  currentUser: () => MockUser | null;
}): ProcedureResolvers {
  const requireReviewer = (): MockUser => {
    const user = currentUser();
    if (!user) throw new TrpcMockError("UNAUTHORIZED", "Sign in to continue.");
    if (!user.roles.includes("reviewer" satisfies Role)) {
      throw new TrpcMockError("FORBIDDEN", "Your role does not allow this.");
    }
    return user;
  };

  const findCampaign = (campaignId: string) => {
    const campaign = db.campaigns.find((candidate) => candidate.id === campaignId);
    if (!campaign) {
      throw new TrpcMockError("NOT_FOUND", "No campaign with that id.", {
        campaignId: ["No campaign with that id."],
      });
    }
    return campaign;
  };

  const refusalFor = (item: ReviewItem, user: MockUser) => {
    const campaign = findCampaign(item.campaignId);
    return checkDecidable(
      {
        reviewerId: item.reviewerId,
        subjectIdentityKey: item.context.identity.externalId,
        campaignStatus: campaign.status,
        justificationRequired: campaign.justificationRequired,
      },
      { reviewerId: user.id, reviewerIdentityKey: user.identityKey },
    );
  };

  const toQueueItem = (item: ReviewItem, user: MockUser, groupBy: "person" | "entitlement") => {
    const { reviewerId: _reviewerId, ...view } = item;
    const campaign = findCampaign(item.campaignId);
    const refusal = refusalFor(item, user);
    const { identity, system, entitlement } = item.context;
    const queueItem: QueueItem = {
      ...view,
      compensatingControl:
        item.decision === "exception"
          ? (historyOf(db, item.id).at(-1)?.compensatingControl ?? null)
          : null,
      flags: reviewItemFlags(item.context, new Date(campaign.startsAt)),
      group:
        groupBy === "person"
          ? { key: identity.externalId, label: identity.displayName }
          : {
              key: `${system.key}/${entitlement.key}`,
              label: `${system.name} · ${entitlement.name}`,
            },
      canDecide: refusal === null,
      cannotDecideReason: refusal?.message ?? null,
    };
    return queueItem;
  };

  const matching = (
    user: MockUser,
    input: Pick<QueueInput, "campaignId" | "search"> & {
      status: QueueInput["status"];
      filters: QueueFilters;
    },
  ) => {
    const campaign = findCampaign(input.campaignId);
    const asOf = new Date(campaign.startsAt);
    return db.items.filter((item) => {
      if (item.campaignId !== input.campaignId || item.reviewerId !== user.id) return false;
      if (!matchesSearch(item, input.search)) return false;
      const { filters } = input;
      const { entitlement, identity, grant, account } = item.context;
      if (filters.privileged && !entitlement.privileged) return false;
      if (filters.nonHuman && !isNonHuman(identity.kind)) return false;
      if (filters.risk && entitlement.risk !== filters.risk) return false;
      if (filters.unused90) {
        const used = grant.lastUsedAt ?? account.lastLoginAt;
        if (used && asOf.getTime() - new Date(used).getTime() <= 90 * 86_400_000) return false;
      }
      if (filters.flagged && reviewItemFlags(item.context, asOf).length === 0) return false;
      return true;
    });
  };

  const byStatus = (status: QueueInput["status"]) => (item: ReviewItem) =>
    status === "all" || (status === "pending") === (item.decision === null);

  const sortFor = (groupBy: "person" | "entitlement") => (a: ReviewItem, b: ReviewItem) => {
    const x = a.context;
    const y = b.context;
    const order =
      groupBy === "person"
        ? x.identity.displayName.localeCompare(y.identity.displayName) ||
          x.identity.externalId.localeCompare(y.identity.externalId) ||
          x.system.name.localeCompare(y.system.name) ||
          x.entitlement.name.localeCompare(y.entitlement.name)
        : x.system.name.localeCompare(y.system.name) ||
          x.entitlement.name.localeCompare(y.entitlement.name) ||
          x.entitlement.key.localeCompare(y.entitlement.key) ||
          x.identity.displayName.localeCompare(y.identity.displayName);
    return order || a.id.localeCompare(b.id);
  };

  const record = (
    item: ReviewItem,
    user: MockUser,
    fields: {
      decision: ReviewItem["decision"] & string;
      justification: string | null;
      exceptionExpiresOn: string | null;
      compensatingControl: string | null;
      viaBulk: boolean;
    },
  ) => {
    const now = new Date().toISOString();
    item.decision = fields.decision;
    item.decidedAt = now;
    item.decidedByName = user.displayName;
    item.justification = fields.justification;
    item.exceptionExpiresOn = fields.exceptionExpiresOn;
    item.version += 1;
    appendLedgerEvent(
      db.ledger,
      {
        actor: `user:${user.id}`,
        action: "decision.recorded",
        subjectIds: [item.campaignId, item.id],
      },
      new Date(now),
    );
    historyOf(db, item.id).push({
      seq: db.ledger.events.length,
      decision: fields.decision,
      decidedAt: now,
      actorName: user.displayName,
      justification: fields.justification,
      exceptionExpiresOn: fields.exceptionExpiresOn,
      compensatingControl: fields.compensatingControl,
      viaBulk: fields.viaBulk,
    });
  };

  const findItem = (itemId: string) => {
    const item = db.items.find((candidate) => candidate.id === itemId);
    if (!item) {
      throw new TrpcMockError("NOT_FOUND", "No review item with that id.", {
        itemId: ["No review item with that id."],
      });
    }
    return item;
  };

  return {
    "reviews.myCampaigns": () => {
      const user = requireReviewer();
      return db.campaigns
        .filter((campaign) => ["active", "closed", "signed_off"].includes(campaign.status))
        .map((campaign) => {
          const mine = db.items.filter(
            (item) => item.campaignId === campaign.id && item.reviewerId === user.id,
          );
          const pending = mine.filter((item) => item.decision === null);
          const asOf = new Date(campaign.startsAt);
          return {
            id: campaign.id,
            name: campaign.name,
            status: campaign.status,
            controlId: campaign.controlId,
            dueAt: campaign.dueAt,
            totalItems: mine.length,
            pendingItems: pending.length,
            decidedItems: mine.length - pending.length,
            flaggedPending: pending.filter((item) => reviewItemFlags(item.context, asOf).length > 0)
              .length,
            maxExceptionDays: campaign.maxExceptionDays ?? defaultMaxExceptionDays,
            justificationRequired: campaign.justificationRequired,
            currentStage: 1,
            overdue:
              campaign.status === "active" &&
              pending.length > 0 &&
              new Date(campaign.dueAt).getTime() < Date.now(),
          };
        })
        .filter((campaign) => campaign.totalItems > 0)
        .sort(
          (a, b) =>
            Number(b.status === "active") - Number(a.status === "active") ||
            a.dueAt.localeCompare(b.dueAt),
        );
    },

    "reviews.queue": (rawInput) => {
      const user = requireReviewer();
      const input = parseOrThrow(queueInput, rawInput);
      const rows = matching(user, input);
      const counts = {
        pending: rows.filter(byStatus("pending")).length,
        decided: rows.filter(byStatus("decided")).length,
        all: rows.length,
      };
      const listed = rows.filter(byStatus(input.status)).sort(sortFor(input.groupBy));
      return {
        items: listed
          .slice(input.offset, input.offset + input.limit)
          .map((item) => toQueueItem(item, user, input.groupBy)),
        total: listed.length,
        counts,
      };
    },

    "reviews.item": (input) => {
      const user = requireReviewer();
      const item = db.items.find((candidate) => candidate.id === input.itemId);
      if (!item || item.reviewerId !== user.id) {
        throw new TrpcMockError("NOT_FOUND", "No review item of yours with that id.");
      }
      return {
        ...toQueueItem(item, user, "person"),
        stageHistory: [],
        decisionHistory: [...historyOf(db, item.id)],
      };
    },

    "reviews.recordDecision": (rawInput) => {
      const user = requireReviewer();
      const input = parseOrThrow(decisionInput, rawInput);
      const item = findItem(input.itemId);
      const campaign = findCampaign(item.campaignId);
      const refusal = refusalFor(item, user);
      if (refusal) {
        throw new TrpcMockError(
          refusal.kind === "campaign_not_active" || refusal.kind === "stage_closed"
            ? "PRECONDITION_FAILED"
            : "FORBIDDEN",
          refusal.message,
        );
      }
      const invalid = checkDecisionContent(
        {
          justificationRequired: campaign.justificationRequired,
          maxExceptionDays: campaign.maxExceptionDays ?? defaultMaxExceptionDays,
        },
        {
          decision: input.decision,
          justification: input.justification,
          exceptionExpiresOn: input.exceptionExpiresOn,
          compensatingControl: input.compensatingControl,
          today: new Date().toISOString().slice(0, 10),
        },
      );
      if (invalid) {
        throw new TrpcMockError("BAD_REQUEST", invalid.message, {
          [invalid.field]: [invalid.message],
        });
      }
      if (item.version !== input.version) {
        throw new TrpcMockError(
          "CONFLICT",
          "This item was decided elsewhere or reassigned since you loaded it. It now shows its current state.",
        );
      }
      record(item, user, {
        decision: input.decision,
        justification: input.justification?.trim() || null,
        exceptionExpiresOn:
          input.decision === "exception" ? (input.exceptionExpiresOn ?? null) : null,
        compensatingControl:
          input.decision === "exception" ? input.compensatingControl?.trim() || null : null,
        viaBulk: false,
      });
      return toQueueItem(item, user, "person");
    },

    "reviews.bulkPreview": async (input) => {
      const user = requireReviewer();
      const rows = matching(user, {
        ...input,
        status: input.status ?? "pending",
        filters: input.filters ?? {},
      }).filter(byStatus(input.status ?? "pending"));
      const decidable = rows.filter((item) => refusalFor(item, user) === null);
      return {
        decidable: decidable.length,
        notDecidable: rows.length - decidable.length,
        fingerprint: await selectionFingerprint(decidable),
      };
    },

    "reviews.bulkDecide": async (rawInput) => {
      const user = requireReviewer();
      const input = parseOrThrow(bulkDecisionInput, rawInput);
      const campaign = findCampaign(input.campaignId);
      const invalid = checkDecisionContent(
        { justificationRequired: campaign.justificationRequired },
        {
          decision: input.decision,
          justification: input.justification,
          exceptionExpiresOn: undefined,
          today: new Date().toISOString().slice(0, 10),
        },
      );
      if (invalid) {
        throw new TrpcMockError("BAD_REQUEST", invalid.message, {
          [invalid.field]: [invalid.message],
        });
      }
      const skipped: { itemId: string; reason: string }[] = [];
      let targets: ReviewItem[];
      if (input.selection.kind === "filter") {
        const { selection } = input;
        targets = matching(user, { campaignId: campaign.id, ...selection })
          .filter(byStatus(selection.status))
          .filter((item) => refusalFor(item, user) === null);
        if (targets.length !== selection.expectedCount) {
          throw new TrpcMockError(
            "CONFLICT",
            `The selection changed: ${targets.length} items now match, not ${selection.expectedCount}. Review the queue and confirm again.`,
          );
        }
        if ((await selectionFingerprint(targets)) !== selection.fingerprint) {
          throw new TrpcMockError(
            "CONFLICT",
            "The selection changed since you confirmed it: an item in it was decided elsewhere or reassigned, or another item now matches. Review the queue and confirm again.",
          );
        }
      } else {
        targets = [];
        for (const { itemId, version } of input.selection.items) {
          const item = db.items.find((candidate) => candidate.id === itemId);
          const refusal = item ? refusalFor(item, user) : null;
          if (!item || item.campaignId !== campaign.id) {
            skipped.push({ itemId, reason: "Not an item of this campaign." });
          } else if (refusal) {
            skipped.push({ itemId, reason: refusal.message });
          } else if (item.version !== version) {
            skipped.push({
              itemId,
              reason: "Decided elsewhere or reassigned since you loaded it.",
            });
          } else {
            targets.push(item);
          }
        }
      }
      for (const item of targets) {
        record(item, user, {
          decision: input.decision,
          justification: input.justification?.trim() || null,
          exceptionExpiresOn: null,
          compensatingControl: null,
          viaBulk: true,
        });
      }
      return { recorded: targets.length, skipped };
    },

    "reviews.reassignCandidates": (input) => {
      const user = requireReviewer();
      findCampaign(input.campaignId);
      const needle = input.search?.trim().toLowerCase() ?? "";
      return db.users
        .filter(
          (candidate) =>
            candidate.id !== user.id &&
            candidate.roles.includes("reviewer") &&
            (!needle ||
              candidate.displayName.toLowerCase().includes(needle) ||
              candidate.email.toLowerCase().includes(needle)),
        )
        .slice(0, 20)
        .map((candidate) => ({
          id: candidate.id,
          name: candidate.displayName,
          email: candidate.email,
        }));
    },

    "reviews.reassign": (input) => {
      const user = requireReviewer();
      const item = findItem(input.itemId);
      const refusal = refusalFor(item, user);
      if (refusal) throw new TrpcMockError("FORBIDDEN", refusal.message);
      if (item.decision !== null) {
        throw new TrpcMockError("PRECONDITION_FAILED", "Only a pending item can be reassigned.");
      }
      if (item.version !== input.version) {
        throw new TrpcMockError(
          "CONFLICT",
          "This item was decided elsewhere or reassigned since you loaded it.",
        );
      }
      const target = db.users.find((candidate) => candidate.id === input.toUserId);
      if (!target?.roles.includes("reviewer")) {
        throw new TrpcMockError("BAD_REQUEST", "toUserId must be a reviewer", {
          toUserId: ["toUserId must be a reviewer"],
        });
      }
      if (target.identityKey && target.identityKey === item.context.identity.externalId) {
        throw new TrpcMockError(
          "PRECONDITION_FAILED",
          `${target.displayName} cannot review their own access.`,
        );
      }
      item.reviewerId = target.id;
      item.reviewerName = target.displayName;
      item.version += 1;
      appendLedgerEvent(
        db.ledger,
        {
          actor: `user:${user.id}`,
          action: "review_item.reassigned",
          subjectIds: [item.campaignId, item.id],
        },
        new Date(),
      );
      return { itemId: item.id, toReviewerName: target.displayName };
    },
  };
}
