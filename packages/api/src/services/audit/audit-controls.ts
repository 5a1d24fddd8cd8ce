import type { Queryable } from "@attest/db/database";
import {
  type AuditControlRow,
  findAuditControl,
  listAuditControls,
} from "@attest/db/repositories/audit-population";
import {
  type ControlFrequency,
  frequencyFromIntervalDays,
  suggestedSampleSize,
} from "@attest/domain/audit/sample-size";
import { AppError } from "../../app-error";
import { nextOccurrence } from "../campaigns/campaign-recurrence";

export interface AuditControlView {
  definitionId: string;
  controlId: string;
  name: string;
  controlOwnerName: string;
  /** The cron expression it launches on; null when launched by hand. */
  schedule: string | null;
  frequency: ControlFrequency;
  suggestedSampleSize: { min: number; max: number };
  campaignsRun: number;
  firstLaunchedAt: string | null;
  lastLaunchedAt: string | null;
}

const dayMs = 24 * 60 * 60 * 1000;
// A fixed reference keeps the label the same whatever day it is asked on.
const reference = new Date("2025-01-01T00:00:00.000Z");

/** Average days between the schedule's next six occurrences after a fixed date. */
function intervalDays(recurrence: string | null): number | null {
  if (!recurrence) return null;
  const occurrences: Date[] = [];
  let after = reference;
  for (let index = 0; index < 6; index += 1) {
    const next = nextOccurrence(recurrence, after);
    if (!next) break;
    occurrences.push(next);
    after = next;
  }
  if (occurrences.length < 2) return null;
  const first = occurrences[0] as Date;
  const last = occurrences.at(-1) as Date;
  return (last.getTime() - first.getTime()) / dayMs / (occurrences.length - 1);
}

export function toAuditControlView(row: AuditControlRow): AuditControlView {
  const frequency = frequencyFromIntervalDays(intervalDays(row.recurrence));
  return {
    definitionId: row.definitionId,
    controlId: row.controlId,
    name: row.name,
    controlOwnerName: row.controlOwnerName,
    schedule: row.recurrence,
    frequency,
    suggestedSampleSize: suggestedSampleSize(frequency),
    campaignsRun: row.campaignsRun,
    firstLaunchedAt: row.firstLaunchedAt,
    lastLaunchedAt: row.lastLaunchedAt,
  };
}

/** The controls an auditor can choose: every campaign definition, with its frequency. */
export async function listControls(db: Queryable): Promise<AuditControlView[]> {
  return (await listAuditControls(db)).map(toAuditControlView);
}

export async function getControl(db: Queryable, definitionId: string): Promise<AuditControlView> {
  const row = await findAuditControl(db, definitionId);
  if (!row)
    throw new AppError("not_found", "No such control: the campaign definition does not exist.", {
      field: "definitionId",
    });
  return toAuditControlView(row);
}
