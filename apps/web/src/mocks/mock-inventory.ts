import {
  type IdentityKind,
  isNonHuman,
  type RiskLevel,
} from "@attest/domain/inventory/identity-kinds";
import type { RouterOutputs } from "@/lib/trpc";
import {
  buildPopulation,
  diffPopulations,
  type GrantChange,
  type MockPopulation,
  type RawAccount,
  type RawEntitlement,
  type RawGrant,
  type RawIdentity,
  type RawPopulation,
  type RawSystem,
} from "@/mocks/mock-population";

/**
 * The inventory history of the mock organisation: three snapshots (two of the same source, so
 * there is a diff), their populations, four imports (one failed) with reports, and the
 * population exports made so far. The latest population matches inventory.summary's fixture
 * count for count, so the browser and the overview agree.
 */

export type Snapshot = RouterOutputs["inventory"]["snapshots"][number];
export type StoredImport = Omit<RouterOutputs["inventory"]["import"], "progress">;
export type ImportReport = NonNullable<StoredImport["report"]>;
export type ImportProgress = NonNullable<RouterOutputs["inventory"]["import"]["progress"]>;
export type PopulationExport = NonNullable<
  RouterOutputs["inventory"]["populationReport"]["export"]
>;
export type ImportIssueRow = RouterOutputs["inventory"]["importIssues"]["rows"][number];
type WarningKind = keyof ImportReport["warningCounts"];
type ImportIssue = ImportReport["errors"][number];
type ImportWarning = ImportReport["warnings"][number];

export interface MockImport {
  stored: StoredImport;
  /** Every problem, numbered as found: the report lists only the first maxListedIssues of each. */
  issues: ImportIssueRow[];
  /** Progress still to report, one step per poll of inventory.import; empty once finished. */
  pendingSteps: ImportProgress[];
  lastProgress: ImportProgress | null;
  /** Applied when the last step is reported. */
  finish: (() => void) | null;
}

export interface MockInventory {
  /** Newest first. */
  snapshots: Snapshot[];
  populations: Map<string, MockPopulation>;
  /** Newest first. */
  imports: MockImport[];
  exports: Map<string, PopulationExport>;
  diffs: Map<string, GrantChange[]>;
}

const dayMs = 86_400_000;
export const maxListedIssues = 1_000;

/** Errors then warnings, numbered 1… as the server numbers the problems it keeps. */
export function numberIssues(
  errors: readonly ImportIssue[],
  warnings: readonly ImportWarning[],
): ImportIssueRow[] {
  return [
    ...errors.map((error) => ({ severity: "error" as const, kind: null, ...error })),
    ...warnings.map((warning) => ({ severity: "warning" as const, ...warning })),
  ].map((issue, index) => ({ seq: index + 1, ...issue }));
}

function mockId(kind: number, index: number): string {
  return `00000000-0000-4000-8${kind.toString(16).padStart(3, "0")}-${index.toString(16).padStart(12, "0")}`;
}

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable fake SHA-256 for fixture files (real uploads are hashed for real). */
function fixtureHash(random: () => number): string {
  return Array.from({ length: 32 }, () =>
    Math.floor(random() * 256)
      .toString(16)
      .padStart(2, "0"),
  ).join("");
}

const firstNames = [
  "Dana",
  "Marcus",
  "Siobhan",
  "Tomás",
  "Grace",
  "Kenji",
  "Olivia",
  "Rahul",
  "Sofia",
  "Liam",
  "Hannah",
  "Mateo",
  "Chloe",
  "Ibrahim",
  "Emma",
  "Lukas",
  "Zara",
  "Noah",
  "Leila",
  "Ethan",
  "Freya",
  "Omar",
  "Isla",
  "Wei",
  "Amara",
  "Jonah",
  "Nadia",
  "Felipe",
  "Ruby",
  "Arjun",
  "Elena",
  "Samuel",
  "Yuki",
  "Gabriel",
  "Ingrid",
  "Patrick",
  "Mei",
  "Victor",
  "Alice",
  "Kwame",
  "Bea",
  "Hugo",
  "Anya",
];
const lastNames = [
  "Whitfield",
  "Lee",
  "O'Brien",
  "García",
  "Lindgren",
  "Watanabe",
  "Brennan",
  "Mehta",
  "Rossi",
  "Adeyemi",
  "Schmidt",
  "Novak",
  "Dubois",
  "Haddad",
  "Kowalski",
  "Fischer",
  "Patel",
  "Murphy",
  "Costa",
  "Nakamura",
  "Larsen",
  "Abubakar",
  "Moreau",
  "Silva",
  "Yilmaz",
  "Kim",
  "Okonkwo",
  "Vance",
  "Jansen",
];
const departments = [
  "Finance",
  "Accounting",
  "Engineering",
  "Sales",
  "Procurement",
  "People",
  "IT Operations",
  "Treasury",
  "Security",
  "Customer Success",
];

interface SystemSpec extends RawSystem {
  entitlements: { key: string; name: string; privileged: boolean; risk: RiskLevel }[];
}

const e = (key: string, name: string, privileged: boolean, risk: RiskLevel) => ({
  key,
  name,
  privileged,
  risk,
});

const systemSpecs: SystemSpec[] = [
  {
    key: "netsuite-erp",
    name: "NetSuite ERP",
    criticality: "critical",
    soxInScope: true,
    ownerKey: "E2004",
    entitlements: [
      e("administrator", "Administrator", true, "critical"),
      e("gl-journal-approver", "GL journal approver", false, "high"),
      e("ap-clerk", "AP clerk", false, "medium"),
      e("vendor-master-edit", "Vendor master edit", false, "high"),
      e("read-only", "Read only", false, "low"),
    ],
  },
  {
    key: "okta",
    name: "Okta",
    criticality: "critical",
    soxInScope: true,
    ownerKey: "E2005",
    entitlements: [
      e("super-admin", "Super administrator", true, "critical"),
      e("app-admin", "Application administrator", true, "high"),
      e("helpdesk", "Help desk administrator", true, "medium"),
    ],
  },
  {
    key: "aws-prod",
    name: "AWS Production",
    criticality: "critical",
    soxInScope: true,
    ownerKey: "E2005",
    entitlements: [
      e("administrator-access", "AdministratorAccess", true, "critical"),
      e("power-user", "PowerUserAccess", true, "high"),
      e("read-only", "ReadOnlyAccess", false, "low"),
    ],
  },
  {
    key: "workday",
    name: "Workday HCM",
    criticality: "high",
    soxInScope: true,
    ownerKey: "E2003",
    entitlements: [
      e("payroll-admin", "Payroll administrator", true, "high"),
      e("hr-partner", "HR partner", false, "medium"),
    ],
  },
  {
    key: "salesforce",
    name: "Salesforce",
    criticality: "high",
    soxInScope: true,
    ownerKey: "E2003",
    entitlements: [
      e("system-admin", "System administrator", true, "high"),
      e("revenue-ops", "Revenue operations", false, "medium"),
      e("sales-user", "Sales user", false, "low"),
    ],
  },
  {
    key: "snowflake",
    name: "Snowflake",
    criticality: "medium",
    soxInScope: false,
    ownerKey: "E2005",
    entitlements: [
      e("accountadmin", "ACCOUNTADMIN", true, "critical"),
      e("analyst", "Analyst", false, "low"),
    ],
  },
  {
    key: "coupa",
    name: "Coupa Procurement",
    criticality: "high",
    soxInScope: true,
    ownerKey: "E2004",
    entitlements: [
      e("admin", "Administrator", true, "high"),
      e("approver", "Approver", false, "medium"),
    ],
  },
  {
    key: "adp-payroll",
    name: "ADP Payroll",
    criticality: "high",
    soxInScope: true,
    ownerKey: "E2003",
    entitlements: [
      e("payroll-admin", "Payroll administrator", true, "critical"),
      e("viewer", "Viewer", false, "low"),
    ],
  },
  {
    key: "github",
    name: "GitHub Enterprise",
    criticality: "high",
    soxInScope: true,
    ownerKey: "E2005",
    entitlements: [
      e("org-owner", "Organisation owner", true, "critical"),
      e("member", "Member", false, "low"),
    ],
  },
  {
    key: "blackline",
    name: "BlackLine",
    criticality: "high",
    soxInScope: true,
    ownerKey: "E2004",
    entitlements: [
      e("admin", "System administrator", true, "high"),
      e("preparer", "Preparer", false, "medium"),
    ],
  },
  {
    key: "jira",
    name: "Jira",
    criticality: "low",
    soxInScope: false,
    ownerKey: null,
    entitlements: [
      e("site-admin", "Site administrator", true, "high"),
      e("user", "User", false, "low"),
    ],
  },
  {
    key: "slack",
    name: "Slack",
    criticality: "low",
    soxInScope: false,
    ownerKey: null,
    entitlements: [
      e("workspace-admin", "Workspace administrator", true, "medium"),
      e("member", "Member", false, "low"),
    ],
  },
  {
    key: "google-workspace",
    name: "Google Workspace",
    criticality: "medium",
    soxInScope: false,
    ownerKey: "E2005",
    entitlements: [
      e("super-admin", "Super admin", true, "critical"),
      e("user", "User", false, "low"),
    ],
  },
  {
    key: "zendesk",
    name: "Zendesk",
    criticality: "low",
    soxInScope: false,
    ownerKey: null,
    entitlements: [e("admin", "Administrator", true, "high"), e("agent", "Agent", false, "low")],
  },
];

const areas = ["reports", "billing", "projects", "analytics", "support", "audit", "ledger", "ops"];
const roles = ["viewer", "editor", "approver", "manager"];

function titleCase(key: string): string {
  const text = key.replaceAll("-", " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Entitlements: the named ones, then generated roles up to the summary's 212 (38 privileged). */
function buildEntitlements(): RawEntitlement[] {
  const entitlements: RawEntitlement[] = systemSpecs.flatMap((system) =>
    system.entitlements.map((entitlement) => ({
      systemKey: system.key,
      ...entitlement,
      description: null,
      ownerKey: system.ownerKey,
    })),
  );
  const taken = new Set(entitlements.map((row) => `${row.systemKey}/${row.key}`));
  let privileged = entitlements.filter((row) => row.privileged).length;
  for (let index = 0; entitlements.length < 212; index += 1) {
    const system = systemSpecs[index % systemSpecs.length] as SystemSpec;
    const area = areas[Math.floor(index / systemSpecs.length) % areas.length] as string;
    const makePrivileged = privileged < 38;
    let key = makePrivileged
      ? `${area}-admin`
      : `${area}-${roles[Math.floor(index / (systemSpecs.length * areas.length)) % roles.length]}`;
    for (let n = 2; taken.has(`${system.key}/${key}`); n += 1)
      key = `${key.replace(/-\d+$/, "")}-${n}`;
    taken.add(`${system.key}/${key}`);
    if (makePrivileged) privileged += 1;
    entitlements.push({
      systemKey: system.key,
      key,
      name: titleCase(key),
      description: makePrivileged
        ? `Administers ${area} in ${system.name}.`
        : `${titleCase(key.split("-").slice(1).join(" "))} access to ${area}.`,
      privileged: makePrivileged,
      risk: makePrivileged
        ? index % 3 === 0
          ? "critical"
          : "high"
        : index % 4 === 0
          ? "medium"
          : "low",
      ownerKey: system.ownerKey,
    });
  }
  return entitlements;
}

function emailLocalPart(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z ]/g, "")
    .trim()
    .replace(/\s+/g, ".");
}

const nonHumanNames: Record<string, string[]> = {
  service_account: [
    "svc-netsuite-integration",
    "svc-payroll-export",
    "svc-coupa-bridge",
    "svc-blackline-sync",
  ],
  api_key: ["okta-scim-connector", "salesforce-api-key", "adp-export-key"],
  workload: ["aws-backup-agent", "snowflake-dbt-runner", "github-actions-deploy"],
  bot: ["salesforce-sync-bot", "slack-standup-bot", "zendesk-triage-bot"],
};

/** The kinds and counts of the inventory.summary fixture (identitiesByKind). */
const kindPlan: {
  kind: IdentityKind;
  active: number;
  terminated: number;
  prefix: string;
  start: number;
}[] = [
  { kind: "employee", active: 962, terminated: 41, prefix: "E", start: 6000 },
  { kind: "contractor", active: 118, terminated: 23, prefix: "C", start: 5000 },
  { kind: "third_party", active: 37, terminated: 6, prefix: "T", start: 7000 },
  { kind: "service_account", active: 31, terminated: 0, prefix: "N", start: 4000 },
  { kind: "api_key", active: 14, terminated: 0, prefix: "N", start: 4100 },
  { kind: "workload", active: 8, terminated: 0, prefix: "N", start: 4200 },
  { kind: "bot", active: 3, terminated: 0, prefix: "N", start: 4300 },
];

/** The demo users who are also people in the inventory (their session's identityKey). */
export interface DemoPerson {
  displayName: string;
  identityKey: string;
}

function buildIdentities(random: () => number, now: Date, people: DemoPerson[]): RawIdentity[] {
  const identities: RawIdentity[] = [];
  const managers = people.slice(0, 12).map((person) => person.identityKey);
  let terminatedEmployee: string | null = null;
  for (const plan of kindPlan) {
    const total = plan.active + plan.terminated;
    // Terminated identities are spread through the list, never among the demo users.
    const firstEligible = plan.kind === "employee" ? people.length : 0;
    const step = plan.terminated > 0 ? Math.floor((total - firstEligible) / plan.terminated) : 0;
    let terminatedSoFar = 0;
    for (let index = 0; index < total; index += 1) {
      const demo = plan.kind === "employee" ? people[index] : undefined;
      const nonHuman = isNonHuman(plan.kind);
      const names = nonHumanNames[plan.kind] ?? [];
      const serial = identities.length;
      const displayName = demo
        ? demo.displayName
        : nonHuman
          ? (names[index] ?? `${plan.kind.replace("_", "-")}-${String(index + 1).padStart(3, "0")}`)
          : `${firstNames[(serial * 7) % firstNames.length]} ${lastNames[(serial * 11 + Math.floor(serial / 29)) % lastNames.length]}`;
      const terminated =
        step > 0 &&
        index >= firstEligible &&
        (index - firstEligible) % step === 3 % step &&
        terminatedSoFar < plan.terminated;
      if (terminated) terminatedSoFar += 1;
      const externalId = demo?.identityKey ?? `${plan.prefix}${plan.start + index}`;
      if (plan.kind === "employee" && terminated && !terminatedEmployee)
        terminatedEmployee = externalId;
      identities.push({
        externalId,
        kind: plan.kind,
        displayName,
        email: nonHuman ? null : `${emailLocalPart(displayName)}@example.com`,
        department: nonHuman
          ? "IT Operations"
          : (departments[Math.floor(random() * departments.length)] ?? "Finance"),
        status: terminated ? "terminated" : !nonHuman && index % 97 === 41 ? "suspended" : "active",
        managerKey:
          nonHuman || managers.length === 0
            ? null
            : (managers.filter((key) => key !== externalId)[
                index % Math.max(managers.length - 1, 1)
              ] ?? null),
        ownerKey: nonHuman ? (managers[(index * 5) % managers.length] ?? null) : null,
        lastRotatedAt: nonHuman
          ? random() < 0.08
            ? null
            : new Date(now.getTime() - Math.floor(random() * 520 + 5) * dayMs).toISOString()
          : null,
      });
    }
  }
  // One machine identity answers to someone who has left: an owner_terminated warning.
  const orphaned = identities.find((identity) => identity.kind === "workload");
  if (orphaned && terminatedEmployee) orphaned.ownerKey = terminatedEmployee;
  return identities;
}

const orphanUsernames = [
  "legacy-admin",
  "temp-migration",
  "test-user-3",
  "svc-old-reporting",
  "contractor-temp",
  "vendor-support",
  "admin2",
  "qa-automation",
  "backup-operator",
  "former-intern",
  "shared-finance",
  "audit-temp",
  "integration-test",
  "root-old",
  "helpdesk-shared",
  "ops-break-glass",
  "demo-account",
];

/** How widely each system is used: everyone has Okta and Slack, few have ADP or BlackLine. */
const systemWeights: Record<string, number> = {
  "netsuite-erp": 4,
  okta: 9,
  "aws-prod": 3,
  workday: 6,
  salesforce: 4,
  snowflake: 2,
  coupa: 2,
  "adp-payroll": 1,
  github: 3,
  blackline: 1,
  jira: 4,
  slack: 8,
  "google-workspace": 7,
  zendesk: 2,
};

function buildAccounts(identities: RawIdentity[]): RawAccount[] {
  const accounts: RawAccount[] = [];
  const taken = new Set<string>();
  const owned = 3108 - orphanUsernames.length;
  const wheel = systemSpecs.flatMap((system) =>
    Array.from({ length: systemWeights[system.key] ?? 1 }, () => system),
  );
  const systemsOf = new Map<number, Set<string>>();
  for (let k = 0; accounts.length < owned; k += 1) {
    const index = k % identities.length;
    const pass = Math.floor(k / identities.length);
    const identity = identities[index] as RawIdentity;
    const mine = systemsOf.get(index) ?? new Set<string>();
    let spin = (index * 7919 + pass * 104_729) % wheel.length;
    while (mine.has((wheel[spin] as SystemSpec).key)) spin = (spin + 1) % wheel.length;
    const system = wheel[spin] as SystemSpec;
    mine.add(system.key);
    systemsOf.set(index, mine);
    const base = identity.email?.split("@")[0] ?? identity.displayName;
    let username = base;
    for (let n = 2; taken.has(`${system.key}/${username}`); n += 1) username = `${base}${n}`;
    taken.add(`${system.key}/${username}`);
    accounts.push({
      systemKey: system.key,
      username,
      identityKey: identity.externalId,
      status: identity.status === "terminated" && k % 2 === 0 ? "disabled" : "active",
    });
  }
  orphanUsernames.forEach((username, index) => {
    const system = systemSpecs[(index * 5 + 1) % systemSpecs.length] as SystemSpec;
    accounts.push({ systemKey: system.key, username, identityKey: null, status: "active" });
  });
  return accounts;
}

function buildGrants(
  random: () => number,
  now: Date,
  accounts: RawAccount[],
  entitlements: RawEntitlement[],
  approvers: string[],
): RawGrant[] {
  const pools = new Map<string, { privileged: RawEntitlement[]; plain: RawEntitlement[] }>();
  for (const entitlement of entitlements) {
    const pool = pools.get(entitlement.systemKey) ?? { privileged: [], plain: [] };
    (entitlement.privileged ? pool.privileged : pool.plain).push(entitlement);
    pools.set(entitlement.systemKey, pool);
  }
  const targetGrants = 7421;
  const targetPrivileged = 604;
  const held = new Map<number, Set<string>>();
  const grants: RawGrant[] = [];
  let privileged = 0;
  for (let g = 0; grants.length < targetGrants && g < targetGrants * 3; g += 1) {
    const accountIndex = g % accounts.length;
    const pass = Math.floor(g / accounts.length);
    const account = accounts[accountIndex] as RawAccount;
    const pool = pools.get(account.systemKey);
    if (!pool) continue;
    const wantPrivileged =
      privileged < Math.round((targetPrivileged * (grants.length + 1)) / targetGrants);
    const mine = held.get(accountIndex) ?? new Set<string>();
    const pick = (candidates: RawEntitlement[]) => {
      for (let step = 0; step < candidates.length; step += 1) {
        const candidate = candidates[(accountIndex * 13 + pass * 7 + step) % candidates.length];
        if (candidate && !mine.has(candidate.key)) return candidate;
      }
      return undefined;
    };
    const entitlement = wantPrivileged
      ? (pick(pool.privileged) ?? pick(pool.plain))
      : (pick(pool.plain) ?? pick(pool.privileged));
    if (!entitlement) continue;
    mine.add(entitlement.key);
    held.set(accountIndex, mine);
    if (entitlement.privileged) privileged += 1;
    const noTicket = random() < (entitlement.privileged ? 0.06 : 0.1);
    grants.push({
      systemKey: account.systemKey,
      username: account.username,
      entitlementKey: entitlement.key,
      grantedAt: new Date(now.getTime() - Math.floor(30 + random() * 900) * dayMs).toISOString(),
      grantedBy: random() < 0.3 ? "system:provisioning" : (approvers[g % approvers.length] ?? null),
      ticket: noTicket ? null : `${random() < 0.5 ? "CHG" : "REQ"}-${10000 + g}`,
      expiresAt:
        random() < 0.04
          ? new Date(now.getTime() + Math.floor(10 + random() * 200) * dayMs).toISOString()
          : null,
      lastUsedAt:
        random() < 0.1
          ? null
          : new Date(now.getTime() - Math.floor(random() * 200) * dayMs).toISOString(),
    });
  }
  return grants;
}

/** The previous import of the same source: some grants since added, some since removed or changed. */
function previousGrants(current: RawPopulation): RawGrant[] {
  const grants: RawGrant[] = [];
  current.grants.forEach((grant, index) => {
    if (index % 53 === 7) return; // added since
    if (index % 89 === 11) {
      grants.push({ ...grant, ticket: grant.ticket ? `REQ-${5000 + index}` : "REQ-4711" });
      return;
    }
    if (index % 131 === 17) {
      grants.push({ ...grant, grantedBy: "E2009" });
      return;
    }
    grants.push(grant);
  });
  const held = new Set(
    current.grants.map((g) => `${g.systemKey}/${g.username}/${g.entitlementKey}`),
  );
  for (let j = 0; j < 38; j += 1) {
    const account = current.accounts[(j * 83 + 11) % current.accounts.length] as RawAccount;
    const candidates = current.entitlements.filter(
      (entitlement) =>
        entitlement.systemKey === account.systemKey &&
        !held.has(`${account.systemKey}/${account.username}/${entitlement.key}`),
    );
    const entitlement = candidates[j % Math.max(candidates.length, 1)];
    if (!entitlement) continue;
    held.add(`${account.systemKey}/${account.username}/${entitlement.key}`);
    grants.push({
      systemKey: account.systemKey,
      username: account.username,
      entitlementKey: entitlement.key,
      grantedAt: "2025-02-03T09:00:00.000Z",
      grantedBy: "E2004",
      ticket: j % 4 === 0 ? null : `CHG-${8000 + j}`,
      expiresAt: null,
      lastUsedAt: null,
    });
  }
  return grants;
}

/** A source of machine identities only: the non-human identities, their owners and their access. */
function nonHumanSlice(current: RawPopulation): RawPopulation {
  const nonHuman = current.identities.filter((identity) => isNonHuman(identity.kind));
  const ownerKeys = new Set(nonHuman.map((identity) => identity.ownerKey).filter(Boolean));
  const identities = current.identities.filter(
    (identity) => isNonHuman(identity.kind) || ownerKeys.has(identity.externalId),
  );
  const nonHumanKeys = new Set(nonHuman.map((identity) => identity.externalId));
  const accounts = current.accounts.filter(
    (account) => account.identityKey !== null && nonHumanKeys.has(account.identityKey),
  );
  const accountKeys = new Set(accounts.map((a) => `${a.systemKey}/${a.username}`));
  const grants = current.grants.filter((g) => accountKeys.has(`${g.systemKey}/${g.username}`));
  const systemKeys = new Set(accounts.map((account) => account.systemKey));
  return {
    identities,
    systems: current.systems.filter((system) => systemKeys.has(system.key)),
    entitlements: current.entitlements.filter((entitlement) =>
      systemKeys.has(entitlement.systemKey),
    ),
    accounts,
    grants,
  };
}

function rowCountsOf(raw: RawPopulation): Record<string, number> {
  return {
    identities: raw.identities.length,
    systems: raw.systems.length,
    entitlements: raw.entitlements.length,
    accounts: raw.accounts.length,
    grants: raw.grants.length,
  };
}

interface FixtureFile {
  name: string;
  layout: ImportReport["files"][number]["layout"];
  rows: number;
  bytesPerRow: number;
}

/**
 * Warnings of a population as the importer words them, each with its file, row and column:
 * all of them (a report lists the first maxListedIssues).
 */
export function warningsOf(
  raw: RawPopulation,
  files: { identities: string; accounts: string; grants: string },
  rotationPolicyDays: number,
  now: Date,
): { warnings: ImportWarning[]; warningCounts: Record<WarningKind, number>; warningCount: number } {
  const warnings: ImportWarning[] = [];
  const warningCounts: Record<WarningKind, number> = {
    orphan_account: 0,
    terminated_with_grants: 0,
    owner_terminated: 0,
    rotation_overdue: 0,
    privileged_without_ticket: 0,
    human_use_of_service_account: 0,
  };
  const add = (warning: ImportWarning) => {
    warningCounts[warning.kind] += 1;
    warnings.push(warning);
  };
  const byKey = new Map(raw.identities.map((identity) => [identity.externalId, identity]));
  const accountOwner = new Map(
    raw.accounts.map((account) => [
      `${account.systemKey}/${account.username}`,
      account.identityKey,
    ]),
  );
  const grantsPerIdentity = new Map<string, number>();
  for (const grant of raw.grants) {
    const owner = accountOwner.get(`${grant.systemKey}/${grant.username}`);
    if (owner) grantsPerIdentity.set(owner, (grantsPerIdentity.get(owner) ?? 0) + 1);
  }
  raw.identities.forEach((identity, index) => {
    const row = index + 2;
    const held = grantsPerIdentity.get(identity.externalId) ?? 0;
    if (identity.status === "terminated" && held > 0) {
      add({
        kind: "terminated_with_grants",
        file: files.identities,
        row,
        column: "status",
        message: `"${identity.externalId}" (${identity.displayName}) is terminated but still holds ${held} grant${held === 1 ? "" : "s"}`,
      });
    }
    if (!isNonHuman(identity.kind)) return;
    const owner = identity.ownerKey ? byKey.get(identity.ownerKey) : undefined;
    if (owner?.status === "terminated") {
      add({
        kind: "owner_terminated",
        file: files.identities,
        row,
        column: "owner_id",
        message: `non-human identity "${identity.externalId}" is owned by "${owner.externalId}", who is terminated`,
      });
    }
    const rotated = identity.lastRotatedAt ? new Date(identity.lastRotatedAt).getTime() : null;
    if (rotated !== null && now.getTime() - rotated > rotationPolicyDays * dayMs) {
      add({
        kind: "rotation_overdue",
        file: files.identities,
        row,
        column: "last_rotated_at",
        message: `credential of "${identity.externalId}" was last rotated ${identity.lastRotatedAt?.slice(0, 10)}, more than ${rotationPolicyDays} days ago`,
      });
    }
  });
  raw.accounts.forEach((account, index) => {
    if (account.identityKey === null) {
      add({
        kind: "orphan_account",
        file: files.accounts,
        row: index + 2,
        column: "identity",
        message: `account "${account.username}" on "${account.systemKey}" belongs to no identity`,
      });
    }
  });
  const privileged = new Set(
    raw.entitlements.filter((e) => e.privileged).map((e) => `${e.systemKey}/${e.key}`),
  );
  raw.grants.forEach((grant, index) => {
    if (!grant.ticket && privileged.has(`${grant.systemKey}/${grant.entitlementKey}`)) {
      add({
        kind: "privileged_without_ticket",
        file: files.grants,
        row: index + 2,
        column: "ticket",
        message: `privileged grant of "${grant.entitlementKey}" to "${grant.username}" on "${grant.systemKey}" has no ticket`,
      });
    }
  });
  const sorted = [...warnings].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.row ?? 0) - (b.row ?? 0),
  );
  return {
    warnings: sorted,
    warningCounts,
    warningCount: Object.values(warningCounts).reduce((sum, n) => sum + n, 0),
  };
}

function fixtureFiles(raw: RawPopulation, identitiesFile: string): FixtureFile[] {
  return [
    { name: identitiesFile, layout: "identities", rows: raw.identities.length, bytesPerRow: 142 },
    { name: "systems.csv", layout: "systems", rows: raw.systems.length, bytesPerRow: 96 },
    {
      name: "entitlements.csv",
      layout: "entitlements",
      rows: raw.entitlements.length,
      bytesPerRow: 88,
    },
    { name: "accounts.csv", layout: "accounts", rows: raw.accounts.length, bytesPerRow: 74 },
    { name: "grants.csv", layout: "grants", rows: raw.grants.length, bytesPerRow: 118 },
  ];
}

function failedImportErrors(): ImportIssue[] {
  const errors: ImportIssue[] = [];
  for (let n = 0; n < 8; n += 1) {
    errors.push({
      file: "grants.csv",
      row: 214 + n * 377,
      column: "granted_at",
      message: `granted_at "${10 + n}/06/2025" is not a date or timestamp (ISO 8601, e.g. 2026-03-31T14:00:00Z)`,
    });
  }
  for (let n = 0; n < 9; n += 1) {
    errors.push({
      file: "accounts.csv",
      row: 58 + n * 301,
      column: "identity",
      message: `unknown identity "E${9300 + n * 7}": it is not in the identities file`,
    });
  }
  errors.push(
    {
      file: "entitlements.csv",
      row: 41,
      column: "risk",
      message: 'risk "severe" is not one of low, medium, high, critical',
    },
    {
      file: "entitlements.csv",
      row: 97,
      column: "risk",
      message: 'risk "severe" is not one of low, medium, high, critical',
    },
  );
  for (let n = 0; n < 3; n += 1) {
    errors.push({
      file: "grants.csv",
      row: 5120 + n * 11,
      column: "entitlement",
      message: 'grant to an unknown entitlement "superuser" on "netsuite-erp"',
    });
  }
  errors.push({
    file: "workday-identities.csv",
    row: 1190,
    column: "owner_id",
    message: 'non-human identity "N4031" has no owner: owner_id is required for service_account',
  });
  return errors.sort((a, b) => a.file.localeCompare(b.file) || (a.row ?? 0) - (b.row ?? 0));
}

export function createMockInventory({
  now,
  latestSnapshot,
  people,
  importerIds,
  importerNames,
}: {
  now: Date;
  /** The inventory.summary fixture's snapshot: the latest one, which the history must end in. */
  latestSnapshot: { id: string; source: string; importedAt: string };
  people: DemoPerson[];
  /** User ids of the administrators who imported: [most imports, the failed one]. */
  importerIds: [string, string];
  /** Their display names, as the API resolves them. */
  importerNames: [string, string];
}): MockInventory {
  const random = seededRandom(4242);
  const entitlements = buildEntitlements();
  const identities = buildIdentities(random, now, people);
  const accounts = buildAccounts(identities);
  const approvers = people.slice(0, 6).map((person) => person.identityKey);
  const grants = buildGrants(random, now, accounts, entitlements, approvers);
  const systems: RawSystem[] = systemSpecs.map(({ entitlements: _e, ...system }) => system);
  const current: RawPopulation = { identities, systems, entitlements, accounts, grants };
  const previous: RawPopulation = { ...current, grants: previousGrants(current) };
  const machines = nonHumanSlice(current);

  const [admin, otherAdmin] = importerIds;
  const [adminName, otherAdminName] = importerNames;
  const latestAt = new Date(latestSnapshot.importedAt).getTime();
  const snapshotSpecs = [
    {
      id: latestSnapshot.id,
      source: latestSnapshot.source,
      importedAt: latestSnapshot.importedAt,
      raw: current,
      identitiesFile: "workday-identities.csv",
    },
    {
      id: mockId(4, 2),
      source: latestSnapshot.source,
      importedAt: new Date(latestAt - 30 * dayMs).toISOString(),
      raw: previous,
      identitiesFile: "workday-identities.csv",
    },
    {
      id: mockId(4, 3),
      source: "nhi-vault-export",
      importedAt: new Date(latestAt - 38 * dayMs).toISOString(),
      raw: machines,
      identitiesFile: "nhi-identities.csv",
    },
  ];

  const inventory: MockInventory = {
    snapshots: [],
    populations: new Map(),
    imports: [],
    exports: new Map(),
    diffs: new Map(),
  };
  snapshotSpecs.forEach((spec, index) => {
    const files = fixtureFiles(spec.raw, spec.identitiesFile);
    const fileHashes = Object.fromEntries(files.map((file) => [file.name, fixtureHash(random)]));
    const parameters = { rotationPolicyDays: 365 };
    inventory.snapshots.push({
      id: spec.id,
      source: spec.source,
      importedBy: `user:${admin}`,
      importedByName: adminName,
      importedAt: spec.importedAt,
      rowCounts: rowCountsOf(spec.raw),
      fileHashes,
      parameters,
    });
    inventory.populations.set(spec.id, buildPopulation(spec.raw, index + 1));
    const finishedAt = spec.importedAt;
    const startedAt = new Date(
      new Date(finishedAt).getTime() - (38 + index * 9) * 1000,
    ).toISOString();
    const warnings = warningsOf(
      spec.raw,
      { identities: spec.identitiesFile, accounts: "accounts.csv", grants: "grants.csv" },
      365,
      new Date(spec.importedAt),
    );
    const importId = mockId(7, index + 1);
    inventory.imports.push({
      stored: {
        id: importId,
        source: spec.source,
        status: "succeeded",
        startedBy: `user:${admin}`,
        startedByName: adminName,
        startedAt,
        finishedAt,
        snapshotId: spec.id,
        report: {
          importId,
          source: spec.source,
          status: "succeeded",
          snapshotId: spec.id,
          files: files.map((file) => ({
            name: file.name,
            layout: file.layout,
            rows: file.rows,
            sha256: fileHashes[file.name] ?? "",
            bytes: 60 + file.rows * file.bytesPerRow,
          })),
          counts: {
            identities: spec.raw.identities.length,
            systems: spec.raw.systems.length,
            entitlements: spec.raw.entitlements.length,
            accounts: spec.raw.accounts.length,
            grants: spec.raw.grants.length,
          },
          parameters,
          errors: [],
          errorCount: 0,
          ...warnings,
          warnings: warnings.warnings.slice(0, maxListedIssues),
          startedAt,
          finishedAt,
        },
      },
      issues: numberIssues([], warnings.warnings),
      pendingSteps: [],
      lastProgress: null,
      finish: null,
    });
  });

  // The day before the latest import, the same files failed: nothing was imported.
  const failedAt = new Date(latestAt - 1 * dayMs).toISOString();
  const failedStarted = new Date(latestAt - 1 * dayMs - 31_000).toISOString();
  const failedId = mockId(7, 9);
  const failedFiles = fixtureFiles(current, "workday-identities.csv");
  const errors = failedImportErrors();
  const failedWarnings = warningsOf(
    current,
    { identities: "workday-identities.csv", accounts: "accounts.csv", grants: "grants.csv" },
    365,
    new Date(failedAt),
  );
  inventory.imports.push({
    stored: {
      id: failedId,
      source: latestSnapshot.source,
      status: "failed",
      startedBy: `user:${otherAdmin}`,
      startedByName: otherAdminName,
      startedAt: failedStarted,
      finishedAt: failedAt,
      snapshotId: null,
      report: {
        importId: failedId,
        source: latestSnapshot.source,
        status: "failed",
        snapshotId: null,
        files: failedFiles.map((file) => ({
          name: file.name,
          layout: file.layout,
          rows: file.rows,
          sha256: fixtureHash(random),
          bytes: 60 + file.rows * file.bytesPerRow,
        })),
        counts: { identities: 0, systems: 0, entitlements: 0, accounts: 0, grants: 0 },
        parameters: { rotationPolicyDays: 365 },
        errors,
        errorCount: errors.length,
        ...failedWarnings,
        warnings: failedWarnings.warnings.slice(0, maxListedIssues),
        startedAt: failedStarted,
        finishedAt: failedAt,
      },
    },
    issues: numberIssues(errors, failedWarnings.warnings),
    pendingSteps: [],
    lastProgress: null,
    finish: null,
  });
  inventory.imports.sort((a, b) => b.stored.startedAt.localeCompare(a.stored.startedAt));

  // The older snapshot of the main source was exported for last quarter's audit.
  const older = inventory.snapshots[1];
  const olderPopulation = older ? inventory.populations.get(older.id) : undefined;
  if (older && olderPopulation) {
    // Hashed on first use (inventory-handlers.ts), so the recorded hash is that of the bytes.
    inventory.exports.set(older.id, {
      snapshotId: older.id,
      sha256: "",
      bytes: 0,
      rows: olderPopulation.grants.length,
      fileName: `population-${older.source}-${older.importedAt.slice(0, 10)}.csv`,
      createdBy: `user:${admin}`,
      createdByName: adminName,
      createdAt: new Date(new Date(older.importedAt).getTime() + 3 * dayMs).toISOString(),
    });
  }
  return inventory;
}

/** The snapshot of the same source imported just before this one, if any. */
export function previousSnapshot(inventory: MockInventory, snapshot: Snapshot): Snapshot | null {
  return (
    inventory.snapshots.find(
      (candidate) =>
        candidate.source === snapshot.source &&
        (candidate.importedAt < snapshot.importedAt ||
          (candidate.importedAt === snapshot.importedAt && candidate.id < snapshot.id)),
    ) ?? null
  );
}

/** The grant changes of a snapshot against its predecessor, computed once and kept. */
export function changesOf(
  inventory: MockInventory,
  snapshot: Snapshot,
  previous: Snapshot,
): GrantChange[] {
  const cached = inventory.diffs.get(snapshot.id);
  if (cached) return cached;
  const before = inventory.populations.get(previous.id);
  const after = inventory.populations.get(snapshot.id);
  const changes = before && after ? diffPopulations(before, after) : [];
  inventory.diffs.set(snapshot.id, changes);
  return changes;
}
