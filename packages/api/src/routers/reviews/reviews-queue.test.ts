import { createHash } from "node:crypto";
import type { Database } from "@attest/db/database";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { testDatabaseUrl } from "@attest/db/testing/test-env";
import { reviewItemFlags } from "@attest/domain/reviews/review-item-flags";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../context";
import { closeCampaign } from "../../services/campaigns/close-campaign";
import type { QueueItem } from "../../services/reviews/queue-item-view";
import { createQueueFixture, type QueueFixture } from "../../testing/review-queue-fixture";
import { createTestCaller } from "../../testing/test-context";

const now = new Date("2026-11-20T10:00:00.000Z");

/** The preview's fingerprint as its contract states it, computed independently. */
function sha256Lines(lines: readonly string[]): string {
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}
const diligence = { timeOnItemMs: 4200, contextViewed: true };

async function refusalOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal, got a result");
}

describe("reviewer workspace", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  const as = (user: SessionUser) => createTestCaller({ db, user, now });

  async function wholeQueue(
    fixture: QueueFixture,
    options: { groupBy?: "person" | "entitlement"; status?: "pending" | "decided" | "all" } = {},
  ): Promise<QueueItem[]> {
    const page = await as(fixture.reviewer).reviews.queue({
      campaignId: fixture.campaignId,
      status: options.status ?? "all",
      groupBy: options.groupBy ?? "person",
      limit: 500,
    });
    return page.items;
  }

  async function eventsAbout(itemId: string) {
    return db.query<{ actor: string; payloadVersion: number; payload: Record<string, unknown> }>(
      `select actor, payload_version as "payloadVersion", payload from evidence_events
       where subject_ids @> array[$1::text] and action = 'decision.recorded' order by seq`,
      [itemId],
    );
  }

  describe("queue", () => {
    it("shows only the reviewer's items, and offset pages tile the queue exactly in each grouping", async () => {
      const fixture = await createQueueFixture(db);
      for (const groupBy of ["person", "entitlement"] as const) {
        const all = await wholeQueue(fixture, { groupBy });
        expect(all.map((item) => item.id).sort()).toEqual(
          fixture.items.map((item) => item.id).sort(),
        );
        const paged: string[] = [];
        for (let offset = 0; offset < all.length; offset += 7) {
          const page = await as(fixture.reviewer).reviews.queue({
            campaignId: fixture.campaignId,
            status: "all",
            groupBy,
            limit: 7,
            offset,
          });
          expect(page.total).toBe(all.length);
          paged.push(...page.items.map((item) => item.id));
        }
        expect(paged).toEqual(all.map((item) => item.id));
        // Each group's items are together: a group never comes back once left.
        const seen = new Set<string>();
        let previous = "";
        for (const item of all) {
          if (item.group.key !== previous) {
            expect(seen.has(item.group.key)).toBe(false);
            seen.add(item.group.key);
            previous = item.group.key;
          }
        }
      }
    });

    it("orders by person name then system and entitlement, or by system and entitlement then person", async () => {
      const fixture = await createQueueFixture(db);
      const byPerson = await wholeQueue(fixture, { groupBy: "person" });
      const personKeys = byPerson.map((item) => [
        item.context.identity.displayName,
        item.context.system.name,
        item.context.entitlement.name,
      ]);
      const compare = (a: string[], b: string[]) => {
        for (let i = 0; i < a.length; i += 1) {
          const order = (a[i] ?? "").localeCompare(b[i] ?? "", "en");
          if (order !== 0) return order;
        }
        return 0;
      };
      expect(personKeys).toEqual([...personKeys].sort(compare));
      expect(byPerson[0]?.group.label).toBe(byPerson[0]?.context.identity.displayName);

      const byEntitlement = await wholeQueue(fixture, { groupBy: "entitlement" });
      const entitlementKeys = byEntitlement.map((item) => [
        item.context.system.name,
        item.context.entitlement.name,
        item.context.identity.displayName,
      ]);
      expect(entitlementKeys).toEqual([...entitlementKeys].sort(compare));
      expect(byEntitlement[0]?.group).toEqual({
        key: `entitlement:${byEntitlement[0]?.context.system.key}:${byEntitlement[0]?.context.entitlement.key}`,
        label: `${byEntitlement[0]?.context.entitlement.name} · ${byEntitlement[0]?.context.system.name}`,
      });
    });

    it("filters in SQL exactly as the domain flags and context say, with counts per status", async () => {
      const fixture = await createQueueFixture(db);
      const reviewer = as(fixture.reviewer);
      // Decide two items so the status counts differ.
      const everything = await wholeQueue(fixture);
      const decidable = everything.filter((item) => item.canDecide);
      for (const item of decidable.slice(0, 2)) {
        await reviewer.reviews.recordDecision({
          itemId: item.id,
          decision: "approve",
          version: item.version,
          diligence,
        });
      }
      const all = await wholeQueue(fixture);
      // Every flag occurs in the fixture, so no filter below can pass by matching nothing.
      const occurring = new Set(all.flatMap((item) => item.flags));
      expect([...occurring].sort()).toEqual(
        [
          "account_disabled",
          "orphaned_owner",
          "stale_credential",
          "terminated",
          "uncommon_among_peers",
          "unused_90_days",
        ].sort(),
      );
      const cases = [
        { filters: { flagged: true }, expected: (i: QueueItem) => i.flags.length > 0 },
        { filters: { flagged: false }, expected: (i: QueueItem) => i.flags.length === 0 },
        {
          filters: { unused90: true },
          expected: (i: QueueItem) => i.flags.includes("unused_90_days"),
        },
        {
          filters: { privileged: true },
          expected: (i: QueueItem) => i.context.entitlement.privileged,
        },
        {
          filters: { privileged: false },
          expected: (i: QueueItem) => !i.context.entitlement.privileged,
        },
        { filters: { nonHuman: true }, expected: (i: QueueItem) => i.context.nonHuman !== null },
        {
          filters: { risk: "critical" as const },
          expected: (i: QueueItem) => i.context.entitlement.risk === "critical",
        },
        {
          filters: { privileged: true, unused90: true },
          expected: (i: QueueItem) =>
            i.context.entitlement.privileged && i.flags.includes("unused_90_days"),
        },
      ];
      for (const { filters, expected } of cases) {
        const page = await reviewer.reviews.queue({
          campaignId: fixture.campaignId,
          status: "all",
          filters,
          limit: 500,
        });
        const wanted = all.filter(expected);
        expect(wanted.length, JSON.stringify(filters)).toBeGreaterThan(0);
        expect(page.items.map((item) => item.id).sort(), JSON.stringify(filters)).toEqual(
          wanted.map((item) => item.id).sort(),
        );
        expect(page.counts).toEqual({
          all: wanted.length,
          pending: wanted.filter((item) => item.decision === null).length,
          decided: wanted.filter((item) => item.decision !== null).length,
        });
      }
      const pending = await reviewer.reviews.queue({ campaignId: fixture.campaignId });
      expect(pending.total).toBe(all.length - 2);
      expect(pending.counts).toEqual({ pending: all.length - 2, decided: 2, all: all.length });
      expect(pending.items.every((item) => item.decision === null)).toBe(true);
      // The flags shown are the domain's, computed from the frozen context as of launch.
      for (const item of all) {
        expect(item.flags.length).toBeLessThanOrEqual(6);
        expect(reviewItemFlags(item.context, new Date()).sort()).toEqual([...item.flags].sort());
      }
    });

    it("searches names, systems, entitlements and accounts", async () => {
      const fixture = await createQueueFixture(db);
      const all = await wholeQueue(fixture);
      const name = all[0]?.context.identity.displayName ?? "";
      const page = await as(fixture.reviewer).reviews.queue({
        campaignId: fixture.campaignId,
        status: "all",
        search: name.toUpperCase(),
      });
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.every((item) => item.context.identity.displayName === name)).toBe(true);
      const crm = await as(fixture.reviewer).reviews.queue({
        campaignId: fixture.campaignId,
        status: "all",
        search: "crm ad",
      });
      expect(crm.items.map((item) => item.context.entitlement.name)).toEqual(
        all.filter((item) => item.context.entitlement.name === "CRM admin").map(() => "CRM admin"),
      );
      // LIKE wildcards are searched for as text: unescaped, "%" would match every item.
      for (const wildcard of ["%", "%%"]) {
        const nothing = await as(fixture.reviewer).reviews.queue({
          campaignId: fixture.campaignId,
          status: "all",
          search: wildcard,
        });
        expect(nothing.total, wildcard).toBe(0);
      }
    });

    it("says which items the reviewer cannot decide, and why", async () => {
      const fixture = await createQueueFixture(db);
      const all = await wholeQueue(fixture);
      const own = all.find((item) => item.id === fixture.ownItemId);
      expect(own).toMatchObject({
        canDecide: false,
        cannotDecideReason: "You cannot decide on your own access.",
      });
      expect(all.filter((item) => !item.canDecide).map((item) => item.id)).toEqual(
        all
          .filter((item) => item.context.identity.externalId === fixture.reviewer.identityKey)
          .map((item) => item.id),
      );
      const other = await as(fixture.otherReviewer).reviews.queue({
        campaignId: fixture.campaignId,
        status: "all",
      });
      expect(other.items.map((item) => item.id)).toContain(fixture.otherItemId);
      expect(other.items.map((item) => item.id)).not.toContain(fixture.ownItemId);
    });

    it("rejects bad input naming the field", async () => {
      const fixture = await createQueueFixture(db);
      const attempt = refusalOf(
        as(fixture.reviewer).reviews.queue({
          campaignId: fixture.campaignId,
          filters: { risk: "extreme" as "high" },
        }),
      );
      expect(await attempt).toMatchObject({ code: "BAD_REQUEST" });
      expect((await attempt).message).toMatch(/filters\.risk/);
      expect(
        await refusalOf(
          as(fixture.reviewer).reviews.queue({ campaignId: fixture.campaignId, limit: 501 }),
        ),
      ).toMatchObject({ code: "BAD_REQUEST" });
    });
  });

  describe("my campaigns", () => {
    it("counts decided and flagged pending items and states the campaign's rules", async () => {
      const fixture = await createQueueFixture(db);
      const all = await wholeQueue(fixture);
      const campaigns = await as(fixture.reviewer).reviews.myCampaigns();
      expect(campaigns.find((campaign) => campaign.id === fixture.campaignId)).toMatchObject({
        totalItems: all.length,
        pendingItems: all.length,
        decidedItems: 0,
        flaggedPending: all.filter((item) => item.flags.length > 0).length,
        maxExceptionDays: 180,
        justificationRequired: { approve: false, revoke: true },
        currentStage: 1,
        controlId: "ITGC-AC-06",
      });
    });
  });

  describe("item detail", () => {
    it("shows what stage one decided and every decision recorded on the item, oldest first", async () => {
      const fixture = await createQueueFixture(db);
      const reviewer = as(fixture.reviewer);
      const first = await reviewer.reviews.recordDecision({
        itemId: fixture.stageTwoItemId,
        decision: "exception",
        justification: "Covers the audit period",
        exceptionExpiresOn: "2027-01-31",
        compensatingControl: "Monthly journal review by the controller",
        version: 1,
        diligence,
      });
      expect(first).toMatchObject({
        decision: "exception",
        compensatingControl: "Monthly journal review by the controller",
        canDecide: true,
      });
      await reviewer.reviews.bulkDecide({
        campaignId: fixture.campaignId,
        decision: "revoke",
        justification: "No longer needed",
        selection: { kind: "items", items: [{ itemId: fixture.stageTwoItemId, version: 2 }] },
      });
      const detail = await reviewer.reviews.item({ itemId: fixture.stageTwoItemId });
      expect(detail).toMatchObject({ id: fixture.stageTwoItemId, decision: "revoke", version: 3 });
      expect(detail.stageHistory).toEqual([
        {
          stage: 1,
          reviewerName: fixture.otherReviewer.displayName,
          decision: "approve",
          decidedAt: "2026-11-10T09:00:00.000Z",
          justification: "Needed for the month-end close",
        },
      ]);
      expect(detail.decisionHistory).toEqual([
        {
          seq: expect.any(Number),
          decision: "exception",
          decidedAt: now.toISOString(),
          actorName: fixture.reviewer.displayName,
          justification: "Covers the audit period",
          exceptionExpiresOn: "2027-01-31",
          compensatingControl: "Monthly journal review by the controller",
          viaBulk: false,
        },
        {
          seq: expect.any(Number),
          decision: "revoke",
          decidedAt: now.toISOString(),
          actorName: fixture.reviewer.displayName,
          justification: "No longer needed",
          exceptionExpiresOn: null,
          compensatingControl: null,
          viaBulk: true,
        },
      ]);
      expect(detail.decisionHistory[0]?.seq).toBeLessThan(detail.decisionHistory[1]?.seq ?? 0);
    });

    it("is not found for anyone but the item's current reviewer", async () => {
      const fixture = await createQueueFixture(db);
      expect(
        await refusalOf(as(fixture.otherReviewer).reviews.item({ itemId: fixture.stageTwoItemId })),
      ).toMatchObject({ code: "NOT_FOUND" });
      expect(
        await refusalOf(as(fixture.reviewer).reviews.item({ itemId: fixture.otherItemId })),
      ).toMatchObject({ code: "NOT_FOUND" });
    });
  });

  describe("recording a decision", () => {
    it("stores the diligence signals on the item and in the evidence", async () => {
      const fixture = await createQueueFixture(db);
      const itemId = fixture.subjectReviewerItemId;
      await as(fixture.reviewer).reviews.recordDecision({
        itemId,
        decision: "approve",
        version: 1,
        diligence: { timeOnItemMs: 12_345, contextViewed: false },
      });
      const [row] = await db.query(
        `select decision_time_ms as "timeMs", context_viewed as "contextViewed",
                decided_in_bulk as "inBulk" from review_items where id = $1`,
        [itemId],
      );
      expect(row).toEqual({ timeMs: 12_345, contextViewed: false, inBulk: false });
      const [event] = await eventsAbout(itemId);
      expect(event?.payloadVersion).toBe(2);
      expect(event?.payload).toMatchObject({
        decision: "approve",
        compensatingControl: null,
        diligence: { timeOnItemMs: 12_345, contextViewed: false, viaBulk: false },
      });
    });

    it("bounds an exception by the campaign's own longest exception and keeps compensating controls to exceptions", async () => {
      const fixture = await createQueueFixture(db);
      await db.query("update campaigns set max_exception_days = 30 where id = $1", [
        fixture.campaignId,
      ]);
      const reviewer = as(fixture.reviewer);
      const itemId = fixture.subjectReviewerItemId;
      const tooLate = await refusalOf(
        reviewer.reviews.recordDecision({
          itemId,
          decision: "exception",
          justification: "Quarter-end",
          exceptionExpiresOn: "2026-12-21",
          version: 1,
          diligence,
        }),
      );
      expect(tooLate).toEqual({
        code: "BAD_REQUEST",
        message: "exceptionExpiresOn must be within 30 days (by 2026-12-20)",
      });
      await expect(
        reviewer.reviews.recordDecision({
          itemId,
          decision: "approve",
          compensatingControl: "Weekly log review",
          version: 1,
          diligence,
        }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST", field: "compensatingControl" });
      await expect(
        reviewer.reviews.recordDecision({
          itemId,
          decision: "approve",
          version: 1,
          diligence: { timeOnItemMs: -1, contextViewed: true },
        }),
      ).rejects.toThrow(/diligence\.timeOnItemMs/);
      const ok = await reviewer.reviews.recordDecision({
        itemId,
        decision: "exception",
        justification: "Quarter-end",
        exceptionExpiresOn: "2026-12-20",
        version: 1,
        diligence,
      });
      expect(ok).toMatchObject({
        decision: "exception",
        exceptionExpiresOn: "2026-12-20",
        version: 2,
      });
    });

    it("gives the later of two tabs deciding the same item a conflict, never an overwrite", async () => {
      const fixture = await createQueueFixture(db);
      const itemId = fixture.subjectReviewerItemId;
      const firstTab = as(fixture.reviewer);
      const secondTab = as(fixture.reviewer);
      await firstTab.reviews.recordDecision({ itemId, decision: "approve", version: 1, diligence });
      const later = await refusalOf(
        secondTab.reviews.recordDecision({
          itemId,
          decision: "revoke",
          justification: "Not needed",
          version: 1,
          diligence,
        }),
      );
      expect(later).toEqual({
        code: "CONFLICT",
        message:
          "This item was decided elsewhere since you opened it (now: Approved). Reload to see its current state.",
      });
      expect((await firstTab.reviews.item({ itemId })).decision).toBe("approve");
      expect(await eventsAbout(itemId)).toHaveLength(1);
    });

    it("refuses another reviewer's item and the reviewer's own access", async () => {
      const fixture = await createQueueFixture(db);
      expect(
        await refusalOf(
          as(fixture.reviewer).reviews.recordDecision({
            itemId: fixture.otherItemId,
            decision: "approve",
            version: 1,
            diligence,
          }),
        ),
      ).toMatchObject({ code: "FORBIDDEN" });
      expect(
        await refusalOf(
          as(fixture.reviewer).reviews.recordDecision({
            itemId: fixture.ownItemId,
            decision: "approve",
            version: 1,
            diligence,
          }),
        ),
      ).toEqual({ code: "FORBIDDEN", message: "You cannot decide on your own access." });
    });
  });

  describe("bulk decisions", () => {
    it("records the named items and skips, with reasons, those the reviewer may not decide or that changed", async () => {
      const fixture = await createQueueFixture(db);
      const reviewer = as(fixture.reviewer);
      const all = await wholeQueue(fixture);
      const decidable = all.filter((item) => item.canDecide);
      const [stale, ...fresh] = decidable;
      if (!stale) throw new Error("fixture has no decidable items");
      await reviewer.reviews.recordDecision({
        itemId: stale.id,
        decision: "approve",
        version: stale.version,
        diligence,
      });
      const result = await reviewer.reviews.bulkDecide({
        campaignId: fixture.campaignId,
        decision: "approve",
        selection: {
          kind: "items",
          items: [
            ...fresh.map((item) => ({ itemId: item.id, version: item.version })),
            { itemId: stale.id, version: stale.version },
            { itemId: fixture.ownItemId, version: 1 },
            { itemId: fixture.otherItemId, version: 1 },
          ],
        },
      });
      expect(result.recorded).toBe(fresh.length);
      expect(result.skipped).toEqual([
        {
          itemId: stale.id,
          reason: "This item changed since you saw it (decided elsewhere or reassigned).",
        },
        { itemId: fixture.ownItemId, reason: "You cannot decide on your own access." },
        { itemId: fixture.otherItemId, reason: "This item is not assigned to you." },
      ]);
      const after = await wholeQueue(fixture);
      for (const item of after) {
        const own = item.context.identity.externalId === fixture.reviewer.identityKey;
        expect(item.decision, item.id).toBe(own ? null : "approve");
      }
      const [other] = (
        await as(fixture.otherReviewer).reviews.queue({
          campaignId: fixture.campaignId,
          status: "decided",
        })
      ).items.filter((item) => item.id === fixture.otherItemId);
      expect(other).toBeUndefined();
      // One event per recorded item, marked as bulk.
      for (const item of fresh) {
        const events = await eventsAbout(item.id);
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          actor: `user:${fixture.reviewer.id}`,
          payloadVersion: 2,
          payload: {
            itemId: item.id,
            decision: "approve",
            itemVersion: item.version + 1,
            diligence: { timeOnItemMs: null, contextViewed: null, viaBulk: true },
          },
        });
      }
      const [row] = await db.query(
        `select decided_in_bulk as "inBulk" from review_items where id = $1`,
        [fresh[0]?.id],
      );
      expect(row).toEqual({ inBulk: true });
    });

    it("records a filter selection only at the confirmed count, leaving out what the reviewer may not decide", async () => {
      const fixture = await createQueueFixture(db);
      const reviewer = as(fixture.reviewer);
      const selection = { status: "pending" as const, filters: { privileged: true } };
      const preview = await reviewer.reviews.bulkPreview({
        campaignId: fixture.campaignId,
        ...selection,
      });
      const privileged = (await wholeQueue(fixture)).filter(
        (item) => item.context.entitlement.privileged,
      );
      expect(preview).toEqual({
        decidable: privileged.filter((item) => item.canDecide).length,
        notDecidable: privileged.filter((item) => !item.canDecide).length,
        fingerprint: sha256Lines(
          privileged
            .filter((item) => item.canDecide)
            .map((item) => `${item.id}:${item.version}`)
            .sort(),
        ),
      });
      expect(preview.notDecidable).toBeGreaterThan(0);

      const mismatch = await refusalOf(
        reviewer.reviews.bulkDecide({
          campaignId: fixture.campaignId,
          decision: "approve",
          selection: {
            kind: "filter",
            ...selection,
            expectedCount: preview.decidable + 1,
            fingerprint: preview.fingerprint,
          },
        }),
      );
      expect(mismatch).toEqual({
        code: "CONFLICT",
        message: `The selection changed: ${preview.decidable} items now match, not ${preview.decidable + 1}. Review the queue and confirm again.`,
      });
      expect(
        (await reviewer.reviews.queue({ campaignId: fixture.campaignId })).counts.decided,
      ).toBe(0);

      const result = await reviewer.reviews.bulkDecide({
        campaignId: fixture.campaignId,
        decision: "approve",
        selection: {
          kind: "filter",
          ...selection,
          expectedCount: preview.decidable,
          fingerprint: preview.fingerprint,
        },
      });
      expect(result).toEqual({ recorded: preview.decidable, skipped: [] });
      const after = await wholeQueue(fixture);
      for (const item of after) {
        const shouldBeDecided = item.context.entitlement.privileged && item.canDecide;
        expect(item.decision, item.id).toBe(shouldBeDecided ? "approve" : null);
      }
      expect(
        await reviewer.reviews.bulkPreview({ campaignId: fixture.campaignId, ...selection }),
      ).toEqual({
        decidable: 0,
        notDecidable: preview.notDecidable,
        fingerprint: sha256Lines([]),
      });
    });

    it("refuses a filter selection one item of which was decided in another tab since the preview, though the count is the same", async () => {
      const fixture = await createQueueFixture(db);
      const reviewer = as(fixture.reviewer);
      const selection = { status: "all" as const, filters: {} };
      const preview = await reviewer.reviews.bulkPreview({
        campaignId: fixture.campaignId,
        ...selection,
      });
      const [elsewhere] = (await wholeQueue(fixture)).filter((item) => item.canDecide);
      if (!elsewhere) throw new Error("fixture has no decidable items");
      await as(fixture.reviewer).reviews.recordDecision({
        itemId: elsewhere.id,
        decision: "revoke",
        justification: "Left the finance team",
        version: elsewhere.version,
        diligence,
      });
      // Status "all" still counts the item decided elsewhere: only the fingerprint tells.
      expect(
        (await reviewer.reviews.bulkPreview({ campaignId: fixture.campaignId, ...selection }))
          .decidable,
      ).toBe(preview.decidable);
      const refusal = await refusalOf(
        reviewer.reviews.bulkDecide({
          campaignId: fixture.campaignId,
          decision: "approve",
          selection: {
            kind: "filter",
            ...selection,
            expectedCount: preview.decidable,
            fingerprint: preview.fingerprint,
          },
        }),
      );
      expect(refusal).toEqual({
        code: "CONFLICT",
        message:
          "The selection changed since you confirmed it: an item in it was decided elsewhere or reassigned, or another item now matches. Review the queue and confirm again.",
      });
      expect((await reviewer.reviews.item({ itemId: elsewhere.id })).decision).toBe("revoke");
      expect(
        (await reviewer.reviews.queue({ campaignId: fixture.campaignId })).counts.decided,
      ).toBe(1);
    });

    it("requires the campaign's justification, and records nothing when any part fails", async () => {
      // The database owner can add the failing trigger below; the app role cannot.
      const ownerDb = await createTestDatabase({ as: "owner" });
      try {
        const fixture = await createQueueFixture(ownerDb);
        const reviewer = createTestCaller({ db: ownerDb, user: fixture.reviewer, now });
        const preview = await reviewer.reviews.bulkPreview({
          campaignId: fixture.campaignId,
          status: "pending",
          filters: {},
        });
        await expect(
          reviewer.reviews.bulkDecide({
            campaignId: fixture.campaignId,
            decision: "revoke",
            selection: {
              kind: "filter",
              status: "pending",
              filters: {},
              expectedCount: preview.decidable,
              fingerprint: preview.fingerprint,
            },
          }),
        ).rejects.toMatchObject({ code: "BAD_REQUEST", field: "justification" });

        // A failure after some items were updated (the evidence of one is refused) rolls back all.
        const victim = fixture.subjectReviewerItemId;
        await ownerDb.exec(`
        create function refuse_test_evidence() returns trigger language plpgsql as $$
        begin
          if new.payload ->> 'itemId' = '${victim}' then
            raise exception 'refused for the test';
          end if;
          return new;
        end $$;
        create trigger refuse_test_evidence before insert on evidence_events
          for each row execute function refuse_test_evidence();`);
        try {
          await expect(
            reviewer.reviews.bulkDecide({
              campaignId: fixture.campaignId,
              decision: "revoke",
              justification: "Clean-up",
              selection: {
                kind: "filter",
                status: "pending",
                filters: {},
                expectedCount: preview.decidable,
                fingerprint: preview.fingerprint,
              },
            }),
          ).rejects.toThrow();
        } finally {
          await ownerDb.exec(`drop trigger refuse_test_evidence on evidence_events;
          drop function refuse_test_evidence();`);
        }
        const counts = (await reviewer.reviews.queue({ campaignId: fixture.campaignId })).counts;
        expect(counts.decided).toBe(0);
        const [events] = await ownerDb.query<{ count: number }>(
          `select count(*)::int as count from evidence_events where subject_ids @> array[$1::text]`,
          [fixture.campaignId],
        );
        expect(events?.count).toBe(0);
      } finally {
        await ownerDb.close();
      }
    });

    it("refuses a campaign the reviewer has no items in", async () => {
      const fixture = await createQueueFixture(db);
      const stranger = await createQueueFixture(db);
      expect(
        await refusalOf(
          as(stranger.reviewer).reviews.bulkDecide({
            campaignId: fixture.campaignId,
            decision: "approve",
            selection: {
              kind: "filter",
              status: "pending",
              filters: {},
              expectedCount: 0,
              fingerprint: sha256Lines([]),
            },
          }),
        ),
      ).toMatchObject({ code: "NOT_FOUND" });
    });
  });

  describe("deciding while the campaign closes", () => {
    /** db, whose transactions stop after the statement matching `after` until `release()`. */
    function pausing(after: RegExp) {
      let reached = () => {};
      let release = () => {};
      const reachedPause = new Promise<void>((resolve) => {
        reached = resolve;
      });
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const paused: Database = {
        ...db,
        transaction: (fn) =>
          db.transaction((tx) =>
            fn({
              ...tx,
              async query<Row>(text: string, params?: readonly unknown[]) {
                const rows = await tx.query<Row>(text, params);
                if (after.test(text)) {
                  reached();
                  await gate;
                }
                return rows;
              },
            }),
          ),
      };
      return { paused, reachedPause, release };
    }

    async function waitForBlockedStatements(count: number): Promise<void> {
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const [row] = await db.query<{ waiting: number }>(
          "select count(*)::int as waiting from pg_locks where not granted",
        );
        if ((row?.waiting ?? 0) >= count) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }

    // PGlite is one connection: a second transaction cannot start while the close holds it, so
    // there is nothing to interleave. The two-connection race needs PostgreSQL.
    it.skipIf(!testDatabaseUrl)(
      "refuses decisions that arrive while a close holds the campaign, and no item ends with both a close outcome and a decision",
      async () => {
        const fixture = await createQueueFixture(db);
        const reviewer = as(fixture.reviewer);
        const [pending, decided] = (await wholeQueue(fixture)).filter((item) => item.canDecide);
        if (!pending || !decided) throw new Error("fixture has too few decidable items");
        await reviewer.reviews.recordDecision({
          itemId: decided.id,
          decision: "approve",
          version: decided.version,
          diligence,
        });
        const selection = { status: "decided" as const, filters: {} };
        const preview = await reviewer.reviews.bulkPreview({
          campaignId: fixture.campaignId,
          ...selection,
        });

        // The close has locked the campaign, given open items their outcome and marked it
        // closed, and waits before committing.
        const close = pausing(/update campaigns set status = 'closed'/);
        const closing = closeCampaign(close.paused, {
          campaignId: fixture.campaignId,
          actor: { system: "test" },
          now,
        });
        await close.reachedPause;
        const single = refusalOf(
          reviewer.reviews.recordDecision({
            itemId: pending.id,
            decision: "approve",
            version: pending.version,
            diligence,
          }),
        );
        const bulk = refusalOf(
          reviewer.reviews.bulkDecide({
            campaignId: fixture.campaignId,
            decision: "revoke",
            justification: "Access no longer needed",
            selection: {
              kind: "filter",
              ...selection,
              expectedCount: preview.decidable,
              fingerprint: preview.fingerprint,
            },
          }),
        );
        await waitForBlockedStatements(1);
        await new Promise((resolve) => setTimeout(resolve, 200));
        close.release();
        await closing;

        const notActive = {
          code: "PRECONDITION_FAILED",
          message: "The campaign is not active, so its decisions can no longer change.",
        };
        expect(await single).toEqual(notActive);
        expect(await bulk).toEqual(notActive);
        const rows = await db.query<{
          id: string;
          decision: string | null;
          closeOutcome: string | null;
        }>(
          `select id, decision, close_outcome as "closeOutcome" from review_items
           where id = any($1::uuid[]) order by id`,
          [[pending.id, decided.id].sort()],
        );
        expect(rows).toEqual(
          [
            { id: pending.id, decision: null, closeOutcome: "not_reviewed" },
            { id: decided.id, decision: "approve", closeOutcome: null },
          ].sort((a, b) => (a.id < b.id ? -1 : 1)),
        );
        const [both] = await db.query<{ count: number }>(
          `select count(*)::int as count from review_items
           where campaign_id = $1 and decision is not null and close_outcome is not null`,
          [fixture.campaignId],
        );
        expect(both?.count).toBe(0);
        expect(await eventsAbout(decided.id)).toHaveLength(1);
      },
    );
  });

  describe("reassigning an item", () => {
    it("hands a pending item to another reviewer with a reason, recorded as the reviewer's", async () => {
      const fixture = await createQueueFixture(db);
      const reviewer = as(fixture.reviewer);
      const candidates = await reviewer.reviews.reassignCandidates({
        campaignId: fixture.campaignId,
      });
      const ids = candidates.map((candidate) => candidate.id);
      expect(ids).toContain(fixture.otherReviewer.id);
      expect(ids).not.toContain(fixture.reviewer.id);
      expect(candidates.length).toBeLessThanOrEqual(20);
      expect(
        await reviewer.reviews.reassignCandidates({
          campaignId: fixture.campaignId,
          search: fixture.otherReviewer.displayName.slice(0, 12),
        }),
      ).toContainEqual({
        id: fixture.otherReviewer.id,
        name: fixture.otherReviewer.displayName,
        email: fixture.otherReviewer.email,
      });

      const itemId = fixture.subjectReviewerItemId;
      const moved = await reviewer.reviews.reassign({
        itemId,
        version: 1,
        toUserId: fixture.otherReviewer.id,
        reason: "Oscar runs this team now",
      });
      expect(moved).toEqual({ itemId, toReviewerName: fixture.otherReviewer.displayName });
      expect((await wholeQueue(fixture)).map((item) => item.id)).not.toContain(itemId);
      expect(await refusalOf(reviewer.reviews.item({ itemId }))).toMatchObject({
        code: "NOT_FOUND",
      });
      const theirs = await as(fixture.otherReviewer).reviews.item({ itemId });
      expect(theirs).toMatchObject({ version: 2, canDecide: true });
      // A tab still showing the item before it moved is told it moved.
      expect(
        await refusalOf(
          reviewer.reviews.recordDecision({ itemId, decision: "approve", version: 1, diligence }),
        ),
      ).toEqual({
        code: "CONFLICT",
        message:
          "This item was reassigned to another reviewer since you opened it, so it is no longer yours to decide.",
      });
      const [event] = await db.query<{ actor: string; payload: unknown }>(
        `select actor, payload from evidence_events
         where action = 'review_item.reassigned' and subject_ids @> array[$1::text]`,
        [itemId],
      );
      expect(event).toEqual({
        actor: `user:${fixture.reviewer.id}`,
        payload: {
          campaignId: fixture.campaignId,
          itemId,
          fromReviewerId: fixture.reviewer.id,
          toReviewerId: fixture.otherReviewer.id,
          reason: "Oscar runs this team now",
          by: "reviewer",
        },
      });
    });

    it("refuses separation-of-duties breaches, stale versions, others' items and a missing reason", async () => {
      const fixture = await createQueueFixture(db);
      const reviewer = as(fixture.reviewer);
      const itemId = fixture.subjectReviewerItemId;
      const toSubject = await refusalOf(
        reviewer.reviews.reassign({
          itemId,
          version: 1,
          toUserId: fixture.subjectReviewer.id,
          reason: "Ask Sam",
        }),
      );
      expect(toSubject.code).toBe("FORBIDDEN");
      expect(toSubject.message).toMatch(/own access/);
      expect(
        await refusalOf(
          reviewer.reviews.reassign({
            itemId,
            version: 7,
            toUserId: fixture.otherReviewer.id,
            reason: "Ask Oscar",
          }),
        ),
      ).toMatchObject({ code: "CONFLICT" });
      expect(
        await refusalOf(
          reviewer.reviews.reassign({
            itemId: fixture.otherItemId,
            version: 1,
            toUserId: fixture.subjectReviewer.id,
            reason: "Not mine to give",
          }),
        ),
      ).toMatchObject({ code: "NOT_FOUND" });
      await expect(
        reviewer.reviews.reassign({
          itemId,
          version: 1,
          toUserId: fixture.otherReviewer.id,
          reason: "  ",
        }),
      ).rejects.toThrow(/reason/);
      // Nothing moved.
      expect((await reviewer.reviews.item({ itemId })).version).toBe(1);
    });
  });
});
