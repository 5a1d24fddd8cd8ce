import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReviewFixture } from "../../testing/review-fixture";
import { createTestCaller } from "../../testing/test-context";

const now = new Date("2026-11-20T10:00:00.000Z");

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe("reviews router", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it("lists my campaigns with my pending count", async () => {
    const fixture = await createReviewFixture(db);
    const caller = createTestCaller({ db, user: fixture.manager, now });
    const campaigns = await caller.reviews.myCampaigns();
    const mine = campaigns.find((campaign) => campaign.id === fixture.campaignId);
    expect(mine).toMatchObject({
      totalItems: 2,
      pendingItems: 2,
      overdue: false,
      controlId: "ITGC-AC-03",
    });
  });

  it("queues only my items, filtered by status", async () => {
    const fixture = await createReviewFixture(db);
    const manager = createTestCaller({ db, user: fixture.manager, now });
    const page = await manager.reviews.queue({
      campaignId: fixture.campaignId,
      status: "pending",
    });
    expect(page.total).toBe(2);
    expect(page.items.map((item) => item.context.identity.displayName).sort()).toEqual(
      [fixture.employee.displayName, fixture.manager.displayName].sort(),
    );
    const employee = createTestCaller({ db, user: fixture.employee, now });
    expect((await employee.reviews.queue({ campaignId: fixture.campaignId })).total).toBe(0);
  });

  it("records an approval with the session's reviewer and the server's time", async () => {
    const fixture = await createReviewFixture(db);
    const caller = createTestCaller({ db, user: fixture.manager, now });
    const item = await caller.reviews.recordDecision({
      itemId: fixture.employeeItemId,
      decision: "approve",
      version: 1,
      diligence: { timeOnItemMs: 1500, contextViewed: true },
    });
    expect(item).toMatchObject({
      decision: "approve",
      decidedByName: fixture.manager.displayName,
      decidedAt: now.toISOString(),
      version: 2,
    });
    const decided = await caller.reviews.queue({
      campaignId: fixture.campaignId,
      status: "decided",
    });
    expect(decided.items.map((i) => i.id)).toEqual([fixture.employeeItemId]);
  });

  it("gives a stale version a conflict instead of overwriting", async () => {
    const fixture = await createReviewFixture(db);
    const caller = createTestCaller({ db, user: fixture.manager, now });
    await caller.reviews.recordDecision({
      itemId: fixture.employeeItemId,
      decision: "approve",
      version: 1,
      diligence: { timeOnItemMs: 1500, contextViewed: true },
    });
    const stale = caller.reviews.recordDecision({
      itemId: fixture.employeeItemId,
      decision: "revoke",
      justification: "left the team",
      version: 1,
      diligence: { timeOnItemMs: 1500, contextViewed: true },
    });
    expect(await codeOf(stale)).toBe("CONFLICT");
    const [item] = (
      await caller.reviews.queue({ campaignId: fixture.campaignId, status: "decided" })
    ).items;
    expect(item?.decision).toBe("approve");
  });

  it("lets the reviewer change a decision before close, against the current version", async () => {
    const fixture = await createReviewFixture(db);
    const caller = createTestCaller({ db, user: fixture.manager, now });
    await caller.reviews.recordDecision({
      itemId: fixture.employeeItemId,
      decision: "approve",
      version: 1,
      diligence: { timeOnItemMs: 1500, contextViewed: true },
    });
    const changed = await caller.reviews.recordDecision({
      itemId: fixture.employeeItemId,
      decision: "revoke",
      justification: "Moved to sales; no longer needs journal approval.",
      version: 2,
      diligence: { timeOnItemMs: 1500, contextViewed: true },
    });
    expect(changed).toMatchObject({ decision: "revoke", version: 3 });
  });

  it("refuses a decision on the reviewer's own access", async () => {
    const fixture = await createReviewFixture(db);
    const caller = createTestCaller({ db, user: fixture.manager, now });
    const attempt = caller.reviews.recordDecision({
      itemId: fixture.ownItemId,
      decision: "approve",
      version: 1,
      diligence: { timeOnItemMs: 1500, contextViewed: true },
    });
    await expect(attempt).rejects.toThrow("You cannot decide on your own access.");
  });

  it("refuses a decision on an item assigned to someone else", async () => {
    const fixture = await createReviewFixture(db);
    const caller = createTestCaller({ db, user: fixture.employee, now });
    const attempt = caller.reviews.recordDecision({
      itemId: fixture.employeeItemId,
      decision: "approve",
      version: 1,
      diligence: { timeOnItemMs: 1500, contextViewed: true },
    });
    expect(await codeOf(attempt)).toBe("FORBIDDEN");
  });

  it("refuses decisions once the campaign is closed", async () => {
    const fixture = await createReviewFixture(db, { status: "closed" });
    const caller = createTestCaller({ db, user: fixture.manager, now });
    const attempt = caller.reviews.recordDecision({
      itemId: fixture.employeeItemId,
      decision: "approve",
      version: 1,
      diligence: { timeOnItemMs: 1500, contextViewed: true },
    });
    expect(await codeOf(attempt)).toBe("PRECONDITION_FAILED");
  });

  it("requires a justification to revoke when the campaign says so, naming the field", async () => {
    const fixture = await createReviewFixture(db);
    const caller = createTestCaller({ db, user: fixture.manager, now });
    const attempt = caller.reviews.recordDecision({
      itemId: fixture.employeeItemId,
      decision: "revoke",
      justification: "   ",
      version: 1,
      diligence: { timeOnItemMs: 1500, contextViewed: true },
    });
    await expect(attempt).rejects.toMatchObject({ code: "BAD_REQUEST", field: "justification" });
  });

  it("bounds an exception's expiry", async () => {
    const fixture = await createReviewFixture(db);
    const caller = createTestCaller({ db, user: fixture.manager, now });
    const tooLate = caller.reviews.recordDecision({
      itemId: fixture.employeeItemId,
      decision: "exception",
      justification: "Quarter-end close",
      exceptionExpiresOn: "2027-12-31",
      version: 1,
      diligence: { timeOnItemMs: 1500, contextViewed: true },
    });
    await expect(tooLate).rejects.toMatchObject({
      code: "BAD_REQUEST",
      field: "exceptionExpiresOn",
    });
    const ok = await caller.reviews.recordDecision({
      itemId: fixture.employeeItemId,
      decision: "exception",
      justification: "Quarter-end close",
      exceptionExpiresOn: "2027-01-15",
      version: 1,
      diligence: { timeOnItemMs: 1500, contextViewed: true },
    });
    expect(ok).toMatchObject({ decision: "exception", exceptionExpiresOn: "2027-01-15" });
  });

  it("rejects malformed input naming the field", async () => {
    const fixture = await createReviewFixture(db);
    const caller = createTestCaller({ db, user: fixture.manager, now });
    const attempt = caller.reviews.recordDecision({
      itemId: fixture.employeeItemId,
      decision: "maybe" as "approve",
      version: 1,
      diligence: { timeOnItemMs: 1500, contextViewed: true },
    });
    await expect(attempt).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(attempt).rejects.toThrow(/decision/);
  });
});
