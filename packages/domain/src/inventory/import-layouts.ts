import { identityKinds, identityStatuses, riskLevels } from "./identity-kinds";

/**
 * The import formats (docs/import-format.md). A file's layout is recognised from its columns:
 * CSV headers, or the keys of JSON Lines records. Column names are snake_case; values are
 * text, and each column says how it is read.
 */
export const importLayouts = [
  "identities",
  "systems",
  "entitlements",
  "accounts",
  "grants",
  "access",
] as const;
export type ImportLayout = (typeof importLayouts)[number];

export type ColumnType =
  | { kind: "text"; maxLength?: number }
  | { kind: "enum"; values: readonly string[] }
  | { kind: "boolean" }
  | { kind: "date" }
  | { kind: "timestamp" };

export interface ColumnSpec {
  name: string;
  required: boolean;
  type: ColumnType;
  description: string;
}

const text = (maxLength = 500): ColumnType => ({ kind: "text", maxLength });
const column = (
  name: string,
  required: boolean,
  type: ColumnType,
  description: string,
): ColumnSpec => ({
  name,
  required,
  type,
  description,
});

export const layoutColumns: Record<ImportLayout, ColumnSpec[]> = {
  identities: [
    column(
      "external_id",
      true,
      text(200),
      "Stable id of the person or machine identity (employee number, service account id).",
    ),
    column("kind", true, { kind: "enum", values: identityKinds }, identityKinds.join(", ")),
    column("display_name", true, text(), "Name shown to reviewers."),
    column("email", false, text(320), "Email address."),
    column("department", false, text(), "Department or team."),
    column("title", false, text(), "Job title."),
    column("manager_id", false, text(200), "external_id of the person's manager."),
    column(
      "owner_id",
      false,
      text(200),
      "external_id of the accountable human owner; required for non-human identities.",
    ),
    column(
      "status",
      false,
      { kind: "enum", values: identityStatuses },
      "active (default), suspended or terminated.",
    ),
    column("terminated_on", false, { kind: "date" }, "Date the person left (YYYY-MM-DD)."),
    column(
      "last_rotated_at",
      false,
      { kind: "timestamp" },
      "Non-human identities: when the credential was last rotated.",
    ),
    column("last_used_at", false, { kind: "timestamp" }, "When the identity was last used."),
  ],
  systems: [
    column("key", true, text(200), "Short stable key, e.g. netsuite-erp."),
    column("name", true, text(), "Name shown to reviewers."),
    column("description", false, text(2000), "What the system is."),
    column("owner_id", false, text(200), "external_id of the system owner."),
    column(
      "criticality",
      false,
      { kind: "enum", values: riskLevels },
      "low, medium (default), high or critical.",
    ),
    column("sox_in_scope", false, { kind: "boolean" }, "true (default) or false."),
  ],
  entitlements: [
    column("system", true, text(200), "Key of the system."),
    column("key", true, text(300), "Key of the entitlement within its system."),
    column("name", false, text(), "Name shown to reviewers (default: the key)."),
    column("description", false, text(2000), "What it grants."),
    column("privileged", false, { kind: "boolean" }, "true or false (default)."),
    column(
      "risk",
      false,
      { kind: "enum", values: riskLevels },
      "low, medium, high or critical (default: high when privileged, else low).",
    ),
    column("owner_id", false, text(200), "external_id of the entitlement owner."),
  ],
  accounts: [
    column("system", true, text(200), "Key of the system."),
    column("username", true, text(300), "Account name, unique within the system."),
    column(
      "identity",
      false,
      text(200),
      "external_id of the identity that owns it; empty for an orphan account.",
    ),
    column(
      "status",
      false,
      { kind: "enum", values: ["active", "disabled"] },
      "active (default) or disabled.",
    ),
    column("last_login_at", false, { kind: "timestamp" }, "Last sign-in."),
    column(
      "interactive",
      false,
      { kind: "boolean" },
      "true when a person signs in with it interactively (flags human use of a service account).",
    ),
  ],
  grants: [
    column("system", true, text(200), "Key of the system."),
    column("account", true, text(300), "Username of the account."),
    column("entitlement", true, text(300), "Key of the entitlement."),
    column("granted_at", false, { kind: "timestamp" }, "When it was granted."),
    column("granted_by", false, text(200), "Who approved or provisioned it."),
    column("ticket", false, text(200), "Request or change ticket."),
    column("expires_at", false, { kind: "timestamp" }, "When it lapses, if it does."),
    column("last_used_at", false, { kind: "timestamp" }, "When it was last used."),
  ],
  access: [
    column(
      "identity",
      false,
      text(200),
      "external_id of the identity; empty for an orphan account.",
    ),
    column("account", true, text(300), "Account name on the system."),
    column("system", true, text(200), "System key."),
    column("entitlement", true, text(300), "Entitlement key."),
    column("privileged", false, { kind: "boolean" }, "true or false (default)."),
    column("granted_at", false, { kind: "timestamp" }, "When it was granted."),
    column("granted_by", false, text(200), "Who approved or provisioned it."),
    column("ticket", false, text(200), "Request or change ticket."),
    column("last_used_at", false, { kind: "timestamp" }, "When it was last used."),
  ],
};

/** Files are processed in this order, so every reference points at something already read. */
export const layoutOrder: Record<ImportLayout, number> = {
  identities: 0,
  systems: 1,
  entitlements: 2,
  accounts: 3,
  grants: 4,
  access: 5,
};

/**
 * Recognises a layout from its column names: a layout whose required columns are all present
 * and which knows every column given. When two fit (system, account, entitlement is both a
 * grants file and an access export without identities), the stricter, earlier one wins: an
 * access export names its identity column. Returns null when none fits.
 */
export function detectLayout(columns: readonly string[]): ImportLayout | null {
  const given = new Set(columns);
  const fits = importLayouts.filter((layout) => {
    const specs = layoutColumns[layout];
    const known = new Set(specs.map((spec) => spec.name));
    return (
      specs.every((spec) => !spec.required || given.has(spec.name)) &&
      columns.every((name) => known.has(name))
    );
  });
  return fits[0] ?? null;
}

/** Why a header fits no layout, as a sentence naming the columns. */
export function explainLayoutMismatch(columns: readonly string[]): string {
  const given = new Set(columns);
  const closest = importLayouts
    .map((layout) => {
      const specs = layoutColumns[layout];
      const known = new Set(specs.map((spec) => spec.name));
      const missing = specs
        .filter((spec) => spec.required && !given.has(spec.name))
        .map((spec) => spec.name);
      const unknown = columns.filter((name) => !known.has(name));
      return { layout, missing, unknown, distance: missing.length + unknown.length };
    })
    .sort((a, b) => a.distance - b.distance)[0];
  if (!closest) return "The header does not match any import layout.";
  const parts = [
    closest.missing.length > 0 ? `missing ${closest.missing.join(", ")}` : null,
    closest.unknown.length > 0 ? `unknown ${closest.unknown.join(", ")}` : null,
  ].filter(Boolean);
  return `The columns match no import layout; closest is "${closest.layout}" (${parts.join("; ")}).`;
}

export type CellValue = string | boolean | null;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isoTimestamp =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Why a cell could not be read; a class so the hot path returns plain values, not wrappers. */
export class CellProblem {
  constructor(readonly message: string) {}
}

export type CellReader = (raw: string) => CellValue | CellProblem;

const booleanWords = new Map<string, boolean>([
  ["true", true],
  ["yes", true],
  ["y", true],
  ["1", true],
  ["false", false],
  ["no", false],
  ["n", false],
  ["0", false],
]);

function isCalendarDate(value: string): boolean {
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  if (day <= 28) return true;
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

/**
 * Compiles how one column is read, once per file rather than once per cell: an import reads
 * millions of cells. Empty means absent. Dates are YYYY-MM-DD; timestamps ISO 8601 (a date alone
 * means midnight UTC, no offset means UTC) and come back as ISO strings in UTC.
 */
export function compileCellReader(spec: ColumnSpec): CellReader {
  const { name, type, required } = spec;
  const empty = required ? new CellProblem(`${name} is required`) : null;
  switch (type.kind) {
    case "text": {
      const maxLength = type.maxLength ?? Number.POSITIVE_INFINITY;
      return (raw) => {
        const value = raw.trim();
        if (value === "") return empty;
        return value.length > maxLength
          ? new CellProblem(`${name} is longer than ${maxLength} characters`)
          : value;
      };
    }
    case "enum": {
      const allowed = new Set(type.values);
      const list = type.values.join(", ");
      return (raw) => {
        const value = raw.trim();
        if (value === "") return empty;
        const lower = value.toLowerCase();
        return allowed.has(lower)
          ? lower
          : new CellProblem(`${name} "${value}" is not one of ${list}`);
      };
    }
    case "boolean":
      return (raw) => {
        const value = raw.trim();
        if (value === "") return empty;
        return (
          booleanWords.get(value.toLowerCase()) ??
          new CellProblem(`${name} "${value}" is not true or false`)
        );
      };
    case "date":
      return (raw) => {
        const value = raw.trim();
        if (value === "") return empty;
        if (!isoDate.test(value))
          return new CellProblem(`${name} "${value}" is not a date (YYYY-MM-DD)`);
        return isCalendarDate(value)
          ? value
          : new CellProblem(`${name} "${value}" is not a real calendar date`);
      };
    case "timestamp":
      return (raw) => {
        const value = raw.trim();
        if (value === "") return empty;
        if (value.length === 10 && isoDate.test(value)) {
          return isCalendarDate(value)
            ? `${value}T00:00:00.000Z`
            : new CellProblem(`${name} "${value}" is not a real date and time`);
        }
        if (!isoTimestamp.test(value)) {
          return new CellProblem(
            `${name} "${value}" is not a date or timestamp (ISO 8601, e.g. 2026-03-31T14:00:00Z)`,
          );
        }
        const hasOffset = /(?:Z|[+-]\d{2}:?\d{2})$/.test(value);
        const time = Date.parse(
          hasOffset ? value.replace(" ", "T") : `${value.replace(" ", "T")}Z`,
        );
        if (Number.isNaN(time) || !isCalendarDate(value.slice(0, 10))) {
          return new CellProblem(`${name} "${value}" is not a real date and time`);
        }
        return new Date(time).toISOString();
      };
  }
}

/** Reads one cell (compiles its reader each time: for tests and single values). */
export function readCell(
  spec: ColumnSpec,
  raw: string,
): { value: CellValue } | { problem: string } {
  const result = compileCellReader(spec)(raw);
  return result instanceof CellProblem ? { problem: result.message } : { value: result };
}
