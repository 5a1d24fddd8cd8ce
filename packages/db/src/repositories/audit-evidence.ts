import type { Queryable } from "../database";
import type { EvidenceEventRow } from "./evidence-events";

const eventColumns = `seq, recorded_at as "recordedAt", actor, action, subject_ids as "subjectIds",
  payload_version as "payloadVersion", payload, prev_hash as "prevHash", hash`;

/** Events of the given actions that name the subject (the GIN index on subject_ids), in seq order. */
export async function listSubjectEvents(
  db: Queryable,
  options: { subjectId: string; actions: readonly string[] },
): Promise<EvidenceEventRow[]> {
  return db.query<EvidenceEventRow>(
    `select ${eventColumns} from evidence_events
     where subject_ids @> array[$1]::text[] and action = any($2::text[])
     order by seq`,
    [options.subjectId, options.actions],
  );
}

/** Seq and subject item of the events an evidence package about these campaigns carries. */
export async function listCampaignEventRefs(
  db: Queryable,
  options: {
    campaignIds: readonly string[];
    campaignActions: readonly string[];
    /** decision.recorded events of only these items; of every item of the campaigns when null. */
    itemIds: readonly string[] | null;
  },
): Promise<{ seq: number; action: string; itemId: string | null; campaignId: string | null }[]> {
  if (options.campaignIds.length === 0) return [];
  return db.query(
    `select seq, action, payload ->> 'itemId' as "itemId", payload ->> 'campaignId' as "campaignId"
     from evidence_events
     where (action = any($2::text[]) and payload ->> 'campaignId' = any($1::text[]))
        or (action = 'decision.recorded' and payload ->> 'campaignId' = any($1::text[])
            and ($3::text[] is null or payload ->> 'itemId' = any($3::text[])))
     order by seq`,
    [options.campaignIds, options.campaignActions, options.itemIds],
  );
}

export async function listEventsBySeq(
  db: Queryable,
  seqs: readonly number[],
): Promise<EvidenceEventRow[]> {
  if (seqs.length === 0) return [];
  return db.query<EvidenceEventRow>(
    `select ${eventColumns} from evidence_events where seq = any($1::bigint[]) order by seq`,
    [seqs],
  );
}
