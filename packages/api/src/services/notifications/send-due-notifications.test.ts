import { listCampaignNotifications } from "@attest/db/repositories/notifications";
import { updateReviewItemDecisions } from "@attest/db/repositories/review-items";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Logger } from "../../context";
import {
  createNotificationFixture,
  type NotificationFixture,
} from "../../testing/notification-fixture";
import { testAppUrl, testLedgerConfig } from "../../testing/test-context";
import { verifyLedger } from "../evidence/verify-ledger";
import { createSmtpMailer, type Mailer } from "./mailer";
import { sendDueNotifications } from "./send-due-notifications";
import { type ReceivedMail, type SmtpSink, startSmtpSink } from "./smtp-sink";

const log: Logger = { info() {}, warn() {}, error() {} };
const from = "Attest <attest@attest.test>";

// Each test owns a database (sendDueNotifications serves every active campaign) and a sink.
let db: TestDatabase;
let sink: SmtpSink;
let mailer: Mailer;
let fixture: NotificationFixture;

beforeEach(async () => {
  db = await createTestDatabase();
  sink = await startSmtpSink();
  mailer = createSmtpMailer(sink.smtpSettings(from));
  fixture = await createNotificationFixture(db);
});

afterEach(async () => {
  await mailer.close();
  await sink.close();
  await db.close();
});

/** One tick at `iso`; returns who got what, sorted, as "occasion → recipient name". */
async function tick(iso: string) {
  const result = await sendDueNotifications({
    db,
    mailer,
    appUrl: testAppUrl,
    log,
    now: new Date(iso),
  });
  expect(result.failedCampaigns).toEqual([]);
  const names = new Map(
    [
      fixture.controlOwner,
      fixture.manager,
      fixture.reviewerA,
      fixture.reviewerB,
      fixture.reviewerC,
    ].map((user) => [user.id, user.displayName.split(" ")[0]]),
  );
  return result.sent
    .map(
      (digest) =>
        `${digest.occasion} → ${names.get(digest.recipientId)} (${digest.itemCount}${
          digest.aboutReviewerIds.length > 0
            ? `; about ${digest.aboutReviewerIds.map((id) => names.get(id)).join(", ")}`
            : ""
        })${digest.delivered ? "" : " undelivered"}`,
    )
    .sort();
}

function mailTo(mails: readonly ReceivedMail[], address: string): ReceivedMail[] {
  return mails.filter((mail) => mail.recipients.includes(address));
}

describe("sendDueNotifications", () => {
  it("sends one digest per reviewer per occasion, on time, and nothing twice", async () => {
    expect(await tick("2026-11-01T08:59:00Z")).toEqual([]);
    expect(await tick("2026-11-01T09:00:00Z")).toEqual([
      "launch → Ada (3)",
      "launch → Ben (2)",
      "launch → Cy (1)",
    ]);
    expect(await tick("2026-11-01T09:00:00Z")).toEqual([]);
    expect(await tick("2026-11-10T12:00:00Z")).toEqual([]);
    expect(await tick("2026-11-15T09:00:00Z")).toEqual([
      "reminder:7 → Ada (3)",
      "reminder:7 → Ben (2)",
      "reminder:7 → Cy (1)",
    ]);
    expect(await tick("2026-11-15T09:00:00Z")).toEqual([]);

    // Ben finishes, Ada decides one of three: reminders follow what is still pending.
    await updateReviewItemDecisions(db, {
      itemIds: [...fixture.items.b, fixture.items.a[0] as string],
      decision: "approve",
      decidedBy: fixture.reviewerB.id,
      decidedAt: "2026-11-16T10:00:00.000Z",
      justification: null,
    });
    expect(await tick("2026-11-19T09:00:00Z")).toEqual([
      "reminder:3 → Ada (2)",
      "reminder:3 → Cy (1)",
    ]);
    expect(await tick("2026-11-21T09:30:00Z")).toEqual([
      "reminder:1 → Ada (2)",
      "reminder:1 → Cy (1)",
    ]);
    expect(await tick("2026-11-22T08:59:59Z")).toEqual([]);
    expect(await tick("2026-11-22T09:00:00Z")).toEqual(["overdue → Ada (2)", "overdue → Cy (1)"]);
    // A day late: Ada's manager hears about Ada; Cy has no manager in the snapshot.
    expect(await tick("2026-11-23T09:00:00Z")).toEqual([
      "escalation:manager → Mona (2; about Ada)",
    ]);
    expect(await tick("2026-11-24T09:00:00Z")).toEqual([]);
    // Three days late: the control owner gets one digest listing both reviewers.
    expect(await tick("2026-11-25T09:00:00Z")).toEqual([
      "escalation:control_owner → Olive (3; about Ada, Cy)",
    ]);
    expect(await tick("2026-11-25T09:00:00Z")).toEqual([]);
    expect(await tick("2026-12-20T09:00:00Z")).toEqual([]);

    const mails = await sink.waitForMail(14);
    expect(mails).toHaveLength(14);
    const notifications = await listCampaignNotifications(db, fixture.campaignId);
    // one row per reviewer digest, one per reviewer an escalation is about
    expect(notifications).toHaveLength(15);
    expect(
      notifications.every((row) => row.deliveredAt !== null && row.deliveryError === null),
    ).toBe(true);
  });

  it("sends only the latest missed occasion after an outage", async () => {
    expect(await tick("2026-11-20T12:00:00Z")).toEqual([
      "reminder:3 → Ada (3)",
      "reminder:3 → Ben (2)",
      "reminder:3 → Cy (1)",
    ]);
    expect(await tick("2026-11-21T08:00:00Z")).toEqual([]);
    // Both escalation levels are due at once: each recipient gets its own digest.
    expect(await tick("2026-12-01T09:00:00Z")).toEqual([
      "escalation:control_owner → Olive (6; about Ada, Ben, Cy)",
      "escalation:manager → Mona (5; about Ada, Ben)",
      "overdue → Ada (3)",
      "overdue → Ben (2)",
      "overdue → Cy (1)",
    ]);
  });

  it("delivers real mail to the SMTP sink: one per reviewer, with count, due date and link", async () => {
    await tick("2026-11-15T09:00:00Z");
    const mails = await sink.waitForMail(3);
    expect(mails).toHaveLength(3);
    const [ada] = mailTo(mails, fixture.reviewerA.email);
    expect(ada?.parsed.subject).toBe(
      `Reminder: 3 items to review in ${fixture.campaignName}, due in 7 days (22 November 2026 at 09:00 UTC)`,
    );
    expect(ada?.parsed.from?.text).toBe('"Attest" <attest@attest.test>');
    expect(ada?.parsed.text).toContain("You still have 3 items to review.");
    expect(ada?.parsed.text).toContain(`${testAppUrl}/reviews/${fixture.campaignId}`);
    expect(ada?.parsed.html).toContain(`href="${testAppUrl}/reviews/${fixture.campaignId}"`);
    expect(mailTo(mails, fixture.reviewerB.email)[0]?.parsed.text).toContain("2 items to review");
    expect(mailTo(mails, fixture.reviewerC.email)[0]?.parsed.text).toContain("1 item to review");

    // The Message-ID the mail arrived with is the one recorded and evidenced before sending.
    const recorded = await listCampaignNotifications(db, fixture.campaignId);
    const adaRow = recorded.find((row) => row.recipientId === fixture.reviewerA.id);
    expect(ada?.parsed.messageId).toBe(adaRow?.messageId);
    const [event] = await db.query<{ payload: { messageId: string; itemCount: number } }>(
      `select payload from evidence_events
       where action = 'notification.sent' and payload ->> 'recipientId' = $1`,
      [fixture.reviewerA.id],
    );
    expect(event?.payload).toMatchObject({ messageId: adaRow?.messageId, itemCount: 3 });
  });

  it("writes one escalation mail per recipient, listing the reviewers and their counts", async () => {
    await tick("2026-11-25T09:00:00Z");
    const mails = await sink.waitForMail(5);
    const [owner] = mailTo(mails, fixture.controlOwner.email);
    expect(owner?.parsed.subject).toMatch(
      /^Escalation: 3 reviewers overdue in .* \(6 items undecided\)$/,
    );
    expect(owner?.parsed.text).toContain(`  - ${fixture.reviewerA.displayName}: 3 items`);
    expect(owner?.parsed.text).toContain(`  - ${fixture.reviewerC.displayName}: 1 item`);
    expect(owner?.parsed.text).toContain(`${testAppUrl}/campaigns/${fixture.campaignId}`);
    const [manager] = mailTo(mails, fixture.manager.email);
    expect(manager?.parsed.text).not.toContain(fixture.reviewerC.displayName);
    expect(mailTo(mails, fixture.manager.email)).toHaveLength(1);
  });

  it("never sends a digest twice when two instances tick at the same moment", async () => {
    const [first, second] = await Promise.all([
      sendDueNotifications({
        db,
        mailer,
        appUrl: testAppUrl,
        log,
        now: new Date("2026-11-02T09:00:00Z"),
      }),
      sendDueNotifications({
        db,
        mailer,
        appUrl: testAppUrl,
        log,
        now: new Date("2026-11-02T09:00:00Z"),
      }),
    ]);
    expect((first?.sent.length ?? 0) + (second?.sent.length ?? 0)).toBe(3);
    await sink.waitForMail(3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sink.received).toHaveLength(3);
  });

  it("records a refused mail as failed and retries it with the same Message-ID after a backoff", async () => {
    const deadSink = await startSmtpSink();
    const deadMailer = createSmtpMailer(deadSink.smtpSettings(from));
    await deadSink.close();
    const first = await sendDueNotifications({
      db,
      mailer: deadMailer,
      appUrl: testAppUrl,
      log,
      now: new Date("2026-11-01T10:00:00Z"),
    });
    await deadMailer.close();
    expect(first.sent.map((digest) => digest.delivered)).toEqual([false, false, false]);
    const failed = await listCampaignNotifications(db, fixture.campaignId);
    expect(failed.every((row) => row.deliveryError !== null && row.deliveredAt === null)).toBe(
      true,
    );

    // Recorded means claimed: the next tick sends nothing new, and waits out the backoff.
    expect(await tick("2026-11-01T10:01:00Z")).toEqual([]);
    expect(sink.received).toHaveLength(0);
    const retry = await sendDueNotifications({
      db,
      mailer,
      appUrl: testAppUrl,
      log,
      now: new Date("2026-11-01T10:02:00Z"),
    });
    expect(retry).toMatchObject({ sent: [], retried: 3, retriedDelivered: 3 });
    const mails = await sink.waitForMail(3);
    const delivered = await listCampaignNotifications(db, fixture.campaignId);
    expect(delivered.map((row) => row.deliveryAttempts)).toEqual([2, 2, 2]);
    expect(new Set(mails.map((mail) => mail.parsed.messageId))).toEqual(
      new Set(delivered.map((row) => row.messageId)),
    );
    expect(delivered.every((row) => row.deliveredAt === "2026-11-01T10:02:00.000Z")).toBe(true);
  });

  it("leaves every notification in the ledger, and the ledger verifies", async () => {
    await tick("2026-11-01T09:00:00Z");
    await tick("2026-11-25T09:00:00Z");
    const notifications = await listCampaignNotifications(db, fixture.campaignId);
    const events = await db.query<{ actor: string; payload: Record<string, unknown> }>(
      "select actor, payload from evidence_events where action = 'notification.sent' order by seq",
    );
    expect(events).toHaveLength(notifications.length);
    expect(new Set(events.map((event) => event.actor))).toEqual(new Set(["system:notifications"]));
    expect(events.map((event) => event.payload.occasion).sort()).toEqual(
      notifications.map((row) => row.occasion).sort(),
    );
    const verification = await verifyLedger(db, testLedgerConfig().signer, () => new Date());
    expect(verification).toMatchObject({ ok: true, events: notifications.length });
  });

  it("sends nothing for a campaign that is not active", async () => {
    const closed = await createNotificationFixture(db, { status: "closed" });
    await tick("2026-11-15T09:00:00Z");
    expect(await listCampaignNotifications(db, closed.campaignId)).toEqual([]);
  });
});
