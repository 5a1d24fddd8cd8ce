import type { RouterOutputs } from "@/lib/trpc";

export type Snapshot = RouterOutputs["inventory"]["snapshots"][number];
export type StoredImport = RouterOutputs["inventory"]["import"];
export type ImportReport = NonNullable<StoredImport["report"]>;
export type ImportProgress = NonNullable<StoredImport["progress"]>;
export type WarningKind = keyof ImportReport["warningCounts"];

const numberFormat = new Intl.NumberFormat("en-GB");

export function formatCount(value: number): string {
  return numberFormat.format(value);
}

/** "1 error", "23 errors". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}

/** "12.4 MB": decimal units, as file managers show them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${formatCount(bytes)} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toLocaleString("en-GB", { maximumFractionDigits: value < 10 ? 1 : 0 })} ${units[unit]}`;
}

/** "3f9a2c…81bd02": enough of a hash to recognise it; the full value goes in a title or copy. */
export function shortHash(hash: string): string {
  return hash.length > 20 ? `${hash.slice(0, 10)}…${hash.slice(-8)}` : hash;
}

/** The record types of a snapshot in the order an import reads them. */
const countLabels: { key: string; label: string }[] = [
  { key: "identities", label: "Identities" },
  { key: "systems", label: "Systems" },
  { key: "entitlements", label: "Entitlements" },
  { key: "accounts", label: "Accounts" },
  { key: "grants", label: "Grants" },
];

/** Known counts first in import order, then anything else the snapshot recorded. */
export function orderedCounts(counts: Record<string, number>): { label: string; value: number }[] {
  const known = countLabels
    .filter(({ key }) => key in counts)
    .map(({ key, label }) => ({ label, value: counts[key] ?? 0 }));
  const knownKeys = new Set(countLabels.map(({ key }) => key));
  const others = Object.entries(counts)
    .filter(([key]) => !knownKeys.has(key))
    .map(([key, value]) => ({ label: key.replaceAll("_", " "), value }));
  return [...known, ...others];
}

export const importPhaseLabels: Record<ImportProgress["phase"], string> = {
  validating: "Checking the files",
  loading: "Writing the snapshot",
  finished: "Finished",
};

/** Where the snapshot and source files are compared: what the query string carries. */
export const snapshotParam = "snapshot";
