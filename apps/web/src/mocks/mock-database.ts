import type { Role } from "@attest/domain/access/roles";
import type { CampaignStatus, Decision } from "@attest/domain/campaigns/campaign";
import type { IdentityKind, RiskLevel } from "@attest/domain/inventory/identity-kinds";
import type { ReviewItemContext } from "@attest/domain/reviews/review-item-context";
import type { RouterOutputs } from "@/lib/trpc";
import {
  createMockCampaignDefinitions,
  type MockDefinition,
} from "@/mocks/mock-campaign-definitions";
import { createMockInventory, type MockInventory } from "@/mocks/mock-inventory";
import { createMockLedger, type MockLedger } from "@/mocks/mock-ledger";
import { createMockScim, type MockScim } from "@/mocks/mock-scim";

/**
 * A small, deterministic organisation for mock mode and component tests, shaped exactly like the
 * API's outputs. Dates are relative to `now`, so "due in 9 days" stays true whenever it runs.
 */

export type MockUser = NonNullable<RouterOutputs["session"]["current"]>;
export type ReviewItem = RouterOutputs["audit"]["campaignDecisions"]["items"][number] & {
  reviewerId: string;
};
export type CampaignSummary = RouterOutputs["campaigns"]["list"][number];
export type InventorySummary = RouterOutputs["inventory"]["summary"];

export interface MockCampaign {
  id: string;
  name: string;
  status: CampaignStatus;
  controlId: string;
  controlOwnerName: string;
  startsAt: string;
  dueAt: string;
  closedAt: string | null;
  signedOffAt: string | null;
  justificationRequired: { approve: boolean; revoke: boolean };
  /** The longest exception the campaign allows; the definition's default (180) when absent. */
  maxExceptionDays?: number;
}

export interface MockDatabase {
  now: Date;
  users: MockUser[];
  campaigns: MockCampaign[];
  /** The definitions campaigns are launched from. */
  campaignDefinitions: MockDefinition[];
  items: ReviewItem[];
  inventory: InventorySummary;
  /** Snapshots, their populations, imports and exports behind the inventory pages. */
  inventoryData: MockInventory;
  ledger: MockLedger;
  /** SCIM directories an identity provider pushes into, with their tokens. */
  scim: MockScim;
}

const dayMs = 86_400_000;

function mockId(kind: number, index: number): string {
  return `00000000-0000-4000-8${kind.toString(16).padStart(3, "0")}-${index.toString(16).padStart(12, "0")}`;
}

/** mulberry32: a tiny seeded generator, so fixtures are the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const firstNames = [
  "Maya",
  "Daniel",
  "Aisha",
  "Tomás",
  "Grace",
  "Kenji",
  "Olivia",
  "Rahul",
  "Sofia",
  "Marcus",
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
  "Jonas",
  "Nadia",
  "Felix",
  "Ruth",
  "Arjun",
  "Elena",
  "Samuel",
  "Yuki",
  "Gabriel",
  "Ines",
  "Patrick",
  "Mei",
  "Victor",
  "Alice",
  "Kwame",
];
const lastNames = [
  "Chen",
  "Okafor",
  "Rahman",
  "García",
  "Lindqvist",
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
  "O'Neill",
  "Kim",
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

interface MockSystem {
  key: string;
  name: string;
  criticality: RiskLevel;
  soxInScope: boolean;
  entitlements: { key: string; name: string; privileged: boolean; risk: RiskLevel }[];
}

const systems: MockSystem[] = [
  {
    key: "netsuite-erp",
    name: "NetSuite ERP",
    criticality: "critical",
    soxInScope: true,
    entitlements: [
      { key: "administrator", name: "Administrator", privileged: true, risk: "critical" },
      { key: "gl-journal-approver", name: "GL journal approver", privileged: false, risk: "high" },
      { key: "ap-clerk", name: "AP clerk", privileged: false, risk: "medium" },
      { key: "vendor-master-edit", name: "Vendor master edit", privileged: false, risk: "high" },
      { key: "read-only", name: "Read only", privileged: false, risk: "low" },
    ],
  },
  {
    key: "okta",
    name: "Okta",
    criticality: "critical",
    soxInScope: true,
    entitlements: [
      { key: "super-admin", name: "Super administrator", privileged: true, risk: "critical" },
      { key: "app-admin", name: "Application administrator", privileged: true, risk: "high" },
      { key: "helpdesk", name: "Help desk administrator", privileged: true, risk: "medium" },
    ],
  },
  {
    key: "aws-prod",
    name: "AWS Production",
    criticality: "critical",
    soxInScope: true,
    entitlements: [
      {
        key: "administrator-access",
        name: "AdministratorAccess",
        privileged: true,
        risk: "critical",
      },
      { key: "power-user", name: "PowerUserAccess", privileged: true, risk: "high" },
      { key: "read-only", name: "ReadOnlyAccess", privileged: false, risk: "low" },
    ],
  },
  {
    key: "workday",
    name: "Workday HCM",
    criticality: "high",
    soxInScope: true,
    entitlements: [
      { key: "payroll-admin", name: "Payroll administrator", privileged: true, risk: "high" },
      { key: "hr-partner", name: "HR partner", privileged: false, risk: "medium" },
    ],
  },
  {
    key: "salesforce",
    name: "Salesforce",
    criticality: "high",
    soxInScope: true,
    entitlements: [
      { key: "system-admin", name: "System administrator", privileged: true, risk: "high" },
      { key: "revenue-ops", name: "Revenue operations", privileged: false, risk: "medium" },
      { key: "sales-user", name: "Sales user", privileged: false, risk: "low" },
    ],
  },
  {
    key: "snowflake",
    name: "Snowflake",
    criticality: "medium",
    soxInScope: false,
    entitlements: [
      { key: "accountadmin", name: "ACCOUNTADMIN", privileged: true, risk: "critical" },
      { key: "analyst", name: "Analyst", privileged: false, risk: "low" },
    ],
  },
];

const nonHumanKinds: IdentityKind[] = ["service_account", "api_key", "workload", "bot"];
const nonHumanNames = [
  "svc-netsuite-integration",
  "svc-payroll-export",
  "okta-scim-connector",
  "gh-actions-deploy",
  "snowflake-dbt-runner",
  "salesforce-sync-bot",
  "aws-backup-agent",
  "svc-coupa-bridge",
];

interface MockIdentity {
  externalId: string;
  displayName: string;
  kind: IdentityKind;
  department: string;
  title: string | null;
  email: string | null;
  status: "active" | "suspended" | "terminated";
  terminatedOn: string | null;
  managerName: string | null;
  ownerName: string | null;
}

/** "Tomás García" → "tomas.garcia" */
function emailLocalPart(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z ]/g, "")
    .trim()
    .replace(/\s+/g, ".");
}

function isoDaysFrom(now: Date, days: number): string {
  return new Date(now.getTime() + days * dayMs).toISOString();
}

function buildIdentities(random: () => number, now: Date): MockIdentity[] {
  const identities: MockIdentity[] = [];
  for (let index = 0; index < 160; index++) {
    const first = firstNames[index % firstNames.length] ?? "Alex";
    const last = lastNames[(index * 7 + 3) % lastNames.length] ?? "Smith";
    const kind: IdentityKind =
      index % 11 === 5 ? "contractor" : index % 23 === 7 ? "third_party" : "employee";
    const terminated = index % 29 === 13;
    identities.push({
      externalId: `${kind === "employee" ? "E" : kind === "contractor" ? "C" : "T"}${1000 + index}`,
      displayName: `${first} ${last}`,
      kind,
      department: departments[Math.floor(random() * departments.length)] ?? "Finance",
      title: kind === "employee" ? "Analyst" : null,
      email: `${emailLocalPart(`${first} ${last}`)}@example.com`,
      status: terminated ? "terminated" : "active",
      terminatedOn: terminated
        ? isoDaysFrom(now, -Math.floor(random() * 60) - 3).slice(0, 10)
        : null,
      managerName: "Maya Chen",
      ownerName: null,
    });
  }
  nonHumanNames.forEach((name, index) => {
    identities.push({
      externalId: `N${4000 + index}`,
      displayName: name,
      kind: nonHumanKinds[index % nonHumanKinds.length] ?? "service_account",
      department: "IT Operations",
      title: null,
      email: null,
      status: "active",
      terminatedOn: null,
      managerName: null,
      ownerName: index % 2 === 0 ? "Maya Chen" : "Daniel Okafor",
    });
  });
  return identities;
}

function buildUsers(): MockUser[] {
  const users: MockUser[] = [];
  const add = (displayName: string, roles: Role[], identityKey: string | null) => {
    const email = `${emailLocalPart(displayName)}@example.com`;
    users.push({ id: mockId(1, users.length + 1), displayName, email, identityKey, roles });
  };
  add("Maya Chen", ["reviewer"], "E2001");
  add("Daniel Okafor", ["reviewer"], "E2002");
  add("Priya Raman", ["control_owner", "reviewer"], "E2003");
  add("Jonas Lindqvist", ["control_owner"], "E2004");
  add("Helen Marsh", ["control_owner"], "E2005");
  add("Ruth Adeyemi", ["auditor"], null);
  add("Felix Moreau", ["auditor"], null);
  add("Sam Okoro", ["admin", "reviewer"], "E2008");
  add("Ines Costa", ["admin"], "E2009");
  for (let index = 0; users.length < 60; index++) {
    const first = firstNames[(index * 3 + 5) % firstNames.length] ?? "Alex";
    const last = lastNames[(index * 5 + 1) % lastNames.length] ?? "Smith";
    const name = `${first} ${last}`;
    if (!users.some((user) => user.displayName === name)) {
      add(name, ["reviewer"], `E${3000 + index}`);
    }
  }
  return users;
}

function pick<T>(random: () => number, values: readonly T[]): T {
  const value = values[Math.floor(random() * values.length)];
  if (value === undefined) throw new Error("pick from an empty list");
  return value;
}

const justifications: Record<Decision, string[]> = {
  approve: [
    "Still needed for month-end close.",
    "Confirmed with the system owner; role unchanged.",
    "Required for quarterly reconciliation duties.",
  ],
  revoke: [
    "Moved to the Sales team in September; no longer needs finance access.",
    "Account unused for over 90 days.",
    "Contract ended; access should have been removed at offboarding.",
  ],
  exception: [
    "Covering for the AP lead during parental leave; compensating control: weekly journal review.",
    "Migration to the new ERP ends in March; access removed afterwards.",
  ],
};

interface CampaignPlan {
  campaign: MockCampaign;
  /** Items per reviewer (user index) and how many of them are already decided. */
  assignments: { reviewer: number; count: number; decided: number }[];
  systemKeys: string[];
  privilegedOnly?: boolean;
  nonHumanOnly?: boolean;
}

export function createMockDatabase({ now = new Date() }: { now?: Date } = {}): MockDatabase {
  const random = seededRandom(2026);
  const users = buildUsers();
  const identities = buildIdentities(random, now);
  const people = identities.filter((identity) => !nonHumanKinds.includes(identity.kind));
  const nonHuman = identities.filter((identity) => nonHumanKinds.includes(identity.kind));

  const campaign = (
    index: number,
    fields: Omit<MockCampaign, "id" | "justificationRequired"> & {
      justificationRequired?: MockCampaign["justificationRequired"];
    },
  ): MockCampaign => ({
    id: mockId(2, index),
    justificationRequired: { approve: false, revoke: true },
    ...fields,
  });

  const plans: CampaignPlan[] = [
    {
      campaign: campaign(1, {
        name: "Q4 2026 privileged access review",
        status: "active",
        controlId: "ITGC-AC-03",
        controlOwnerName: "Priya Raman",
        startsAt: isoDaysFrom(now, -21),
        dueAt: isoDaysFrom(now, 9),
        closedAt: null,
        signedOffAt: null,
      }),
      assignments: [
        { reviewer: 0, count: 312, decided: 41 },
        { reviewer: 1, count: 64, decided: 60 },
        { reviewer: 9, count: 38, decided: 38 },
        { reviewer: 10, count: 27, decided: 12 },
        { reviewer: 11, count: 45, decided: 45 },
      ],
      systemKeys: ["netsuite-erp", "okta", "aws-prod", "workday", "salesforce", "snowflake"],
    },
    {
      campaign: campaign(2, {
        name: "Q4 2026 NetSuite ERP user access review",
        status: "active",
        controlId: "ITGC-AC-01",
        controlOwnerName: "Jonas Lindqvist",
        startsAt: isoDaysFrom(now, -33),
        dueAt: isoDaysFrom(now, -3),
        closedAt: null,
        signedOffAt: null,
      }),
      assignments: [
        { reviewer: 0, count: 18, decided: 6 },
        { reviewer: 12, count: 30, decided: 30 },
        { reviewer: 13, count: 22, decided: 9 },
        { reviewer: 14, count: 25, decided: 25 },
        { reviewer: 15, count: 16, decided: 4 },
        { reviewer: 16, count: 20, decided: 20 },
      ],
      systemKeys: ["netsuite-erp"],
    },
    {
      campaign: campaign(3, {
        name: "Non-human identity ownership review — Q4 2026",
        status: "active",
        controlId: "ITGC-AC-07",
        controlOwnerName: "Helen Marsh",
        startsAt: isoDaysFrom(now, -2),
        dueAt: isoDaysFrom(now, 26),
        closedAt: null,
        signedOffAt: null,
        justificationRequired: { approve: true, revoke: true },
      }),
      assignments: [
        { reviewer: 0, count: 6, decided: 0 },
        { reviewer: 1, count: 5, decided: 1 },
      ],
      systemKeys: ["aws-prod", "snowflake", "okta"],
      nonHumanOnly: true,
    },
    {
      campaign: campaign(4, {
        name: "Q3 2026 privileged access review",
        status: "signed_off",
        controlId: "ITGC-AC-03",
        controlOwnerName: "Priya Raman",
        startsAt: isoDaysFrom(now, -112),
        dueAt: isoDaysFrom(now, -82),
        closedAt: isoDaysFrom(now, -80),
        signedOffAt: isoDaysFrom(now, -76),
      }),
      assignments: [
        { reviewer: 0, count: 24, decided: 24 },
        { reviewer: 1, count: 40, decided: 40 },
        { reviewer: 9, count: 31, decided: 31 },
      ],
      systemKeys: ["netsuite-erp", "okta", "aws-prod"],
    },
    {
      campaign: campaign(5, {
        name: "Q3 2026 NetSuite ERP user access review",
        status: "closed",
        controlId: "ITGC-AC-01",
        controlOwnerName: "Jonas Lindqvist",
        startsAt: isoDaysFrom(now, -120),
        dueAt: isoDaysFrom(now, -90),
        closedAt: isoDaysFrom(now, -88),
        signedOffAt: null,
      }),
      assignments: [
        { reviewer: 12, count: 36, decided: 36 },
        { reviewer: 13, count: 29, decided: 29 },
      ],
      systemKeys: ["netsuite-erp"],
    },
    {
      campaign: campaign(6, {
        name: "Q1 2027 privileged access review",
        status: "scheduled",
        controlId: "ITGC-AC-03",
        controlOwnerName: "Priya Raman",
        startsAt: isoDaysFrom(now, 38),
        dueAt: isoDaysFrom(now, 68),
        closedAt: null,
        signedOffAt: null,
      }),
      assignments: [],
      systemKeys: [],
    },
  ];

  const items: ReviewItem[] = [];
  let itemIndex = 0;
  for (const plan of plans) {
    const candidateSystems = systems.filter((system) => plan.systemKeys.includes(system.key));
    for (const assignment of plan.assignments) {
      const reviewer = users[assignment.reviewer];
      if (!reviewer) continue;
      for (let n = 0; n < assignment.count; n++) {
        itemIndex++;
        const identity = plan.nonHumanOnly ? pick(random, nonHuman) : pick(random, people);
        const system = pick(random, candidateSystems);
        const entitlement = pick(random, system.entitlements);
        const decidedRoll = n < assignment.decided;
        const decision: Decision | null = decidedRoll
          ? random() < 0.8
            ? "approve"
            : random() < 0.7
              ? "revoke"
              : "exception"
          : null;
        const decidedAt = decision
          ? new Date(
              Math.min(
                new Date(plan.campaign.startsAt).getTime() + (1 + random() * 20) * dayMs,
                now.getTime() - 3_600_000,
              ),
            ).toISOString()
          : null;
        const grantedAt = isoDaysFrom(now, -Math.floor(40 + random() * 900));
        const lastUsedDaysAgo = random() < 0.12 ? null : Math.floor(random() * 200);
        const username =
          identity.email?.split("@")[0] ?? identity.displayName.toLowerCase().replace(/\s+/g, "-");
        const context: ReviewItemContext = {
          version: 1,
          identity: {
            externalId: identity.externalId,
            displayName: identity.displayName,
            kind: identity.kind,
            status: identity.status,
            email: identity.email,
            department: identity.department,
            title: identity.title,
            managerName: identity.managerName,
            terminatedOn: identity.terminatedOn,
          },
          nonHuman: identity.ownerName
            ? {
                ownerExternalId: "E2001",
                ownerName: identity.ownerName,
                ownerStatus: "active",
                lastRotatedAt: isoDaysFrom(now, -Math.floor(random() * 400)),
              }
            : null,
          account: {
            username,
            status: identity.status === "terminated" ? "disabled" : "active",
            lastLoginAt: lastUsedDaysAgo === null ? null : isoDaysFrom(now, -lastUsedDaysAgo),
          },
          system: {
            key: system.key,
            name: system.name,
            criticality: system.criticality,
            soxInScope: system.soxInScope,
          },
          entitlement: {
            key: entitlement.key,
            name: entitlement.name,
            description: null,
            privileged: entitlement.privileged,
            risk: entitlement.risk,
          },
          grant: {
            grantedAt,
            grantedBy: random() < 0.3 ? "system:provisioning" : "E1042",
            ticket:
              random() < 0.15 ? null : `${random() < 0.5 ? "CHG" : "REQ"}-${10000 + itemIndex}`,
            expiresAt: null,
            lastUsedAt: lastUsedDaysAgo === null ? null : isoDaysFrom(now, -lastUsedDaysAgo),
          },
        };
        items.push({
          id: mockId(3, itemIndex),
          campaignId: plan.campaign.id,
          reviewerId: reviewer.id,
          reviewerName: reviewer.displayName,
          decision,
          decidedAt,
          decidedByName: decision ? reviewer.displayName : null,
          justification:
            decision && (decision !== "approve" || random() < 0.3)
              ? pick(random, justifications[decision])
              : null,
          exceptionExpiresOn: decision === "exception" ? isoDaysFrom(now, 90).slice(0, 10) : null,
          version: decision ? 2 : 1,
          context,
        });
      }
    }
  }

  const inventory: InventorySummary = {
    snapshot: {
      id: mockId(4, 1),
      source: "Workday + Okta + NetSuite export (CSV)",
      importedBy: "user:00000000-0000-4000-8000-00000000a001",
      importedByName: "Sam Okoro",
      importedAt: isoDaysFrom(now, -2),
      rowCounts: { identities: 1243, systems: 14, entitlements: 212, accounts: 3108, grants: 7421 },
    },
    identitiesByKind: [
      { kind: "employee", active: 962, terminated: 41 },
      { kind: "contractor", active: 118, terminated: 23 },
      { kind: "third_party", active: 37, terminated: 6 },
      { kind: "service_account", active: 31, terminated: 0 },
      { kind: "api_key", active: 14, terminated: 0 },
      { kind: "workload", active: 8, terminated: 0 },
      { kind: "bot", active: 3, terminated: 0 },
    ],
    systems: 14,
    soxSystems: 9,
    entitlements: 212,
    privilegedEntitlements: 38,
    accounts: 3108,
    orphanAccounts: 17,
    grants: 7421,
    privilegedGrants: 604,
    scopeNotice: null,
  };

  const campaigns = plans.map((plan) => plan.campaign);
  const userIdByName = new Map(users.map((user) => [user.displayName, user.id]));
  const ledger = createMockLedger({
    now,
    users,
    campaigns: campaigns.map((campaign) => ({
      id: campaign.id,
      status: campaign.status,
      controlOwnerId: userIdByName.get(campaign.controlOwnerName) ?? null,
    })),
    decidedItems: items
      .filter((item) => item.decision !== null)
      .map(({ id, campaignId, reviewerId }) => ({ id, campaignId, reviewerId })),
    snapshotId: inventory.snapshot?.id ?? mockId(4, 1),
    snapshotImportedAt: inventory.snapshot?.importedAt ?? now.toISOString(),
    snapshotImporterId: userIdByName.get(inventory.snapshot?.importedBy ?? "") ?? null,
  });

  // Built on first use: a few thousand generated grants that only the inventory pages read.
  let inventoryData: MockInventory | null = null;
  const buildInventoryData = () =>
    createMockInventory({
      now,
      latestSnapshot: {
        id: inventory.snapshot?.id ?? mockId(4, 1),
        source: inventory.snapshot?.source ?? "sox-population",
        importedAt: inventory.snapshot?.importedAt ?? now.toISOString(),
      },
      people: users.flatMap((user) =>
        user.identityKey ? [{ displayName: user.displayName, identityKey: user.identityKey }] : [],
      ),
      importerIds: [userIdByName.get("Sam Okoro") ?? "", userIdByName.get("Ines Costa") ?? ""],
      importerNames: ["Sam Okoro", "Ines Costa"],
    });

  return {
    now,
    users,
    campaigns,
    campaignDefinitions: createMockCampaignDefinitions({ now, users }),
    items,
    inventory,
    get inventoryData() {
      inventoryData ??= buildInventoryData();
      return inventoryData;
    },
    ledger,
    scim: createMockScim({
      now,
      people: users.filter((user) => user.identityKey !== null),
      admin: {
        id: userIdByName.get("Sam Okoro") ?? "",
        displayName: "Sam Okoro",
      },
    }),
  };
}

/** campaigns.list / campaigns.get as the server computes them. */
export function summarizeCampaign(db: MockDatabase, campaign: MockCampaign): CampaignSummary {
  const items = db.items.filter((item) => item.campaignId === campaign.id);
  const decided = items.filter((item) => item.decision !== null);
  const pending = items.length - decided.length;
  const reviewers = new Set(items.map((item) => item.reviewerId));
  const reviewersWithPending = new Set(
    items.filter((item) => item.decision === null).map((item) => item.reviewerId),
  );
  const late = campaign.status === "active" && new Date(campaign.dueAt).getTime() < Date.now();
  const { justificationRequired: _ignored, ...fields } = campaign;
  return {
    ...fields,
    totalItems: items.length,
    decidedItems: decided.length,
    revokedItems: decided.filter((item) => item.decision === "revoke").length,
    exceptionItems: decided.filter((item) => item.decision === "exception").length,
    reviewers: reviewers.size,
    reviewersWithPending: reviewersWithPending.size,
    completionPercent: items.length === 0 ? 100 : Math.floor((decided.length / items.length) * 100),
    pendingItems: pending,
    overdueItems: late ? pending : 0,
    overdueReviewers: late ? reviewersWithPending.size : 0,
  };
}
