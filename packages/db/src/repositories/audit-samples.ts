import type { Queryable, Transaction } from "../database";

export interface AuditSampleRow {
  id: string;
  definitionId: string;
  controlId: string;
  definitionName: string;
  periodStart: string;
  periodEnd: string;
  seed: string;
  size: number;
  stratifyBy: "system" | "privileged" | "identity_kind" | null;
  populationCount: number;
  populationSha256: string;
  strata: Record<string, { population: number; sample: number }>;
  itemIds: string[];
  drawnById: string;
  drawnByName: string;
  drawnAt: string;
  evidenceSeq: number;
}

export type NewAuditSample = Omit<
  AuditSampleRow,
  "controlId" | "definitionName" | "drawnByName" | "drawnAt"
>;

export async function insertAuditSample(tx: Transaction, sample: NewAuditSample): Promise<void> {
  await tx.query(
    `insert into audit_samples (id, definition_id, period_start, period_end, seed, size, stratify_by,
       population_count, population_sha256, strata, item_ids, drawn_by, evidence_seq)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::uuid[], $12, $13)`,
    [
      sample.id,
      sample.definitionId,
      sample.periodStart,
      sample.periodEnd,
      sample.seed,
      sample.size,
      sample.stratifyBy,
      sample.populationCount,
      sample.populationSha256,
      JSON.stringify(sample.strata),
      sample.itemIds,
      sample.drawnById,
      sample.evidenceSeq,
    ],
  );
}

const sampleSelect = `
  select s.id, s.definition_id as "definitionId", d.control_id as "controlId",
         d.name as "definitionName", to_char(s.period_start, 'YYYY-MM-DD') as "periodStart",
         to_char(s.period_end, 'YYYY-MM-DD') as "periodEnd", s.seed, s.size,
         s.stratify_by as "stratifyBy", s.population_count as "populationCount",
         s.population_sha256 as "populationSha256", s.strata, s.item_ids::text[] as "itemIds",
         s.drawn_by as "drawnById", drawer.display_name as "drawnByName", s.drawn_at as "drawnAt",
         s.evidence_seq::int as "evidenceSeq"
  from audit_samples s
  join campaign_definitions d on d.id = s.definition_id
  join users drawer on drawer.id = s.drawn_by`;

export async function listAuditSamples(db: Queryable): Promise<AuditSampleRow[]> {
  return db.query<AuditSampleRow>(`${sampleSelect} order by s.drawn_at desc, s.id`);
}

export async function findAuditSample(
  db: Queryable,
  sampleId: string,
): Promise<AuditSampleRow | null> {
  const rows = await db.query<AuditSampleRow>(`${sampleSelect} where s.id = $1`, [sampleId]);
  return rows[0] ?? null;
}
