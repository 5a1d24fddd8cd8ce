import type { Database } from "@attest/db/database";
import { findLatestCheckpoint } from "@attest/db/repositories/evidence-checkpoints";
import {
  listRecentEvidenceEvents,
  readEvidenceHead,
} from "@attest/db/repositories/evidence-events";
import { findUserNames } from "@attest/db/repositories/users";
import type { EvidenceSigner } from "./evidence-signer";

export interface LedgerEventSummary {
  seq: number;
  recordedAt: string;
  actor: string;
  actorName: string;
  action: string;
  subjectIds: string[];
  hash: string;
}

export interface LedgerStatus {
  origin: string;
  length: number;
  headHash: string | null;
  headRecordedAt: string | null;
  latestCheckpoint: { treeSize: number; rootHash: string; createdAt: string; note: string } | null;
  /** Events recorded after the latest checkpoint: not yet covered by a signature. */
  uncheckpointedEvents: number;
  publicKeyPem: string;
  publicKeyFingerprint: string;
  recentEvents: LedgerEventSummary[];
}

/** What the ledger page shows: its length and head, the latest signed checkpoint, the key. */
export async function getLedgerStatus(
  db: Database,
  signer: EvidenceSigner,
  recent = 25,
): Promise<LedgerStatus> {
  const head = await readEvidenceHead(db);
  const checkpoint = await findLatestCheckpoint(db);
  const events = await listRecentEvidenceEvents(db, recent);
  const userIds = events
    .filter((e) => e.actor.startsWith("user:"))
    .map((e) => e.actor.slice("user:".length));
  const names = await findUserNames(db, [...new Set(userIds)]);
  return {
    origin: signer.origin,
    length: head?.seq ?? 0,
    headHash: head?.hash ?? null,
    headRecordedAt: head?.recordedAt ?? null,
    latestCheckpoint: checkpoint
      ? {
          treeSize: checkpoint.treeSize,
          rootHash: checkpoint.rootHash,
          createdAt: checkpoint.createdAt,
          note: checkpoint.note,
        }
      : null,
    uncheckpointedEvents: (head?.seq ?? 0) - (checkpoint?.treeSize ?? 0),
    publicKeyPem: signer.publicKeyPem,
    publicKeyFingerprint: signer.fingerprint,
    recentEvents: events.map((event) => ({
      seq: event.seq,
      recordedAt: event.recordedAt,
      actor: event.actor,
      actorName: names.get(event.actor.slice("user:".length)) ?? event.actor,
      action: event.action,
      subjectIds: event.subjectIds,
      hash: event.hash,
    })),
  };
}
