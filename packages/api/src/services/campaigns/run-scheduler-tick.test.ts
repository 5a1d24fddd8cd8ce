import { randomUUID } from "node:crypto";
import { appRole, type Database, openDatabase } from "@attest/db/database";
import { frozenRuleColumns, frozenRuleValues } from "@attest/db/repositories/campaign-launches";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { testDatabaseUrl } from "@attest/db/testing/test-env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Logger } from "../../context";
import {
  createLifecycleFixture,
  readEvidenceAbout,
} from "../../testing/campaign-lifecycle-fixture";
import { testLedgerConfig } from "../../testing/test-context";
import { verifyLedger } from "../evidence/verify-ledger";
import { cancelCampaign } from "./cancel-campaign";
import { launchCampaign } from "./launch-campaign";
import { type LaunchCampaign, runSchedulerTick } from "./run-scheduler-tick";

const quietLog: Logger = { info() {}, warn() {}, error() {} };
const firstMonday = "0 9 * * MON#1";

/**
 * Stands in for launchCampaign: creates the occurrence's campaign the way it does (insert, and
 * nothing when the occurrence already has one), after a pause that lets concurrent callers
 * all get past their "already launched?" check first.
 */
function fakeLaunch(calls: string[] = []): LaunchCampaign {
  return async (db, options) => {
    calls.push(options.definitionId);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await db.query(
      `insert into campaigns (id, definition_id, name, status, snapshot_id, starts_at, due_at,
         launched_by, occurrence_at, ${frozenRuleColumns})
       select $1, d.id, d.name, 'active', c.snapshot_id, $3, $3::timestamptz + interval '21 days',
              'system:scheduler', $4, ${frozenRuleValues}
       from campaign_definitions d
       join lateral (select snapshot_id from campaigns where definition_id = d.id limit 1) c on true
       where d.id = $2
       on conflict (definition_id, occurrence_at) do nothing`,
      [randomUUID(), options.definitionId, options.now.toISOString(), options.occurrenceAt],
    );
  };
}

async function scheduleDefinition(
  db: Database,
  options: { recurrence?: string | null; nextRunAt: string },
): Promise<string> {
  const fixture = await createLifecycleFixture(db);
  await db.query(
    "update campaign_definitions set recurrence = $2, next_run_at = $3 where id = $1",
    [
      fixture.definitionId,
      options.recurrence === undefined ? firstMonday : options.recurrence,
      options.nextRunAt,
    ],
  );
  return fixture.definitionId;
}

async function occurrencesOf(db: Database, definitionId: string): Promise<string[]> {
  const rows = await db.query<{ occurrenceAt: string }>(
    `select occurrence_at as "occurrenceAt" from campaigns
     where definition_id = $1 and occurrence_at is not null order by occurrence_at`,
    [definitionId],
  );
  return rows.map((row) => row.occurrenceAt);
}

async function nextRunOf(db: Database, definitionId: string): Promise<string | null> {
  const [row] = await db.query<{ nextRunAt: string | null }>(
    `select next_run_at as "nextRunAt" from campaign_definitions where id = $1`,
    [definitionId],
  );
  return row?.nextRunAt ?? null;
}

describe("campaign scheduler tick", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  const tick = (at: string, launch = fakeLaunch(), handle: Database = db) =>
    runSchedulerTick(handle, { now: new Date(at), launch, log: quietLog });

  it("launches a due definition for its occurrence and moves the schedule to the next one", async () => {
    const definitionId = await scheduleDefinition(db, { nextRunAt: "2026-12-07T09:00:00.000Z" });
    const report = await tick("2026-12-07T09:00:30.000Z");
    expect(report.launched).toEqual([
      {
        definitionId,
        occurrenceAt: "2026-12-07T09:00:00.000Z",
        campaignId: expect.any(String),
      },
    ]);
    expect(await occurrencesOf(db, definitionId)).toEqual(["2026-12-07T09:00:00.000Z"]);
    expect(await nextRunOf(db, definitionId)).toBe("2027-01-04T09:00:00.000Z");
  });

  it("does nothing for a definition whose run has not come", async () => {
    const definitionId = await scheduleDefinition(db, { nextRunAt: "2026-12-07T09:00:00.000Z" });
    const calls: string[] = [];
    await tick("2026-12-07T08:59:59.999Z", fakeLaunch(calls));
    expect(calls).not.toContain(definitionId);
    expect(await occurrencesOf(db, definitionId)).toEqual([]);
  });

  it("launches once across a restart: the same instant again changes nothing", async () => {
    const definitionId = await scheduleDefinition(db, { nextRunAt: "2026-12-07T09:00:00.000Z" });
    await tick("2026-12-07T09:00:30.000Z");
    // A new process (nothing kept in memory) ticking at the same controlled time.
    const calls: string[] = [];
    await tick("2026-12-07T09:00:30.000Z", fakeLaunch(calls));
    expect(calls).not.toContain(definitionId);
    expect(await occurrencesOf(db, definitionId)).toEqual(["2026-12-07T09:00:00.000Z"]);
  });

  it("launches once after a crash between launching and moving the schedule on", async () => {
    const definitionId = await scheduleDefinition(db, { nextRunAt: "2026-12-07T09:00:00.000Z" });
    // The previous leader launched the occurrence and died before advancing next_run_at.
    await fakeLaunch()(db, {
      definitionId,
      occurrenceAt: new Date("2026-12-07T09:00:00.000Z"),
      launchedBy: { system: "scheduler" },
      now: new Date("2026-12-07T09:00:30.000Z"),
    });
    const calls: string[] = [];
    const report = await tick("2026-12-07T09:01:00.000Z", fakeLaunch(calls));
    expect(calls).not.toContain(definitionId);
    expect(
      report.launched.find((launch) => launch.definitionId === definitionId)?.campaignId,
    ).toEqual(expect.any(String));
    expect(await occurrencesOf(db, definitionId)).toEqual(["2026-12-07T09:00:00.000Z"]);
    expect(await nextRunOf(db, definitionId)).toBe("2027-01-04T09:00:00.000Z");
  });

  it("launches a missed occurrence once and resumes the schedule after now", async () => {
    const definitionId = await scheduleDefinition(db, { nextRunAt: "2026-09-07T09:00:00.000Z" });
    await tick("2026-12-10T12:00:00.000Z");
    expect(await occurrencesOf(db, definitionId)).toEqual(["2026-09-07T09:00:00.000Z"]);
    expect(await nextRunOf(db, definitionId)).toBe("2027-01-04T09:00:00.000Z");
  });

  it("stops scheduling a definition that no longer recurs", async () => {
    const definitionId = await scheduleDefinition(db, {
      recurrence: null,
      nextRunAt: "2026-12-07T09:00:00.000Z",
    });
    await tick("2026-12-07T09:00:30.000Z");
    expect(await occurrencesOf(db, definitionId)).toEqual(["2026-12-07T09:00:00.000Z"]);
    expect(await nextRunOf(db, definitionId)).toBeNull();
  });

  it("reports a failed launch and retries it on the next tick", async () => {
    const definitionId = await scheduleDefinition(db, { nextRunAt: "2026-12-07T09:00:00.000Z" });
    const failing: LaunchCampaign = async (_db, options) => {
      if (options.definitionId === definitionId) throw new Error("no snapshot to review");
    };
    const report = await tick("2026-12-07T09:00:30.000Z", failing);
    expect(report.failures).toContainEqual({
      step: "launch",
      subjectId: definitionId,
      message: "no snapshot to review",
    });
    expect(await nextRunOf(db, definitionId)).toBe("2026-12-07T09:00:00.000Z");
    await tick("2026-12-07T09:01:00.000Z");
    expect(await occurrencesOf(db, definitionId)).toEqual(["2026-12-07T09:00:00.000Z"]);
  });

  it("activates scheduled campaigns whose start has come, as the scheduler", async () => {
    const due = await createLifecycleFixture(db, {
      status: "scheduled",
      startsAt: "2026-12-01T09:00:00.000Z",
      dueAt: "2026-12-22T09:00:00.000Z",
    });
    const later = await createLifecycleFixture(db, {
      status: "scheduled",
      startsAt: "2026-12-02T09:00:00.000Z",
      dueAt: "2026-12-23T09:00:00.000Z",
    });
    const report = await tick("2026-12-01T09:00:10.000Z");
    expect(report.activated).toContain(due.campaignId);
    expect(report.activated).not.toContain(later.campaignId);
    const statuses = await db.query<{ id: string; status: string; startsAt: string }>(
      `select id, status, starts_at as "startsAt" from campaigns where id = any($1::uuid[])`,
      [[due.campaignId, later.campaignId]],
    );
    expect(Object.fromEntries(statuses.map((row) => [row.id, [row.status, row.startsAt]]))).toEqual(
      {
        [due.campaignId]: ["active", "2026-12-01T09:00:00.000Z"],
        [later.campaignId]: ["scheduled", "2026-12-02T09:00:00.000Z"],
      },
    );
    expect(await readEvidenceAbout(db, due.campaignId)).toEqual([
      {
        actor: "system:scheduler",
        action: "campaign.status_changed",
        payload: { campaignId: due.campaignId, from: "scheduled", to: "active", statement: null },
      },
    ]);
    // Already active: the next tick leaves it alone.
    expect((await tick("2026-12-01T09:00:40.000Z")).activated).not.toContain(due.campaignId);
  });

  it("opens stage two when stage one's half of the campaign is over", async () => {
    const fixture = await createLifecycleFixture(db, {
      secondStage: true,
      startsAt: "2026-11-02T09:00:00.000Z",
      dueAt: "2026-11-22T09:00:00.000Z",
    });
    expect((await tick("2026-11-12T08:59:59.000Z")).stageTwoOpened).not.toContain(
      fixture.campaignId,
    );
    const report = await tick("2026-11-12T09:00:00.000Z");
    expect(report.stageTwoOpened).toContain(fixture.campaignId);
    const events = await readEvidenceAbout(db, fixture.campaignId);
    expect(events.at(-1)).toMatchObject({
      actor: "system:scheduler",
      action: "campaign.stage_advanced",
      payload: { stage: 2, openedItemCount: 2 },
    });
    // Once only: the next tick finds it in stage two.
    expect((await tick("2026-11-12T09:00:30.000Z")).stageTwoOpened).not.toContain(
      fixture.campaignId,
    );
  });

  it("reports a stage two that cannot open and tries again next tick", async () => {
    const fixture = await createLifecycleFixture(db, {
      secondStage: true,
      startsAt: "2026-11-02T09:00:00.000Z",
      dueAt: "2026-11-22T09:00:00.000Z",
    });
    // The second stage's named reviewer is gone: nobody on the routing path may review.
    await db.query("update users set status = 'disabled' where id = $1", [
      fixture.otherReviewer.id,
    ]);
    await db.query("update campaign_definitions set fallback_reviewer_id = $2 where id = $1", [
      fixture.definitionId,
      fixture.otherReviewer.id,
    ]);
    const report = await tick("2026-11-12T09:00:00.000Z");
    expect(report.stageTwoOpened).not.toContain(fixture.campaignId);
    expect(report.failures).toContainEqual(
      expect.objectContaining({ step: "open stage two", subjectId: fixture.campaignId }),
    );
    const [campaign] = await db.query<{ currentStage: number }>(
      `select current_stage as "currentStage" from campaigns where id = $1`,
      [fixture.campaignId],
    );
    expect(campaign?.currentStage).toBe(1);
    // Cancelled, the campaign is no longer the scheduler's business.
    await cancelCampaign(db, {
      input: { campaignId: fixture.campaignId, reason: "Nobody left to review stage two" },
      actor: { user: fixture.manager },
      now: new Date("2026-11-12T09:01:00.000Z"),
    });
    expect((await tick("2026-11-12T09:01:30.000Z")).failures).toEqual([]);
  });

  it("runs the extra jobs with the tick's time; a failing job does not stop the next", async () => {
    const seen: string[] = [];
    const report = await runSchedulerTick(db, {
      now: new Date("2026-12-03T10:00:00.000Z"),
      launch: fakeLaunch(),
      log: quietLog,
      jobs: [
        async function sendReminders() {
          throw new Error("SMTP is down");
        },
        async (now) => {
          seen.push(now.toISOString());
        },
      ],
    });
    expect(seen).toEqual(["2026-12-03T10:00:00.000Z"]);
    expect(report.failures).toContainEqual({
      step: "job sendReminders",
      subjectId: null,
      message: "SMTP is down",
    });
  });

  describe("two server instances on one PostgreSQL database", () => {
    // PGlite is one process's embedded database: a second instance cannot open it, so there is
    // no second instance to race. The single-instance tests above cover PGlite.
    it.skipIf(!testDatabaseUrl)(
      "launch each due occurrence exactly once when they tick at the same moment",
      async () => {
        if (!db.url) throw new Error("a PostgreSQL test database has a url");
        const second = await openDatabase({ databaseUrl: db.url, dataDir: "" });
        await second.useRole(appRole);
        try {
          const definitionIds: string[] = [];
          for (let index = 0; index < 5; index += 1) {
            definitionIds.push(
              await scheduleDefinition(db, { nextRunAt: "2026-12-07T09:00:00.000Z" }),
            );
          }
          const calls: string[] = [];
          const at = "2026-12-07T09:00:05.000Z";
          const reports = await Promise.all([
            tick(at, fakeLaunch(calls), db),
            tick(at, fakeLaunch(calls), second),
          ]);
          for (const definitionId of definitionIds) {
            expect(await occurrencesOf(db, definitionId)).toEqual(["2026-12-07T09:00:00.000Z"]);
            expect(await nextRunOf(db, definitionId)).toBe("2027-01-04T09:00:00.000Z");
          }
          // Both instances really raced: each tried to launch (at least some of) them.
          expect(calls.filter((id) => definitionIds.includes(id)).length).toBeGreaterThan(5);
          expect(
            reports.flatMap((report) => report.failures).filter((f) => f.step === "launch"),
          ).toEqual([]);
        } finally {
          await second.close();
        }
      },
    );
  });

  describe("with the real launch", () => {
    /** A due definition over the latest snapshot whose every grant has a reviewer free of conflict. */
    async function routableDefinition(): Promise<string> {
      const fixture = await createLifecycleFixture(db);
      await db.query(
        `update campaign_definitions set recurrence = $2, next_run_at = $3, fallback_reviewer_id = $4
         where id = $1`,
        [fixture.definitionId, firstMonday, "2026-12-07T09:00:00.000Z", fixture.otherReviewer.id],
      );
      return fixture.definitionId;
    }

    it("launches the occurrence from the latest snapshot, with its items and evidence", async () => {
      const definitionId = await routableDefinition();
      const report = await tick("2026-12-07T09:00:30.000Z", launchCampaign);
      expect(report.failures).toEqual([]);
      const launched = report.launched.find((launch) => launch.definitionId === definitionId);
      expect(launched?.campaignId).toEqual(expect.any(String));
      const events = await readEvidenceAbout(db, launched?.campaignId ?? "");
      expect(events.map((event) => [event.actor, event.action])).toEqual([
        ["system:scheduler", "campaign.launched"],
      ]);
      expect(await occurrencesOf(db, definitionId)).toEqual(["2026-12-07T09:00:00.000Z"]);
    });

    it.skipIf(!testDatabaseUrl)(
      "launches once when two instances tick at the same moment, even without a leader",
      async () => {
        if (!db.url) throw new Error("a PostgreSQL test database has a url");
        const second = await openDatabase({ databaseUrl: db.url, dataDir: "" });
        await second.useRole(appRole);
        try {
          const definitionId = await routableDefinition();
          const at = "2026-12-07T09:00:40.000Z";
          await Promise.all([tick(at, launchCampaign, db), tick(at, launchCampaign, second)]);
          const [count] = await db.query<{ campaigns: number; launchedEvents: number }>(
            `select (select count(*)::int from campaigns where definition_id = $1::uuid) as campaigns,
                    (select count(*)::int from evidence_events
                     where action = 'campaign.launched' and $1::text = any(subject_ids)) as "launchedEvents"`,
            [definitionId],
          );
          // The fixture's own campaign, plus exactly one launched occurrence and its one event.
          expect(count).toEqual({ campaigns: 2, launchedEvents: 1 });
        } finally {
          await second.close();
        }
      },
    );
  });

  it("leaves a ledger that verifies", async () => {
    const verification = await verifyLedger(db, testLedgerConfig().signer, () => new Date());
    expect(verification).toMatchObject({ ok: true });
  });
});
