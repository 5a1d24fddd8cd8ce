import { compileCanonicalJson } from "./canonical-json";
import { fromHex, sha256Hex } from "./hash";
import { leafHash } from "./merkle";

export interface EvidenceEventBody {
  /** 1-based and gap-free, so a missing event shows up as a missing number. */
  seq: number;
  /** ISO 8601 UTC with milliseconds, e.g. 2026-11-27T20:44:30.123Z. */
  recordedAt: string;
  /** "user:<uuid>" or "system:<job>". */
  actor: string;
  /** e.g. "decision.recorded". */
  action: string;
  subjectIds: string[];
  payloadVersion: number;
  payload: unknown;
  /** Lowercase hex SHA-256 of the previous event, or GENESIS_HASH for seq 1. */
  prevHash: string;
}

export interface HashedEvidenceEvent extends EvidenceEventBody {
  hash: string;
}

export type ChainFailure = { seq: number; reason: string };

export type ChainResult =
  | { ok: true; count: number; headHash: string }
  | { ok: false; seq: number; reason: string };

/** The prev_hash of event 1: there is no previous event to point at. */
export const GENESIS_HASH = "0".repeat(64);

// Naming the hashed fields keeps columns like `hash` or a row id out of the hash, and
// makes adding a field a deliberate change to the evidence format.
const serializeEventBody = compileCanonicalJson<keyof EvidenceEventBody>([
  "seq",
  "recordedAt",
  "actor",
  "action",
  "subjectIds",
  "payloadVersion",
  "payload",
  "prevHash",
]);

/** Lowercase hex SHA-256 of the canonical JSON of exactly the eight EvidenceEventBody fields. */
export function computeEventHash(body: EvidenceEventBody): string {
  return sha256Hex(serializeEventBody(body));
}

/** The Merkle leaf hash of an event: its 32 raw hash bytes are the leaf input (see merkle.ts). */
export function eventLeafHash(eventHash: string): Uint8Array {
  return leafHash(fromHex(eventHash));
}

/** Checks a whole run of events; see ChainVerifier for what is checked. */
export function verifyChain(events: Iterable<HashedEvidenceEvent>): ChainResult {
  const verifier = new ChainVerifier();
  for (const event of events) {
    if (verifier.push(event) !== null) {
      break;
    }
  }
  return verifier.result();
}

/**
 * Verifies events one at a time in seq order, so a million-event export can be
 * checked while it streams. Checks that seq rises by exactly one from the first event,
 * that each prev_hash is the previous event's hash (the genesis hash for event 1; a
 * run starting later is taken as anchored elsewhere, e.g. by a checkpoint), and that
 * each hash recomputes from the event's content. Stops at the first failure, which
 * names the event an auditor should look at.
 */
export class ChainVerifier {
  #count = 0;
  #previous: { seq: number; hash: string } | null = null;
  #failure: ChainFailure | null = null;

  /**
   * contentHash: the caller's own SHA-256 over the event's exact canonical bytes, when it has
   * them (a package verifier hashing each line as read); otherwise the event is re-serialised.
   */
  push(event: HashedEvidenceEvent, contentHash?: string): ChainFailure | null {
    if (this.#failure === null) {
      const failure = this.#check(event, contentHash);
      if (failure === null) {
        this.#previous = { seq: event.seq, hash: event.hash };
        this.#count++;
      } else {
        this.#failure = failure;
      }
    }
    return this.#failure;
  }

  result(): ChainResult {
    if (this.#failure !== null) {
      return { ok: false, ...this.#failure };
    }
    return { ok: true, count: this.#count, headHash: this.#previous?.hash ?? GENESIS_HASH };
  }

  #check(event: HashedEvidenceEvent, contentHash: string | undefined): ChainFailure | null {
    const { seq } = event;
    if (!Number.isSafeInteger(seq) || seq < 1) {
      return { seq, reason: `seq must be a positive integer, found ${String(seq)}` };
    }
    const previous = this.#previous;
    if (previous === null) {
      if (seq === 1 && event.prevHash !== GENESIS_HASH) {
        return { seq, reason: "prev_hash of the first event must be the genesis hash (64 zeros)" };
      }
    } else {
      const expected = previous.seq + 1;
      if (seq > expected) {
        return { seq, reason: `sequence gap: expected ${expected}, found ${seq}` };
      }
      if (seq < expected) {
        return {
          seq,
          reason: `sequence out of order: expected ${expected}, found ${seq} (repeated or reordered event)`,
        };
      }
      if (event.prevHash !== previous.hash) {
        return { seq, reason: `prev_hash does not match the hash of event ${previous.seq}` };
      }
    }
    let recomputed: string;
    try {
      recomputed = contentHash ?? computeEventHash(event);
    } catch (error) {
      return { seq, reason: `event cannot be hashed: ${(error as Error).message}` };
    }
    if (recomputed !== event.hash) {
      return { seq, reason: "hash does not match the event's content" };
    }
    return null;
  }
}
