import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  ChainVerifier,
  computeEventHash,
  type EvidenceEventBody,
  eventLeafHash,
  GENESIS_HASH,
  type HashedEvidenceEvent,
  verifyChain,
} from "./event-hash";
import { toHex } from "./hash";
import { leafHash } from "./merkle";

const firstBody: EvidenceEventBody = {
  seq: 1,
  recordedAt: "2026-11-27T20:44:30.123Z",
  actor: "user:0b7c4c1e-3f6a-4a51-9d0e-6f1f2b9c8a11",
  action: "decision.recorded",
  subjectIds: ["review-item:42", "campaign:7"],
  payloadVersion: 1,
  payload: { decision: "revoke", justification: "Left the team in October", amount: 1.5 },
  prevHash: GENESIS_HASH,
};

function buildChain(length: number, firstSeq = 1): HashedEvidenceEvent[] {
  const events: HashedEvidenceEvent[] = [];
  let prevHash = firstSeq === 1 ? GENESIS_HASH : "ab".repeat(32);
  for (let seq = firstSeq; seq < firstSeq + length; seq++) {
    const body: EvidenceEventBody = {
      seq,
      recordedAt: `2026-11-27T20:44:${String(seq % 60).padStart(2, "0")}.000Z`,
      actor: seq % 2 === 0 ? "system:reminders" : "user:0b7c4c1e-3f6a-4a51-9d0e-6f1f2b9c8a11",
      action: "decision.recorded",
      subjectIds: [`review-item:${seq}`],
      payloadVersion: 1,
      payload: { decision: seq % 3 === 0 ? "revoke" : "approve", seq },
      prevHash,
    };
    const hash = computeEventHash(body);
    events.push({ ...body, hash });
    prevHash = hash;
  }
  return events;
}

function rehash(event: HashedEvidenceEvent): HashedEvidenceEvent {
  return { ...event, hash: computeEventHash(event) };
}

describe("computeEventHash", () => {
  it("is the SHA-256 of the RFC 8785 canonical JSON of the eight event fields", () => {
    const canonical =
      '{"action":"decision.recorded","actor":"user:0b7c4c1e-3f6a-4a51-9d0e-6f1f2b9c8a11",' +
      '"payload":{"amount":1.5,"decision":"revoke","justification":"Left the team in October"},' +
      `"payloadVersion":1,"prevHash":"${"0".repeat(64)}","recordedAt":"2026-11-27T20:44:30.123Z",` +
      '"seq":1,"subjectIds":["review-item:42","campaign:7"]}';
    const expected = createHash("sha256").update(canonical, "utf8").digest("hex");
    expect(computeEventHash(firstBody)).toBe(expected);
    expect(computeEventHash(firstBody)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("ignores field order and fields outside the body, such as the stored hash", () => {
    const reordered = Object.fromEntries(Object.entries(firstBody).reverse()) as EvidenceEventBody;
    const withExtras = { ...firstBody, hash: "f".repeat(64), id: 99 };
    expect(computeEventHash(reordered)).toBe(computeEventHash(firstBody));
    expect(computeEventHash(withExtras)).toBe(computeEventHash(firstBody));
  });

  it("changes when any hashed field changes", () => {
    const original = computeEventHash(firstBody);
    const variants: EvidenceEventBody[] = [
      { ...firstBody, seq: 2 },
      { ...firstBody, recordedAt: "2026-11-27T20:44:30.124Z" },
      { ...firstBody, actor: "system:import" },
      { ...firstBody, action: "decision.superseded" },
      { ...firstBody, subjectIds: ["campaign:7", "review-item:42"] },
      { ...firstBody, payloadVersion: 2 },
      { ...firstBody, payload: { decision: "approve" } },
      { ...firstBody, prevHash: "1".repeat(64) },
    ];
    const hashes = variants.map(computeEventHash);
    expect(new Set([original, ...hashes]).size).toBe(variants.length + 1);
  });

  it("refuses a body with a missing field or a non-JSON payload, naming the path", () => {
    expect(() => computeEventHash({ ...firstBody, payload: { amount: Number.NaN } })).toThrow(
      "Cannot canonicalise $.payload.amount: NaN",
    );
    const { prevHash: _prevHash, ...withoutPrevHash } = firstBody;
    expect(() => computeEventHash(withoutPrevHash as EvidenceEventBody)).toThrow("$.prevHash");
  });
});

describe("eventLeafHash", () => {
  it("uses the 32 raw bytes of the event hash as the Merkle leaf input", () => {
    const hash = computeEventHash(firstBody);
    const raw = Uint8Array.from(Buffer.from(hash, "hex"));
    expect(toHex(eventLeafHash(hash))).toBe(toHex(leafHash(raw)));
    expect(toHex(eventLeafHash(hash.toUpperCase()))).toBe(toHex(leafHash(raw)));
  });
});

describe("verifyChain", () => {
  it("accepts an intact chain and reports its length and head hash", () => {
    const events = buildChain(50);
    expect(verifyChain(events)).toEqual({
      ok: true,
      count: 50,
      headHash: events[49]?.hash,
    });
  });

  it("accepts an empty chain, whose head is the genesis hash", () => {
    expect(verifyChain([])).toEqual({ ok: true, count: 0, headHash: GENESIS_HASH });
  });

  it("accepts a run that starts after event 1 with whatever prev_hash it carries", () => {
    const events = buildChain(10, 41);
    expect(verifyChain(events)).toEqual({ ok: true, count: 10, headHash: events[9]?.hash });
  });

  it("names the event whose content was changed", () => {
    const events = buildChain(50);
    events[20] = { ...(events[20] as HashedEvidenceEvent), payload: { decision: "approve" } };
    expect(verifyChain(events)).toEqual({
      ok: false,
      seq: 21,
      reason: "hash does not match the event's content",
    });
  });

  it("names the next event when a changed event's hash was recomputed", () => {
    const events = buildChain(50);
    events[40] = rehash({ ...(events[40] as HashedEvidenceEvent), actor: "user:someone-else" });
    expect(verifyChain(events)).toEqual({
      ok: false,
      seq: 42,
      reason: "prev_hash does not match the hash of event 41",
    });
  });

  it("reports a deleted event as a sequence gap", () => {
    const events = buildChain(50);
    events.splice(42, 2);
    expect(verifyChain(events)).toEqual({
      ok: false,
      seq: 45,
      reason: "sequence gap: expected 43, found 45",
    });
  });

  it("reports a repeated or reordered event", () => {
    const events = buildChain(5);
    const repeated = [...events.slice(0, 3), events[2] as HashedEvidenceEvent, ...events.slice(3)];
    expect(verifyChain(repeated)).toEqual({
      ok: false,
      seq: 3,
      reason: "sequence out of order: expected 4, found 3 (repeated or reordered event)",
    });
  });

  it("requires event 1 to point at the genesis hash", () => {
    const [first] = buildChain(1);
    const forged = rehash({ ...(first as HashedEvidenceEvent), prevHash: "1".repeat(64) });
    expect(verifyChain([forged])).toEqual({
      ok: false,
      seq: 1,
      reason: "prev_hash of the first event must be the genesis hash (64 zeros)",
    });
  });

  it("rejects a seq that is not a positive integer", () => {
    const [first] = buildChain(1);
    const result = verifyChain([rehash({ ...(first as HashedEvidenceEvent), seq: 0 })]);
    expect(result).toEqual({
      ok: false,
      seq: 0,
      reason: "seq must be a positive integer, found 0",
    });
  });

  it("reports an event that cannot be hashed instead of throwing", () => {
    const events = buildChain(3);
    events[1] = { ...(events[1] as HashedEvidenceEvent), payload: { note: undefined } };
    expect(verifyChain(events)).toEqual({
      ok: false,
      seq: 2,
      reason:
        "event cannot be hashed: Cannot canonicalise $.payload.note: undefined is not a JSON value.",
    });
  });

  it("rejects a stored hash in upper case, since the format is lowercase hex", () => {
    const [first] = buildChain(1);
    const upper = { ...(first as HashedEvidenceEvent) };
    upper.hash = upper.hash.toUpperCase();
    expect(verifyChain([upper])).toMatchObject({ ok: false, seq: 1 });
  });

  it("stops reading the events at the first failure", () => {
    const events = buildChain(5);
    events[1] = { ...(events[1] as HashedEvidenceEvent), action: "tampered" };
    let read = 0;
    function* counted() {
      for (const event of events) {
        read++;
        yield event;
      }
    }
    expect(verifyChain(counted())).toMatchObject({ ok: false, seq: 2 });
    expect(read).toBe(2);
  });
});

describe("ChainVerifier", () => {
  it("checks events as they arrive and keeps the first failure", () => {
    const events = buildChain(6);
    events[3] = { ...(events[3] as HashedEvidenceEvent), hash: "0".repeat(64) };
    const verifier = new ChainVerifier();
    const outcomes = events.map((event) => verifier.push(event));
    const failure = { seq: 4, reason: "hash does not match the event's content" };
    expect(outcomes).toEqual([null, null, null, failure, failure, failure]);
    expect(verifier.result()).toEqual({ ok: false, ...failure });
  });

  it("gives the same result as verifyChain on an intact chain", () => {
    const events = buildChain(20);
    const verifier = new ChainVerifier();
    for (const event of events) {
      expect(verifier.push(event)).toBeNull();
    }
    expect(verifier.result()).toEqual(verifyChain(events));
  });
});
