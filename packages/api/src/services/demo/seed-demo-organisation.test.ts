import { listActiveUsersWithRoles } from "@attest/db/repositories/users";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../context";
import { createTestCaller, createTestContext, testLedgerConfig } from "../../testing/test-context";
import { verifyLedger } from "../evidence/verify-ledger";
import { sendDueNotifications } from "../notifications/send-due-notifications";
import { demoSeed, seedDemoOrganisation } from "./seed-demo-organisation";

const anchorDate = "2026-11-27";
const now = new Date(`${anchorDate}T12:00:00.000Z`);
/** The demo's "now": its dates are relative to the anchor date at 09:00 UTC. */
const anchorAt = new Date(`${anchorDate}T09:00:00.000Z`);

describe("seedDemoOrganisation", () => {
  let db: TestDatabase;
  let users: Map<string, SessionUser>;

  beforeAll(async () => {
    db = await createTestDatabase();
    const result = await seedDemoOrganisation(db, { seed: demoSeed, anchorDate });
    expect(result.seeded).toBe(true);
    users = new Map(
      (await listActiveUsersWithRoles(db)).map((user) => [user.displayName, { ...user }]),
    );
  });
  afterAll(async () => {
    await db.close();
  });

  function user(name: string): SessionUser {
    const found = users.get(name);
    if (!found) throw new Error(`demo user ${name} missing`);
    return found;
  }

  it("loads once: a second run finds users and changes nothing", async () => {
    const again = await seedDemoOrganisation(db, { seed: demoSeed, anchorDate });
    expect(again.seeded).toBe(false);
  });

  it("schedules every recurring demo definition for its next occurrence after the demo's day", async () => {
    const rows = await db.query<{ recurrence: string | null; nextRunAt: string | null }>(
      `select recurrence, next_run_at as "nextRunAt" from campaign_definitions order by name`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      if (row.recurrence === null) expect(row.nextRunAt).toBeNull();
      else
        expect(Date.parse(row.nextRunAt ?? "")).toBeGreaterThan(
          Date.parse(`${anchorDate}T23:59:59Z`),
        );
    }
  });

  it("gives the control owner campaigns with real completion and overdue counts", async () => {
    const campaigns = await createTestCaller({
      db,
      user: user("Priya Raman"),
      now,
    }).campaigns.list();
    expect(campaigns.map((c) => c.name)).toEqual([
      "Q4 2026 privileged access review",
      "Q4 2026 non-human identity review",
      "Q3 2026 privileged access review",
    ]);
    const [privileged, nonHuman, signedOff] = campaigns;
    expect(privileged).toMatchObject({
      status: "active",
      controlId: "ITGC-AC-03",
      overdueItems: 0,
    });
    expect(privileged?.completionPercent).toBeGreaterThan(20);
    expect(privileged?.completionPercent).toBeLessThan(80);
    expect(nonHuman?.overdueItems).toBe(nonHuman?.pendingItems);
    expect(nonHuman?.overdueItems).toBeGreaterThan(0);
    expect(signedOff).toMatchObject({
      status: "signed_off",
      completionPercent: 100,
      pendingItems: 0,
    });
  });

  it("gives Dana Whitfield pending items of her own in the active privileged review", async () => {
    const dana = createTestCaller({ db, user: user("Dana Whitfield"), now });
    const [first] = await dana.reviews.myCampaigns();
    expect(first).toMatchObject({ name: "Q4 2026 privileged access review", status: "active" });
    expect(first?.pendingItems).toBeGreaterThan(0);
    const items = await dana.reviews.queue({ campaignId: first?.id ?? "", status: "pending" });
    expect(items.total).toBe(first?.pendingItems);
    for (const item of items.items) {
      expect(item.context.identity.externalId).not.toBe(user("Dana Whitfield").identityKey);
      expect(item.context.entitlement.privileged).toBe(true);
    }
  });

  it("shows the auditor who decided each item of the signed-off campaign", async () => {
    const auditor = createTestCaller({ db, user: user("Avery Collins"), now });
    const campaigns = await auditor.campaigns.list();
    const signedOff = campaigns.find((c) => c.status === "signed_off");
    const page = await auditor.audit.campaignDecisions({
      campaignId: signedOff?.id ?? "",
      limit: 500,
    });
    expect(page.total).toBe(signedOff?.totalItems);
    for (const item of page.items) {
      expect(item.decision).not.toBeNull();
      expect(item.decidedByName).toBeTruthy();
      if (item.decision === "revoke" || item.decision === "exception") {
        expect(item.justification).toBeTruthy();
      }
    }
  });

  it("bounds the auditor to the demo's audit year, which holds every demo campaign", async () => {
    const auditor = createTestCaller({ db, user: user("Avery Collins"), now });
    const access = await auditor.audit.me();
    expect(access.bounded).toBe(true);
    expect(access.engagements).toEqual([
      expect.objectContaining({
        name: "FY2026 SOX 404 external audit",
        periodEnd: anchorDate,
        grantedByName: "Sam Okafor",
        revokedAt: null,
      }),
    ]);
    const [engagement] = access.engagements;
    const controls = await auditor.audit.controls();
    let campaigns = 0;
    for (const control of controls) {
      const population = await auditor.audit.population({
        definitionId: control.definitionId,
        periodStart: engagement?.periodStart ?? "",
        periodEnd: anchorDate,
      });
      campaigns += population.occurrences.length;
      expect(population.occurrences.every((occurrence) => occurrence.reconciles)).toBe(true);
    }
    const launched = (await auditor.campaigns.list()).filter((c) =>
      ["active", "closed", "signed_off"].includes(c.status),
    );
    expect(campaigns).toBe(launched.length);
    await expect(
      auditor.audit.population({
        definitionId: controls[0]?.definitionId ?? "",
        periodStart: "2020-01-01",
        periodEnd: "2020-12-31",
      }),
    ).rejects.toThrow(/outside your audit engagement/);
  });

  it("has sent the active campaigns' digests already: the notifier finds nothing to send", async () => {
    for (const at of [anchorAt, now]) {
      // The test context's mailer refuses every mail, so anything due would show up as sent.
      const context = createTestContext({ db, now: at });
      const result = await sendDueNotifications({
        db,
        mailer: context.mailer,
        appUrl: context.config.appUrl,
        log: context.log,
        now: at,
      });
      expect(result).toEqual({ sent: [], retried: 0, retriedDelivered: 0, failedCampaigns: [] });
    }
  });

  it("shows when each reviewer was last reminded and escalated, at the schedule's times", async () => {
    const priya = createTestCaller({ db, user: user("Priya Raman"), now });
    const campaigns = await priya.campaigns.list();
    const overdue = campaigns.find((campaign) => campaign.name.includes("non-human"));
    const dashboard = await priya.campaigns.dashboard({ campaignId: overdue?.id ?? "" });
    const dueAt = dashboard.campaign.dueAt;
    const pending = dashboard.reviewers.filter((reviewer) => reviewer.pending > 0);
    expect(pending.length).toBeGreaterThan(5);
    // The overdue digest went to everyone still pending at the due time; the escalation to the
    // control owner (three days later, the anchor moment) about everyone but herself.
    for (const reviewer of pending) {
      expect(reviewer.lastRemindedAt).toBe(dueAt);
      if (reviewer.name !== "Priya Raman")
        expect(reviewer.lastEscalatedAt).toBe(anchorAt.toISOString());
    }

    const [counts] = await db.query<{ events: number; rows: number; seeded: number }>(
      `select (select count(*)::int from evidence_events where action = 'notification.sent'
                 and actor = 'system:seed') as events,
              (select count(*)::int from notifications) as rows,
              (select count(*)::int from notifications
                where delivered_at = sent_at and message_id like '%@seed.attest.invalid>') as seeded`,
    );
    expect(counts?.events).toBe(counts?.rows);
    expect(counts?.seeded).toBe(counts?.rows);
    expect(await verifyLedger(db, testLedgerConfig().signer, () => now)).toMatchObject({
      ok: true,
    });
  });

  it("summarises the inventory for the administrator", async () => {
    const summary = await createTestCaller({
      db,
      user: user("Sam Okafor"),
      now,
    }).inventory.summary();
    expect(summary.snapshot?.source).toBe("demo-organisation");
    expect(summary.systems).toBe(25);
    expect(summary.orphanAccounts).toBeGreaterThan(0);
    const nonHuman = summary.identitiesByKind.filter((row) =>
      ["service_account", "api_key", "workload", "bot"].includes(row.kind),
    );
    expect(nonHuman.reduce((sum, row) => sum + row.active + row.terminated, 0)).toBe(40);
  });
});
