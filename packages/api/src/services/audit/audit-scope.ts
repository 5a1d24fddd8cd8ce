import type { Queryable } from "@attest/db/database";
import { listAuditEngagements } from "@attest/db/repositories/audit-engagements";
import {
  listCampaignSnapshotIds,
  type SnapshotBounds,
  type TimeRange,
} from "@attest/db/repositories/snapshots";
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

/**
 * What a bounded auditor may read of the inventory: the snapshots taken (imported) on a day of
 * one of their periods, and the snapshots the campaigns they may read were launched from, so a
 * campaign's population can be traced to its snapshot even when that was taken before the
 * period. Everything else about the scope is the campaigns'.
 */
export interface SnapshotScope extends AuditScope {
  campaignSnapshotIds: ReadonlySet<string>;
}

/** Said to an auditor whose every engagement was revoked, about the inventory. */
export const inventoryRevokedSentence =
  "Your audit engagement was revoked, so you may read no inventory snapshots; an administrator can grant you a new one.";

/** A period's days as instants: [periodStart 00:00 UTC, the day after periodEnd 00:00 UTC). */
function periodRanges(periods: readonly EngagementPeriod[]): TimeRange[] {
  return periods.map((period) => ({
    from: `${period.periodStart}T00:00:00.000Z`,
    before: `${nextDay(period.periodEnd)}T00:00:00.000Z`,
  }));
}

export async function readSnapshotScope(db: Queryable, user: SessionUser): Promise<SnapshotScope> {
  const scope = await readAuditScope(db, user);
  const campaignSnapshotIds = scope.bounded
    ? await listCampaignSnapshotIds(db, periodRanges(scope.periods))
    : [];
  return { ...scope, campaignSnapshotIds: new Set(campaignSnapshotIds) };
}

/**
 * The same rule as isSnapshotInScope, as bounds for SQL lists (undefined: read everything). A
 * day of a period is [00:00, 24:00) UTC, as timestamps are UTC throughout.
 */
export function snapshotBounds(scope: SnapshotScope): SnapshotBounds | undefined {
  if (!scope.bounded) return undefined;
  return {
    takenWithin: periodRanges(scope.periods),
    snapshotIds: [...scope.campaignSnapshotIds],
  };
}

export function isSnapshotInScope(
  scope: SnapshotScope,
  snapshot: { id: string; importedAt: string },
): boolean {
  if (!scope.bounded || scope.campaignSnapshotIds.has(snapshot.id)) return true;
  const day = snapshot.importedAt.slice(0, 10);
  return covered(scope.periods, day, day);
}

/** What a bounded auditor may read of the inventory, as the end of a refusal. */
function describeSnapshotScope(periods: readonly EngagementPeriod[]): string {
  if (periods.length === 0) return inventoryRevokedSentence;
  return `you may read snapshots taken within ${describePeriods(periods)}, and those that campaigns launched then were launched from.`;
}

/** Refuses a snapshot taken outside the auditor's engagements that none of their campaigns used. */
export function assertSnapshotInScope(
  scope: SnapshotScope,
  snapshot: { id: string; importedAt: string },
): void {
  if (isSnapshotInScope(scope, snapshot)) return;
  throw new AppError(
    "forbidden",
    `Snapshot taken on ${snapshot.importedAt.slice(0, 10)} lies outside your audit engagement: ${describeSnapshotScope(scope.periods)}`,
  );
}

/**
 * Refuses an import outside the auditor's engagements: one that made a snapshot goes with its
 * snapshot; one that made none (failed, still running) goes by the day it started.
 */
export function assertImportInScope(
  scope: SnapshotScope,
  inventoryImport: { source: string; startedAt: string },
  snapshot: { id: string; importedAt: string } | null,
): void {
  if (!scope.bounded) return;
  if (snapshot) {
    if (isSnapshotInScope(scope, snapshot)) return;
  } else {
    const day = inventoryImport.startedAt.slice(0, 10);
    if (covered(scope.periods, day, day)) return;
  }
  const day = (snapshot?.importedAt ?? inventoryImport.startedAt).slice(0, 10);
  throw new AppError(
    "forbidden",
    `The import of ${inventoryImport.source} on ${day} lies outside your audit engagement: ${describeSnapshotScope(scope.periods)}`,
  );
}

/**
 * Why a bounded auditor has no snapshot to read, or null when they have one or are not bounded
 * (hasSnapshot: whether one lies within their scope).
 */
export function describeEmptySnapshotScope(
  scope: SnapshotScope,
  hasSnapshot: boolean,
): string | null {
  if (!scope.bounded || hasSnapshot) return null;
  if (scope.periods.length === 0) return inventoryRevokedSentence;
  return `No inventory snapshot was taken within your audit engagement, ${describePeriods(scope.periods)}, and no campaign launched then was launched from one.`;
}
