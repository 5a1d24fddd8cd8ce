import type { Transaction } from "@attest/db/database";
import {
  type EvidenceEventRow,
  insertEvidenceEvents,
  lockEvidenceChain,
} from "@attest/db/repositories/evidence-events";
import {
  type EvidenceAction,
  type EvidencePayload,
  latestPayloadVersion,
  parseEvidencePayload,
} from "@attest/domain/evidence/evidence-actions";
import { computeEventHash, GENESIS_HASH } from "@attest/evidence/event-hash";

/** Who caused an event: a signed-in user (from the session, never from input) or a job. */
export type EvidenceActor = { user: string } | { system: string };

export type NewEvidenceEvent = {
  [A in EvidenceAction]: {
    action: A;
    actor: EvidenceActor;
    subjectIds: string[];
    payload: EvidencePayload<A>;
  };
}[EvidenceAction];

export function formatActor(actor: EvidenceActor): string {
  return "user" in actor ? `user:${actor.user}` : `system:${actor.system}`;
}

/**
 * The one way to write evidence. Call it inside the transaction that makes the change, so the
 * change and its evidence commit together or not at all. Events get the next gap-free seq
 * numbers, the database's clock, and a hash chained to the event before them.
 */
export async function appendEvidence(
  tx: Transaction,
  events: NewEvidenceEvent | readonly NewEvidenceEvent[],
): Promise<EvidenceEventRow[]> {
  const batch = Array.isArray(events) ? events : [events as NewEvidenceEvent];
  if (batch.length === 0) return [];
  const head = await lockEvidenceChain(tx);
  let seq = head.seq;
  let prevHash = head.hash ?? GENESIS_HASH;
  const rows: EvidenceEventRow[] = batch.map((event) => {
    const payloadVersion = latestPayloadVersion(event.action);
    const payload = parseEvidencePayload(event.action, payloadVersion, event.payload);
    seq += 1;
    const body = {
      seq,
      recordedAt: head.now,
      actor: formatActor(event.actor),
      action: event.action,
      subjectIds: event.subjectIds,
      payloadVersion,
      payload,
      prevHash,
    };
    const hash = computeEventHash(body);
    prevHash = hash;
    return { ...body, hash };
  });
  await insertEvidenceEvents(tx, rows);
  return rows;
}
