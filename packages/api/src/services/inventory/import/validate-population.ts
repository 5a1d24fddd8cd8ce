import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { importIssueCsvLine } from "@attest/db/repositories/inventory-import-issues";
import {
  type IdentityKind,
  type IdentityStatus,
  isNonHuman,
  type RiskLevel,
} from "@attest/domain/inventory/identity-kinds";
import {
  CellProblem,
  type CellValue,
  compileCellReader,
  detectLayout,
  explainLayoutMismatch,
  type ImportLayout,
  layoutColumns,
  layoutOrder,
} from "@attest/domain/inventory/import-layouts";
import { type WarningKind, warningKinds } from "@attest/domain/inventory/import-warnings";
import {
  type ImportedFile,
  type ImportIssue,
  type ImportParameters,
  type ImportWarning,
  maxListedIssues,
} from "./import-report";
import { newId } from "./new-id";
import { NumberSet } from "./number-set";
import { type FileEvent, formatOf, type ReadProgress, readImportFile } from "./read-import-file";

export interface ImportFileInput {
  /** The name shown in the report (the uploaded or given file name). */
  name: string;
  path: string;
}

export interface IdentityRecord {
  id: string;
  externalId: string;
  kind: IdentityKind;
  displayName: string;
  email: string | null;
  department: string | null;
  title: string | null;
  managerKey: string | null;
  ownerKey: string | null;
  status: IdentityStatus;
  terminatedOn: string | null;
  lastRotatedAt: string | null;
  lastUsedAt: string | null;
}

export interface SystemRecord {
  id: string;
  key: string;
  name: string;
  description: string | null;
  ownerKey: string | null;
  criticality: RiskLevel;
  soxInScope: boolean;
}

export interface EntitlementRecord {
  id: string;
  index: number;
  systemKey: string;
  key: string;
  name: string;
  description: string | null;
  privileged: boolean;
  risk: RiskLevel;
  ownerKey: string | null;
}

/** Accounts are many (up to millions): kept as parallel arrays rather than one object each. */
export interface AccountTable {
  /** system key → username → account index: no compound key strings for a million accounts. */
  bySystem: Map<string, Map<string, number>>;
  id: string[];
  systemKey: string[];
  username: string[];
  identityKey: (string | null)[];
  status: ("active" | "disabled")[];
  lastLoginAt: (string | null)[];
}

export interface ValidatedPopulation {
  snapshotId: string;
  /** The grants, already resolved to account and entitlement ids, as COPY-ready CSV lines. */
  stagedGrants: { path: string; columns: readonly string[] };
  /**
   * Every error and warning, numbered 1… in the order found, as COPY-ready lines for
   * inventory_import_issues (errors and warnings below list only the first of each).
   */
  stagedIssues: { path: string; count: number };
  files: (ImportedFile & { path: string })[];
  identities: Map<string, IdentityRecord>;
  systems: Map<string, SystemRecord>;
  entitlements: Map<string, EntitlementRecord>;
  accounts: AccountTable;
  grantCount: number;
  /** The first maxListedIssues errors, for the report's JSON; errorCount counts them all. */
  errors: ImportIssue[];
  errorCount: number;
  warnings: ImportWarning[];
  warningCount: number;
  warningCounts: Record<WarningKind, number>;
}

export const keyOf = (systemKey: string, key: string) => `${systemKey}\u0000${key}`;

export const stagedGrantColumns = [
  "id",
  "snapshot_id",
  "account_id",
  "entitlement_id",
  "granted_at",
  "granted_by",
  "ticket",
  "expires_at",
  "last_used_at",
] as const;

function csvField(value: string | null): string {
  return value === null ? "" : `"${value.replaceAll('"', '""')}"`;
}

export interface ValidateOptions {
  snapshotId: string;
  importId: string;
  /** Where valid grants are staged for loading; the caller removes the file afterwards. */
  stagingPath: string;
  /** Where every error and warning is staged for the report; the caller removes it too. */
  issueStagingPath: string;
  onProgress?: (progress: ValidateProgress) => void;
}

export interface ValidateProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  read: ReadProgress;
}

/**
 * Pass one of an import: reads every file, checks every row and every reference, and builds
 * the population in memory (grants only as a set of keys). Nothing is written: an import with
 * any error never touches the database.
 */
export async function validatePopulation(
  inputs: readonly ImportFileInput[],
  parameters: ImportParameters,
  now: Date,
  options: ValidateOptions,
): Promise<ValidatedPopulation> {
  const { onProgress, snapshotId, importId } = options;
  const staging = createWriteStream(options.stagingPath);
  const issueStaging = createWriteStream(options.issueStagingPath);
  let staged: string[] = [];
  let stagedIssues: string[] = [];
  // Called between rows, never per problem: an import can find hundreds of thousands.
  const flushStaged = async () => {
    if (staged.length > 0) {
      const text = `${staged.join("\n")}\n`;
      staged = [];
      if (!staging.write(text)) await once(staging, "drain");
    }
    if (stagedIssues.length > 0) {
      const text = `${stagedIssues.join("\n")}\n`;
      stagedIssues = [];
      if (!issueStaging.write(text)) await once(issueStaging, "drain");
    }
  };
  const population: ValidatedPopulation = {
    snapshotId,
    stagedGrants: { path: options.stagingPath, columns: stagedGrantColumns },
    stagedIssues: { path: options.issueStagingPath, count: 0 },
    files: [],
    identities: new Map(),
    systems: new Map(),
    entitlements: new Map(),
    accounts: {
      bySystem: new Map(),
      id: [],
      systemKey: [],
      username: [],
      identityKey: [],
      status: [],
      lastLoginAt: [],
    },
    grantCount: 0,
    errors: [],
    errorCount: 0,
    warnings: [],
    warningCount: 0,
    warningCounts: Object.fromEntries(warningKinds.map((kind) => [kind, 0])) as Record<
      WarningKind,
      number
    >,
  };
  const error = (file: string, row: number | null, column: string | null, message: string) => {
    population.errorCount += 1;
    population.stagedIssues.count += 1;
    stagedIssues.push(
      importIssueCsvLine(importId, {
        seq: population.stagedIssues.count,
        severity: "error",
        kind: null,
        file,
        row,
        column,
        message,
      }),
    );
    if (population.errors.length < maxListedIssues)
      population.errors.push({ file, row, column, message });
  };
  const warn = (
    kind: WarningKind,
    file: string,
    row: number | null,
    column: string | null,
    message: string,
  ) => {
    population.warningCount += 1;
    population.warningCounts[kind] += 1;
    population.stagedIssues.count += 1;
    stagedIssues.push(
      importIssueCsvLine(importId, {
        seq: population.stagedIssues.count,
        severity: "warning",
        kind,
        file,
        row,
        column,
        message,
      }),
    );
    if (population.warnings.length < maxListedIssues)
      population.warnings.push({ kind, file, row, column, message });
  };

  // Headers first: the layouts decide the order files are read in, so references resolve.
  const headed: { input: ImportFileInput; layout: ImportLayout }[] = [];
  for (const input of inputs) {
    const format = formatOf(input.name);
    if (!format) {
      error(input.name, null, null, "is neither CSV (.csv) nor JSON Lines (.jsonl)");
      continue;
    }
    const columns = await readHeader(input.path, format);
    if ("problem" in columns) {
      error(input.name, columns.row, null, columns.problem);
      continue;
    }
    const layout = detectLayout(columns.columns);
    if (!layout) {
      error(input.name, 1, null, explainLayoutMismatch(columns.columns));
      continue;
    }
    headed.push({ input, layout });
  }
  headed.sort((a, b) => layoutOrder[a.layout] - layoutOrder[b.layout]);
  const present = new Set(headed.map((file) => file.layout));
  const identityOrigin = new Map<string, { file: string; row: number }>();
  const grantKeys = new NumberSet();
  // Grants held by terminated identities, for the warning; counted for those identities only.
  const grantsByIdentity = new Map<string, number>();
  const terminated = new Set<string>();
  // Looked up per grant row: nested maps avoid building a compound key string a million times.
  const entitlementsBySystem = new Map<string, Map<string, EntitlementRecord>>();

  const ensureSystem = (key: string, file: string, row: number, column: string): boolean => {
    if (population.systems.has(key)) return true;
    if (present.has("systems")) {
      error(file, row, column, `unknown system "${key}": it is not in the systems file`);
      return false;
    }
    // Without a systems file, systems come into being as access files name them.
    population.systems.set(key, {
      id: newId(),
      key,
      name: key,
      description: null,
      ownerKey: null,
      criticality: "medium",
      soxInScope: true,
    });
    return true;
  };

  for (const [fileIndex, { input, layout }] of headed.entries()) {
    const format = formatOf(input.name) ?? "csv";
    const specs = layoutColumns[layout];
    const readers = specs.map((spec) => ({ name: spec.name, read: compileCellReader(spec) }));
    const known = new Set(specs.map((spec) => spec.name));
    let rows = 0;
    const reader = readImportFile(input.path, format, (read) =>
      onProgress?.({ file: input.name, fileIndex, fileCount: headed.length, read }),
    );
    let next = await reader.next();
    while (!next.done) {
      const event: FileEvent = next.value;
      if (event.kind === "problem") {
        error(input.name, event.row, event.column, event.message);
        if (event.fatal) break;
      } else if (event.kind === "row") {
        rows += 1;
        const { row, cells } = event.row;
        const values: Record<string, CellValue> = {};
        let valid = true;
        for (const name of Object.keys(cells)) {
          if (!known.has(name)) {
            error(input.name, row, name, `${name} is not a column of the ${layout} layout`);
            valid = false;
          }
        }
        for (const reader of readers) {
          const result = reader.read(cells[reader.name] ?? "");
          if (result instanceof CellProblem) {
            error(input.name, row, reader.name, result.message);
            valid = false;
          } else {
            values[reader.name] = result;
          }
        }
        if (valid) handleRow(layout, input.name, row, values);
      }
      if (staged.length >= 10_000 || stagedIssues.length >= 10_000) await flushStaged();
      next = await reader.next();
    }
    // Drain the reader so it reports the file's hash even when we stopped early.
    while (!next.done) next = await reader.next();
    const digest = next.value;
    population.files.push({
      name: input.name,
      path: input.path,
      layout,
      rows,
      sha256: digest.sha256,
      bytes: digest.bytes,
    });

    if (layout === "identities") checkIdentityReferences(input.name);
  }
  for (const input of inputs) {
    if (!population.files.some((file) => file.path === input.path)) {
      population.files.push({
        name: input.name,
        path: input.path,
        layout: null,
        rows: 0,
        sha256: "",
        bytes: 0,
      });
    }
  }
  warnAboutIdentities();
  await flushStaged();
  staging.end();
  issueStaging.end();
  await Promise.all([once(staging, "finish"), once(issueStaging, "finish")]);
  return population;

  function text(values: Record<string, CellValue>, name: string): string | null {
    const value = values[name];
    return typeof value === "string" ? value : null;
  }
  function flag(values: Record<string, CellValue>, name: string): boolean | null {
    const value = values[name];
    return typeof value === "boolean" ? value : null;
  }

  function handleRow(
    layout: ImportLayout,
    file: string,
    row: number,
    values: Record<string, CellValue>,
  ) {
    switch (layout) {
      case "identities":
        return handleIdentity(file, row, values);
      case "systems":
        return handleSystem(file, row, values);
      case "entitlements":
        return handleEntitlement(file, row, values);
      case "accounts":
        return handleAccount(file, row, values);
      case "grants":
      case "access":
        return handleGrant(layout, file, row, values);
    }
  }

  function handleIdentity(file: string, row: number, values: Record<string, CellValue>) {
    const externalId = text(values, "external_id") as string;
    const existing = identityOrigin.get(externalId);
    if (existing) {
      error(
        file,
        row,
        "external_id",
        `duplicate external_id "${externalId}" (first on row ${existing.row})`,
      );
      return;
    }
    const kind = text(values, "kind") as IdentityKind;
    const record: IdentityRecord = {
      id: newId(),
      externalId,
      kind,
      displayName: text(values, "display_name") as string,
      email: text(values, "email"),
      department: text(values, "department"),
      title: text(values, "title"),
      managerKey: text(values, "manager_id"),
      ownerKey: text(values, "owner_id"),
      status: (text(values, "status") as IdentityStatus | null) ?? "active",
      terminatedOn: text(values, "terminated_on"),
      lastRotatedAt: text(values, "last_rotated_at"),
      lastUsedAt: text(values, "last_used_at"),
    };
    if (isNonHuman(kind) && !record.ownerKey) {
      error(
        file,
        row,
        "owner_id",
        `non-human identity "${externalId}" has no owner: owner_id is required for ${kind}`,
      );
      return;
    }
    if (record.managerKey === externalId) {
      error(file, row, "manager_id", `"${externalId}" cannot be their own manager`);
      return;
    }
    identityOrigin.set(externalId, { file, row });
    population.identities.set(externalId, record);
    if (record.status === "terminated") terminated.add(externalId);
  }

  function checkIdentityReferences(file: string) {
    for (const identity of population.identities.values()) {
      const origin = identityOrigin.get(identity.externalId);
      const row = origin?.file === file ? origin.row : null;
      if (identity.managerKey && !population.identities.has(identity.managerKey)) {
        error(
          file,
          row,
          "manager_id",
          `manager_id "${identity.managerKey}" of "${identity.externalId}" is not an identity in this import`,
        );
      }
      if (identity.ownerKey && !population.identities.has(identity.ownerKey)) {
        error(
          file,
          row,
          "owner_id",
          `owner_id "${identity.ownerKey}" of "${identity.externalId}" is not an identity in this import`,
        );
      }
    }
  }

  function identityExists(key: string, file: string, row: number, column: string): boolean {
    if (population.identities.has(key)) return true;
    error(
      file,
      row,
      column,
      present.has("identities")
        ? `unknown identity "${key}": it is not in the identities file`
        : `unknown identity "${key}": include an identities file in this import`,
    );
    return false;
  }

  function handleSystem(file: string, row: number, values: Record<string, CellValue>) {
    const key = text(values, "key") as string;
    if (population.systems.has(key)) {
      error(file, row, "key", `duplicate system key "${key}"`);
      return;
    }
    const ownerKey = text(values, "owner_id");
    if (ownerKey && !identityExists(ownerKey, file, row, "owner_id")) return;
    population.systems.set(key, {
      id: newId(),
      key,
      name: text(values, "name") as string,
      description: text(values, "description"),
      ownerKey,
      criticality: (text(values, "criticality") as RiskLevel | null) ?? "medium",
      soxInScope: flag(values, "sox_in_scope") ?? true,
    });
  }

  function handleEntitlement(file: string, row: number, values: Record<string, CellValue>) {
    const systemKey = text(values, "system") as string;
    const key = text(values, "key") as string;
    if (!ensureSystem(systemKey, file, row, "system")) return;
    if (entitlementsBySystem.get(systemKey)?.has(key)) {
      error(file, row, "key", `duplicate entitlement "${key}" on system "${systemKey}"`);
      return;
    }
    const ownerKey = text(values, "owner_id");
    if (ownerKey && !identityExists(ownerKey, file, row, "owner_id")) return;
    const privileged = flag(values, "privileged") ?? false;
    addEntitlement({
      id: newId(),
      index: population.entitlements.size,
      systemKey,
      key,
      name: text(values, "name") ?? key,
      description: text(values, "description"),
      privileged,
      risk: (text(values, "risk") as RiskLevel | null) ?? (privileged ? "high" : "low"),
      ownerKey,
    });
  }

  function addEntitlement(entitlement: EntitlementRecord) {
    population.entitlements.set(keyOf(entitlement.systemKey, entitlement.key), entitlement);
    let byKey = entitlementsBySystem.get(entitlement.systemKey);
    if (!byKey) {
      byKey = new Map();
      entitlementsBySystem.set(entitlement.systemKey, byKey);
    }
    byKey.set(entitlement.key, entitlement);
  }

  function addAccount(
    systemKey: string,
    username: string,
    identityKey: string | null,
    status: "active" | "disabled",
    lastLoginAt: string | null,
  ): number {
    const accounts = population.accounts;
    const index = accounts.username.length;
    // Keep one copy of each system key and identity key: the parser makes a new string per row.
    const system = population.systems.get(systemKey)?.key ?? systemKey;
    let usernames = accounts.bySystem.get(system);
    if (!usernames) {
      usernames = new Map();
      accounts.bySystem.set(system, usernames);
    }
    usernames.set(username, index);
    accounts.id.push(newId());
    accounts.systemKey.push(system);
    accounts.username.push(username);
    accounts.identityKey.push(
      identityKey ? (population.identities.get(identityKey)?.externalId ?? identityKey) : null,
    );
    accounts.status.push(status);
    accounts.lastLoginAt.push(lastLoginAt);
    return index;
  }

  function handleAccount(file: string, row: number, values: Record<string, CellValue>) {
    const systemKey = text(values, "system") as string;
    const username = text(values, "username") as string;
    if (!ensureSystem(systemKey, file, row, "system")) return;
    if (population.accounts.bySystem.get(systemKey)?.has(username)) {
      error(file, row, "username", `duplicate account "${username}" on system "${systemKey}"`);
      return;
    }
    const identityKey = text(values, "identity");
    if (identityKey && !identityExists(identityKey, file, row, "identity")) return;
    addAccount(
      systemKey,
      username,
      identityKey,
      (text(values, "status") as "active" | "disabled" | null) ?? "active",
      text(values, "last_login_at"),
    );
    if (!identityKey) {
      warn(
        "orphan_account",
        file,
        row,
        "identity",
        `account "${username}" on "${systemKey}" belongs to no identity`,
      );
    } else if (flag(values, "interactive")) {
      const identity = population.identities.get(identityKey);
      if (identity && isNonHuman(identity.kind)) {
        warn(
          "human_use_of_service_account",
          file,
          row,
          "interactive",
          `a person signs in interactively with "${username}" on "${systemKey}", which belongs to ${identity.kind.replace("_", " ")} "${identityKey}"`,
        );
      }
    }
  }

  function handleGrant(
    layout: "grants" | "access",
    file: string,
    row: number,
    values: Record<string, CellValue>,
  ) {
    const systemKey = text(values, "system") as string;
    const username = text(values, "account") as string;
    const entitlementKey = text(values, "entitlement") as string;
    if (!ensureSystem(systemKey, file, row, "system")) return;

    let accountIndex = population.accounts.bySystem.get(systemKey)?.get(username);
    if (layout === "grants") {
      if (accountIndex === undefined) {
        error(
          file,
          row,
          "account",
          `grant to an unknown account "${username}" on "${systemKey}": it is not in the accounts file`,
        );
        return;
      }
    } else {
      const identityKey = text(values, "identity");
      if (identityKey && !identityExists(identityKey, file, row, "identity")) return;
      if (accountIndex === undefined) {
        accountIndex = addAccount(systemKey, username, identityKey, "active", null);
        if (!identityKey) {
          warn(
            "orphan_account",
            file,
            row,
            "identity",
            `account "${username}" on "${systemKey}" belongs to no identity`,
          );
        }
      } else if (population.accounts.identityKey[accountIndex] !== identityKey) {
        error(
          file,
          row,
          "identity",
          `account "${username}" on "${systemKey}" belongs to "${population.accounts.identityKey[accountIndex] ?? "no identity"}" elsewhere in this import, not "${identityKey ?? "no identity"}"`,
        );
        return;
      }
    }

    let entitlement = entitlementsBySystem.get(systemKey)?.get(entitlementKey);
    if (!entitlement) {
      if (layout === "grants" || present.has("entitlements")) {
        error(
          file,
          row,
          "entitlement",
          `grant to an unknown entitlement "${entitlementKey}" on "${systemKey}"`,
        );
        return;
      }
      const privileged = flag(values, "privileged") ?? false;
      entitlement = {
        id: newId(),
        index: population.entitlements.size,
        systemKey,
        key: entitlementKey,
        name: entitlementKey,
        description: null,
        privileged,
        risk: privileged ? "high" : "low",
        ownerKey: null,
      };
      addEntitlement(entitlement);
    } else if (
      layout === "access" &&
      flag(values, "privileged") === true &&
      !entitlement.privileged
    ) {
      // An access export marks privilege per row; any row saying so makes the entitlement privileged.
      entitlement.privileged = true;
      entitlement.risk = entitlement.risk === "low" ? "high" : entitlement.risk;
    }

    const grantKey = accountIndex * 4_194_304 + entitlement.index;
    if (!grantKeys.add(grantKey)) {
      error(
        file,
        row,
        "entitlement",
        `duplicate grant of "${entitlementKey}" to "${username}" on "${systemKey}"`,
      );
      return;
    }
    population.grantCount += 1;
    const ticket = text(values, "ticket");
    staged.push(
      `"${newId()}","${snapshotId}","${population.accounts.id[accountIndex]}","${entitlement.id}",` +
        `${csvField(text(values, "granted_at"))},${csvField(text(values, "granted_by"))},${csvField(ticket)},` +
        `${csvField(text(values, "expires_at"))},${csvField(text(values, "last_used_at"))}`,
    );

    const identityKey = population.accounts.identityKey[accountIndex];
    if (identityKey && terminated.has(identityKey)) {
      grantsByIdentity.set(identityKey, (grantsByIdentity.get(identityKey) ?? 0) + 1);
    }
    if (entitlement.privileged && !ticket) {
      warn(
        "privileged_without_ticket",
        file,
        row,
        "ticket",
        `privileged grant of "${entitlementKey}" to "${username}" on "${systemKey}" has no granting ticket`,
      );
    }
  }

  function warnAboutIdentities() {
    const identitiesFile = headed.find((file) => file.layout === "identities")?.input.name ?? "";
    const rotationCutoff = now.getTime() - parameters.rotationPolicyDays * 86_400_000;
    for (const identity of population.identities.values()) {
      const row = identityOrigin.get(identity.externalId)?.row ?? null;
      const held = grantsByIdentity.get(identity.externalId) ?? 0;
      if (identity.status === "terminated" && held > 0) {
        warn(
          "terminated_with_grants",
          identitiesFile,
          row,
          "status",
          `"${identity.externalId}" (${identity.displayName}) is terminated${identity.terminatedOn ? ` since ${identity.terminatedOn}` : ""} but still holds ${held} grant${held === 1 ? "" : "s"}`,
        );
      }
      if (!isNonHuman(identity.kind)) continue;
      const owner = identity.ownerKey ? population.identities.get(identity.ownerKey) : undefined;
      if (owner?.status === "terminated") {
        warn(
          "owner_terminated",
          identitiesFile,
          row,
          "owner_id",
          `owner "${owner.externalId}" (${owner.displayName}) of "${identity.externalId}" is terminated`,
        );
      }
      if (!identity.lastRotatedAt || Date.parse(identity.lastRotatedAt) < rotationCutoff) {
        warn(
          "rotation_overdue",
          identitiesFile,
          row,
          "last_rotated_at",
          identity.lastRotatedAt
            ? `credential of "${identity.externalId}" was last rotated ${identity.lastRotatedAt.slice(0, 10)}, more than ${parameters.rotationPolicyDays} days ago`
            : `credential of "${identity.externalId}" has no rotation date`,
        );
      }
    }
  }
}

async function readHeader(
  path: string,
  format: "csv" | "jsonl",
): Promise<{ columns: string[] } | { row: number | null; problem: string }> {
  const reader = readImportFile(path, format);
  try {
    for await (const event of reader) {
      if (event.kind === "header") return { columns: event.columns };
      if (event.kind === "problem" && event.fatal)
        return { row: event.row, problem: event.message };
    }
    return { row: null, problem: "is empty" };
  } finally {
    await reader.return({ sha256: "", bytes: 0 });
  }
}
