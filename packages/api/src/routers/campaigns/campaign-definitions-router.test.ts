import { randomUUID } from "node:crypto";
import { listRecentEvidenceEvents } from "@attest/db/repositories/evidence-events";
import {
  insertRoleAssignments,
  insertUsers,
  listActiveUsersWithRoles,
} from "@attest/db/repositories/users";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { AppError } from "../../app-error";
import { demoSeed, seedDemoOrganisation } from "../../services/demo/seed-demo-organisation";
import { createGenerationFixture, type GenerationFixture } from "../../testing/generation-fixture";
import { createTestCaller, sessionUserWithRoles } from "../../testing/test-context";

// A Saturday: the quarterly first-Monday schedule next runs on 4 January 2027.
const now = new Date("2026-11-28T12:00:00.000Z");

/** A refusal's tRPC code, message, and the input fields it names (AppError field, zod paths). */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const fields =
      error instanceof AppError
        ? [error.field]
        : error.cause instanceof ZodError
          ? error.cause.issues.map((issue) => issue.path.join("."))
          : [];
    return { code: error.code, message: error.message, fields };
  }
  throw new Error("expected a refusal");
}

describe("campaigns.definitions and campaigns.launch", () => {
  let db: TestDatabase;
  let fixture: GenerationFixture;

  beforeAll(async () => {
    db = await createTestDatabase();
    fixture = await createGenerationFixture(db);
  });
  afterAll(async () => {
    await db.close();
  });

  const controlOwner = () =>
    createTestCaller({ db, user: { ...fixture.users.carl, roles: ["control_owner"] }, now });

  it("creates a definition, computes its next run, and records it in the ledger", async () => {
    const created = await controlOwner().campaigns.definitions.create(
      fixture.definition({ recurrence: "0 9 * 1,4,7,10 MON#1" }),
    );
    expect(created).toMatchObject({
      controlOwnerName: fixture.users.carl.displayName,
      fallbackReviewerName: fixture.users.fiona.displayName,
      nextRunAt: "2027-01-04T09:00:00.000Z",
      createdAt: now.toISOString(),
      createdByName: fixture.users.carl.displayName,
      campaignCount: 0,
    });
    const [event] = await listRecentEvidenceEvents(db, 1);
    expect(event).toMatchObject({
      action: "campaign_definition.created",
      actor: `user:${fixture.users.carl.id}`,
      subjectIds: [created.id],
      payload: {
        definitionId: created.id,
        controlId: "ITGC-AC-03",
        definition: { recurrence: "0 9 * 1,4,7,10 MON#1", reviewerStrategy: "manager" },
      },
    });
  });

  it("updates a definition: new settings, next run recomputed, an updated event", async () => {
    const caller = controlOwner();
    const created = await caller.campaigns.definitions.create(
      fixture.definition({ recurrence: "0 9 1 * *" }),
    );
    expect(created.nextRunAt).toBe("2026-12-01T09:00:00.000Z");
    const updated = await caller.campaigns.definitions.update({
      definitionId: created.id,
      definition: fixture.definition({
        name: "Renamed review",
        recurrence: null,
        reviewerStrategy: "named",
        namedReviewerId: fixture.users.maya.id,
      }),
    });
    expect(updated).toMatchObject({
      name: "Renamed review",
      nextRunAt: null,
      reviewerStrategy: "named",
      namedReviewerName: fixture.users.maya.displayName,
      updatedAt: now.toISOString(),
    });
    const [event] = await listRecentEvidenceEvents(db, 1);
    expect(event).toMatchObject({
      action: "campaign_definition.updated",
      payload: { definitionId: created.id, name: "Renamed review" },
    });
    expect(await caller.campaigns.definitions.get({ definitionId: created.id })).toEqual(updated);
  });

  it("lists the control owners and reviewers a definition may name, with their roles", async () => {
    const auditorId = randomUUID();
    await insertUsers(db, [
      {
        id: auditorId,
        email: `auditor-${auditorId}@example.test`,
        displayName: `Auditor ${auditorId}`,
        identityKey: null,
      },
    ]);
    await insertRoleAssignments(db, [{ userId: auditorId, role: "auditor", assignedBy: "test" }]);

    const people = await controlOwner().campaigns.definitions.people();
    const byId = new Map(people.map((person) => [person.id, person]));
    expect(byId.get(fixture.users.carl.id)).toEqual({
      id: fixture.users.carl.id,
      displayName: fixture.users.carl.displayName,
      email: fixture.users.carl.email,
      roles: ["control_owner"],
    });
    expect(byId.get(fixture.users.fiona.id)?.roles).toEqual(["reviewer"]);
    // Someone who can neither own a control nor review is not offered.
    expect(byId.has(auditorId)).toBe(false);
  });

  it("lets auditors read definitions but not change or launch them", async () => {
    const created = await controlOwner().campaigns.definitions.create(fixture.definition());
    const auditor = createTestCaller({ db, user: sessionUserWithRoles(["auditor"]), now });
    expect((await auditor.campaigns.definitions.list()).map((d) => d.id)).toContain(created.id);
    expect(
      (
        await refusal(
          auditor.campaigns.launch({ definitionId: created.id, snapshotId: fixture.snapshotId }),
        )
      ).code,
    ).toBe("FORBIDDEN");
  });

  it("names the field of bad input and changes nothing", async () => {
    const caller = controlOwner();
    const before = (await caller.campaigns.definitions.list()).length;
    const cases = [
      [
        { fallbackReviewerId: "00000000-0000-4000-8000-000000000000" },
        "fallbackReviewerId",
        "fallbackReviewerId names no user.",
      ],
      [
        { controlOwnerId: fixture.users.maya.id },
        "controlOwnerId",
        `controlOwnerId names ${fixture.users.maya.displayName}, who does not have the control owner role.`,
      ],
      [
        { reviewerStrategy: "named" as const, namedReviewerId: fixture.users.carl.id },
        "namedReviewerId",
        `namedReviewerId names ${fixture.users.carl.displayName}, who does not have the reviewer role.`,
      ],
      [{ recurrence: "every monday" }, "recurrence", 'recurrence "every monday" is not a cron'],
      [{ recurrence: "0 0 30 2 *" }, "recurrence", 'recurrence "0 0 30 2 *" never occurs.'],
    ] as const;
    for (const [overrides, field, message] of cases) {
      const error = await refusal(
        caller.campaigns.definitions.create(fixture.definition(overrides)),
      );
      expect(error).toMatchObject({ code: "BAD_REQUEST", fields: [field] });
      expect(error.message).toContain(message);
    }
    const schemaError = await refusal(
      caller.campaigns.definitions.create(
        fixture.definition({ durationDays: 0, reviewerStrategy: "named" }),
      ),
    );
    expect(schemaError.code).toBe("BAD_REQUEST");
    expect(schemaError.fields.sort()).toEqual(["durationDays", "namedReviewerId"]);
    expect((await caller.campaigns.definitions.list()).length).toBe(before);
  });

  it("keeps the longest exception on the definition, and each campaign keeps the value it was launched with", async () => {
    const caller = controlOwner();
    const tooLong = await refusal(
      caller.campaigns.definitions.create(fixture.definition({ maxExceptionDays: 731 })),
    );
    expect(tooLong).toMatchObject({ code: "BAD_REQUEST", fields: ["maxExceptionDays"] });
    expect(tooLong.message).toContain("maxExceptionDays must be at most 730 days");
    const created = await caller.campaigns.definitions.create(
      fixture.definition({ maxExceptionDays: 30 }),
    );
    expect(created.maxExceptionDays).toBe(30);
    expect((await caller.campaigns.definitions.create(fixture.definition())).maxExceptionDays).toBe(
      180,
    );
    const definition = fixture.definition({ maxExceptionDays: 45 });
    await caller.campaigns.definitions.update({ definitionId: created.id, definition });
    const launched = await caller.campaigns.launch({ definitionId: created.id });
    await caller.campaigns.definitions.update({
      definitionId: created.id,
      definition: { ...definition, maxExceptionDays: 90 },
    });
    expect(
      (await caller.campaigns.definitions.get({ definitionId: created.id })).maxExceptionDays,
    ).toBe(90);
    const [campaign] = await db.query<{ days: number }>(
      "select max_exception_days as days from campaigns where id = $1",
      [launched.campaign.id],
    );
    expect(campaign?.days).toBe(45);
  });

  it("previews a draft against the latest snapshot, and launches the saved definition", async () => {
    const caller = controlOwner();
    // The fixture's snapshot is the latest in this database.
    const draft = fixture.definition({ reviewerStrategy: "system_owner" });
    const preview = await caller.campaigns.definitions.preview({ definition: draft });
    expect(preview).toMatchObject({
      snapshot: { id: fixture.snapshotId },
      populationSize: 11,
      rerouted: { self_review: 2, owns_identity: 1, no_strategy_reviewer: 4 },
      fallback: { reviewerId: fixture.users.fiona.id, items: 4 },
      independenceFlags: 4,
      orphanGrants: 1,
      unassignable: { count: 0, examples: [] },
    });
    // Most items first; equal loads by name.
    expect(preview.reviewerLoad.map(({ reviewerName, items }) => [reviewerName, items])).toEqual([
      [fixture.users.fiona.displayName, 4],
      [fixture.users.owen.displayName, 4],
      [fixture.users.maya.displayName, 3],
    ]);
    const saved = await caller.campaigns.definitions.create(draft);
    const launched = await caller.campaigns.launch({ definitionId: saved.id });
    expect(launched).toMatchObject({
      created: true,
      campaign: { itemCount: 11, status: "active", snapshotId: fixture.snapshotId },
    });
    expect(launched.summary).toEqual((({ snapshot: _, ...summary }) => summary)(preview));
    const campaign = await caller.campaigns.get({ campaignId: launched.campaign.id });
    expect(campaign).toMatchObject({ totalItems: 11, decidedItems: 0, status: "active" });
    expect((await caller.campaigns.definitions.get({ definitionId: saved.id })).campaignCount).toBe(
      1,
    );
  });

  it("refuses a preview with both or neither of definition and definitionId", async () => {
    const caller = controlOwner();
    const neither = await refusal(caller.campaigns.definitions.preview({}));
    expect(neither).toMatchObject({ code: "BAD_REQUEST", fields: ["definitionId"] });
  });
});

describe("campaign definitions of the demo organisation", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoOrganisation(db, { seed: demoSeed, anchorDate: "2026-11-27" });
  });
  afterAll(async () => {
    await db.close();
  });

  it("lists the seeded definitions and previews each against the demo snapshot", async () => {
    const [priya] = (await listActiveUsersWithRoles(db)).filter(
      (user) => user.displayName === "Priya Raman",
    );
    if (!priya) throw new Error("demo control owner missing");
    const caller = createTestCaller({ db, user: priya, now });
    const definitions = await caller.campaigns.definitions.list();
    expect(definitions.map((d) => d.controlId).sort()).toEqual([
      "ITGC-AC-03",
      "ITGC-AC-04",
      "ITGC-AC-05",
    ]);
    for (const definition of definitions) {
      const preview = await caller.campaigns.definitions.preview({ definitionId: definition.id });
      expect(preview.populationSize).toBeGreaterThan(0);
      expect(preview.unassignable.count).toBe(0);
      expect(preview.unmatchedScopeKeys).toEqual({ systemKeys: [], entitlementKeys: [] });
    }
  });
});
