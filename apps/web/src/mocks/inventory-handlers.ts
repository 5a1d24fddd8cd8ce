import type { Role } from "@attest/domain/access/roles";
import { csvRow } from "@attest/domain/csv/csv-cell";
import { humanIdentityKinds, nonHumanIdentityKinds } from "@attest/domain/inventory/identity-kinds";
import { delay, type HttpHandler, HttpResponse, http } from "msw";
import type { MockDatabase, MockUser } from "@/mocks/mock-database";
import {
  changesOf,
  type ImportIssueRow,
  type ImportProgress,
  type ImportReport,
  type MockImport,
  type MockInventory,
  maxListedIssues,
  numberIssues,
  type PopulationExport,
  previousSnapshot,
  type Snapshot,
  type StoredImport,
} from "@/mocks/mock-inventory";
import {
  buildPopulation,
  listEntitlements,
  listGrants,
  listIdentities,
  populationCsv,
  sha256Hex,
  summarizePopulation,
} from "@/mocks/mock-population";
import { readUploadedFile, type UploadedFile, validateUpload } from "@/mocks/mock-upload";
import { type ProcedureResolvers, TrpcMockError } from "@/mocks/trpc-msw";

export interface InventoryMockOptions {
  db: MockDatabase;
  currentUser: () => MockUser | null;
  delayMs?: number | undefined;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sourcePattern = /^[A-Za-z0-9][A-Za-z0-9 ._:-]{0,99}$/;

function requireUuid(value: string | undefined, field: string, noun: string): void {
  if (value !== undefined && !uuidPattern.test(value)) {
    const message = `${field} must be ${noun}`;
    throw new TrpcMockError("BAD_REQUEST", message, { [field]: [message] });
  }
}

function requireSnapshot(inventory: MockInventory, snapshotId: string | undefined): Snapshot {
  requireUuid(snapshotId, "snapshotId", "a snapshot id");
  if (snapshotId) {
    const snapshot = inventory.snapshots.find((candidate) => candidate.id === snapshotId);
    if (!snapshot) {
      throw new TrpcMockError("NOT_FOUND", "No snapshot with that id.", {
        snapshotId: ["No snapshot with that id."],
      });
    }
    return snapshot;
  }
  const [latest] = inventory.snapshots;
  if (!latest) {
    throw new TrpcMockError("NOT_FOUND", "No inventory has been imported yet.", {
      snapshotId: ["No inventory has been imported yet."],
    });
  }
  return latest;
}

function populationOf(inventory: MockInventory, snapshot: Snapshot) {
  const population = inventory.populations.get(snapshot.id);
  if (!population) throw new Error(`no mock population for snapshot ${snapshot.id}`);
  return population;
}

const exportFiles = new WeakMap<MockInventory, Map<string, string>>();

/**
 * The population export of a snapshot, generated on first use as the server does; a record
 * seeded without a hash (an export made "earlier") gets the hash of the bytes it stands for.
 */
async function ensureExport(
  inventory: MockInventory,
  snapshot: Snapshot,
  actor: { id: string; displayName: string },
): Promise<{ record: PopulationExport; csv: string }> {
  let files = exportFiles.get(inventory);
  if (!files) {
    files = new Map();
    exportFiles.set(inventory, files);
  }
  const { csv, rows } = populationCsv(populationOf(inventory, snapshot));
  files.set(snapshot.id, csv);
  const existing = inventory.exports.get(snapshot.id);
  if (existing?.sha256) return { record: existing, csv };
  const record: PopulationExport = {
    snapshotId: snapshot.id,
    sha256: await sha256Hex(csv),
    bytes: new TextEncoder().encode(csv).byteLength,
    rows,
    fileName:
      existing?.fileName ?? `population-${snapshot.source}-${snapshot.importedAt.slice(0, 10)}.csv`,
    createdBy: existing?.createdBy ?? `user:${actor.id}`,
    createdByName: existing?.createdByName ?? actor.displayName,
    createdAt: existing?.createdAt ?? new Date().toISOString(),
  };
  inventory.exports.set(snapshot.id, record);
  return { record, csv };
}

function publicImport(job: MockImport): StoredImport & { progress: ImportProgress | null } {
  return { ...job.stored, progress: job.lastProgress };
}

function findImport(inventory: MockInventory, importId: string | undefined): MockImport {
  requireUuid(importId, "importId", "an import id");
  const job = inventory.imports.find((candidate) => candidate.stored.id === importId);
  if (!job) {
    throw new TrpcMockError("NOT_FOUND", "No import with that id.", {
      importId: ["No import with that id."],
    });
  }
  return job;
}

export function inventoryProcedures({ db, currentUser }: InventoryMockOptions): ProcedureResolvers {
  const requireRole = (...allowed: Role[]): MockUser => {
    const user = currentUser();
    if (!user) throw new TrpcMockError("UNAUTHORIZED", "Sign in to continue.");
    if (!allowed.some((role) => user.roles.includes(role))) {
      throw new TrpcMockError("FORBIDDEN", "Your role does not allow this.");
    }
    return user;
  };
  const readers: Role[] = ["admin", "auditor", "control_owner"];
  const importReaders: Role[] = ["admin", "auditor"];
  const inventory = () => db.inventoryData;

  return {
    "inventory.imports": (input) => {
      requireRole(...importReaders);
      return inventory()
        .imports.slice(0, input.limit ?? 50)
        .map(({ stored: { report: _report, ...row } }) => row);
    },

    "inventory.import": (input) => {
      requireRole(...importReaders);
      const job = findImport(inventory(), input.importId);
      // Each poll moves a running import on by one step, so mock mode shows every phase.
      const step = job.pendingSteps.shift();
      if (step) {
        job.lastProgress = step;
        if (job.pendingSteps.length === 0) {
          job.finish?.();
          job.finish = null;
        }
      }
      return publicImport(job);
    },

    "inventory.importIssues": (input) => {
      requireRole(...importReaders);
      const job = findImport(inventory(), input.importId);
      const limit = input.limit ?? 50;
      const matching = job.issues.filter(
        (issue) =>
          issue.seq > (input.after ?? 0) &&
          (!input.severity || issue.severity === input.severity) &&
          (!input.kind || issue.kind === input.kind) &&
          (input.file === undefined || issue.file === input.file),
      );
      const rows = matching.slice(0, limit);
      return {
        rows,
        next: matching.length > limit ? (rows.at(-1)?.seq ?? null) : null,
        complete: true,
      };
    },

    "inventory.snapshots": (input) => {
      requireRole(...readers);
      return inventory().snapshots.slice(0, input.limit ?? 50);
    },

    "inventory.snapshotDiff": (input) => {
      requireRole(...readers);
      const snapshot = requireSnapshot(inventory(), input.snapshotId);
      const previous = previousSnapshot(inventory(), snapshot);
      if (!previous) return { snapshot, previous: null, counts: null, changes: [] };
      const changes = changesOf(inventory(), snapshot, previous);
      const counts = { added: 0, removed: 0, changed: 0 };
      for (const change of changes) counts[change.change] += 1;
      const offset = input.offset ?? 0;
      const limit = input.limit ?? 100;
      return {
        snapshot,
        previous,
        counts,
        changes: changes
          .filter((change) => !input.change || change.change === input.change)
          .slice(offset, offset + limit),
      };
    },

    "inventory.populationReport": async (input) => {
      const user = requireRole(...readers);
      const snapshot = requireSnapshot(inventory(), input.snapshotId);
      const seeded = inventory().exports.get(snapshot.id);
      if (seeded && !seeded.sha256) await ensureExport(inventory(), snapshot, user);
      return { snapshot, export: inventory().exports.get(snapshot.id) ?? null };
    },

    "inventory.identities": (input) => {
      requireRole(...readers);
      const snapshot = requireSnapshot(inventory(), input.snapshotId);
      const kinds =
        input.kind === "human"
          ? humanIdentityKinds
          : input.kind === "non_human"
            ? nonHumanIdentityKinds
            : input.kind
              ? [input.kind]
              : undefined;
      return {
        snapshotId: snapshot.id,
        ...listIdentities(populationOf(inventory(), snapshot), input, kinds),
      };
    },

    "inventory.grants": (input) => {
      requireRole(...readers);
      const snapshot = requireSnapshot(inventory(), input.snapshotId);
      return { snapshotId: snapshot.id, ...listGrants(populationOf(inventory(), snapshot), input) };
    },

    "inventory.systems": (input) => {
      requireRole(...readers);
      const snapshot = requireSnapshot(inventory(), input.snapshotId);
      return { snapshotId: snapshot.id, systems: populationOf(inventory(), snapshot).systems };
    },

    "inventory.entitlements": (input) => {
      requireRole(...readers);
      const snapshot = requireSnapshot(inventory(), input.snapshotId);
      return {
        snapshotId: snapshot.id,
        entitlements: listEntitlements(populationOf(inventory(), snapshot), input),
      };
    },
  };
}

function refusal(status: number, error: string, message: string) {
  return HttpResponse.json({ error, message }, { status });
}

/** Starts a mock import that reports its phases over the next polls, then finishes. */
function startImport(
  db: MockDatabase,
  user: MockUser,
  source: string,
  files: UploadedFile[],
  rotationPolicyDays: number,
): string {
  const inventory = db.inventoryData;
  const importId = crypto.randomUUID();
  const startedAt = new Date();
  const outcome = validateUpload(files, rotationPolicyDays, startedAt);
  const succeeded = outcome.errorCount === 0;
  const stored: StoredImport = {
    id: importId,
    source,
    status: "running",
    startedBy: `user:${user.id}`,
    startedByName: user.displayName,
    startedAt: startedAt.toISOString(),
    finishedAt: null,
    snapshotId: null,
    report: null,
  };
  const largest = [...files].sort((a, b) => b.bytes - a.bytes)[0]?.name ?? "the files";
  const grants = outcome.population.grants.length;
  const step = (phase: ImportProgress["phase"], fraction: number, message: string) => ({
    importId,
    phase,
    fraction,
    message,
  });
  const pendingSteps: ImportProgress[] = succeeded
    ? [
        step("validating", 0.22, `Checking ${largest}: 44%`),
        step(
          "loading",
          0.74,
          `Writing grants: ${Math.round(grants * 0.48).toLocaleString("en")} of ${grants.toLocaleString("en")}`,
        ),
        step("finished", 1, `Imported ${grants.toLocaleString("en")} grants`),
      ]
    : [
        step("validating", 0.25, `Checking ${largest}: 50%`),
        step(
          "finished",
          1,
          `Nothing imported: ${outcome.errorCount} error${outcome.errorCount === 1 ? "" : "s"}`,
        ),
      ];

  const finish = () => {
    const finishedAt = new Date().toISOString();
    const snapshotId = succeeded ? crypto.randomUUID() : null;
    const raw = outcome.population;
    const counts = succeeded
      ? {
          identities: raw.identities.length,
          systems: raw.systems.length,
          entitlements: raw.entitlements.length,
          accounts: raw.accounts.length,
          grants: raw.grants.length,
        }
      : { identities: 0, systems: 0, entitlements: 0, accounts: 0, grants: 0 };
    const report: ImportReport = {
      importId,
      source,
      status: succeeded ? "succeeded" : "failed",
      snapshotId,
      files: outcome.files,
      counts,
      parameters: { rotationPolicyDays },
      errors: outcome.errors.slice(0, maxListedIssues),
      errorCount: outcome.errorCount,
      warnings: outcome.warnings.slice(0, maxListedIssues),
      warningCount: outcome.warningCount,
      warningCounts: outcome.warningCounts,
      startedAt: stored.startedAt,
      finishedAt,
    };
    Object.assign(stored, {
      status: report.status,
      finishedAt,
      snapshotId,
      report,
    } satisfies Partial<StoredImport>);
    if (!snapshotId) return;
    const snapshot: Snapshot = {
      id: snapshotId,
      source,
      importedBy: `user:${user.id}`,
      importedByName: user.displayName,
      importedAt: finishedAt,
      rowCounts: counts,
      fileHashes: Object.fromEntries(files.map((file) => [file.name, file.sha256])),
      parameters: { rotationPolicyDays },
    };
    const population = buildPopulation(raw, 100 + inventory.snapshots.length);
    inventory.snapshots.unshift(snapshot);
    inventory.populations.set(snapshotId, population);
    db.inventory = summarizePopulation(population, {
      id: snapshot.id,
      source,
      importedBy: snapshot.importedBy,
      importedByName: snapshot.importedByName,
      importedAt: snapshot.importedAt,
      rowCounts: counts,
    });
  };

  // The problems are kept when the import finishes, with its report.
  const job: MockImport = { stored, issues: [], pendingSteps, lastProgress: null, finish: null };
  job.finish = () => {
    finish();
    job.issues = numberIssues(outcome.errors, outcome.warnings);
  };
  inventory.imports.unshift(job);
  return importId;
}

/** Every problem of an import, as the server's download has them. */
function importReportCsv(issues: readonly ImportIssueRow[]): string {
  const lines = ["severity,kind,file,row,column,message"];
  for (const issue of issues) {
    lines.push(
      csvRow([issue.severity, issue.kind, issue.file, issue.row, issue.column, issue.message]),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** The plain HTTP inventory routes: upload, import report CSV, population CSV. */
export function inventoryHttpHandlers({
  db,
  currentUser,
  delayMs,
}: InventoryMockOptions): HttpHandler[] {
  const authorize = (roles: Role[]): MockUser | Response => {
    const user = currentUser();
    if (!user) return refusal(401, "unauthenticated", "Sign in to continue.");
    if (!roles.some((role) => user.roles.includes(role))) {
      return refusal(403, "forbidden", "Your role does not allow this.");
    }
    return user;
  };

  return [
    http.post("/api/inventory/imports", async ({ request }) => {
      if (delayMs) await delay(delayMs);
      const user = authorize(["admin"]);
      if (user instanceof Response) return user;
      let form: FormData;
      try {
        form = await request.formData();
      } catch {
        return refusal(400, "invalid_input", "Send the files as multipart/form-data.");
      }
      const fields: Record<string, string> = {};
      const files: File[] = [];
      for (const [name, value] of form.entries()) {
        if (typeof value === "string") fields[name] = value;
        else files.push(value);
      }
      const names = new Set<string>();
      for (const file of files) {
        if (names.has(file.name)) {
          return refusal(400, "invalid_input", `Two files are named ${file.name}.`);
        }
        names.add(file.name);
      }
      const source = (fields.source ?? "").trim();
      if (!sourcePattern.test(source)) {
        return refusal(
          400,
          "invalid_input",
          "source must be a short name (letters, digits, space . _ : -), e.g. sox-population.",
        );
      }
      if (files.length === 0) {
        return refusal(400, "invalid_input", "Choose at least one file to import.");
      }
      const rotationDays = fields.rotationDays ? Number(fields.rotationDays) : undefined;
      if (
        rotationDays !== undefined &&
        (!Number.isInteger(rotationDays) || rotationDays < 1 || rotationDays > 3650)
      ) {
        return refusal(
          400,
          "invalid_input",
          "rotationDays must be a whole number of days between 1 and 3650.",
        );
      }
      const uploaded = await Promise.all(files.map(readUploadedFile));
      const importId = startImport(db, user, source, uploaded, rotationDays ?? 365);
      return HttpResponse.json({ importId }, { status: 202 });
    }),

    http.get("/api/inventory/imports/:id/report.csv", async ({ params }) => {
      if (delayMs) await delay(delayMs);
      const user = authorize(["admin", "auditor"]);
      if (user instanceof Response) return user;
      const id = String(params.id);
      const job = db.inventoryData.imports.find((candidate) => candidate.stored.id === id);
      if (!job) return refusal(404, "not_found", "No import with that id.");
      const report = job.stored.report;
      if (!report) {
        return refusal(404, "not_found", "This import has no report yet: it is still running.");
      }
      return new HttpResponse(importReportCsv(job.issues), {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="import-report-${report.source.replace(/[^A-Za-z0-9._-]/g, "_")}-${id.slice(0, 8)}.csv"`,
        },
      });
    }),

    http.get("/api/inventory/snapshots/:id/population.csv", async ({ params }) => {
      if (delayMs) await delay(delayMs * 2);
      const user = authorize(["admin", "auditor", "control_owner"]);
      if (user instanceof Response) return user;
      const snapshot = db.inventoryData.snapshots.find(
        (candidate) => candidate.id === String(params.id),
      );
      if (!snapshot) return refusal(404, "not_found", "No snapshot with that id.");
      const { record, csv } = await ensureExport(db.inventoryData, snapshot, user);
      return new HttpResponse(csv, {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="${record.fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
          "x-content-sha256": record.sha256,
        },
      });
    }),
  ];
}
