import type { Database } from "@attest/db/database";
import {
  type AuditSampleRow,
  findAuditSample,
  listAuditSamples,
} from "@attest/db/repositories/audit-samples";
import { AppError } from "../../app-error";
import type { SessionUser } from "../../context";
import { assertPeriodInScope, readAuditScope } from "./audit-scope";
import { describeSampledItems } from "./draw-audit-sample";

function toSummary(row: AuditSampleRow) {
  return {
    sampleId: row.id,
    definitionId: row.definitionId,
    controlId: row.controlId,
    controlName: row.definitionName,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    seed: row.seed,
    size: row.size,
    stratifyBy: row.stratifyBy,
    strata: row.strata,
    populationCount: row.populationCount,
    populationSha256: row.populationSha256,
    drawnByName: row.drawnByName,
    drawnAt: row.drawnAt,
    evidenceSeq: row.evidenceSeq,
  };
}

/** Samples drawn so far, newest first; a bounded auditor sees those inside their engagements. */
export async function listSamples(db: Database, user: SessionUser) {
  const scope = await readAuditScope(db, user);
  const rows = await listAuditSamples(db);
  return rows
    .filter((row) => {
      try {
        assertPeriodInScope(scope, row.periodStart, row.periodEnd);
        return true;
      } catch {
        return false;
      }
    })
    .map(toSummary);
}

/** One sample with its items, after checking it lies inside the auditor's engagements. */
export async function getSample(db: Database, options: { sampleId: string; user: SessionUser }) {
  const row = await findAuditSample(db, options.sampleId);
  if (!row) throw new AppError("not_found", "No such sample.", { field: "sampleId" });
  assertPeriodInScope(await readAuditScope(db, options.user), row.periodStart, row.periodEnd);
  return {
    ...toSummary(row),
    itemIds: row.itemIds,
    items: await describeSampledItems(db, row),
  };
}
