import { csvRow } from "@attest/domain/csv/csv-cell";
import {
  type IdentityKind,
  type IdentityStatus,
  identityKinds,
  type RiskLevel,
} from "@attest/domain/inventory/identity-kinds";
import type { RouterInputs, RouterOutputs } from "@/lib/trpc";

/**
 * One snapshot's population in the mock API, and the reads the inventory browser makes of it,
 * answering as the repositories do (inventory-browser.ts, snapshots.ts): same filters, same
 * order, same capped totals. Cursors are opaque to the web app, so here they carry an offset.
 */

export type IdentityRow = RouterOutputs["inventory"]["identities"]["rows"][number];
export type GrantRow = RouterOutputs["inventory"]["grants"]["rows"][number];
export type SystemRow = RouterOutputs["inventory"]["systems"]["systems"][number];
export type EntitlementRow = RouterOutputs["inventory"]["entitlements"]["entitlements"][number];
export type GrantChange = RouterOutputs["inventory"]["snapshotDiff"]["changes"][number];
type InventorySummary = RouterOutputs["inventory"]["summary"];

export interface RawIdentity {
  externalId: string;
  kind: IdentityKind;
  displayName: string;
  email: string | null;
  department: string | null;
  status: IdentityStatus;
  managerKey: string | null;
  ownerKey: string | null;
  lastRotatedAt: string | null;
}

export interface RawSystem {
  key: string;
  name: string;
  criticality: RiskLevel;
  soxInScope: boolean;
  ownerKey: string | null;
}

export interface RawEntitlement {
  systemKey: string;
  key: string;
  name: string;
  description: string | null;
  privileged: boolean;
  risk: RiskLevel;
  ownerKey: string | null;
}

export interface RawAccount {
  systemKey: string;
  username: string;
  identityKey: string | null;
  status: "active" | "disabled";
}

export interface RawGrant {
  systemKey: string;
  username: string;
  entitlementKey: string;
  grantedAt: string | null;
  grantedBy: string | null;
  ticket: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

export interface RawPopulation {
  identities: RawIdentity[];
  systems: RawSystem[];
  entitlements: RawEntitlement[];
  accounts: RawAccount[];
  grants: RawGrant[];
}

export interface MockGrant extends GrantRow {
  accountStatus: "active" | "disabled";
  expiresAt: string | null;
}

export interface MockPopulation {
  raw: RawPopulation;
  /** Ordered as the API orders them: lower(display_name), id. */
  identities: (IdentityRow & { managerKey: string | null; ownerKey: string | null })[];
  /** System keys each identity has an account on. */
  identitySystems: Map<string, Set<string>>;
  systems: SystemRow[];
  entitlements: EntitlementRow[];
  /** Ordered as the API orders them: username, entitlement key, id (byte order). */
  grants: MockGrant[];
}

/** Byte-order comparison, as `collate "C"` sorts. */
function compareC(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function uuidFor(scope: number, kind: number, index: number): string {
  const tail = (scope * 0x1000000 + index).toString(16).padStart(12, "0");
  return `00000000-0000-4000-8${kind.toString(16).padStart(3, "0")}-${tail}`;
}

const accountKey = (systemKey: string, username: string) => `${systemKey}\u0000${username}`;
const entitlementId = (systemKey: string, key: string) => `${systemKey}\u0000${key}`;

/** Joins a snapshot's records the way the browser's queries do. `scope` keeps ids apart. */
export function buildPopulation(raw: RawPopulation, scope: number): MockPopulation {
  const identityByKey = new Map(raw.identities.map((identity) => [identity.externalId, identity]));
  const identityIds = new Map(
    raw.identities.map((identity, index) => [identity.externalId, uuidFor(scope, 5, index + 1)]),
  );
  const systemByKey = new Map(raw.systems.map((system) => [system.key, system]));
  const entitlementByKey = new Map(
    raw.entitlements.map((entitlement) => [
      entitlementId(entitlement.systemKey, entitlement.key),
      entitlement,
    ]),
  );
  const accountByKey = new Map(
    raw.accounts.map((account) => [accountKey(account.systemKey, account.username), account]),
  );
  const nameOf = (key: string | null) =>
    key ? (identityByKey.get(key)?.displayName ?? null) : null;

  const grants: MockGrant[] = [];
  const grantsPerIdentity = new Map<string, number>();
  const grantsPerEntitlement = new Map<string, number>();
  const grantsPerSystem = new Map<string, number>();
  raw.grants.forEach((grant, index) => {
    const account = accountByKey.get(accountKey(grant.systemKey, grant.username));
    const entitlement = entitlementByKey.get(entitlementId(grant.systemKey, grant.entitlementKey));
    const system = systemByKey.get(grant.systemKey);
    if (!account || !entitlement || !system) return;
    const identity = account.identityKey ? identityByKey.get(account.identityKey) : undefined;
    grants.push({
      id: uuidFor(scope, 6, index + 1),
      systemKey: system.key,
      systemName: system.name,
      username: account.username,
      identityKey: identity?.externalId ?? null,
      identityName: identity?.displayName ?? null,
      identityKind: identity?.kind ?? null,
      identityStatus: identity?.status ?? null,
      entitlementKey: entitlement.key,
      entitlementName: entitlement.name,
      privileged: entitlement.privileged,
      risk: entitlement.risk,
      grantedAt: grant.grantedAt,
      grantedBy: grant.grantedBy,
      ticket: grant.ticket,
      lastUsedAt: grant.lastUsedAt,
      accountStatus: account.status,
      expiresAt: grant.expiresAt,
    });
    if (identity) {
      grantsPerIdentity.set(
        identity.externalId,
        (grantsPerIdentity.get(identity.externalId) ?? 0) + 1,
      );
    }
    const entitlementKey = entitlementId(entitlement.systemKey, entitlement.key);
    grantsPerEntitlement.set(entitlementKey, (grantsPerEntitlement.get(entitlementKey) ?? 0) + 1);
    grantsPerSystem.set(system.key, (grantsPerSystem.get(system.key) ?? 0) + 1);
  });
  grants.sort(
    (a, b) =>
      compareC(a.username, b.username) ||
      compareC(a.entitlementKey, b.entitlementKey) ||
      compareC(a.id, b.id),
  );

  const identitySystems = new Map<string, Set<string>>();
  for (const account of raw.accounts) {
    if (!account.identityKey) continue;
    const systems = identitySystems.get(account.identityKey) ?? new Set<string>();
    systems.add(account.systemKey);
    identitySystems.set(account.identityKey, systems);
  }

  const identities = raw.identities
    .map((identity) => ({
      id: identityIds.get(identity.externalId) ?? uuidFor(scope, 5, 0),
      externalId: identity.externalId,
      kind: identity.kind,
      displayName: identity.displayName,
      email: identity.email,
      department: identity.department,
      status: identity.status,
      managerName: nameOf(identity.managerKey),
      ownerName: nameOf(identity.ownerKey),
      lastRotatedAt: identity.lastRotatedAt,
      grants: grantsPerIdentity.get(identity.externalId) ?? 0,
      managerKey: identity.managerKey,
      ownerKey: identity.ownerKey,
    }))
    .sort(
      (a, b) =>
        compareC(a.displayName.toLowerCase(), b.displayName.toLowerCase()) || compareC(a.id, b.id),
    );

  const systems: SystemRow[] = raw.systems
    .map((system) => {
      const entitlements = raw.entitlements.filter((e) => e.systemKey === system.key);
      const accounts = raw.accounts.filter((a) => a.systemKey === system.key);
      return {
        key: system.key,
        name: system.name,
        criticality: system.criticality,
        soxInScope: system.soxInScope,
        ownerName: nameOf(system.ownerKey),
        entitlements: entitlements.length,
        privilegedEntitlements: entitlements.filter((e) => e.privileged).length,
        accounts: accounts.length,
        orphanAccounts: accounts.filter((a) => a.identityKey === null).length,
        grants: grantsPerSystem.get(system.key) ?? 0,
      };
    })
    .sort((a, b) => compareC(a.name, b.name));

  const entitlements: EntitlementRow[] = raw.entitlements
    .map((entitlement) => ({
      systemKey: entitlement.systemKey,
      systemName: systemByKey.get(entitlement.systemKey)?.name ?? entitlement.systemKey,
      key: entitlement.key,
      name: entitlement.name,
      description: entitlement.description,
      privileged: entitlement.privileged,
      risk: entitlement.risk,
      ownerName: nameOf(entitlement.ownerKey),
      grants: grantsPerEntitlement.get(entitlementId(entitlement.systemKey, entitlement.key)) ?? 0,
    }))
    .sort((a, b) => compareC(a.systemName, b.systemName) || compareC(a.name, b.name));

  return { raw, identities, identitySystems, systems, entitlements, grants };
}

/** Totals stop counting here, as the API's do. */
export const countCap = 10_000;

function encodeCursor(offset: number): string {
  return btoa(JSON.stringify({ offset }));
}

function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const value = JSON.parse(atob(cursor)) as { offset?: unknown };
    return typeof value.offset === "number" ? value.offset : 0;
  } catch {
    return 0;
  }
}

function page<T>(rows: T[], limit: number, after: string | undefined) {
  const offset = decodeCursor(after);
  const slice = rows.slice(offset, offset + limit);
  return {
    rows: slice,
    total: Math.min(rows.length, countCap),
    totalCapped: rows.length > countCap,
    next: offset + limit < rows.length ? encodeCursor(offset + limit) : null,
  };
}

type IdentitiesInput = RouterInputs["inventory"]["identities"];
type GrantsInput = RouterInputs["inventory"]["grants"];

export function listIdentities(
  population: MockPopulation,
  input: IdentitiesInput,
  kinds: readonly IdentityKind[] | undefined,
) {
  const search = input.search?.trim().toLowerCase();
  const rows = population.identities
    .filter(
      (identity) =>
        (!kinds || kinds.includes(identity.kind)) &&
        (!input.status || identity.status === input.status) &&
        (!search ||
          identity.displayName.toLowerCase().startsWith(search) ||
          identity.externalId.toLowerCase().startsWith(search) ||
          (identity.email?.toLowerCase().startsWith(search) ?? false)) &&
        (!input.ownerOrManager ||
          identity.managerKey === input.ownerOrManager ||
          identity.ownerKey === input.ownerOrManager) &&
        (!input.systemKey ||
          (population.identitySystems.get(identity.externalId)?.has(input.systemKey) ?? false)),
    )
    .map(({ managerKey: _manager, ownerKey: _owner, ...row }) => row);
  return page(rows, input.limit ?? 50, input.after);
}

export function listGrants(population: MockPopulation, input: GrantsInput) {
  const search = input.search?.trim();
  const rows = population.grants
    .filter(
      (grant) =>
        (!input.systemKey || grant.systemKey === input.systemKey) &&
        (input.privileged === undefined || grant.privileged === input.privileged) &&
        (!search || grant.username.startsWith(search) || grant.entitlementKey.startsWith(search)) &&
        (!input.identityKey || grant.identityKey === input.identityKey),
    )
    .map(({ accountStatus: _status, expiresAt: _expires, ...row }) => row);
  return page(rows, input.limit ?? 50, input.after);
}

export function listEntitlements(
  population: MockPopulation,
  filter: { systemKey?: string | undefined; privileged?: boolean | undefined },
): EntitlementRow[] {
  return population.entitlements
    .filter(
      (row) =>
        (!filter.systemKey || row.systemKey === filter.systemKey) &&
        (filter.privileged === undefined || row.privileged === filter.privileged),
    )
    .slice(0, 2000);
}

type GrantFacts = NonNullable<GrantChange["after"]>;

function factsOf(grant: MockGrant): GrantFacts {
  return {
    grantedAt: grant.grantedAt,
    grantedBy: grant.grantedBy,
    ticket: grant.ticket,
    expiresAt: grant.expiresAt,
    identityKey: grant.identityKey,
    privileged: grant.privileged,
  };
}

const factKeys: (keyof GrantFacts)[] = [
  "grantedAt",
  "grantedBy",
  "ticket",
  "expiresAt",
  "identityKey",
  "privileged",
];

/** Grants compared by system, account and entitlement, as snapshotDiff compares them. */
export function diffPopulations(before: MockPopulation, after: MockPopulation): GrantChange[] {
  const key = (grant: MockGrant) =>
    `${grant.systemKey}\u0000${grant.username}\u0000${grant.entitlementKey}`;
  const beforeByKey = new Map(before.grants.map((grant) => [key(grant), grant]));
  const afterByKey = new Map(after.grants.map((grant) => [key(grant), grant]));
  const changes: GrantChange[] = [];
  for (const [grantKey, grant] of afterByKey) {
    const previous = beforeByKey.get(grantKey);
    const facts = factsOf(grant);
    if (!previous) {
      changes.push({
        change: "added",
        systemKey: grant.systemKey,
        username: grant.username,
        entitlementKey: grant.entitlementKey,
        identityKey: grant.identityKey,
        before: null,
        after: facts,
      });
      continue;
    }
    const previousFacts = factsOf(previous);
    if (factKeys.some((fact) => previousFacts[fact] !== facts[fact])) {
      changes.push({
        change: "changed",
        systemKey: grant.systemKey,
        username: grant.username,
        entitlementKey: grant.entitlementKey,
        identityKey: grant.identityKey ?? previous.identityKey,
        before: previousFacts,
        after: facts,
      });
    }
  }
  for (const [grantKey, grant] of beforeByKey) {
    if (afterByKey.has(grantKey)) continue;
    changes.push({
      change: "removed",
      systemKey: grant.systemKey,
      username: grant.username,
      entitlementKey: grant.entitlementKey,
      identityKey: grant.identityKey,
      before: factsOf(grant),
      after: null,
    });
  }
  return changes.sort(
    (a, b) =>
      compareC(a.systemKey, b.systemKey) ||
      compareC(a.username, b.username) ||
      compareC(a.entitlementKey, b.entitlementKey),
  );
}

const populationColumns = [
  "system",
  "system_name",
  "account",
  "account_status",
  "identity",
  "identity_name",
  "identity_kind",
  "identity_status",
  "entitlement",
  "entitlement_name",
  "privileged",
  "risk",
  "granted_at",
  "granted_by",
  "ticket",
  "expires_at",
  "last_used_at",
] as const;

/** The population export's CSV: every grant, ordered by system, account, entitlement. */
export function populationCsv(population: MockPopulation): { csv: string; rows: number } {
  const rows = [...population.grants].sort(
    (a, b) =>
      compareC(a.systemKey, b.systemKey) ||
      compareC(a.username, b.username) ||
      compareC(a.entitlementKey, b.entitlementKey),
  );
  const lines = [populationColumns.join(",")];
  for (const grant of rows) {
    lines.push(
      csvRow([
        grant.systemKey,
        grant.systemName,
        grant.username,
        grant.accountStatus,
        grant.identityKey,
        grant.identityName,
        grant.identityKind,
        grant.identityStatus,
        grant.entitlementKey,
        grant.entitlementName,
        grant.privileged,
        grant.risk,
        grant.grantedAt,
        grant.grantedBy,
        grant.ticket,
        grant.expiresAt,
        grant.lastUsedAt,
      ]),
    );
  }
  return { csv: `${lines.join("\r\n")}\r\n`, rows: rows.length };
}

/** inventory.summary over a population, as the server counts it. */
export function summarizePopulation(
  population: MockPopulation,
  snapshot: NonNullable<InventorySummary["snapshot"]>,
): InventorySummary {
  const { raw } = population;
  return {
    snapshot,
    identitiesByKind: identityKinds
      .map((kind) => {
        const ofKind = raw.identities.filter((identity) => identity.kind === kind);
        const terminated = ofKind.filter((identity) => identity.status === "terminated").length;
        return { kind, active: ofKind.length - terminated, terminated };
      })
      .filter((row) => row.active + row.terminated > 0),
    systems: raw.systems.length,
    soxSystems: raw.systems.filter((system) => system.soxInScope).length,
    entitlements: raw.entitlements.length,
    privilegedEntitlements: raw.entitlements.filter((entitlement) => entitlement.privileged).length,
    accounts: raw.accounts.length,
    orphanAccounts: raw.accounts.filter((account) => account.identityKey === null).length,
    grants: population.grants.length,
    privilegedGrants: population.grants.filter((grant) => grant.privileged).length,
    // The seeded auditor's engagement covers every mock snapshot.
    scopeNotice: null,
  };
}

/** Lowercase hex SHA-256, as the server records file and export hashes. */
export async function sha256Hex(data: string | ArrayBuffer): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : new Uint8Array(data);
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
