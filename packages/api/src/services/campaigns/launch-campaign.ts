import type { Database } from "@attest/db/database";
import { findCampaignDefinitionRow } from "@attest/db/repositories/campaign-definitions";
import {
  findCampaignByOccurrence,
  type GeneratedReviewItem,
  insertGeneratedReviewItems,
  insertLaunchedCampaign,
  type LaunchedCampaignRow,
} from "@attest/db/repositories/campaign-launches";
import { canonicalJson } from "@attest/evidence/canonical-json";
import { AppError } from "../../app-error";
import { appendEvidence, type EvidenceActor, formatActor } from "../evidence/append-evidence";
import { newId } from "../inventory/import/new-id";
import { requireSnapshot } from "../inventory/inventory-views";
import { definitionSettings, parseStoredDefinition } from "./campaign-definition-view";
import { ReviewPopulationHasher } from "./hash-review-population";
import { type CampaignPlanSummary, planCampaignItems, summarizePlan } from "./plan-campaign-items";

export interface LaunchCampaignOptions {
  definitionId: string;
  /** Default: the latest snapshot. */
  snapshotId?: string;
  /**
   * The scheduled occurrence this launch is for; null or absent when launched by hand. A second
   * launch of the same occurrence returns the campaign the first made and writes nothing.
   */
  occurrenceAt?: Date | null;
  /** A user launching by hand, or the scheduler ({ system: "scheduler" }). */
  launchedBy: EvidenceActor;
  now: Date;
}

export interface LaunchCampaignResult {
  /** False when the occurrence had already been launched: `campaign` is that earlier one. */
  created: boolean;
  campaign: LaunchedCampaignRow;
  /** What was generated (the preview's numbers); null when nothing was. */
  summary: CampaignPlanSummary | null;
}

const dayMs = 86_400_000;

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Launches a campaign from a definition over a frozen snapshot: the campaign row, every
 * stage-one item (COPY, with its reviewer, routing and frozen context) and the
 * `campaign.launched` event commit in one transaction, or none of them do. Starts now, or at
 * the occurrence when that is still ahead (the campaign is then scheduled).
 */
export async function launchCampaign(
  db: Database,
  options: LaunchCampaignOptions,
): Promise<LaunchCampaignResult> {
  const occurrenceAt = options.occurrenceAt?.toISOString() ?? null;
  if (occurrenceAt) {
    const existing = await findCampaignByOccurrence(db, options.definitionId, occurrenceAt);
    if (existing) return { created: false, campaign: existing, summary: null };
  }
  const snapshot = await requireSnapshot(db, options.snapshotId);
  const now = options.now;

  return db.transaction(async (tx) => {
    // Read under a share lock: the settings recorded in the launch event are the ones the
    // campaign runs with, and nobody changes the definition until this launch has committed.
    const row = await findCampaignDefinitionRow(tx, options.definitionId, { lock: "share" });
    if (!row)
      throw new AppError("not_found", "No campaign definition with that id.", {
        field: "definitionId",
      });
    if (row.archivedAt)
      throw new AppError("precondition_failed", "This campaign definition is archived.", {
        field: "definitionId",
      });
    const definition = parseStoredDefinition(row);
    const startsAt = new Date(Math.max(now.getTime(), options.occurrenceAt?.getTime() ?? 0));
    const dueAt = new Date(startsAt.getTime() + definition.durationDays * dayMs);
    const campaignId = newId();
    const status =
      startsAt.getTime() > now.getTime() ? ("scheduled" as const) : ("active" as const);
    const launchedBy = formatActor(options.launchedBy);
    const campaign: LaunchedCampaignRow = {
      id: campaignId,
      definitionId: options.definitionId,
      name: `${definition.name} — ${startsAt.toISOString().slice(0, 10)}`,
      status,
      snapshotId: snapshot.id,
      startsAt: startsAt.toISOString(),
      dueAt: dueAt.toISOString(),
      launchedBy,
      occurrenceAt,
      itemCount: 0,
    };

    // The campaign row goes in before any item: a concurrent launch of the same occurrence waits
    // on its unique key here, then finds it, instead of generating 100,000 items only to roll back.
    const inserted = await insertLaunchedCampaign(tx, {
      ...campaign,
      status,
      launchedBy,
      createdAt: now.toISOString(),
    });
    if (!inserted && occurrenceAt) {
      const existing = await findCampaignByOccurrence(tx, options.definitionId, occurrenceAt);
      if (existing) return { created: false, campaign: existing, summary: null };
    }
    if (!inserted) throw new Error(`campaign ${campaignId} was not inserted`);

    const plan = await planCampaignItems(tx, { definition, snapshotId: snapshot.id, now });
    if (plan.unassignable.length > 0) {
      throw new AppError(
        "precondition_failed",
        `${plan.unassignable.length} item(s) have no reviewer free of conflict. ${plan.unassignable[0]} Choose another fallback reviewer.`,
        { field: "fallbackReviewerId" },
      );
    }
    if (plan.items.length === 0) {
      throw new AppError(
        "precondition_failed",
        `The scope selects no grants of snapshot ${snapshot.source} (${snapshot.importedAt.slice(0, 10)}): there is nothing to review.`,
        { field: "scope" },
      );
    }
    const createdAt = now.toISOString();
    // Stored reviewer by reviewer: each reviewer's queue sits on neighbouring pages, and the two
    // reviewer indexes take their entries in key order instead of all over the tree.
    const ordered = [...plan.items].sort(
      (a, b) => compareIds(a.reviewerId, b.reviewerId) || compareIds(a.grantId, b.grantId),
    );
    const items: GeneratedReviewItem[] = ordered.map((item) => ({
      id: newId(),
      campaignId,
      grantId: item.grantId,
      stage: 1,
      reviewerId: item.reviewerId,
      routedFromId: item.routedFromId,
      routingReason: item.routingReason,
      routingNote: item.routingNote,
      reviewerHoldsPrivileged: item.reviewerHoldsPrivileged,
      previousStageItemId: null,
      context: item.context,
      createdAt,
    }));
    // Each item is hashed as the COPY takes it, while the server loads the ones before it; its
    // context is serialised once, canonically, for both. Ids are time-ordered and made in
    // sequence, so this is the hash's ascending-id order.
    const hasher = new ReviewPopulationHasher();
    await insertGeneratedReviewItems(
      tx,
      (function* () {
        for (const item of items) {
          const contextJson = canonicalJson(item.context);
          hasher.add(item, contextJson);
          yield { ...item, context: contextJson };
        }
      })(),
    );
    const summary = summarizePlan(plan, definition);
    await appendEvidence(tx, {
      action: "campaign.launched",
      actor: options.launchedBy,
      subjectIds: [campaignId, options.definitionId, snapshot.id],
      payload: {
        campaignId,
        definitionId: options.definitionId,
        name: campaign.name,
        snapshotId: snapshot.id,
        startsAt: campaign.startsAt,
        dueAt: campaign.dueAt,
        occurrenceAt,
        itemCount: items.length,
        reviewerCount: summary.reviewerCount,
        rerouted: summary.rerouted,
        independenceFlags: summary.independenceFlags,
        definition: definitionSettings(definition),
        itemsHash: hasher.digest(),
      },
    });
    return { created: true, campaign: { ...campaign, itemCount: items.length }, summary };
  });
}
