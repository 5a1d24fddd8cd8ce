import { createHash } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { parseCheckpoint } from "@attest/evidence/checkpoint";
import { fromHex } from "@attest/evidence/hash";
import { leafHash, verifyInclusion } from "@attest/evidence/merkle";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { populationCsvLines, resolvePopulation } from "../../services/audit/get-population";
import { createCheckpoint } from "../../services/evidence/create-checkpoint";
import { type AuditFixture, addAuditUser, createAuditFixture } from "../../testing/audit-fixture";
import { readEvidenceAbout } from "../../testing/campaign-lifecycle-fixture";
import { createTestCaller, testLedgerConfig } from "../../testing/test-context";

const year = { periodStart: "2026-01-01", periodEnd: "2026-12-31" };
const now = new Date("2026-06-01T12:00:00.000Z");

describe("audit router", () => {
  let db: TestDatabase;
  let fixture: AuditFixture;
  let auditor: ReturnType<typeof createTestCaller>;
  let admin: ReturnType<typeof createTestCaller>;

  beforeAll(async () => {
    db = await createTestDatabase();
    fixture = await createAuditFixture(db);
    auditor = createTestCaller({ db, user: fixture.auditor, now });
    admin = createTestCaller({ db, user: fixture.admin, now });
  });
  afterAll(async () => {
    await db.close();
  });

  it("lists the control with its frequency, suggested sample size and campaigns run", async () => {
    const controls = await auditor.audit.controls();
    const control = controls.find((row) => row.definitionId === fixture.definitionId);
    expect(control).toMatchObject({
      frequency: "quarterly",
      suggestedSampleSize: { min: 2, max: 2 },
      campaignsRun: 1,
    });
  });

  it("gives a population whose counts reconcile with the launch and whose CSV hash is the IPE hash", async () => {
    const population = await auditor.audit.population({
      definitionId: fixture.definitionId,
      ...year,
    });
    const [items] = await db.query<{ total: number; decided: number }>(
      `select count(*)::int as total, count(decision)::int as decided from review_items where campaign_id = $1`,
      [fixture.campaignId],
    );
    expect(population.occurrences).toHaveLength(1);
    const [occurrence] = population.occurrences;
    expect(occurrence).toMatchObject({
      campaignId: fixture.campaignId,
      items: items?.total,
      populationGrants: items?.total,
      reconciles: true,
    });
    expect(population.totals).toMatchObject({
      campaigns: 1,
      items: items?.total,
      decisions: items?.decided,
    });
    expect(occurrence?.decisions.revoke).toBe(1);
    expect(population.ipe.rowCounts).toEqual({ campaigns: 1, items: items?.total });
    expect(population.ipe.query).toContain(fixture.definitionId);

    const resolved = await resolvePopulation(db, {
      definitionId: fixture.definitionId,
      ...year,
      user: fixture.auditor,
    });
    let csv = "";
    for await (const line of populationCsvLines(db, resolved.campaigns)) csv += line;
    expect(createHash("sha256").update(csv).digest("hex")).toBe(population.ipe.sha256);
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength((items?.total ?? 0) + 1);

    const before = await auditor.audit.population({
      definitionId: fixture.definitionId,
      periodStart: "2025-01-01",
      periodEnd: "2025-12-31",
    });
    expect(before.occurrences).toEqual([]);
  });

  it("refuses a period that ends before it starts, naming the field", async () => {
    await expect(
      auditor.audit.population({
        definitionId: fixture.definitionId,
        periodStart: "2026-02-01",
        periodEnd: "2026-01-01",
      }),
    ).rejects.toThrow(/periodEnd/);
  });

  it("draws the same sample for the same seed, a different one for another, and records each draw", async () => {
    const input = { definitionId: fixture.definitionId, ...year, seed: "42", size: 3 };
    const first = await auditor.audit.drawSample(input);
    const again = await auditor.audit.drawSample(input);
    const other = await auditor.audit.drawSample({ ...input, seed: "43" });
    expect(first.items).toHaveLength(3);
    expect(again.items.map((item) => item.itemId)).toEqual(first.items.map((item) => item.itemId));
    expect(other.items.map((item) => item.itemId)).not.toEqual(
      first.items.map((item) => item.itemId),
    );
    expect(again.sampleId).not.toBe(first.sampleId);

    const events = await readEvidenceAbout(db, first.sampleId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "audit.sample_drawn",
      actor: `user:${fixture.auditor.id}`,
      payload: {
        seed: "42",
        size: 3,
        populationCount: first.populationCount,
        populationSha256: first.populationSha256,
        itemIds: first.items.map((item) => item.itemId),
      },
    });
    const population = await auditor.audit.population({
      definitionId: fixture.definitionId,
      ...year,
    });
    expect(first.populationSha256).toBe(population.ipe.sha256);

    const drawnBefore = (await auditor.audit.samples.list()).length;
    await expect(
      auditor.audit.drawSample({ ...input, periodStart: "2025-01-01", periodEnd: "2025-12-31" }),
    ).rejects.toThrow(/nothing to sample/);
    await expect(auditor.audit.drawSample({ ...input, size: 501 })).rejects.toThrow(/size/);
    expect(await auditor.audit.samples.list()).toHaveLength(drawnBefore);

    const stratified = await auditor.audit.drawSample({ ...input, size: 4, stratifyBy: "system" });
    expect(new Set(stratified.items.map((item) => item.stratum)).size).toBe(2);

    const listed = await auditor.audit.samples.list();
    expect(listed.map((sample) => sample.sampleId)).toContain(first.sampleId);
    const stored = await auditor.audit.samples.get({ sampleId: first.sampleId });
    expect(stored.items.map((item) => item.itemId)).toEqual(first.items.map((item) => item.itemId));
  });

  it("re-performs a changed decision: both decisions, and the ledger event with a proof that verifies", async () => {
    const { signer, anchorDir } = testLedgerConfig();
    const view = await auditor.audit.reperformance({ itemId: fixture.changedItemId });
    expect(view.decisionHistory.map((entry) => entry.decision)).toEqual(["approve", "revoke"]);
    expect(view.decision).toMatchObject({ decision: "revoke", justification: "No longer needed" });
    expect(view.item.context.identity.displayName).toBeTruthy();
    expect(view.stageHistory).toHaveLength(1);
    expect(view.ledgerEvent?.seq).toBe(view.decisionHistory[1]?.seq);

    await createCheckpoint(db, { signer, anchorDir });
    const proven = await auditor.audit.reperformance({ itemId: fixture.changedItemId });
    const event = proven.ledgerEvent;
    expect(event?.verified).toBe(true);
    expect(event?.checkpoint).not.toBeNull();
    const root = parseCheckpoint(event?.checkpoint?.signedNote as string).rootHash;
    expect(
      verifyInclusion(
        leafHash(fromHex(event?.hash as string)),
        event?.leafIndex as number,
        event?.checkpoint?.treeSize as number,
        (event?.inclusionProof ?? []).map(fromHex),
        root,
      ),
    ).toBe(true);
    expect(JSON.parse(event?.canonicalJson as string)).toMatchObject({
      seq: event?.seq,
      action: "decision.recorded",
    });
  });

  it("bounds an auditor to their engagement, records grant and revoke, and after the revoke lets them read nothing", async () => {
    // This test's own auditor: the revoke below bounds them to nothing, for good.
    const engagedAuditor = await addAuditUser(db, "Engaged auditor", ["auditor"]);
    const auditor = createTestCaller({ db, user: engagedAuditor, now });
    expect(await auditor.audit.me()).toMatchObject({
      bounded: false,
      revoked: false,
      notice: null,
      engagements: [],
    });
    // Never granted an engagement: unbounded.
    expect((await auditor.campaigns.list()).map((campaign) => campaign.id)).toContain(
      fixture.campaignId,
    );
    const engagement = await admin.audit.engagements.grant({
      auditorId: engagedAuditor.id,
      name: "FY2025 SOX 404 external audit",
      periodStart: "2025-01-01",
      periodEnd: "2025-12-31",
    });
    expect(engagement).toMatchObject({ auditorName: engagedAuditor.displayName, revokedAt: null });
    expect((await readEvidenceAbout(db, engagement.id)).map((event) => event.action)).toEqual([
      "audit_engagement.granted",
    ]);
    expect(await auditor.audit.me()).toMatchObject({ bounded: true, revoked: false, notice: null });
    expect(await auditor.audit.engagements.list()).toHaveLength(1);

    await expect(
      auditor.audit.population({ definitionId: fixture.definitionId, ...year }),
    ).rejects.toThrow(/FY2025 SOX 404 external audit \(2025-01-01 to 2025-12-31\)/);
    await expect(
      auditor.audit.reperformance({ itemId: fixture.changedItemId }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      auditor.audit.campaignDecisions({ campaignId: fixture.campaignId }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      auditor.audit.drawSample({ definitionId: fixture.definitionId, ...year, seed: "1", size: 1 }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await auditor.audit.samples.list()).toEqual([]);
    expect((await auditor.campaigns.list()).map((campaign) => campaign.id)).not.toContain(
      fixture.campaignId,
    );
    await expect(auditor.campaigns.get({ campaignId: fixture.campaignId })).rejects.toThrow(
      /outside your audit engagement/,
    );
    await expect(
      auditor.campaigns.dashboard({ campaignId: fixture.campaignId }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    // An administrator is never bounded.
    expect((await admin.campaigns.list()).map((campaign) => campaign.id)).toContain(
      fixture.campaignId,
    );
    // Inside the engagement the auditor still reads.
    const inside = await auditor.audit.population({
      definitionId: fixture.definitionId,
      periodStart: "2025-01-01",
      periodEnd: "2025-06-30",
    });
    expect(inside.occurrences).toEqual([]);

    await admin.audit.engagements.revoke({ engagementId: engagement.id });
    expect((await readEvidenceAbout(db, engagement.id)).map((event) => event.action)).toEqual([
      "audit_engagement.granted",
      "audit_engagement.revoked",
    ]);
    // Revoking the last engagement leaves the auditor bounded, to no period: they read nothing.
    const revokedSentence =
      "Your audit engagement was revoked, so you may read no campaigns; an administrator can grant you a new one.";
    expect(await auditor.audit.me()).toMatchObject({
      bounded: true,
      revoked: true,
      notice: revokedSentence,
    });
    expect(await auditor.campaigns.list()).toEqual([]);
    await expect(auditor.campaigns.get({ campaignId: fixture.campaignId })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining(revokedSentence),
    });
    await expect(
      auditor.audit.population({
        definitionId: fixture.definitionId,
        periodStart: "2025-01-01",
        periodEnd: "2025-06-30",
      }),
    ).rejects.toThrow(revokedSentence);
    await expect(
      auditor.audit.campaignDecisions({ campaignId: fixture.campaignId }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      admin.audit.engagements.revoke({ engagementId: engagement.id }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("refuses an engagement for someone who is not an auditor, changing nothing", async () => {
    const before = await admin.audit.engagements.list();
    expect((await admin.audit.engagements.auditors()).map((user) => user.id)).toContain(
      fixture.auditor.id,
    );
    expect((await admin.audit.engagements.auditors()).map((user) => user.id)).not.toContain(
      fixture.admin.id,
    );
    await expect(
      admin.audit.engagements.grant({
        auditorId: fixture.admin.id,
        name: "Wrong person",
        periodStart: "2026-01-01",
        periodEnd: "2026-12-31",
      }),
    ).rejects.toThrow(/auditorId/);
    expect(await admin.audit.engagements.list()).toEqual(before);
  });

  it("notices a population that no longer matches its launch", async () => {
    await db.query(
      `update review_items set context = jsonb_set(context, '{identity,displayName}', '"Someone else"')
       where id = $1`,
      [fixture.decidedItemIds[0]],
    );
    const population = await auditor.audit.population({
      definitionId: fixture.definitionId,
      ...year,
    });
    expect(population.occurrences[0]?.reconciles).toBe(false);
  });
});

describe("audit.reperformance against a ledger edited behind its triggers", () => {
  let db: TestDatabase;
  let fixture: AuditFixture;

  beforeAll(async () => {
    db = await createTestDatabase({ as: "owner" });
    fixture = await createAuditFixture(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it("does not call an event verified when its content no longer hashes to its recorded hash", async () => {
    const { signer, anchorDir } = testLedgerConfig();
    await createCheckpoint(db, { signer, anchorDir });
    const auditor = createTestCaller({ db, user: fixture.auditor, now });
    const before = await auditor.audit.reperformance({ itemId: fixture.changedItemId });
    expect(before.ledgerEvent?.verified).toBe(true);

    // Someone with owner rights rewrites the decision's justification but leaves its hash: the
    // tree built from stored hashes still proves the hash, yet the JSON shown is not what was hashed.
    await db.exec("alter table evidence_events disable trigger evidence_events_append_only");
    await db.query(
      `update evidence_events set payload = jsonb_set(payload, '{justification}', '"Still needed"')
       where seq = $1`,
      [before.ledgerEvent?.seq],
    );
    await db.exec("alter table evidence_events enable trigger evidence_events_append_only");

    const after = await auditor.audit.reperformance({ itemId: fixture.changedItemId });
    expect(after.ledgerEvent?.canonicalJson).toContain("Still needed");
    expect(after.ledgerEvent?.verified).toBe(false);
    expect(after.ledgerEvent?.message).toMatch(/does NOT verify/);
  });
});
