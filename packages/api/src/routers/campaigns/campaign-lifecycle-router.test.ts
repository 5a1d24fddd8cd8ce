import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import type { UndecidedRule } from "@attest/domain/campaigns/campaign";
import { canonicalJson } from "@attest/evidence/canonical-json";
import { sha256Hex } from "@attest/evidence/hash";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { SessionUser } from "../../context";
import { verifyLedger } from "../../services/evidence/verify-ledger";
import {
  createLifecycleFixture,
  readEvidenceAbout,
  readItemStates,
} from "../../testing/campaign-lifecycle-fixture";
import { createTestCaller, testLedgerConfig } from "../../testing/test-context";

const now = new Date("2026-11-20T10:00:00.000Z");

async function refusalOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal, got a result");
}

/** The input fields an invalid request was refused for, with their messages. */
async function invalidFieldsOf(promise: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError && error.cause instanceof ZodError) {
      return Object.fromEntries(
        error.cause.issues.map((issue) => [issue.path.join("."), issue.message]),
      );
    }
    throw error;
  }
  throw new Error("expected a refusal, got a result");
}

describe("campaign lifecycle procedures", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  const as = (user: SessionUser) => createTestCaller({ db, user, now });

  describe("close", () => {
    const rules: [UndecidedRule, string][] = [
      ["keep", "kept"],
      ["revoke", "revoked"],
      ["not_reviewed", "not_reviewed"],
    ];
    for (const [rule, outcome] of rules) {
      it(`applies the "${rule}" rule to undecided items and records it`, async () => {
        const fixture = await createLifecycleFixture(db, { undecidedRule: rule });
        // Editing the definition after launch changes future campaigns only.
        await db.query(
          `update campaign_definitions set undecided_rule = $2
           where id = (select definition_id from campaigns where id = $1)`,
          [fixture.campaignId, rule === "keep" ? "revoke" : "keep"],
        );
        await as(fixture.manager).reviews.recordDecision({
          itemId: fixture.employeeItemId,
          decision: "approve",
          version: 1,
          diligence: { timeOnItemMs: 1500, contextViewed: true },
        });
        const closed = await as(fixture.manager).campaigns.close({
          campaignId: fixture.campaignId,
        });
        expect(closed).toMatchObject({
          from: "active",
          to: "closed",
          at: now.toISOString(),
          undecided: { rule, outcome, itemCount: 1 },
        });

        const items = await readItemStates(db, fixture.campaignId);
        expect(items.find((item) => item.id === fixture.employeeItemId)).toMatchObject({
          decision: "approve",
          closeOutcome: null,
        });
        expect(items.find((item) => item.id === fixture.ownItemId)).toMatchObject({
          decision: null,
          closeOutcome: outcome,
        });
        const campaign = await as(fixture.manager).campaigns.get({
          campaignId: fixture.campaignId,
        });
        expect(campaign).toMatchObject({ status: "closed", closedAt: now.toISOString() });

        const events = await readEvidenceAbout(db, fixture.campaignId);
        expect(events.slice(-2)).toEqual([
          {
            actor: `user:${fixture.manager.id}`,
            action: "campaign.undecided_closed",
            payload: {
              campaignId: fixture.campaignId,
              rule,
              itemCount: 1,
              itemsHash: sha256Hex(canonicalJson([fixture.ownItemId])),
            },
          },
          {
            actor: `user:${fixture.manager.id}`,
            action: "campaign.status_changed",
            payload: {
              campaignId: fixture.campaignId,
              from: "active",
              to: "closed",
              statement: null,
            },
          },
        ]);
      });
    }

    it("refuses a campaign that is not active, naming its status", async () => {
      const fixture = await createLifecycleFixture(db, { status: "closed" });
      expect(
        await refusalOf(as(fixture.manager).campaigns.close({ campaignId: fixture.campaignId })),
      ).toEqual({
        code: "PRECONDITION_FAILED",
        message: "The campaign is closed; only an active campaign can be closed.",
      });
    });

    it("is its control owner's or an administrator's, not another control owner's", async () => {
      const fixture = await createLifecycleFixture(db);
      const input = { campaignId: fixture.campaignId };
      expect((await refusalOf(as(fixture.otherControlOwner).campaigns.close(input))).code).toBe(
        "FORBIDDEN",
      );
      await expect(as(fixture.admin).campaigns.close(input)).resolves.toMatchObject({
        to: "closed",
      });
      const [last] = (await readEvidenceAbout(db, fixture.campaignId)).slice(-1);
      expect(last?.actor).toBe(`user:${fixture.admin.id}`);
    });

    it("decisions can no longer change once closed", async () => {
      const fixture = await createLifecycleFixture(db);
      await as(fixture.manager).campaigns.close({ campaignId: fixture.campaignId });
      const refusal = await refusalOf(
        as(fixture.manager).reviews.recordDecision({
          itemId: fixture.employeeItemId,
          decision: "approve",
          version: 2,
          diligence: { timeOnItemMs: 1500, contextViewed: true },
        }),
      );
      expect(refusal.code).toBe("PRECONDITION_FAILED");
    });

    it("names an unknown campaign", async () => {
      const fixture = await createLifecycleFixture(db);
      expect(
        (
          await refusalOf(
            as(fixture.manager).campaigns.close({
              campaignId: "00000000-0000-4000-8000-000000000000",
            }),
          )
        ).code,
      ).toBe("NOT_FOUND");
    });
  });

  describe("sign-off", () => {
    const statement = "I attest the review of ERP access for Q4 was complete and accurate.";

    it("records the control owner's statement on a closed campaign with every item resolved", async () => {
      const fixture = await createLifecycleFixture(db);
      await as(fixture.manager).campaigns.close({ campaignId: fixture.campaignId });
      const signed = await as(fixture.manager).campaigns.signOff({
        campaignId: fixture.campaignId,
        statement: `  ${statement} `,
      });
      expect(signed).toMatchObject({ from: "closed", to: "signed_off" });
      const campaign = await as(fixture.manager).campaigns.get({ campaignId: fixture.campaignId });
      expect(campaign).toMatchObject({ status: "signed_off", signedOffAt: now.toISOString() });
      const [row] = await db.query<{ signedOffBy: string; statement: string }>(
        `select signed_off_by as "signedOffBy", sign_off_statement as statement
         from campaigns where id = $1`,
        [fixture.campaignId],
      );
      expect(row).toEqual({ signedOffBy: fixture.manager.id, statement });
      const [last] = (await readEvidenceAbout(db, fixture.campaignId)).slice(-1);
      expect(last).toEqual({
        actor: `user:${fixture.manager.id}`,
        action: "campaign.status_changed",
        payload: { campaignId: fixture.campaignId, from: "closed", to: "signed_off", statement },
      });
    });

    it("is refused while an item is undecided", async () => {
      // A campaign closed before the undecided rule existed: its items have no close outcome.
      const fixture = await createLifecycleFixture(db, { status: "closed" });
      expect(
        await refusalOf(
          as(fixture.manager).campaigns.signOff({ campaignId: fixture.campaignId, statement }),
        ),
      ).toEqual({
        code: "PRECONDITION_FAILED",
        message:
          "2 items still have no decision and no close outcome; the campaign cannot be signed off until every item is resolved.",
      });
    });

    it("is refused to anyone but the campaign's control owner, administrators included", async () => {
      const fixture = await createLifecycleFixture(db);
      await as(fixture.manager).campaigns.close({ campaignId: fixture.campaignId });
      const input = { campaignId: fixture.campaignId, statement };
      expect(await refusalOf(as(fixture.otherControlOwner).campaigns.signOff(input))).toEqual({
        code: "FORBIDDEN",
        message: "Only the campaign's control owner can sign it off.",
      });
      expect((await refusalOf(as(fixture.admin).campaigns.signOff(input))).code).toBe("FORBIDDEN");
    });

    it("is refused before close and after sign-off, naming the status", async () => {
      const fixture = await createLifecycleFixture(db);
      const input = { campaignId: fixture.campaignId, statement };
      expect(await refusalOf(as(fixture.manager).campaigns.signOff(input))).toEqual({
        code: "PRECONDITION_FAILED",
        message: "The campaign is active; only a closed campaign can be signed off.",
      });
      await as(fixture.manager).campaigns.close({ campaignId: fixture.campaignId });
      await as(fixture.manager).campaigns.signOff(input);
      expect((await refusalOf(as(fixture.manager).campaigns.signOff(input))).message).toBe(
        "The campaign is signed off; only a closed campaign can be signed off.",
      );
    });

    it("requires a statement", async () => {
      const fixture = await createLifecycleFixture(db);
      const fields = await invalidFieldsOf(
        as(fixture.manager).campaigns.signOff({ campaignId: fixture.campaignId, statement: "  " }),
      );
      expect(fields).toEqual({ statement: "statement is required" });
    });
  });

  describe("cancel", () => {
    it("cancels an active campaign with the reason in the ledger", async () => {
      const fixture = await createLifecycleFixture(db);
      const cancelled = await as(fixture.manager).campaigns.cancel({
        campaignId: fixture.campaignId,
        reason: "Launched against the wrong snapshot",
      });
      expect(cancelled).toMatchObject({ from: "active", to: "cancelled" });
      const [row] = await db.query<{ status: string; cancelledAt: string; cancelledBy: string }>(
        `select status, cancelled_at as "cancelledAt", cancelled_by as "cancelledBy"
         from campaigns where id = $1`,
        [fixture.campaignId],
      );
      expect(row).toEqual({
        status: "cancelled",
        cancelledAt: now.toISOString(),
        cancelledBy: `user:${fixture.manager.id}`,
      });
      const [last] = (await readEvidenceAbout(db, fixture.campaignId)).slice(-1);
      expect(last?.payload).toEqual({
        campaignId: fixture.campaignId,
        from: "active",
        to: "cancelled",
        statement: "Launched against the wrong snapshot",
      });
      // A cancelled campaign takes no more decisions and never reopens.
      expect(
        (
          await refusalOf(
            as(fixture.manager).reviews.recordDecision({
              itemId: fixture.employeeItemId,
              decision: "approve",
              version: 1,
              diligence: { timeOnItemMs: 1500, contextViewed: true },
            }),
          )
        ).code,
      ).toBe("PRECONDITION_FAILED");
      expect(
        (await refusalOf(as(fixture.manager).campaigns.close({ campaignId: fixture.campaignId })))
          .message,
      ).toBe("The campaign is cancelled; only an active campaign can be closed.");
    });

    it("cancels a scheduled campaign, but not a closed one", async () => {
      const scheduled = await createLifecycleFixture(db, { status: "scheduled" });
      await expect(
        as(scheduled.manager).campaigns.cancel({
          campaignId: scheduled.campaignId,
          reason: "Postponed to next quarter",
        }),
      ).resolves.toMatchObject({ from: "scheduled", to: "cancelled" });
      const closed = await createLifecycleFixture(db, { status: "closed" });
      expect(
        await refusalOf(
          as(closed.manager).campaigns.cancel({ campaignId: closed.campaignId, reason: "Oops" }),
        ),
      ).toEqual({
        code: "PRECONDITION_FAILED",
        message:
          "The campaign is closed; only a draft, scheduled or active campaign can be cancelled.",
      });
    });

    it("requires a reason", async () => {
      const fixture = await createLifecycleFixture(db);
      expect(
        await invalidFieldsOf(
          as(fixture.manager).campaigns.cancel({ campaignId: fixture.campaignId, reason: "" }),
        ),
      ).toEqual({ reason: "reason is required" });
    });
  });

  describe("activate", () => {
    it("starts a scheduled campaign early, and only a scheduled one", async () => {
      const fixture = await createLifecycleFixture(db, {
        status: "scheduled",
        startsAt: "2026-12-01T09:00:00.000Z",
        dueAt: "2026-12-22T09:00:00.000Z",
      });
      const input = { campaignId: fixture.campaignId };
      await expect(as(fixture.manager).campaigns.activate(input)).resolves.toMatchObject({
        from: "scheduled",
        to: "active",
      });
      const campaign = await as(fixture.manager).campaigns.get(input);
      expect(campaign).toMatchObject({ status: "active", startsAt: now.toISOString() });
      expect((await refusalOf(as(fixture.manager).campaigns.activate(input))).message).toBe(
        "The campaign is active; only a scheduled campaign can be activated.",
      );
    });
  });

  describe("reassign", () => {
    it("moves pending items to another reviewer with the reason, on the item and in the ledger", async () => {
      const fixture = await createLifecycleFixture(db);
      const result = await as(fixture.manager).campaigns.reassign({
        itemIds: [fixture.employeeItemId, fixture.ownItemId],
        toReviewerId: fixture.otherReviewer.id,
        reason: "Manager on leave until January",
      });
      expect(result.reassigned).toHaveLength(2);
      const items = await readItemStates(db, fixture.campaignId);
      for (const item of items) {
        expect(item).toMatchObject({
          reviewerId: fixture.otherReviewer.id,
          routedFromId: fixture.manager.id,
          routingReason: "reassigned",
          routingNote: "Manager on leave until January",
          version: 2,
        });
      }
      const events = await readEvidenceAbout(db, fixture.employeeItemId);
      expect(events).toEqual([
        {
          actor: `user:${fixture.manager.id}`,
          action: "review_item.reassigned",
          payload: {
            campaignId: fixture.campaignId,
            itemId: fixture.employeeItemId,
            fromReviewerId: fixture.manager.id,
            toReviewerId: fixture.otherReviewer.id,
            reason: "Manager on leave until January",
            by: "control_owner",
          },
        },
      ]);
      // The previous reviewer can no longer decide; the new one can.
      expect(
        (
          await refusalOf(
            as(fixture.manager).reviews.recordDecision({
              itemId: fixture.employeeItemId,
              decision: "approve",
              version: 2,
              diligence: { timeOnItemMs: 1500, contextViewed: true },
            }),
          )
        ).code,
      ).toBe("FORBIDDEN");
      await expect(
        as(fixture.otherReviewer).reviews.recordDecision({
          itemId: fixture.employeeItemId,
          decision: "approve",
          version: 2,
          diligence: { timeOnItemMs: 1500, contextViewed: true },
        }),
      ).resolves.toMatchObject({ decision: "approve" });
    });

    it("requires a reason", async () => {
      const fixture = await createLifecycleFixture(db);
      const fields = await invalidFieldsOf(
        as(fixture.manager).campaigns.reassign({
          itemIds: [fixture.employeeItemId],
          toReviewerId: fixture.otherReviewer.id,
          reason: "   ",
        }),
      );
      expect(fields).toEqual({ reason: "reason is required" });
      expect(await readEvidenceAbout(db, fixture.employeeItemId)).toEqual([]);
    });

    it("never gives someone their own access, and changes nothing when refused", async () => {
      const fixture = await createLifecycleFixture(db);
      const refusal = await refusalOf(
        as(fixture.manager).campaigns.reassign({
          itemIds: [fixture.ownItemId, fixture.employeeItemId],
          toReviewerId: fixture.employee.id,
          reason: "Ask the employee",
        }),
      );
      expect(refusal).toEqual({
        code: "FORBIDDEN",
        message: `Item ${fixture.employeeItemId} is about the new reviewer's own access; nobody reviews their own access.`,
      });
      const items = await readItemStates(db, fixture.campaignId);
      expect(items.every((item) => item.reviewerId === fixture.manager.id)).toBe(true);
      expect(await readEvidenceAbout(db, fixture.ownItemId)).toEqual([]);
    });

    it("refuses decided items, closed campaigns and other owners' campaigns", async () => {
      const fixture = await createLifecycleFixture(db);
      await as(fixture.manager).reviews.recordDecision({
        itemId: fixture.employeeItemId,
        decision: "approve",
        version: 1,
        diligence: { timeOnItemMs: 1500, contextViewed: true },
      });
      const input = {
        itemIds: [fixture.employeeItemId],
        toReviewerId: fixture.otherReviewer.id,
        reason: "Second opinion",
      };
      expect(await refusalOf(as(fixture.manager).campaigns.reassign(input))).toEqual({
        code: "BAD_REQUEST",
        message: `Item ${fixture.employeeItemId} is already decided or closed; only pending items can be reassigned.`,
      });
      expect((await refusalOf(as(fixture.otherControlOwner).campaigns.reassign(input))).code).toBe(
        "FORBIDDEN",
      );
      const closed = await createLifecycleFixture(db, { status: "closed" });
      expect(
        (
          await refusalOf(
            as(closed.manager).campaigns.reassign({ ...input, itemIds: [closed.ownItemId] }),
          )
        ).message,
      ).toBe(
        "The campaign is closed; only the items of a scheduled or active campaign can be reassigned.",
      );
    });

    it("refuses a reviewer who cannot review", async () => {
      const fixture = await createLifecycleFixture(db);
      const refusal = await refusalOf(
        as(fixture.manager).campaigns.reassign({
          itemIds: [fixture.employeeItemId],
          toReviewerId: fixture.otherControlOwner.id,
          reason: "Hand it over",
        }),
      );
      expect(refusal).toEqual({
        code: "BAD_REQUEST",
        message: "toReviewerId must be an active user with the reviewer role",
      });
    });
  });

  describe("reassignReviewer", () => {
    it("moves all of a reviewer's pending items in one go, with one ledger event per item", async () => {
      const fixture = await createLifecycleFixture(db);
      const result = await as(fixture.manager).campaigns.reassignReviewer({
        campaignId: fixture.campaignId,
        fromReviewerId: fixture.manager.id,
        toReviewerId: fixture.otherReviewer.id,
        reason: "  Manager on leave until January ",
      });
      expect(result).toEqual({
        campaignId: fixture.campaignId,
        fromReviewerId: fixture.manager.id,
        toReviewerId: fixture.otherReviewer.id,
        moved: 2,
        refused: [],
      });
      for (const item of await readItemStates(db, fixture.campaignId)) {
        expect(item).toMatchObject({
          reviewerId: fixture.otherReviewer.id,
          routedFromId: fixture.manager.id,
          routingReason: "reassigned",
          routingNote: "Manager on leave until January",
          version: 2,
        });
      }
      for (const itemId of [fixture.employeeItemId, fixture.ownItemId]) {
        expect(await readEvidenceAbout(db, itemId)).toEqual([
          {
            actor: `user:${fixture.manager.id}`,
            action: "review_item.reassigned",
            payload: {
              campaignId: fixture.campaignId,
              itemId,
              fromReviewerId: fixture.manager.id,
              toReviewerId: fixture.otherReviewer.id,
              reason: "Manager on leave until January",
              by: "control_owner",
            },
          },
        ]);
      }
      const dashboard = await as(fixture.manager).campaigns.dashboard({
        campaignId: fixture.campaignId,
      });
      expect(
        dashboard.reviewers.map((reviewer) => [reviewer.reviewerId, reviewer.pending]),
      ).toEqual([[fixture.otherReviewer.id, 2]]);
    });

    it("leaves the new reviewer's own access where it was, and says why", async () => {
      const fixture = await createLifecycleFixture(db);
      const result = await as(fixture.admin).campaigns.reassignReviewer({
        campaignId: fixture.campaignId,
        fromReviewerId: fixture.manager.id,
        toReviewerId: fixture.employee.id,
        reason: "The employee's team lead takes over",
      });
      expect(result.moved).toBe(1);
      expect(result.refused).toEqual([
        { reason: "self_review", itemIds: [fixture.employeeItemId] },
      ]);
      const items = await readItemStates(db, fixture.campaignId);
      expect(items.find((item) => item.id === fixture.employeeItemId)).toMatchObject({
        reviewerId: fixture.manager.id,
        routingReason: null,
        version: 1,
      });
      expect(items.find((item) => item.id === fixture.ownItemId)).toMatchObject({
        reviewerId: fixture.employee.id,
        routedFromId: fixture.manager.id,
      });
      expect(await readEvidenceAbout(db, fixture.employeeItemId)).toEqual([]);
      const [event] = await readEvidenceAbout(db, fixture.ownItemId);
      expect(event?.actor).toBe(`user:${fixture.admin.id}`);
    });

    it("moves only the current stage's undecided items, never a decided one", async () => {
      const fixture = await createLifecycleFixture(db, { secondStage: true });
      await as(fixture.manager).reviews.recordDecision({
        itemId: fixture.employeeItemId,
        decision: "approve",
        version: 1,
        diligence: { timeOnItemMs: 1500, contextViewed: true },
      });
      // Stage one: the approved item stays, the undecided one moves.
      const stageOne = await as(fixture.manager).campaigns.reassignReviewer({
        campaignId: fixture.campaignId,
        fromReviewerId: fixture.manager.id,
        toReviewerId: fixture.employee.id,
        reason: "Delegated",
      });
      expect(stageOne).toMatchObject({ moved: 1, refused: [] });
      await as(fixture.manager).campaigns.advanceStage({ campaignId: fixture.campaignId });
      // Stage two is the other reviewer's; the stage-one items are closed to a move.
      expect(
        await refusalOf(
          as(fixture.manager).campaigns.reassignReviewer({
            campaignId: fixture.campaignId,
            fromReviewerId: fixture.employee.id,
            toReviewerId: fixture.otherReviewer.id,
            reason: "Too late",
          }),
        ),
      ).toEqual({
        code: "PRECONDITION_FAILED",
        message: "That reviewer has no pending items in this campaign.",
      });
      const stageTwo = await as(fixture.manager).campaigns.reassignReviewer({
        campaignId: fixture.campaignId,
        fromReviewerId: fixture.otherReviewer.id,
        toReviewerId: fixture.employee.id,
        reason: "Second opinion from the team",
      });
      // Of the two stage-two items one is the employee's own access.
      expect(stageTwo).toMatchObject({
        moved: 1,
        refused: [{ reason: "self_review", itemIds: [expect.any(String)] }],
      });
    });

    it("refuses other owners, closed campaigns, unfit reviewers and a missing reason", async () => {
      const fixture = await createLifecycleFixture(db);
      const input = {
        campaignId: fixture.campaignId,
        fromReviewerId: fixture.manager.id,
        toReviewerId: fixture.otherReviewer.id,
        reason: "Hand over",
      };
      expect(
        await refusalOf(as(fixture.otherControlOwner).campaigns.reassignReviewer(input)),
      ).toEqual({
        code: "FORBIDDEN",
        message: "Only the campaign's control owner or an administrator can change this campaign.",
      });
      expect(
        await refusalOf(
          as(fixture.manager).campaigns.reassignReviewer({
            ...input,
            toReviewerId: fixture.otherControlOwner.id,
          }),
        ),
      ).toEqual({
        code: "BAD_REQUEST",
        message: "toReviewerId must be an active user with the reviewer role",
      });
      expect(
        await invalidFieldsOf(
          as(fixture.manager).campaigns.reassignReviewer({
            ...input,
            toReviewerId: fixture.manager.id,
            reason: " ",
          }),
        ),
      ).toEqual({
        reason: "reason is required",
        toReviewerId: "toReviewerId must be someone other than the reviewer whose items move",
      });
      expect(
        (
          await refusalOf(
            as(fixture.manager).campaigns.reassignReviewer({
              ...input,
              campaignId: "00000000-0000-4000-8000-000000000000",
            }),
          )
        ).code,
      ).toBe("NOT_FOUND");
      const closed = await createLifecycleFixture(db, { status: "closed" });
      expect(
        await refusalOf(
          as(closed.manager).campaigns.reassignReviewer({
            ...input,
            campaignId: closed.campaignId,
            fromReviewerId: closed.manager.id,
            toReviewerId: closed.otherReviewer.id,
          }),
        ),
      ).toEqual({
        code: "PRECONDITION_FAILED",
        message:
          "The campaign is closed; only the items of a scheduled or active campaign can be reassigned.",
      });
      expect(
        (await readItemStates(db, fixture.campaignId)).every(
          (item) => item.reviewerId === fixture.manager.id,
        ),
      ).toBe(true);
    });
  });

  describe("stages", () => {
    it("opens stage two for approved and undecided stage-one items, with evidence", async () => {
      const fixture = await createLifecycleFixture(db, { secondStage: true });
      await as(fixture.manager).reviews.recordDecision({
        itemId: fixture.employeeItemId,
        decision: "approve",
        version: 1,
        diligence: { timeOnItemMs: 1500, contextViewed: true },
      });
      const advanced = await as(fixture.manager).campaigns.advanceStage({
        campaignId: fixture.campaignId,
      });
      expect(advanced).toEqual({
        campaignId: fixture.campaignId,
        stage: 2,
        openedItems: 2,
        at: now.toISOString(),
      });
      const stageTwo = (await readItemStates(db, fixture.campaignId)).filter(
        (item) => item.stage === 2,
      );
      expect(stageTwo.map((item) => item.previousStageItemId).sort()).toEqual(
        [fixture.employeeItemId, fixture.ownItemId].sort(),
      );
      for (const item of stageTwo) {
        expect(item).toMatchObject({ reviewerId: fixture.otherReviewer.id, decision: null });
      }
      const opened = stageTwo.find((item) => item.previousStageItemId === fixture.employeeItemId);
      expect(await readEvidenceAbout(db, opened?.id ?? "")).toEqual([
        {
          actor: `user:${fixture.manager.id}`,
          action: "review_item.stage_opened",
          payload: {
            campaignId: fixture.campaignId,
            itemId: opened?.id,
            previousItemId: fixture.employeeItemId,
            stage: 2,
            reviewerId: fixture.otherReviewer.id,
            routingReason: null,
          },
        },
      ]);
      const [last] = (await readEvidenceAbout(db, fixture.campaignId)).slice(-1);
      expect(last).toEqual({
        actor: `user:${fixture.manager.id}`,
        action: "campaign.stage_advanced",
        payload: {
          campaignId: fixture.campaignId,
          stage: 2,
          openedItemCount: 2,
          itemsHash: sha256Hex(canonicalJson(stageTwo.map((item) => item.id).sort())),
        },
      });
    });

    it("ends the chain at a stage-one revoke", async () => {
      const fixture = await createLifecycleFixture(db, { secondStage: true });
      await as(fixture.manager).reviews.recordDecision({
        itemId: fixture.employeeItemId,
        decision: "revoke",
        justification: "Left the finance team",
        version: 1,
        diligence: { timeOnItemMs: 1500, contextViewed: true },
      });
      await as(fixture.manager).campaigns.advanceStage({ campaignId: fixture.campaignId });
      const stageTwo = (await readItemStates(db, fixture.campaignId)).filter(
        (item) => item.stage === 2,
      );
      expect(stageTwo.map((item) => item.previousStageItemId)).toEqual([fixture.ownItemId]);
    });

    it("refuses stage-one decisions once stage two has opened; stage two decides", async () => {
      const fixture = await createLifecycleFixture(db, { secondStage: true });
      await as(fixture.manager).reviews.recordDecision({
        itemId: fixture.employeeItemId,
        decision: "approve",
        version: 1,
        diligence: { timeOnItemMs: 1500, contextViewed: true },
      });
      await as(fixture.manager).campaigns.advanceStage({ campaignId: fixture.campaignId });
      expect(
        await refusalOf(
          as(fixture.manager).reviews.recordDecision({
            itemId: fixture.employeeItemId,
            decision: "revoke",
            justification: "Changed my mind",
            version: 2,
            diligence: { timeOnItemMs: 1500, contextViewed: true },
          }),
        ),
      ).toEqual({
        code: "PRECONDITION_FAILED",
        message:
          "Stage two of this campaign has opened, so stage-one decisions can no longer change.",
      });
      const stageTwo = (await readItemStates(db, fixture.campaignId)).find(
        (item) => item.previousStageItemId === fixture.employeeItemId,
      );
      await expect(
        as(fixture.otherReviewer).reviews.recordDecision({
          itemId: stageTwo?.id ?? "",
          decision: "approve",
          version: 1,
          diligence: { timeOnItemMs: 1500, contextViewed: true },
        }),
      ).resolves.toMatchObject({ decision: "approve" });
    });

    it("opens stage two once, only for two-stage active campaigns", async () => {
      const fixture = await createLifecycleFixture(db, { secondStage: true });
      const input = { campaignId: fixture.campaignId };
      await as(fixture.manager).campaigns.advanceStage(input);
      expect(await refusalOf(as(fixture.manager).campaigns.advanceStage(input))).toEqual({
        code: "PRECONDITION_FAILED",
        message: "Stage two of this campaign is already open.",
      });
      const oneStage = await createLifecycleFixture(db);
      expect(
        (
          await refusalOf(
            as(oneStage.manager).campaigns.advanceStage({ campaignId: oneStage.campaignId }),
          )
        ).message,
      ).toBe("This campaign has no second stage.");
      const other = await createLifecycleFixture(db, { secondStage: true });
      expect(
        (
          await refusalOf(
            as(other.otherControlOwner).campaigns.advanceStage({ campaignId: other.campaignId }),
          )
        ).code,
      ).toBe("FORBIDDEN");
    });

    it("closes only after stage two opened, then closes stage two's undecided items and signs off", async () => {
      const fixture = await createLifecycleFixture(db, {
        secondStage: true,
        undecidedRule: "keep",
      });
      const input = { campaignId: fixture.campaignId };
      expect((await refusalOf(as(fixture.manager).campaigns.close(input))).message).toBe(
        "The campaign is still in stage one: open stage two first, so approved access gets its second review, then close it.",
      );
      await as(fixture.manager).reviews.recordDecision({
        itemId: fixture.employeeItemId,
        decision: "approve",
        version: 1,
        diligence: { timeOnItemMs: 1500, contextViewed: true },
      });
      await as(fixture.manager).campaigns.advanceStage(input);
      const closed = await as(fixture.manager).campaigns.close(input);
      expect(closed.undecided).toEqual({ rule: "keep", outcome: "kept", itemCount: 2 });
      const items = await readItemStates(db, fixture.campaignId);
      expect(
        items.filter((item) => item.closeOutcome === "kept").map((item) => item.stage),
      ).toEqual([2, 2]);
      // The undecided stage-one item was answered by its stage-two item: nothing is left open.
      await expect(
        as(fixture.manager).campaigns.signOff({ ...input, statement: "Reviewed in two stages." }),
      ).resolves.toMatchObject({ to: "signed_off" });
    });
  });

  it("leaves a ledger that verifies", async () => {
    const verification = await verifyLedger(db, testLedgerConfig().signer, () => now);
    expect(verification).toMatchObject({ ok: true });
  });
});
