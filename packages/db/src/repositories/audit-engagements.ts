import type { Queryable, Transaction } from "../database";

export interface AuditEngagementRow {
  id: string;
  auditorId: string;
  auditorName: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  grantedById: string;
  grantedByName: string;
  grantedAt: string;
  revokedAt: string | null;
}

const engagementSelect = `
  select e.id, e.auditor_id as "auditorId", auditor.display_name as "auditorName", e.name,
         to_char(e.period_start, 'YYYY-MM-DD') as "periodStart",
         to_char(e.period_end, 'YYYY-MM-DD') as "periodEnd", e.granted_by as "grantedById",
         granter.display_name as "grantedByName", e.granted_at as "grantedAt",
         e.revoked_at as "revokedAt"
  from audit_engagements e
  join users auditor on auditor.id = e.auditor_id
  join users granter on granter.id = e.granted_by`;

/** Engagements, newest first; only one auditor's when auditorId is given. */
export async function listAuditEngagements(
  db: Queryable,
  filter: { auditorId?: string } = {},
): Promise<AuditEngagementRow[]> {
  return filter.auditorId
    ? db.query<AuditEngagementRow>(
        `${engagementSelect} where e.auditor_id = $1 order by e.granted_at desc, e.id`,
        [filter.auditorId],
      )
    : db.query<AuditEngagementRow>(`${engagementSelect} order by e.granted_at desc, e.id`);
}

export async function findAuditEngagement(
  db: Queryable,
  engagementId: string,
): Promise<AuditEngagementRow | null> {
  const rows = await db.query<AuditEngagementRow>(`${engagementSelect} where e.id = $1`, [
    engagementId,
  ]);
  return rows[0] ?? null;
}

export async function insertAuditEngagement(
  tx: Transaction,
  engagement: {
    id: string;
    auditorId: string;
    name: string;
    periodStart: string;
    periodEnd: string;
    grantedBy: string;
  },
): Promise<void> {
  await tx.query(
    `insert into audit_engagements (id, auditor_id, name, period_start, period_end, granted_by)
     values ($1, $2, $3, $4, $5, $6)`,
    [
      engagement.id,
      engagement.auditorId,
      engagement.name,
      engagement.periodStart,
      engagement.periodEnd,
      engagement.grantedBy,
    ],
  );
}

/** Revokes an engagement that is still in force; false when it was already revoked. */
export async function revokeAuditEngagement(
  tx: Transaction,
  options: { engagementId: string; revokedBy: string },
): Promise<boolean> {
  const rows = await tx.query(
    `update audit_engagements set revoked_at = now(), revoked_by = $2
     where id = $1 and revoked_at is null returning id`,
    [options.engagementId, options.revokedBy],
  );
  return rows.length === 1;
}
