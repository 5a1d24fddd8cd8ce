import { updateReviewItemDecisions } from "@attest/db/repositories/review-items";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../context";
import { verifyLedger } from "../../services/evidence/verify-ledger";
import { createSmtpMailer, type Mailer } from "../../services/notifications/mailer";
import { type SmtpSink, startSmtpSink } from "../../services/notifications/smtp-sink";
import { createLifecycleFixture } from "../../testing/campaign-lifecycle-fixture";
import { createNotificationFixture } from "../../testing/notification-fixture";
import { createReviewFixture } from "../../testing/review-fixture";
import {
  createTestCaller,
  sessionUserWithRoles,
  testAppUrl,
  testLedgerConfig,
} from "../../testing/test-context";

let db: TestDatabase;
let sink: SmtpSink;
let mailer: Mailer;

beforeAll(async () => {
  db = await createTestDatabase();
  sink = await startSmtpSink();
  mailer = createSmtpMailer(sink.smtpSettings("Attest <attest@attest.test>"));
});

afterAll(async () => {
  await mailer.close();
  await sink.close();
  await db.close();
});

function as(user: SessionUser, now: string) {
  return createTestCaller({ db, user, now: new Date(now), mailer });
}

async function refusalOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("campaigns.dashboard", () => {
  it("counts completion over time, reviewers, systems, decision mix, flags and re-routing", async () => {
    const fixture = await createReviewFixture(db);
    await updateReviewItemDecisions(db, {
      itemIds: [fixture.employeeItemId],
      decision: "revoke",
      decidedBy: fixture.manager.id,
      decidedAt: "2026-11-03T10:00:00.000Z",
      justification: "Left the team",
    });
    await db.query(
      `update review_items set reviewer_holds_privileged = true, routing_reason = 'self_review'
       where id = $1`,
      [fixture.ownItemId],
    );
    const auditor = sessionUserWithRoles(["auditor"]);
    const dashboard = await as(auditor, "2026-11-05T12:00:00Z").campaigns.dashboard({
      campaignId: fixture.campaignId,
    });
    expect(dashboard.campaign).toMatchObject({
      id: fixture.campaignId,
      status: "active",
      controlId: "ITGC-AC-03",
      controlOwnerName: fixture.manager.displayName,
      totalItems: 2,
      decidedItems: 1,
      pendingItems: 1,
      completionPercent: 50,
      overdue: false,
      undecidedRule: "not_reviewed",
      currentStage: 1,
      hasSecondStage: false,
      stageTwoOpensAt: null,
      stageTwoOpenedAt: null,
      snapshot: { id: expect.any(String), source: expect.stringMatching(/^fixture-/) },
      launchedBy: null,
      closedBy: null,
      signedOffBy: null,
      signOffStatement: null,
    });
    expect(dashboard.completion).toEqual([
      { day: "2026-11-01", decided: 0, cumulativeDecided: 0, cumulativePercent: 0 },
      { day: "2026-11-02", decided: 0, cumulativeDecided: 0, cumulativePercent: 0 },
      { day: "2026-11-03", decided: 1, cumulativeDecided: 1, cumulativePercent: 50 },
      { day: "2026-11-04", decided: 0, cumulativeDecided: 1, cumulativePercent: 50 },
      { day: "2026-11-05", decided: 0, cumulativeDecided: 1, cumulativePercent: 50 },
    ]);
    expect(dashboard.reviewers).toEqual([
      {
        reviewerId: fixture.manager.id,
        name: fixture.manager.displayName,
        email: fixture.manager.email,
        total: 2,
        decided: 1,
        pending: 1,
        overdue: false,
        lastRemindedAt: null,
        lastEscalatedAt: null,
        independenceFlags: 1,
      },
    ]);
    expect(dashboard.systems).toEqual([{ key: "erp", name: "ERP", total: 2, decided: 1 }]);
    expect(dashboard.decisionMix).toEqual({
      approve: 0,
      revoke: 1,
      exception: 0,
      undecided: 1,
      closeOutcomes: { kept: 0, revoked: 0, not_reviewed: 0 },
    });
    expect(dashboard.independenceFlags).toBe(1);
    expect(dashboard.rerouted).toEqual([
      { reason: "self_review", count: 1 },
      { reason: "owns_identity", count: 0 },
      { reason: "uses_identity", count: 0 },
      { reason: "no_strategy_reviewer", count: 0 },
      { reason: "reassigned", count: 0 },
    ]);
    expect(dashboard.revokesAwaitingRemediation).toBe(1);

    // Past the due date, the reviewer with a pending item is overdue.
    const late = await as(auditor, "2026-12-02T09:00:00Z").campaigns.dashboard({
      campaignId: fixture.campaignId,
    });
    expect(late.campaign.overdue).toBe(true);
    expect(late.reviewers.map((reviewer) => reviewer.overdue)).toEqual([true]);
    expect(late.completion.at(-1)).toEqual({
      day: "2026-12-02",
      decided: 0,
      cumulativeDecided: 1,
      cumulativePercent: 50,
    });
  });

  it("shows what closing did to undecided items, and stops the timeline at the close", async () => {
    const fixture = await createNotificationFixture(db, { status: "closed" });
    await updateReviewItemDecisions(db, {
      itemIds: fixture.items.a.slice(0, 2),
      decision: "approve",
      decidedBy: fixture.reviewerA.id,
      decidedAt: "2026-11-02T10:00:00.000Z",
      justification: null,
    });
    await db.query(
      "update review_items set close_outcome = 'not_reviewed' where id = any($1::uuid[])",
      [[fixture.items.a[2], ...fixture.items.b]],
    );
    await db.query("update review_items set close_outcome = 'revoked' where id = any($1::uuid[])", [
      fixture.items.c,
    ]);
    await db.query("update campaigns set closed_at = '2026-11-04T12:00:00Z' where id = $1", [
      fixture.campaignId,
    ]);
    const dashboard = await as(fixture.controlOwner, "2026-11-20T09:00:00Z").campaigns.dashboard({
      campaignId: fixture.campaignId,
    });
    expect(dashboard.decisionMix).toEqual({
      approve: 2,
      revoke: 0,
      exception: 0,
      undecided: 4,
      closeOutcomes: { kept: 0, revoked: 1, not_reviewed: 3 },
    });
    expect(dashboard.revokesAwaitingRemediation).toBe(1);
    expect(dashboard.completion.map((point) => point.day)).toEqual([
      "2026-11-01",
      "2026-11-02",
      "2026-11-03",
      "2026-11-04",
    ]);
    expect(dashboard.completion.at(-1)?.cumulativePercent).toBe(33);
    expect(dashboard.systems).toEqual([
      { key: "crm", name: "CRM", total: 2, decided: 0 },
      { key: "erp", name: "ERP", total: 4, decided: 2 },
    ]);
    expect(
      dashboard.reviewers.map((reviewer) => [reviewer.name, reviewer.total, reviewer.pending]),
    ).toEqual([
      [fixture.reviewerA.displayName, 3, 1],
      [fixture.reviewerB.displayName, 2, 2],
      [fixture.reviewerC.displayName, 1, 1],
    ]);
  });

  it("says the campaign's rules, stages, snapshot, and who launched, closed and signed it off", async () => {
    const fixture = await createLifecycleFixture(db, {
      secondStage: true,
      undecidedRule: "keep",
      startsAt: "2026-11-01T09:00:00.000Z",
      dueAt: "2026-11-21T09:00:00.000Z",
    });
    await db.query("update campaigns set launched_by = 'system:scheduler' where id = $1", [
      fixture.campaignId,
    ]);
    const [snapshot] = await db.query<{ id: string; source: string; importedAt: string }>(
      `select s.id, s.source, s.imported_at as "importedAt"
       from campaigns c join inventory_snapshots s on s.id = c.snapshot_id where c.id = $1`,
      [fixture.campaignId],
    );
    const owner = (now: string) => as(fixture.manager, now).campaigns;
    const input = { campaignId: fixture.campaignId };
    expect((await owner("2026-11-05T12:00:00Z").dashboard(input)).campaign).toMatchObject({
      undecidedRule: "keep",
      currentStage: 1,
      hasSecondStage: true,
      stageTwoOpensAt: "2026-11-11T09:00:00.000Z",
      stageTwoOpenedAt: null,
      snapshot,
      launchedBy: { actor: "system:scheduler", name: "scheduler (system)" },
      closedBy: null,
    });

    await owner("2026-11-06T10:00:00Z").advanceStage(input);
    await owner("2026-11-20T16:00:00Z").close(input);
    await owner("2026-11-21T08:00:00Z").signOff({
      ...input,
      statement: "Reviewed in two stages; nothing left open.",
    });
    const manager = { actor: `user:${fixture.manager.id}`, name: fixture.manager.displayName };
    expect((await owner("2026-11-22T09:00:00Z").dashboard(input)).campaign).toMatchObject({
      status: "signed_off",
      currentStage: 2,
      stageTwoOpensAt: "2026-11-11T09:00:00.000Z",
      stageTwoOpenedAt: "2026-11-06T10:00:00.000Z",
      closedAt: "2026-11-20T16:00:00.000Z",
      closedBy: manager,
      signedOffAt: "2026-11-21T08:00:00.000Z",
      signedOffBy: manager,
      signOffStatement: "Reviewed in two stages; nothing left open.",
    });
  });

  it("names the field of a campaign that does not exist", async () => {
    const refusal = await refusalOf(
      as(sessionUserWithRoles(["admin"]), "2026-11-05T12:00:00Z").campaigns.dashboard({
        campaignId: "00000000-0000-4000-8000-000000000000",
      }),
    );
    expect(refusal).toEqual({ code: "NOT_FOUND", message: "No campaign with that id." });
  });
});

describe("campaigns.remindNow", () => {
  it("sends one reminder digest per reviewer with pending items, then holds off a double click", async () => {
    const fixture = await createNotificationFixture(db);
    const before = sink.received.length;
    const owner = as(fixture.controlOwner, "2026-11-10T14:00:00Z");
    const result = await owner.campaigns.remindNow({ campaignId: fixture.campaignId });
    expect(result).toEqual({
      occasion: "manual:2026-11-10T14:00:00.000Z",
      reminded: [
        {
          reviewerId: fixture.reviewerA.id,
          reviewerName: fixture.reviewerA.displayName,
          pendingItems: 3,
          delivered: true,
        },
        {
          reviewerId: fixture.reviewerB.id,
          reviewerName: fixture.reviewerB.displayName,
          pendingItems: 2,
          delivered: true,
        },
        {
          reviewerId: fixture.reviewerC.id,
          reviewerName: fixture.reviewerC.displayName,
          pendingItems: 1,
          delivered: true,
        },
      ],
      skipped: [],
    });
    const mails = (await sink.waitForMail(before + 3)).slice(before);
    const ada = mails.find((mail) => mail.recipients.includes(fixture.reviewerA.email));
    expect(ada?.parsed.subject).toBe(
      `Reminder: 3 items to review in ${fixture.campaignName}, due 22 November 2026 at 09:00 UTC`,
    );
    expect(ada?.parsed.text).toContain(`${testAppUrl}/reviews/${fixture.campaignId}`);

    const dashboard = await owner.campaigns.dashboard({ campaignId: fixture.campaignId });
    expect(dashboard.reviewers.map((reviewer) => reviewer.lastRemindedAt)).toEqual([
      "2026-11-10T14:00:00.000Z",
      "2026-11-10T14:00:00.000Z",
      "2026-11-10T14:00:00.000Z",
    ]);

    const again = await as(fixture.controlOwner, "2026-11-10T14:05:00Z").campaigns.remindNow({
      campaignId: fixture.campaignId,
    });
    expect(again.reminded).toEqual([]);
    expect(again.skipped.map((skipped) => skipped.reviewerId)).toEqual([
      fixture.reviewerA.id,
      fixture.reviewerB.id,
      fixture.reviewerC.id,
    ]);

    const one = await as(fixture.controlOwner, "2026-11-10T14:30:00Z").campaigns.remindNow({
      campaignId: fixture.campaignId,
      reviewerId: fixture.reviewerB.id,
    });
    expect(one.reminded.map((reminded) => reminded.reviewerId)).toEqual([fixture.reviewerB.id]);
    await sink.waitForMail(before + 4);

    const events = await db.query<{ actor: string; payload: { occasion: string } }>(
      `select actor, payload from evidence_events
       where action = 'notification.sent' and subject_ids[1] = $1 order by seq`,
      [fixture.campaignId],
    );
    expect(events.map((event) => event.actor)).toEqual(
      Array(4).fill(`user:${fixture.controlOwner.id}`),
    );
    expect(events.at(-1)?.payload.occasion).toBe("manual:2026-11-10T14:30:00.000Z");
    expect(await verifyLedger(db, testLedgerConfig().signer, () => new Date())).toMatchObject({
      ok: true,
    });
  });

  it("refuses a reviewer with nothing pending, and a campaign that is not active", async () => {
    const fixture = await createNotificationFixture(db);
    const owner = as(fixture.controlOwner, "2026-11-10T14:00:00Z");
    expect(
      await refusalOf(
        owner.campaigns.remindNow({
          campaignId: fixture.campaignId,
          reviewerId: fixture.manager.id,
        }),
      ),
    ).toEqual({
      code: "PRECONDITION_FAILED",
      message: "That reviewer has no pending items in this campaign.",
    });
    const closed = await createNotificationFixture(db, { status: "closed" });
    expect(await refusalOf(owner.campaigns.remindNow({ campaignId: closed.campaignId }))).toEqual({
      code: "PRECONDITION_FAILED",
      message: "Reminders can only be sent while the campaign is active.",
    });
    expect(
      await refusalOf(
        owner.campaigns.remindNow({ campaignId: "00000000-0000-4000-8000-000000000000" }),
      ),
    ).toEqual({ code: "NOT_FOUND", message: "No campaign with that id." });
  });
});
