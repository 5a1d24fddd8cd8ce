import type { RouterOutputs } from "@/lib/trpc";

/**
 * The evidence ledger of mock mode: a seed batch by "system:seed", then the live history
 * (imports, status changes, decisions by people), signed checkpoints along the way, and a few
 * events after the latest checkpoint. Hashes and signatures are random, but the formats are
 * the real ones: hex SHA-256 hashes, an Ed25519 SPKI public key with its "SHA256:" fingerprint,
 * and checkpoints as C2SP signed notes whose key ID belongs to that key.
 */

export type LedgerStatus = RouterOutputs["ledger"]["status"];
export type LedgerEvent = LedgerStatus["recentEvents"][number];
export type LedgerVerification = RouterOutputs["ledger"]["verification"];

export interface MockCheckpoint {
  treeSize: number;
  rootHash: string;
  createdAt: string;
  note: string;
}

export interface MockLedger {
  origin: string;
  publicKeyPem: string;
  publicKeyFingerprint: string;
  /** Oldest first; seq is the index plus one. */
  events: Omit<LedgerEvent, "actorName">[];
  /** Oldest first. */
  checkpoints: MockCheckpoint[];
}

export interface MockLedgerSources {
  now: Date;
  users: readonly { id: string; roles: readonly string[] }[];
  campaigns: readonly { id: string; status: string; controlOwnerId: string | null }[];
  /** Decided items, whose reviewers recorded the live decisions. */
  decidedItems: readonly { id: string; campaignId: string; reviewerId: string }[];
  snapshotId: string;
  snapshotImportedAt: string;
  /** The user who ran the import; a scheduled import is recorded as "system:import". */
  snapshotImporterId: string | null;
}

const origin = "attest.localhost/ledger";
const publicKeyPem =
  "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAUVhtRnQw6cDk6+sfIlTOPyj7F3URVCApt58opMhgs8Q=\n-----END PUBLIC KEY-----\n";
const publicKeyFingerprint = "SHA256:fIpPtS/udzJo/CJreFHy2OhVrwL5yY6eVMpCmBJosGs";
/** The signed-note key ID of that key under the origin's name. */
const keyIdBytes = [0x48, 0x9d, 0xc9, 0x1a];

/** The latest checkpoint, signed for real with the key above. */
const latestTreeSize = 526;
const latestRootHex = "e2779965970c71e0697a171deceda3b6caeb1fd168674fc00257251d94025997";
const latestNote =
  "attest.localhost/ledger\n526\n4neZZZcMceBpehcd7O2jtsrrH9FoZ0/AAlclHZQCWZc=\n\n— attest.localhost/ledger SJ3JGvY/2QnFsz++c3SoLpCaZfTw1L+u/ot0iCsYqFCLcNcO1fwfDYl2jVpE/d69LRXQsjQ8x/jn4UP2d48QNP3BGAo=\n";

const totalEvents = 541;
const seedDecisions = 300;
const minuteMs = 60_000;
const dayMs = 86_400_000;

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBytes(random: () => number, count: number): number[] {
  return Array.from({ length: count }, () => Math.floor(random() * 256));
}

const toHex = (bytes: readonly number[]) =>
  bytes.map((byte) => byte.toString(16).padStart(2, "0")).join("");

const toBase64 = (bytes: readonly number[]) => btoa(String.fromCharCode(...bytes));

function fromHex(hex: string): number[] {
  return Array.from({ length: hex.length / 2 }, (_, index) =>
    Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16),
  );
}

/** A checkpoint note in the real format; its signature is random bytes (mock mode cannot sign). */
function mockNote(treeSize: number, rootHex: string, random: () => number): string {
  const body = `${origin}\n${treeSize}\n${toBase64(fromHex(rootHex))}\n`;
  const signature = toBase64([...keyIdBytes, ...randomBytes(random, 64)]);
  return `${body}\n— ${origin} ${signature}\n`;
}

function grantIdFor(itemId: string): string {
  return itemId.replace(/-8003-/, "-8009-");
}

export function createMockLedger(sources: MockLedgerSources): MockLedger {
  const { now, users, campaigns, decidedItems } = sources;
  const random = seededRandom(4242);
  const at = (ms: number) => new Date(ms).toISOString();
  const events: MockLedger["events"] = [];
  const push = (
    event: Omit<LedgerEvent, "seq" | "hash" | "actorName" | "recordedAt">,
    recordedAt: string,
  ) => {
    events.push({
      ...event,
      seq: events.length + 1,
      recordedAt,
      hash: toHex(randomBytes(random, 32)),
    });
  };

  // The seed: one transaction, so every event carries the same database clock.
  const seededAt = at(now.getTime() - 21 * dayMs);
  const seed = "system:seed";
  push(
    { actor: seed, action: "users.provisioned", subjectIds: users.map((user) => user.id) },
    seededAt,
  );
  push(
    {
      actor: seed,
      action: "snapshot.imported",
      subjectIds: ["00000000-0000-4000-8004-00000000000f"],
    },
    seededAt,
  );
  campaigns.forEach((campaign, index) => {
    const definitionId = `00000000-0000-4000-8005-${index.toString(16).padStart(12, "0")}`;
    push(
      { actor: seed, action: "campaign_definition.created", subjectIds: [definitionId] },
      seededAt,
    );
    push(
      {
        actor: seed,
        action: "campaign.launched",
        subjectIds: [campaign.id, definitionId, "00000000-0000-4000-8004-00000000000f"],
      },
      seededAt,
    );
  });
  const itemAt = (index: number) => decidedItems[index % Math.max(1, decidedItems.length)];
  for (let index = 0; index < seedDecisions; index++) {
    const item = itemAt(index);
    if (!item) break;
    push(
      {
        actor: seed,
        action: "decision.recorded",
        subjectIds: [item.campaignId, item.id, grantIdFor(item.id)],
      },
      seededAt,
    );
  }
  const seedSize = events.length;

  // Live history: status changes by control owners, today's import, and decisions by people.
  const liveStart = now.getTime() - 20 * dayMs;
  const beforeLatest = now.getTime() - 4 * minuteMs;
  const liveCount = latestTreeSize - seedSize;
  const liveTimes = Array.from(
    { length: liveCount },
    () => liveStart + random() * (beforeLatest - liveStart),
  ).sort((a, b) => a - b);
  // The last hour before the latest checkpoint was busy: someone working through a campaign.
  const busy = Math.min(12, liveTimes.length);
  for (let index = 0; index < busy; index++) {
    liveTimes[liveTimes.length - busy + index] = beforeLatest - (busy - index) * 47_000;
  }
  const importSlot = liveTimes.findIndex(
    (time) => time >= new Date(sources.snapshotImportedAt).getTime(),
  );
  const closedCampaigns = campaigns.filter((campaign) =>
    ["closed", "signed_off"].includes(campaign.status),
  );
  const statusChangeSlots = new Map(
    closedCampaigns.map((campaign, index) => [
      Math.floor((liveCount * (index + 1)) / (closedCampaigns.length + 2)),
      campaign,
    ]),
  );
  for (const [slot, time] of liveTimes.entries()) {
    const statusChange = statusChangeSlots.get(slot);
    if (slot === importSlot) {
      push(
        {
          actor: sources.snapshotImporterId
            ? `user:${sources.snapshotImporterId}`
            : "system:import",
          action: "snapshot.imported",
          subjectIds: [sources.snapshotId],
        },
        at(time),
      );
    } else if (statusChange?.controlOwnerId) {
      push(
        {
          actor: `user:${statusChange.controlOwnerId}`,
          action: "campaign.status_changed",
          subjectIds: [statusChange.id],
        },
        at(time),
      );
    } else {
      const item = itemAt(seedDecisions + slot);
      if (!item) continue;
      push(
        {
          actor: `user:${item.reviewerId}`,
          action: "decision.recorded",
          subjectIds: [item.campaignId, item.id, grantIdFor(item.id)],
        },
        at(time),
      );
    }
  }

  // After the latest checkpoint: a reviewer working through items in the last few minutes.
  for (let index = events.length; index < totalEvents; index++) {
    const item = itemAt(seedDecisions + index);
    if (!item) break;
    const secondsAgo = (totalEvents - index) * 9 + Math.floor(random() * 6);
    push(
      {
        actor: `user:${item.reviewerId}`,
        action: "decision.recorded",
        subjectIds: [item.campaignId, item.id, grantIdFor(item.id)],
      },
      at(now.getTime() - secondsAgo * 1000),
    );
  }

  const checkpointAt = (treeSize: number, minutesAfter: number): MockCheckpoint => {
    const event = events[treeSize - 1];
    const rootHash = toHex(randomBytes(random, 32));
    return {
      treeSize,
      rootHash,
      createdAt: at(new Date(event?.recordedAt ?? seededAt).getTime() + minutesAfter * minuteMs),
      note: mockNote(treeSize, rootHash, random),
    };
  };
  const checkpoints = [
    checkpointAt(seedSize, 1),
    checkpointAt(seedSize + 64, 12),
    checkpointAt(seedSize + 141, 7),
    {
      treeSize: latestTreeSize,
      rootHash: latestRootHex,
      createdAt: at(now.getTime() - 3 * minuteMs),
      note: latestNote,
    },
  ];

  return { origin, publicKeyPem, publicKeyFingerprint, events, checkpoints };
}

/** ledger.status as the server computes it; `nameOf` resolves "user:<id>" actors. */
export function ledgerStatus(
  ledger: MockLedger,
  nameOf: (userId: string) => string | undefined,
  recent = 25,
): LedgerStatus {
  const head = ledger.events.at(-1);
  const checkpoint = ledger.checkpoints.at(-1);
  const length = head?.seq ?? 0;
  return {
    origin: ledger.origin,
    length,
    headHash: head?.hash ?? null,
    headRecordedAt: head?.recordedAt ?? null,
    latestCheckpoint: checkpoint ?? null,
    uncheckpointedEvents: length - (checkpoint?.treeSize ?? 0),
    publicKeyPem: ledger.publicKeyPem,
    publicKeyFingerprint: ledger.publicKeyFingerprint,
    recentEvents: ledger.events
      .slice(-recent)
      .reverse()
      .map((event) => ({
        ...event,
        actorName:
          (event.actor.startsWith("user:") ? nameOf(event.actor.slice("user:".length)) : null) ??
          event.actor,
      })),
  };
}

/** ledger.verification for an untampered mock ledger. */
export function verifyMockLedger(ledger: MockLedger, now: Date): LedgerVerification {
  return {
    ok: true,
    events: ledger.events.length,
    checkpoints: ledger.checkpoints.length,
    headHash: ledger.events.at(-1)?.hash ?? "0".repeat(64),
    durationMs: 9 + Math.round(ledger.events.length * 0.07),
    verifiedAt: now.toISOString(),
  };
}

/** Appends one event, as the server does inside the transaction that made the change. */
export function appendLedgerEvent(
  ledger: MockLedger,
  event: Pick<LedgerEvent, "actor" | "action" | "subjectIds">,
  now: Date,
): void {
  const random = seededRandom(ledger.events.length + 7);
  ledger.events.push({
    ...event,
    seq: ledger.events.length + 1,
    recordedAt: now.toISOString(),
    hash: toHex(randomBytes(random, 32)),
  });
}

/**
 * ledger.checkpointNow: signs the current head, or returns the checkpoint that already covers
 * it (as the server does), or null for an empty ledger.
 */
export function signMockCheckpoint(
  ledger: MockLedger,
  now: Date,
): RouterOutputs["ledger"]["checkpointNow"] {
  const treeSize = ledger.events.length;
  if (treeSize === 0) return null;
  const existing = ledger.checkpoints.find((checkpoint) => checkpoint.treeSize === treeSize);
  if (existing) return { treeSize, createdAt: existing.createdAt };
  const random = seededRandom(treeSize);
  const rootHash = toHex(randomBytes(random, 32));
  const checkpoint = {
    treeSize,
    rootHash,
    createdAt: now.toISOString(),
    note: mockNote(treeSize, rootHash, random),
  };
  ledger.checkpoints.push(checkpoint);
  return { treeSize, createdAt: checkpoint.createdAt };
}

/** An empty ledger: what a fresh installation shows before anything is recorded. */
export function emptyLedger(ledger: MockLedger): MockLedger {
  return { ...ledger, events: [], checkpoints: [] };
}
