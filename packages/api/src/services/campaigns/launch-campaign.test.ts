import { updateReviewItemDecision } from "@attest/db/repositories/review-items";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import type { CampaignDefinitionInput } from "@attest/domain/campaigns/campaign-definition";
import { parseEvidencePayload } from "@attest/domain/evidence/evidence-actions";
import { reviewItemContext } from "@attest/domain/reviews/review-item-context";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../app-error";
import { createGenerationFixture, type GenerationFixture } from "../../testing/generation-fixture";
import { testLedgerConfig } from "../../testing/test-context";
import { verifyLedger } from "../evidence/verify-ledger";
import { launchCampaign } from "./launch-campaign";
import { previewCampaign } from "./preview-campaign";
import { routeStageTwoItem, routeStageTwoItems } from "./route-stage-two-item";
import { createCampaignDefinition, updateCampaignDefinition } from "./save-campaign-definition";

const now = new Date("2026-11-30T09:00:00.000Z");

interface ItemRow {
  id: string;
  grantId: string;
  stage: number;
  reviewerId: string;
  routedFromId: string | null;
  routingReason: string | null;
  routingNote: string | null;
  reviewerHoldsPrivileged: boolean;
  previousStageItemId: string | null;
  context: unknown;
}

describe("campaign generation", () => {
  let db: TestDatabase;
  let fixture: GenerationFixture;

  beforeAll(async () => {
    db = await createTestDatabase();
    fixture = await createGenerationFixture(db);
  });
  afterAll(async () => {
    await db.close();
  });

  async function define(overrides: Partial<CampaignDefinitionInput> = {}) {
    const saved = await createCampaignDefinition(db, {
      input: fixture.definition(overrides),
      actor: { user: fixture.users.carl.id },
      now,
    });
    return saved.id;
  }

  async function launch(overrides: Partial<CampaignDefinitionInput> = {}) {
    const definitionId = await define(overrides);
    const result = await launchCampaign(db, {
      definitionId,
      snapshotId: fixture.snapshotId,
      launchedBy: { user: fixture.users.carl.id },
      now,
    });
    return { definitionId, result, items: await itemsByGrant(result.campaign.id) };
  }

  /** The campaign's items keyed "<holder>/<entitlement>" like fixture.grants. */
  async function itemsByGrant(campaignId: string, stage = 1): Promise<Map<string, ItemRow>> {
    const labels = new Map(Object.entries(fixture.grants).map(([label, id]) => [id, label]));
    const rows = await db.query<ItemRow>(
      `select id, grant_id as "grantId", stage, reviewer_id as "reviewerId",
              routed_from_id as "routedFromId", routing_reason as "routingReason",
              routing_note as "routingNote", reviewer_holds_privileged as "reviewerHoldsPrivileged",
              previous_stage_item_id as "previousStageItemId", context
       from review_items where campaign_id = $1 and stage = $2`,
      [campaignId, stage],
    );
    return new Map(rows.map((row) => [labels.get(row.grantId) ?? row.grantId, row]));
  }

  const preview = (overrides: Partial<CampaignDefinitionInput>) =>
    previewCampaign(db, {
      definition: fixture.definition(overrides),
      snapshotId: fixture.snapshotId,
      now,
    });

  describe("scope", () => {
    it("selects the grants of the scope, leaving orphan accounts out and reporting them", async () => {
      const everything = await preview({});
      expect(everything.populationSize).toBe(11);
      expect(everything.orphanGrants).toBe(1);
      const crm = await preview({ scope: { systemKeys: ["crm"] } });
      expect(crm.populationSize).toBe(4);
      expect(crm.orphanGrants).toBe(1);
    });

    it("filters by entitlement, privilege, risk and identity kind, all together", async () => {
      expect((await preview({ scope: { entitlementKeys: ["erp/gl-admin"] } })).populationSize).toBe(
        2,
      );
      expect((await preview({ scope: { privilegedOnly: true } })).populationSize).toBe(2);
      expect((await preview({ scope: { risks: ["medium"] } })).populationSize).toBe(5);
      expect(
        (await preview({ scope: { identityKinds: ["service_account"] } })).populationSize,
      ).toBe(1);
      const combined = await preview({
        scope: { systemKeys: ["erp"], privilegedOnly: true, identityKinds: ["employee"] },
      });
      expect(combined.populationSize).toBe(1);
      expect(combined.orphanGrants).toBe(0);
    });

    it("names scope keys the snapshot does not know", async () => {
      const typo = await preview({
        scope: { systemKeys: ["erp", "ERP"], entitlementKeys: ["erp/gl-post", "erp/gl_post"] },
      });
      expect(typo.unmatchedScopeKeys).toEqual({
        systemKeys: ["ERP"],
        entitlementKeys: ["erp/gl_post"],
      });
    });
  });

  describe("reviewer strategies", () => {
    it("manager: each person's manager, the fallback where the manager has no user", async () => {
      const { items } = await launch({ reviewerStrategy: "manager" });
      const { users } = fixture;
      expect(items.get("ed/gl-post")).toMatchObject({
        reviewerId: users.maya.id,
        routingReason: null,
      });
      expect(items.get("maya/crm-user")?.reviewerId).toBe(users.casey.id);
      const xena = items.get("xena/crm-user");
      expect(xena).toMatchObject({
        reviewerId: users.fiona.id,
        routedFromId: null,
        routingReason: "no_strategy_reviewer",
      });
      expect(xena?.routingNote).toContain(`manager ${fixture.keys.zed} has no Attest user`);
      expect(xena?.routingNote).toContain(`fallback reviewer ${users.fiona.displayName}`);
      // A service account has no manager; a manager's report who left is still reviewed.
      expect(items.get("svc/gl-admin")?.routingReason).toBe("no_strategy_reviewer");
      expect(items.get("tom/gl-post")?.reviewerId).toBe(users.maya.id);
      // Casey has no manager in the snapshot.
      expect(items.get("casey/crm-user")).toMatchObject({
        reviewerId: users.fiona.id,
        routingReason: "no_strategy_reviewer",
      });
    });

    it("entitlement owner: the owner, the fallback for an entitlement nobody owns", async () => {
      const { items } = await launch({ reviewerStrategy: "entitlement_owner" });
      expect(items.get("ed/gl-post")?.reviewerId).toBe(fixture.users.fay.id);
      expect(items.get("svc/gl-admin")?.reviewerId).not.toBe(fixture.users.owen.id);
      expect(items.get("ed/crm-user")).toMatchObject({
        reviewerId: fixture.users.fiona.id,
        routingReason: "no_strategy_reviewer",
      });
    });

    it("system owner: the system's owner for each of its grants", async () => {
      const { items } = await launch({ reviewerStrategy: "system_owner" });
      expect(items.get("ed/gl-post")?.reviewerId).toBe(fixture.users.owen.id);
      expect(items.get("maya/gl-post")?.reviewerId).toBe(fixture.users.owen.id);
      expect(items.get("ed/crm-user")?.routingReason).toBe("no_strategy_reviewer");
    });

    it("identity owner: a non-human identity goes to its owner; people to the fallback", async () => {
      const { items } = await launch({ reviewerStrategy: "identity_owner" });
      // The owner is the certifier this strategy asks for, so owning it is no conflict here.
      expect(items.get("svc/gl-admin")).toMatchObject({
        reviewerId: fixture.users.owen.id,
        routingReason: null,
      });
      const ed = items.get("ed/gl-post");
      expect(ed).toMatchObject({
        reviewerId: fixture.users.fiona.id,
        routingReason: "no_strategy_reviewer",
      });
      expect(ed?.routingNote).toContain("is a person");
    });

    it("named: one reviewer for every item", async () => {
      const { items } = await launch({
        reviewerStrategy: "named",
        namedReviewerId: fixture.users.fay.id,
        scope: { systemKeys: ["crm"] },
      });
      expect(new Set([...items.values()].map((item) => item.reviewerId))).toEqual(
        new Set([fixture.users.fay.id]),
      );
    });
  });

  describe("separation of duties", () => {
    it("sends an owner's review of their own access to their manager, and records why", async () => {
      const { items, result } = await launch({ reviewerStrategy: "system_owner" });
      const own = items.get("owen/gl-admin");
      expect(own).toMatchObject({
        reviewerId: fixture.users.maya.id,
        routedFromId: fixture.users.owen.id,
        routingReason: "self_review",
      });
      expect(own?.routingNote).toBe(
        `${fixture.users.owen.displayName} (system owner) may not review their own access; sent to their manager ${fixture.users.maya.displayName}.`,
      );
      expect(items.get("owen/gl-post")?.routingReason).toBe("self_review");
      expect(result.summary?.rerouted).toMatchObject({ self_review: 2, owns_identity: 1 });
    });

    it("sends a non-human identity away from its owner when another strategy picked them", async () => {
      const { items } = await launch({ reviewerStrategy: "system_owner" });
      const svc = items.get("svc/gl-admin");
      expect(svc).toMatchObject({
        reviewerId: fixture.users.maya.id,
        routedFromId: fixture.users.owen.id,
        routingReason: "owns_identity",
      });
      expect(svc?.routingNote).toContain("owns svc-erp and may not review it");
    });

    it("named reviewer's own access goes to their manager", async () => {
      const { items } = await launch({
        reviewerStrategy: "named",
        namedReviewerId: fixture.users.maya.id,
      });
      expect(items.get("maya/crm-user")).toMatchObject({
        reviewerId: fixture.users.casey.id,
        routedFromId: fixture.users.maya.id,
        routingReason: "self_review",
      });
      expect(items.get("ed/crm-user")?.reviewerId).toBe(fixture.users.maya.id);
    });

    it("gives the fallback reviewer's own access to the fallback's manager", async () => {
      const { items } = await launch({
        reviewerStrategy: "entitlement_owner",
        fallbackReviewerId: fixture.users.ed.id,
        scope: { systemKeys: ["crm"] },
      });
      expect(items.get("maya/crm-user")?.reviewerId).toBe(fixture.users.ed.id);
      const own = items.get("ed/crm-user");
      expect(own).toMatchObject({
        reviewerId: fixture.users.maya.id,
        routedFromId: null,
        routingReason: "no_strategy_reviewer",
      });
      expect(own?.routingNote).toBe(
        `No entitlement owner can review: CRM user on CRM has no owner in the snapshot; ${fixture.users.ed.displayName} (fallback reviewer) may not review their own access, so it went to their manager ${fixture.users.maya.displayName}.`,
      );
    });

    it("refuses to launch when nobody may review an item, and writes nothing", async () => {
      const definitionId = await define({
        fallbackReviewerId: fixture.users.casey.id,
        scope: { systemKeys: ["crm"] },
      });
      const before = await db.query<{ count: number }>(
        "select count(*)::int as count from campaigns where definition_id = $1",
        [definitionId],
      );
      const error = await launchCampaign(db, {
        definitionId,
        snapshotId: fixture.snapshotId,
        launchedBy: { user: fixture.users.carl.id },
        now,
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).field).toBe("fallbackReviewerId");
      expect((error as AppError).message).toContain("Casey");
      const after = await db.query<{ count: number }>(
        "select count(*)::int as count from campaigns where definition_id = $1",
        [definitionId],
      );
      expect(after).toEqual(before);
    });
  });

  it("flags reviewers who hold privileged access on the system under review", async () => {
    const { items, result } = await launch({ reviewerStrategy: "system_owner" });
    // Owen holds GL admin on the ERP: every ERP item he reviews is flagged.
    expect(items.get("ed/gl-post")).toMatchObject({
      reviewerId: fixture.users.owen.id,
      reviewerHoldsPrivileged: true,
    });
    // Maya holds no privileged ERP access; the CRM has no privileged entitlement at all.
    expect(items.get("owen/gl-admin")?.reviewerHoldsPrivileged).toBe(false);
    expect(items.get("ed/crm-user")?.reviewerHoldsPrivileged).toBe(false);
    expect(result.summary?.independenceFlags).toBe(4);
  });

  it("freezes the context: who, what, grant facts, peer share and rotation age", async () => {
    const { items } = await launch({});
    const context = reviewItemContext.parse(items.get("ed/gl-post")?.context);
    expect(context).toMatchObject({
      version: 2,
      identity: { externalId: fixture.keys.ed, department: "Finance", managerName: "Maya Manager" },
      system: { key: "erp", criticality: "critical", soxInScope: true },
      entitlement: { key: "gl-post", privileged: false, risk: "medium" },
      grant: { grantedAt: "2026-03-01T00:00:00.000Z", ticket: "REQ-1" },
      // Finance now: Maya, Owen, Ed, Fay and svc-erp (Tom left); the four people post to the GL.
      // Maya's team now: Owen, Ed, Fay; all three post.
      peers: {
        department: { name: "Finance", peers: 4, holding: 3 },
        manager: { name: "Maya Manager", peers: 2, holding: 2 },
      },
    });
    const svc = reviewItemContext.parse(items.get("svc/gl-admin")?.context);
    expect(svc.nonHuman).toMatchObject({
      ownerExternalId: fixture.keys.owen,
      ownerName: "Owen Owner",
      lastRotatedAt: "2026-01-20T00:00:00.000Z",
      rotationAgeDays: 314,
    });
    // One peer of svc-erp in Finance (Owen) holds GL admin.
    expect(svc.version === 2 && svc.peers.department).toEqual({
      name: "Finance",
      peers: 4,
      holding: 1,
    });
  });

  it("launches what the preview showed", async () => {
    const overrides: Partial<CampaignDefinitionInput> = { reviewerStrategy: "system_owner" };
    const definitionId = await define(overrides);
    const shown = await previewCampaign(db, { definitionId, snapshotId: fixture.snapshotId, now });
    const draft = await preview(overrides);
    const { snapshot, ...shownSummary } = shown;
    expect(snapshot.id).toBe(fixture.snapshotId);
    expect({ ...draft, snapshot }).toEqual(shown);
    const result = await launchCampaign(db, {
      definitionId,
      snapshotId: fixture.snapshotId,
      launchedBy: { user: fixture.users.carl.id },
      now,
    });
    expect(result.summary).toEqual(shownSummary);
    const items = await itemsByGrant(result.campaign.id);
    expect(items.size).toBe(shown.populationSize);
    expect(new Set([...items.values()].map((i) => i.reviewerId)).size).toBe(shown.reviewerCount);
    const [event] = await db.query<{ payload: unknown; payloadVersion: number }>(
      `select payload, payload_version as "payloadVersion" from evidence_events
       where action = 'campaign.launched' and subject_ids[1] = $1`,
      [result.campaign.id],
    );
    expect(event?.payloadVersion).toBe(2);
    const payload = parseEvidencePayload("campaign.launched", 2, event?.payload);
    expect(payload).toMatchObject({
      campaignId: result.campaign.id,
      definitionId,
      snapshotId: fixture.snapshotId,
      occurrenceAt: null,
      itemCount: shown.populationSize,
      reviewerCount: shown.reviewerCount,
      rerouted: shown.rerouted,
      independenceFlags: shown.independenceFlags,
      definition: { reviewerStrategy: "system_owner", fallbackReviewerId: fixture.users.fiona.id },
    });
  });

  it("launches a scheduled occurrence once, however often it is asked", async () => {
    const definitionId = await define({ recurrence: "0 9 * * MON#1" });
    const occurrenceAt = new Date("2026-12-07T09:00:00.000Z");
    const options = {
      definitionId,
      snapshotId: fixture.snapshotId,
      occurrenceAt,
      launchedBy: { system: "scheduler" },
      now,
    };
    const [first, second] = await Promise.all([
      launchCampaign(db, options),
      launchCampaign(db, options),
    ]);
    const third = await launchCampaign(db, options);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect(third.created).toBe(false);
    expect(new Set([first.campaign.id, second.campaign.id, third.campaign.id]).size).toBe(1);
    // The occurrence is a week ahead: the campaign waits for it.
    expect(third.campaign).toMatchObject({
      status: "scheduled",
      startsAt: occurrenceAt.toISOString(),
      dueAt: "2026-12-28T09:00:00.000Z",
      launchedBy: "system:scheduler",
      occurrenceAt: occurrenceAt.toISOString(),
      itemCount: 11,
    });
    const events = await db.query<{ count: number }>(
      `select count(*)::int as count from evidence_events
       where action = 'campaign.launched' and payload ->> 'definitionId' = $1`,
      [definitionId],
    );
    expect(events[0]?.count).toBe(1);
  });

  it("starts a hand launch now, active, and leaves a ledger that verifies", async () => {
    const { result } = await launch({});
    expect(result.created).toBe(true);
    expect(result.campaign).toMatchObject({
      status: "active",
      startsAt: now.toISOString(),
      launchedBy: `user:${fixture.users.carl.id}`,
      occurrenceAt: null,
    });
    const verification = await verifyLedger(db, testLedgerConfig().signer, () => now);
    expect(verification).toMatchObject({ ok: true });
  });

  it("routes a stage-two item with the second stage's strategy and the same rules", async () => {
    const overrides: Partial<CampaignDefinitionInput> = {
      reviewerStrategy: "manager",
      secondStage: { reviewerStrategy: "system_owner", namedReviewerId: null },
      scope: { systemKeys: ["erp"] },
    };
    const { items, definitionId } = await launch(overrides);
    // Editing the definition afterwards changes future campaigns, not this one's second stage.
    await updateCampaignDefinition(db, {
      definitionId,
      input: fixture.definition({
        ...overrides,
        secondStage: { reviewerStrategy: "named", namedReviewerId: fixture.users.fay.id },
      }),
      actor: { user: fixture.users.carl.id },
      now,
    });
    const ed = items.get("ed/gl-post");
    const owen = items.get("owen/gl-post");
    if (!ed || !owen) throw new Error("fixture items missing");
    // Ed's item is approved, Owen's left undecided: both go on to stage two.
    await updateReviewItemDecision(db, {
      itemId: ed.id,
      expectedVersion: 1,
      decision: "approve",
      decidedBy: fixture.users.maya.id,
      decidedAt: now.toISOString(),
      justification: null,
      exceptionExpiresOn: null,
    });
    const route = await routeStageTwoItem(db, { stageOneItemId: ed.id });
    expect(route).toMatchObject({
      reviewerId: fixture.users.owen.id,
      routingReason: null,
      reviewerHoldsPrivileged: true,
      existingItemId: null,
    });
    const [edRoute, owenRoute] = await routeStageTwoItems(db, [ed.id, owen.id]);
    expect(edRoute).toEqual(route);
    // Both stages review what the campaign froze at launch.
    expect(edRoute?.context).toEqual(ed.context);
    expect(owenRoute).toMatchObject({
      stageOneItemId: owen.id,
      reviewerId: fixture.users.maya.id,
      routedFromId: fixture.users.owen.id,
      routingReason: "self_review",
    });
    await updateReviewItemDecision(db, {
      itemId: items.get("fay/gl-post")?.id ?? "",
      expectedVersion: 1,
      decision: "revoke",
      decidedBy: fixture.users.maya.id,
      decidedAt: now.toISOString(),
      justification: "Left the team",
      exceptionExpiresOn: null,
    });
    await expect(
      routeStageTwoItem(db, { stageOneItemId: items.get("fay/gl-post")?.id ?? "" }),
    ).rejects.toThrow("a revoke in stage one ends the chain");
  });
});
