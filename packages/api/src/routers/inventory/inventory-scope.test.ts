import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuditFixture, addAuditUser, createAuditFixture } from "../../testing/audit-fixture";
import { insertDatedImport, setSnapshotTakenAt } from "../../testing/dated-inventory";
import { createTestCaller } from "../../testing/test-context";

const fy2025 = {
  name: "FY2025 SOX 404 external audit",
  periodStart: "2025-01-01",
  periodEnd: "2025-12-31",
};
const fy2025Scope =
  "you may read snapshots taken within FY2025 SOX 404 external audit (2025-01-01 to 2025-12-31), and those that campaigns launched then were launched from.";
const revokedSentence =
  "Your audit engagement was revoked, so you may read no inventory snapshots; an administrator can grant you a new one.";

/**
 * Snapshots across four years: one before the FY2025 engagement, the campaign's (taken in 2024,
 * reviewed by a campaign launched in February 2025), one in the last second of 2025 and one at
 * the first instant of 2026 (the latest); and failed imports inside and after 2025.
 */
describe("inventory reads bounded by audit engagements", () => {
  let db: TestDatabase;
  let fixture: AuditFixture;
  let admin: ReturnType<typeof createTestCaller>;
  let campaignSnapshot: string;
  const taken = { before: "", inside: "", after: "" };
  const imports = { before: "", inside: "", after: "", failedInside: "", failedAfter: "" };

  const auditorWith = async (...engagements: (typeof fy2025)[]) => {
    const auditor = await addAuditUser(db, "Engaged auditor", ["auditor"]);
    for (const engagement of engagements) {
      await admin.audit.engagements.grant({ auditorId: auditor.id, ...engagement });
    }
    return { auditor, caller: createTestCaller({ db, user: auditor }) };
  };
  const snapshotIds = async (caller: ReturnType<typeof createTestCaller>) =>
    (await caller.inventory.snapshots({})).map((snapshot) => snapshot.id);
  const importIds = async (caller: ReturnType<typeof createTestCaller>) =>
    (await caller.inventory.imports({})).map((row) => row.id);

  beforeAll(async () => {
    db = await createTestDatabase();
    fixture = await createAuditFixture(db, { launchedAt: new Date("2025-02-03T09:00:00.000Z") });
    admin = createTestCaller({ db, user: fixture.admin });
    campaignSnapshot = fixture.generation.snapshotId;
    await setSnapshotTakenAt(db, campaignSnapshot, "2024-03-31T10:00:00.000Z");
    const dated = async (key: keyof typeof taken, at: string) => {
      const made = await insertDatedImport(db, { source: "sox-population", at });
      taken[key] = made.snapshotId ?? "";
      imports[key] = made.importId;
    };
    await dated("before", "2023-06-30T08:00:00.000Z");
    await dated("inside", "2025-12-31T23:59:59.000Z");
    await dated("after", "2026-01-01T00:00:00.000Z");
    imports.failedInside = (
      await insertDatedImport(db, {
        source: "sox-population",
        at: "2025-05-05T10:00:00.000Z",
        failed: true,
      })
    ).importId;
    imports.failedAfter = (
      await insertDatedImport(db, {
        source: "sox-population",
        at: "2026-01-10T10:00:00.000Z",
        failed: true,
      })
    ).importId;
  });
  afterAll(async () => {
    await db.close();
  });

  it("shows administrators, control owners and auditors never granted an engagement everything", async () => {
    const owner = await addAuditUser(db, "Owner", ["control_owner"]);
    const everySnapshot = [taken.after, taken.inside, campaignSnapshot, taken.before];
    for (const user of [fixture.admin, fixture.auditor, owner]) {
      const caller = createTestCaller({ db, user });
      expect(await snapshotIds(caller), user.displayName).toEqual(everySnapshot);
      const summary = await caller.inventory.summary();
      expect(summary.snapshot?.id).toBe(taken.after);
      expect(summary.scopeNotice).toBeNull();
      expect((await caller.inventory.grants({})).snapshotId).toBe(taken.after);
      expect(
        (await caller.inventory.populationReport({ snapshotId: taken.before })).snapshot.id,
      ).toBe(taken.before);
    }
    expect(await importIds(admin)).toEqual([
      imports.failedAfter,
      imports.after,
      imports.inside,
      imports.failedInside,
      imports.before,
    ]);
    expect(await importIds(createTestCaller({ db, user: fixture.auditor }))).toHaveLength(5);
  });

  it("lists for a bounded auditor the snapshots taken in their engagement and those its campaigns were launched from, latest first", async () => {
    const { caller } = await auditorWith(fy2025);
    expect(await snapshotIds(caller)).toEqual([taken.inside, campaignSnapshot]);
    expect(await importIds(caller)).toEqual([imports.inside, imports.failedInside]);

    // The latest they may read, not the latest imported.
    const summary = await caller.inventory.summary();
    expect(summary.snapshot?.id).toBe(taken.inside);
    expect(summary.scopeNotice).toBeNull();
    expect((await caller.inventory.grants({})).snapshotId).toBe(taken.inside);
    expect((await caller.inventory.identities({})).snapshotId).toBe(taken.inside);
    expect((await caller.inventory.systems({})).snapshotId).toBe(taken.inside);
    expect((await caller.inventory.entitlements({})).snapshotId).toBe(taken.inside);
    expect((await caller.inventory.populationReport({})).snapshot.id).toBe(taken.inside);

    // Taken a year before the engagement, but a campaign launched inside it reviews it.
    const reviewed = await caller.inventory.identities({ snapshotId: campaignSnapshot });
    expect(reviewed.total).toBeGreaterThan(0);
    expect(
      (await caller.inventory.populationReport({ snapshotId: campaignSnapshot })).snapshot.id,
    ).toBe(campaignSnapshot);
    expect((await caller.inventory.import({ importId: imports.failedInside })).status).toBe(
      "failed",
    );
    expect(
      (await caller.inventory.importIssues({ importId: imports.failedInside })).rows,
    ).toHaveLength(1);
  });

  it("refuses a bounded auditor a snapshot or import outside their engagement, with a sentence", async () => {
    const { caller } = await auditorWith(fy2025);
    const refusal = (day: string) => ({
      code: "FORBIDDEN",
      message: `Snapshot taken on ${day} lies outside your audit engagement: ${fy2025Scope}`,
    });
    await expect(
      caller.inventory.populationReport({ snapshotId: taken.after }),
    ).rejects.toMatchObject(refusal("2026-01-01"));
    await expect(caller.inventory.grants({ snapshotId: taken.before })).rejects.toMatchObject(
      refusal("2023-06-30"),
    );
    await expect(caller.inventory.identities({ snapshotId: taken.before })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(caller.inventory.systems({ snapshotId: taken.after })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(caller.inventory.entitlements({ snapshotId: taken.after })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(caller.inventory.snapshotDiff({ snapshotId: taken.after })).rejects.toMatchObject(
      refusal("2026-01-01"),
    );

    await expect(caller.inventory.import({ importId: imports.after })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: `The import of sox-population on 2026-01-01 lies outside your audit engagement: ${fy2025Scope}`,
    });
    await expect(
      caller.inventory.importIssues({ importId: imports.failedAfter }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("on 2026-01-10 lies outside your audit engagement"),
    });
  });

  it("does not show a bounded auditor what changed since a snapshot outside their engagement", async () => {
    const { caller } = await auditorWith(fy2025);

    await expect(caller.inventory.snapshotDiff({ snapshotId: taken.inside })).rejects.toThrow(
      "The snapshot before this one was taken on 2023-06-30, outside your audit engagement, so what changed since it is not shown.",
    );
    const diff = await admin.inventory.snapshotDiff({ snapshotId: taken.inside });
    expect(diff.previous?.id).toBe(taken.before);
    const wider = await auditorWith(fy2025, {
      name: "FY2023 SOX 404 external audit",
      periodStart: "2023-01-01",
      periodEnd: "2023-12-31",
    });
    expect(
      (await wider.caller.inventory.snapshotDiff({ snapshotId: taken.inside })).previous?.id,
    ).toBe(taken.before);
  });

  it("reads the union of a bounded auditor's engagements", async () => {
    const { caller } = await auditorWith(
      { name: "FY2023 interim", periodStart: "2023-01-01", periodEnd: "2023-06-30" },
      fy2025,
    );
    expect(await snapshotIds(caller)).toEqual([taken.inside, campaignSnapshot, taken.before]);
    expect(
      (await caller.inventory.populationReport({ snapshotId: taken.before })).snapshot.id,
    ).toBe(taken.before);
  });

  it("tells a bounded auditor whose engagement holds no snapshot why there is nothing to read", async () => {
    const { caller } = await auditorWith({
      name: "FY2027 SOX 404 external audit",
      periodStart: "2027-01-01",
      periodEnd: "2027-12-31",
    });
    const sentence =
      "No inventory snapshot was taken within your audit engagement, FY2027 SOX 404 external audit (2027-01-01 to 2027-12-31), and no campaign launched then was launched from one.";
    expect(await snapshotIds(caller)).toEqual([]);
    expect(await importIds(caller)).toEqual([]);
    expect(await caller.inventory.summary()).toMatchObject({
      snapshot: null,
      grants: 0,
      scopeNotice: sentence,
    });
    await expect(caller.inventory.grants({})).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: sentence,
    });
  });

  it("lets an auditor whose every engagement was revoked read no snapshot, while an administrator still reads them all", async () => {
    const { auditor, caller } = await auditorWith(fy2025);
    expect(await snapshotIds(caller)).toHaveLength(2);
    const [engagement] = await admin.audit.engagements
      .list()
      .then((rows) => rows.filter((row) => row.auditorId === auditor.id));
    await admin.audit.engagements.revoke({ engagementId: engagement?.id ?? "" });

    expect(await snapshotIds(caller)).toEqual([]);
    expect(await importIds(caller)).toEqual([]);
    expect(await caller.inventory.summary()).toMatchObject({
      snapshot: null,
      scopeNotice: revokedSentence,
    });
    await expect(caller.inventory.grants({})).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: revokedSentence,
    });
    await expect(
      caller.inventory.populationReport({ snapshotId: taken.inside }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: `Snapshot taken on 2025-12-31 lies outside your audit engagement: ${revokedSentence}`,
    });
    await expect(caller.inventory.import({ importId: imports.inside })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await snapshotIds(admin)).toHaveLength(4);
  });
});
