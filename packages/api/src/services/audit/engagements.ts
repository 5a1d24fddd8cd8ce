import { randomUUID } from "node:crypto";
import type { Database } from "@attest/db/database";
import {
  type AuditEngagementRow,
  findAuditEngagement,
  insertAuditEngagement,
  listAuditEngagements,
  revokeAuditEngagement,
} from "@attest/db/repositories/audit-engagements";
import { findUserWithRoles, listActiveUsersWithRoles } from "@attest/db/repositories/users";
import type { GrantEngagementInput } from "@attest/domain/audit/audit-input";
import { AppError } from "../../app-error";
import type { SessionUser } from "../../context";
import { appendEvidence } from "../evidence/append-evidence";
import { engagementRevokedSentence, readAuditScope } from "./audit-scope";

function toView(row: AuditEngagementRow) {
  return {
    id: row.id,
    name: row.name,
    auditorId: row.auditorId,
    auditorName: row.auditorName,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    grantedByName: row.grantedByName,
    grantedAt: row.grantedAt,
    revokedAt: row.revokedAt,
  };
}

/** Every engagement for an administrator; an auditor sees only their own. */
export async function listEngagements(db: Database, user: SessionUser) {
  const rows = user.roles.includes("admin")
    ? await listAuditEngagements(db)
    : await listAuditEngagements(db, { auditorId: user.id });
  return rows.map(toView);
}

/** Active users holding the auditor role: whom an administrator may grant an engagement. */
export async function listAuditors(db: Database) {
  return (await listActiveUsersWithRoles(db))
    .filter((user) => user.roles.includes("auditor"))
    .map((user) => ({ id: user.id, displayName: user.displayName, email: user.email }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || (a.id < b.id ? -1 : 1));
}

/**
 * The signed-in auditor's engagements, whether their reads are bounded by them, and whether
 * every one was revoked (bounded with no period in force: they read nothing), with the sentence
 * that says so.
 */
export async function describeAuditAccess(db: Database, user: SessionUser) {
  const scope = await readAuditScope(db, user);
  const engagements = user.roles.includes("auditor")
    ? (await listAuditEngagements(db, { auditorId: user.id })).map(toView)
    : [];
  const revoked = scope.bounded && scope.periods.length === 0;
  return {
    engagements,
    bounded: scope.bounded,
    revoked,
    notice: revoked ? engagementRevokedSentence : null,
  };
}

/** An administrator grants an auditor an engagement: from then on their reads lie inside it. */
export async function grantEngagement(
  db: Database,
  input: GrantEngagementInput & { user: SessionUser },
) {
  const auditor = await findUserWithRoles(db, input.auditorId);
  if (!auditor?.roles.includes("auditor")) {
    throw new AppError("invalid_input", "auditorId must be a user with the auditor role.", {
      field: "auditorId",
    });
  }
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await insertAuditEngagement(tx, {
      id,
      auditorId: input.auditorId,
      name: input.name,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      grantedBy: input.user.id,
    });
    await appendEvidence(tx, {
      action: "audit_engagement.granted",
      actor: { user: input.user.id },
      subjectIds: [id, input.auditorId],
      payload: {
        engagementId: id,
        auditorId: input.auditorId,
        name: input.name,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
      },
    });
  });
  const row = await findAuditEngagement(db, id);
  if (!row) throw new Error(`engagement ${id} vanished after it was granted`);
  return toView(row);
}

export async function revokeEngagement(
  db: Database,
  input: { engagementId: string; user: SessionUser },
) {
  const engagement = await findAuditEngagement(db, input.engagementId);
  if (!engagement)
    throw new AppError("not_found", "No such engagement.", { field: "engagementId" });
  await db.transaction(async (tx) => {
    const revoked = await revokeAuditEngagement(tx, {
      engagementId: engagement.id,
      revokedBy: input.user.id,
    });
    if (!revoked) throw new AppError("conflict", "This engagement was already revoked.");
    await appendEvidence(tx, {
      action: "audit_engagement.revoked",
      actor: { user: input.user.id },
      subjectIds: [engagement.id, engagement.auditorId],
      payload: {
        engagementId: engagement.id,
        auditorId: engagement.auditorId,
        name: engagement.name,
      },
    });
  });
  return toView((await findAuditEngagement(db, engagement.id)) as AuditEngagementRow);
}
