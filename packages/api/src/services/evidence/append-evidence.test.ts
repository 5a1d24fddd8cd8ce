import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  type EvidenceEventRow,
  streamEvidenceEvents,
} from "@attest/db/repositories/evidence-events";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { testDatabaseUrl } from "@attest/db/testing/test-env";
import { verifyChain } from "@attest/evidence/event-hash";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendEvidence, type NewEvidenceEvent } from "./append-evidence";

function statusChange(): NewEvidenceEvent {
  const campaignId = randomUUID();
  return {
    action: "campaign.status_changed",
    actor: { system: "test" },
    subjectIds: [campaignId],
    payload: { campaignId, from: "active", to: "closed", statement: null },
  };
}

async function allEvents(db: TestDatabase): Promise<EvidenceEventRow[]> {
  const events: EvidenceEventRow[] = [];
  for await (const event of streamEvidenceEvents(db, {
    fromSeq: 1,
    toSeq: Number.MAX_SAFE_INTEGER,
  })) {
    events.push(event);
  }
  return events;
}

async function refusal(db: TestDatabase, sql: string): Promise<string> {
  try {
    await db.query(sql);
    return "allowed";
  } catch (error) {
    return (error as Error).message;
  }
}

describe("appendEvidence", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it("chains events with gap-free seq numbers that verify", async () => {
    await db.transaction((tx) => appendEvidence(tx, [statusChange(), statusChange()]));
    await db.transaction((tx) => appendEvidence(tx, statusChange()));
    const events = await allEvents(db);
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(events[0]?.actor).toBe("system:test");
    expect(verifyChain(events)).toEqual({ ok: true, count: 3, headHash: events[2]?.hash });
  });

  it("rejects a payload that does not match its action's schema, naming the field", async () => {
    const bad = {
      ...statusChange(),
      payload: { campaignId: "nope", from: "active", to: "closed", statement: null },
    };
    await expect(
      db.transaction((tx) => appendEvidence(tx, bad as NewEvidenceEvent)),
    ).rejects.toThrow(/campaign\.status_changed v1 is invalid — campaignId/);
  });

  it("leaves neither the change nor its event when the transaction fails after appending", async () => {
    const before = (await allEvents(db)).length;
    const marker = `rollback-${randomUUID()}`;
    await expect(
      db.transaction(async (tx) => {
        await tx.query(
          "insert into users (id, email, display_name) values ($1, $2, 'Rolled back')",
          [randomUUID(), `${marker}@example.test`],
        );
        await appendEvidence(tx, statusChange());
        throw new Error("failure after the evidence was appended");
      }),
    ).rejects.toThrow("failure after the evidence was appended");
    expect((await allEvents(db)).length).toBe(before);
    expect(
      await db.query("select 1 from users where email = $1", [`${marker}@example.test`]),
    ).toEqual([]);
    // the number the failed transaction took is free again: no gap
    await db.transaction((tx) => appendEvidence(tx, statusChange()));
    const events = await allEvents(db);
    expect(events.at(-1)?.seq).toBe(before + 1);
    expect(verifyChain(events).ok).toBe(true);
  });

  it("refuses UPDATE, DELETE and TRUNCATE on the ledger tables", async () => {
    await db.transaction((tx) => appendEvidence(tx, statusChange()));
    for (const table of ["evidence_events", "evidence_checkpoints"]) {
      expect(await refusal(db, `update ${table} set created_at = now()`)).not.toBe("allowed");
      expect(await refusal(db, `delete from ${table}`)).not.toBe("allowed");
      expect(await refusal(db, `truncate ${table}`)).not.toBe("allowed");
    }
    expect(
      await refusal(db, "update evidence_events set actor = 'system:forged' where seq = 1"),
    ).toMatch(/permission denied|append-only/);
  });

  it("refuses them to the table owner too: the triggers hold for every role", async () => {
    const owner = await createTestDatabase({ as: "owner" });
    try {
      await owner.transaction((tx) => appendEvidence(tx, statusChange()));
      await owner.query(
        "insert into evidence_checkpoints (tree_size, root_hash, note, key_fingerprint) values (1, $1, 'note', 'fp')",
        ["a".repeat(64)],
      );
      for (const table of ["evidence_events", "evidence_checkpoints"]) {
        expect(
          await refusal(
            owner,
            `update ${table} set ${table === "evidence_events" ? "actor = 'system:x'" : "note = 'x'"}`,
          ),
        ).toMatch(/evidence is append-only: UPDATE/);
        expect(await refusal(owner, `delete from ${table}`)).toMatch(
          /evidence is append-only: DELETE/,
        );
        expect(await refusal(owner, `truncate ${table}`)).toMatch(
          /evidence is append-only: TRUNCATE/,
        );
      }
    } finally {
      await owner.close();
    }
  });
});

describe("appendEvidence under concurrency", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it("8 concurrent writers × 500 events give seq 1..4000 with no gaps and a chain that verifies", async () => {
    const writers = 8;
    const eventsPerWriter = 500;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        for (let index = 0; index < eventsPerWriter; index += 1) {
          await db.transaction((tx) => appendEvidence(tx, statusChange()));
        }
      }),
    );
    const events = await allEvents(db);
    expect(events.length).toBe(writers * eventsPerWriter);
    expect(events.every((event, index) => event.seq === index + 1)).toBe(true);
    expect(verifyChain(events).ok).toBe(true);
  }, 120_000);
});

// Several processes need a database server to share; PGlite lives inside one process, so this
// runs on the PostgreSQL pass of the suite only.
describe.runIf(testDatabaseUrl)("appendEvidence from several server processes", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it("3 processes × 400 events give one linear chain with no gaps", async () => {
    const script = fileURLToPath(
      new URL("../../testing/append-evidence-process.ts", import.meta.url),
    );
    const run = promisify(execFile);
    await Promise.all(
      [1, 2, 3].map(() => run(process.execPath, ["--import", "tsx", script, db.url ?? "", "400"])),
    );
    const events = await allEvents(db);
    expect(events.length).toBe(1200);
    expect(events.every((event, index) => event.seq === index + 1)).toBe(true);
    expect(new Set(events.map((event) => event.actor)).size).toBe(3);
    expect(verifyChain(events).ok).toBe(true);
    // three Node processes start tsx and append in turn: on a busy 2-core machine this can take
    // far longer than the suite's 30 s default without anything being wrong
  }, 120_000);
});
