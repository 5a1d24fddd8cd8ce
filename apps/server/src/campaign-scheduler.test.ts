import { launchCampaign } from "@attest/api/services/campaigns/launch-campaign";
import { createLifecycleFixture } from "@attest/api/testing/campaign-lifecycle-fixture";
import { appRole, type Database, openDatabase } from "@attest/db/database";
import { advisoryLeaderLock, type LeaderLock, soleLeader } from "@attest/db/leader-lock";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { testDatabaseUrl } from "@attest/db/testing/test-env";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CampaignScheduler, createCampaignScheduler } from "./campaign-scheduler";

const log = pino({ level: "silent" });
const occurrence = "2026-12-07T09:00:00.000Z";
/** The controlled clock: every scheduler in this file ticks at this instant. */
const clock = () => new Date("2026-12-07T09:00:20.000Z");

/**
 * A definition the real launch can generate from: the fixture's snapshot (the latest one when
 * this runs) with every grant routable, due at `occurrence`, first Monday of every month.
 */
async function dueDefinition(db: Database): Promise<string> {
  const fixture = await createLifecycleFixture(db);
  await db.query(
    `update campaign_definitions
     set fallback_reviewer_id = $2, recurrence = '0 9 * * MON#1', next_run_at = $3 where id = $1`,
    [fixture.definitionId, fixture.otherReviewer.id, occurrence],
  );
  return fixture.definitionId;
}

async function launchedCampaigns(db: Database, definitionId: string) {
  return db.query<{ occurrenceAt: string; launchedBy: string; items: number }>(
    `select c.occurrence_at as "occurrenceAt", c.launched_by as "launchedBy",
            (select count(*)::int from review_items i where i.campaign_id = c.id) as items
     from campaigns c where c.definition_id = $1 and c.occurrence_at is not null`,
    [definitionId],
  );
}

function scheduler(db: Database, leader: LeaderLock = soleLeader()): CampaignScheduler {
  return createCampaignScheduler({ db, leader, launch: launchCampaign, now: clock, log });
}

describe("campaign scheduler", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it("launches a due definition once, and a restarted scheduler at the same time launches nothing", async () => {
    const definitionId = await dueDefinition(db);
    const first = scheduler(db);
    const report = await first.tick();
    expect(report?.launched).toEqual([
      { definitionId, occurrenceAt: occurrence, campaignId: expect.any(String) },
    ]);
    await first.stop();

    // A restart: a new scheduler object, nothing kept in memory, the same controlled time.
    const restarted = scheduler(db);
    expect((await restarted.tick())?.launched).toEqual([]);
    await restarted.stop();

    expect(await launchedCampaigns(db, definitionId)).toEqual([
      { occurrenceAt: occurrence, launchedBy: "system:scheduler", items: 2 },
    ]);
  });

  it("runs the extra jobs it was given on each tick, with its clock", async () => {
    const seen: string[] = [];
    const withJobs = createCampaignScheduler({
      db,
      leader: soleLeader(),
      launch: launchCampaign,
      now: clock,
      log,
      jobs: [async (now) => void seen.push(now.toISOString())],
    });
    await withJobs.tick();
    await withJobs.tick();
    await withJobs.stop();
    expect(seen).toEqual([clock().toISOString(), clock().toISOString()]);
  });

  describe("two server instances on one PostgreSQL database", () => {
    // Embedded PGlite belongs to one process: there is no second instance to elect against
    // (soleLeader). The test above covers PGlite's single instance.
    it.skipIf(!testDatabaseUrl)(
      "elect one leader by advisory lock: it launches, the other stands by until it stops",
      async () => {
        const url = db.url;
        if (!url) throw new Error("a PostgreSQL test database has a url");
        const handles: Database[] = [];
        for (let index = 0; index < 2; index += 1) {
          const handle = await openDatabase({ databaseUrl: url, dataDir: "" });
          await handle.useRole(appRole);
          handles.push(handle);
        }
        const [one, two] = handles.map((handle) =>
          scheduler(
            handle,
            advisoryLeaderLock({ databaseUrl: url, name: "attest.campaign-scheduler" }),
          ),
        ) as [CampaignScheduler, CampaignScheduler];
        try {
          const definitionId = await dueDefinition(db);
          const reports = await Promise.all([one.tick(), two.tick()]);
          expect(reports.filter((report) => report !== null)).toHaveLength(1);
          expect(await launchedCampaigns(db, definitionId)).toHaveLength(1);

          // The leader keeps leading on later ticks; the other keeps standing by.
          const leader = reports[0] ? one : two;
          const standby = reports[0] ? two : one;
          expect(await leader.tick()).not.toBeNull();
          expect(await standby.tick()).toBeNull();

          // The leader stops (a shutdown, or a crash closing its session): the other takes over.
          await leader.stop();
          expect(await standby.tick()).toEqual(expect.objectContaining({ launched: [] }));
          expect(await launchedCampaigns(db, definitionId)).toHaveLength(1);
        } finally {
          await one.stop();
          await two.stop();
          for (const handle of handles) await handle.close();
        }
      },
    );
  });
});
