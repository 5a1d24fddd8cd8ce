import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReviewFixture } from "../../testing/review-fixture";
import { createTestCaller, sessionUserWithRoles } from "../../testing/test-context";

describe("ledger router", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ as: "owner" });
  });
  afterAll(async () => {
    await db.close();
  });

  const admin = () => createTestCaller({ db, user: sessionUserWithRoles(["admin"]) });
  const auditor = () => createTestCaller({ db, user: sessionUserWithRoles(["auditor"]) });

  it("shows an empty ledger without failing", async () => {
    const status = await auditor().ledger.status();
    expect(status).toMatchObject({
      length: 0,
      headHash: null,
      latestCheckpoint: null,
      recentEvents: [],
    });
    expect(status.publicKeyFingerprint).toMatch(/^SHA256:/);
  });

  it("records each decision with its actor, and verifies the live chain", async () => {
    const fixture = await createReviewFixture(db);
    const reviewer = createTestCaller({ db, user: fixture.manager });
    await reviewer.reviews.recordDecision({
      itemId: fixture.employeeItemId,
      decision: "approve",
      version: 1,
      diligence: { timeOnItemMs: 1500, contextViewed: true },
    });
    await reviewer.reviews.recordDecision({
      itemId: fixture.employeeItemId,
      decision: "revoke",
      justification: "Moved teams",
      version: 2,
      diligence: { timeOnItemMs: 1500, contextViewed: true },
    });
    const status = await auditor().ledger.status();
    expect(status.length).toBe(2);
    expect(status.recentEvents.map((event) => [event.action, event.actorName])).toEqual([
      ["decision.recorded", fixture.manager.displayName],
      ["decision.recorded", fixture.manager.displayName],
    ]);
    expect(await auditor().ledger.verification()).toMatchObject({
      ok: true,
      events: 2,
      checkpoints: 0,
    });
  });

  it("signs a checkpoint on demand and verifies it", async () => {
    const checkpoint = await admin().ledger.checkpointNow();
    expect(checkpoint?.treeSize).toBe(2);
    const status = await admin().ledger.status();
    expect(status).toMatchObject({ uncheckpointedEvents: 0, latestCheckpoint: { treeSize: 2 } });
    expect(status.latestCheckpoint?.note).toMatch(/^attest\.test\/ledger\n2\n/);
    expect(await admin().ledger.verification()).toMatchObject({
      ok: true,
      events: 2,
      checkpoints: 1,
    });
  });

  it("names the event when someone with database owner rights edits history behind the triggers", async () => {
    await db.exec("alter table evidence_events disable trigger evidence_events_append_only");
    await db.query(
      `update evidence_events set payload = jsonb_set(payload, '{decision}', '"approve"') where seq = 2`,
    );
    await db.exec("alter table evidence_events enable trigger evidence_events_append_only");
    expect(await auditor().ledger.verification()).toMatchObject({
      ok: false,
      seq: 2,
      reason: "hash does not match the event's content",
    });
  });
});
