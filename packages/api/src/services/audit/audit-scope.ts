import type { Queryable } from "@attest/db/database";
import { listAuditEngagements } from "@attest/db/repositories/audit-engagements";
import { AppError } from "../../app-error";
import type { SessionUser } from "../../context";

export interface EngagementPeriod {
  name: string;
  periodStart: string;
  periodEnd: string;
}

/**
 * What an auditor may read. An auditor who has ever been granted an engagement reads only
 * campaigns launched inside the union of the periods still in force: revoking their last one
 * leaves them reading nothing, not everything. An auditor never granted one, a control owner or
 * an administrator reads everything.
 */
export interface AuditScope {
  bounded: boolean;
  periods: EngagementPeriod[];
}

export async function readAuditScope(db: Queryable, user: SessionUser): Promise<AuditScope> {
  if (!user.roles.includes("auditor") || user.roles.includes("admin")) {
    return { bounded: false, periods: [] };
  }
  const engagements = await listAuditEngagements(db, { auditorId: user.id });
  return {
    bounded: engagements.length > 0,
    periods: engagements
      .filter((engagement) => engagement.revokedAt === null)
      .map(({ name, periodStart, periodEnd }) => ({ name, periodStart, periodEnd }))
      .sort((a, b) => (a.periodStart < b.periodStart ? -1 : 1)),
  };
}

/** Said to an auditor whose every engagement was revoked. */
export const engagementRevokedSentence =
  "Your audit engagement was revoked, so you may read no campaigns; an administrator can grant you a new one.";

/** What a bounded auditor may read, as the end of a refusal. */
function describeScope(periods: readonly EngagementPeriod[]): string {
  if (periods.length === 0) return engagementRevokedSentence;
  return `you may read campaigns launched within ${describePeriods(periods)}.`;
}

function describePeriods(periods: readonly EngagementPeriod[]): string {
  return periods
    .map((period) => `${period.name} (${period.periodStart} to ${period.periodEnd})`)
    .join("; ");
}

function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** True when every day of [start, end] lies in some period (periods may overlap or abut). */
function covered(periods: readonly EngagementPeriod[], start: string, end: string): boolean {
  let from = start;
  for (const period of periods) {
    if (period.periodStart > from) continue;
    if (period.periodEnd >= from) from = nextDay(period.periodEnd);
    if (from > end) return true;
  }
  return from > end;
}

/** Refuses a period that reaches outside the auditor's engagements. */
export function assertPeriodInScope(scope: AuditScope, start: string, end: string): void {
  if (!scope.bounded || covered(scope.periods, start, end)) return;
  throw new AppError(
    "forbidden",
    `${start} to ${end} lies outside your audit engagement: ${describeScope(scope.periods)}`,
  );
}

/** Whether a bounded auditor may read a campaign launched at this time. */
export function isCampaignInScope(scope: AuditScope, launchedAt: string): boolean {
  const day = launchedAt.slice(0, 10);
  return !scope.bounded || covered(scope.periods, day, day);
}

/** Refuses a campaign launched outside the auditor's engagements. */
export function assertCampaignInScope(
  scope: AuditScope,
  campaign: { name: string; launchedAt: string },
): void {
  const day = campaign.launchedAt.slice(0, 10);
  if (!scope.bounded || covered(scope.periods, day, day)) return;
  throw new AppError(
    "forbidden",
    `Campaign "${campaign.name}" was launched on ${day}, outside your audit engagement: ${describeScope(scope.periods)}`,
  );
}
