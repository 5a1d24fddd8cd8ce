import type {
  IdentityKind,
  IdentityStatus,
  RiskLevel,
} from "@attest/domain/inventory/identity-kinds";
import { isNonHuman } from "@attest/domain/inventory/identity-kinds";
import {
  type CellValue,
  detectLayout,
  explainLayoutMismatch,
  type ImportLayout,
  layoutColumns,
  layoutOrder,
  readCell,
} from "@attest/domain/inventory/import-layouts";
import { parseCsvRecords } from "@/lib/csv";
import { type ImportReport, warningsOf } from "@/mocks/mock-inventory";
import { type RawPopulation, sha256Hex } from "@/mocks/mock-population";

/**
 * A small stand-in for the server's import validation, so mock mode imports real files: the
 * layouts, the cell rules and the main references come from the same domain code; the full
 * rule set (duplicates, every warning) stays on the server.
 */

export interface UploadedFile {
  name: string;
  text: string;
  bytes: number;
  sha256: string;
}

export async function readUploadedFile(file: File): Promise<UploadedFile> {
  const buffer = await file.arrayBuffer();
  return {
    name: file.name,
    text: new TextDecoder().decode(buffer),
    bytes: buffer.byteLength,
    sha256: await sha256Hex(buffer),
  };
}

type Issue = ImportReport["errors"][number];
type Row = { row: number; values: Record<string, CellValue> };

function formatOf(name: string): "csv" | "jsonl" | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  return null;
}

function readRecords(
  file: UploadedFile,
  format: "csv" | "jsonl",
): { columns: string[]; rows: { row: number; cells: Record<string, string> | null }[] } | null {
  if (format === "csv") {
    const { records } = parseCsvRecords(file.text);
    const [header, ...rest] = records;
    if (!header) return null;
    const columns = header.map((name) => name.trim().toLowerCase());
    return {
      columns,
      rows: rest.map((values, index) => ({
        row: index + 2,
        cells:
          values.length === columns.length
            ? Object.fromEntries(columns.map((column, at) => [column, values[at] ?? ""]))
            : null,
      })),
    };
  }
  let columns: string[] | null = null;
  const rows: { row: number; cells: Record<string, string> | null }[] = [];
  file.text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (line.trim() === "") return;
      try {
        const value = JSON.parse(line) as Record<string, unknown>;
        const cells = Object.fromEntries(
          Object.entries(value).map(([key, cell]) => [key, cell === null ? "" : String(cell)]),
        );
        columns ??= Object.keys(cells);
        rows.push({ row: index + 1, cells });
      } catch {
        rows.push({ row: index + 1, cells: null });
      }
    });
  return columns ? { columns, rows } : null;
}

export interface UploadOutcome {
  files: ImportReport["files"];
  /** Every error and warning found; a report lists the first maxListedIssues of each. */
  errors: Issue[];
  errorCount: number;
  warnings: ImportReport["warnings"];
  warningCount: number;
  warningCounts: ImportReport["warningCounts"];
  population: RawPopulation;
}

export function validateUpload(
  files: UploadedFile[],
  rotationPolicyDays: number,
  now: Date,
): UploadOutcome {
  const errors: Issue[] = [];
  const error = (file: string, row: number | null, column: string | null, message: string) => {
    errors.push({ file, row, column, message });
  };
  const reportFiles: ImportReport["files"] = [];
  const read: { file: UploadedFile; layout: ImportLayout; rows: Row[] }[] = [];

  for (const file of files) {
    const format = formatOf(file.name);
    const base = { name: file.name, sha256: file.sha256, bytes: file.bytes };
    if (!format) {
      error(file.name, null, null, "is neither CSV (.csv) nor JSON Lines (.jsonl)");
      reportFiles.push({ ...base, layout: null, rows: 0 });
      continue;
    }
    const records = readRecords(file, format);
    if (!records) {
      error(file.name, null, null, "is empty: it has no header row");
      reportFiles.push({ ...base, layout: null, rows: 0 });
      continue;
    }
    const layout = detectLayout(records.columns);
    if (!layout) {
      error(file.name, 1, null, explainLayoutMismatch(records.columns));
      reportFiles.push({ ...base, layout: null, rows: records.rows.length });
      continue;
    }
    const rows: Row[] = [];
    for (const { row, cells } of records.rows) {
      if (!cells) {
        error(
          file.name,
          row,
          null,
          format === "csv" ? "has the wrong number of fields" : "is not valid JSON",
        );
        continue;
      }
      const values: Record<string, CellValue> = {};
      let ok = true;
      for (const spec of layoutColumns[layout]) {
        const result = readCell(spec, cells[spec.name] ?? "");
        if ("problem" in result) {
          error(file.name, row, spec.name, result.problem);
          ok = false;
        } else {
          values[spec.name] = result.value;
        }
      }
      for (const name of Object.keys(cells)) {
        if (!layoutColumns[layout].some((spec) => spec.name === name)) {
          error(file.name, row, name, `${name} is not a column of the ${layout} layout`);
          ok = false;
        }
      }
      if (ok) rows.push({ row, values });
    }
    reportFiles.push({ ...base, layout, rows: records.rows.length });
    read.push({ file, layout, rows });
  }
  read.sort((a, b) => layoutOrder[a.layout] - layoutOrder[b.layout]);

  const population: RawPopulation = {
    identities: [],
    systems: [],
    entitlements: [],
    accounts: [],
    grants: [],
  };
  const text = (value: CellValue | undefined) => (typeof value === "string" ? value : null);
  const identityKeys = new Set<string>();
  const systemKeys = new Set<string>();
  const hasSystemsFile = read.some((file) => file.layout === "systems");
  const entitlementKeys = new Set<string>();
  const accountKeys = new Set<string>();
  const ensureSystem = (key: string, file: string, row: number, column: string) => {
    if (systemKeys.has(key)) return true;
    if (hasSystemsFile) {
      error(file, row, column, `unknown system "${key}": it is not in the systems file`);
      return false;
    }
    systemKeys.add(key);
    population.systems.push({
      key,
      name: key,
      criticality: "medium",
      soxInScope: true,
      ownerKey: null,
    });
    return true;
  };
  const checkIdentity = (key: string | null, file: string, row: number, column: string) => {
    if (key === null || identityKeys.has(key)) return true;
    error(file, row, column, `unknown identity "${key}": it is not in the identities file`);
    return false;
  };
  const interactive = new Set<string>();

  for (const { file, layout, rows } of read) {
    for (const { row, values } of rows) {
      const v = (name: string) => text(values[name]);
      switch (layout) {
        case "identities": {
          const kind = v("kind") as IdentityKind;
          const externalId = v("external_id") ?? "";
          if (isNonHuman(kind) && !v("owner_id")) {
            error(
              file.name,
              row,
              "owner_id",
              `non-human identity "${externalId}" has no owner: owner_id is required for ${kind}`,
            );
          }
          identityKeys.add(externalId);
          population.identities.push({
            externalId,
            kind,
            displayName: v("display_name") ?? externalId,
            email: v("email"),
            department: v("department"),
            status: (v("status") as IdentityStatus | null) ?? "active",
            managerKey: v("manager_id"),
            ownerKey: v("owner_id"),
            lastRotatedAt: v("last_rotated_at"),
          });
          break;
        }
        case "systems": {
          const key = v("key") ?? "";
          systemKeys.add(key);
          population.systems.push({
            key,
            name: v("name") ?? key,
            criticality: (v("criticality") as RiskLevel | null) ?? "medium",
            soxInScope: values.sox_in_scope !== false,
            ownerKey: v("owner_id"),
          });
          break;
        }
        case "entitlements": {
          const systemKey = v("system") ?? "";
          if (!ensureSystem(systemKey, file.name, row, "system")) break;
          const privileged = values.privileged === true;
          entitlementKeys.add(`${systemKey}/${v("key")}`);
          population.entitlements.push({
            systemKey,
            key: v("key") ?? "",
            name: v("name") ?? v("key") ?? "",
            description: v("description"),
            privileged,
            risk: (v("risk") as RiskLevel | null) ?? (privileged ? "high" : "low"),
            ownerKey: v("owner_id"),
          });
          break;
        }
        case "accounts": {
          const systemKey = v("system") ?? "";
          if (!ensureSystem(systemKey, file.name, row, "system")) break;
          if (!checkIdentity(v("identity"), file.name, row, "identity")) break;
          accountKeys.add(`${systemKey}/${v("username")}`);
          if (values.interactive === true) interactive.add(`${systemKey}/${v("username")}`);
          population.accounts.push({
            systemKey,
            username: v("username") ?? "",
            identityKey: v("identity"),
            status: (v("status") as "active" | "disabled" | null) ?? "active",
          });
          break;
        }
        case "grants":
        case "access": {
          const systemKey = v("system") ?? "";
          const username = v("account") ?? "";
          const entitlementKey = v("entitlement") ?? "";
          if (!ensureSystem(systemKey, file.name, row, "system")) break;
          if (layout === "grants") {
            if (!accountKeys.has(`${systemKey}/${username}`)) {
              error(
                file.name,
                row,
                "account",
                `grant to an unknown account "${username}" on "${systemKey}"`,
              );
              break;
            }
            if (!entitlementKeys.has(`${systemKey}/${entitlementKey}`)) {
              error(
                file.name,
                row,
                "entitlement",
                `grant to an unknown entitlement "${entitlementKey}" on "${systemKey}"`,
              );
              break;
            }
          } else {
            if (!checkIdentity(v("identity"), file.name, row, "identity")) break;
            if (!accountKeys.has(`${systemKey}/${username}`)) {
              accountKeys.add(`${systemKey}/${username}`);
              population.accounts.push({
                systemKey,
                username,
                identityKey: v("identity"),
                status: "active",
              });
            }
            if (!entitlementKeys.has(`${systemKey}/${entitlementKey}`)) {
              entitlementKeys.add(`${systemKey}/${entitlementKey}`);
              const privileged = values.privileged === true;
              population.entitlements.push({
                systemKey,
                key: entitlementKey,
                name: entitlementKey,
                description: null,
                privileged,
                risk: privileged ? "high" : "low",
                ownerKey: null,
              });
            }
          }
          population.grants.push({
            systemKey,
            username,
            entitlementKey,
            grantedAt: v("granted_at"),
            grantedBy: v("granted_by"),
            ticket: v("ticket"),
            expiresAt: v("expires_at"),
            lastUsedAt: v("last_used_at"),
          });
          break;
        }
      }
    }
  }

  const fileOf = (layout: ImportLayout) =>
    read.find((file) => file.layout === layout)?.file.name ??
    read.find((file) => file.layout === "access")?.file.name ??
    "";
  const warned = warningsOf(
    population,
    {
      identities: fileOf("identities"),
      accounts: fileOf("accounts"),
      grants: fileOf("grants"),
    },
    rotationPolicyDays,
    now,
  );
  const byKey = new Map(population.identities.map((identity) => [identity.externalId, identity]));
  for (const account of population.accounts) {
    const owner = account.identityKey ? byKey.get(account.identityKey) : undefined;
    if (
      owner &&
      isNonHuman(owner.kind) &&
      interactive.has(`${account.systemKey}/${account.username}`)
    ) {
      warned.warningCounts.human_use_of_service_account += 1;
      warned.warningCount += 1;
      warned.warnings.push({
        kind: "human_use_of_service_account",
        file: fileOf("accounts"),
        row: null,
        column: "interactive",
        message: `account "${account.username}" of non-human identity "${owner.externalId}" is used interactively`,
      });
    }
  }
  return {
    files: reportFiles,
    errors: errors.sort((a, b) => a.file.localeCompare(b.file) || (a.row ?? 0) - (b.row ?? 0)),
    errorCount: errors.length,
    ...warned,
    population,
  };
}
