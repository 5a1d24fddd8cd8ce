import type { Role } from "../access/roles";
import { roles as roleOrder } from "../access/roles";
import type { Decision } from "../campaigns/campaign";
import { defaultEscalation, defaultReminders } from "../campaigns/campaign-definition";
import type { HumanIdentityKind } from "../inventory/identity-kinds";
import { humanIdentityKinds, nonHumanIdentityKinds } from "../inventory/identity-kinds";
import type {
  AccessLevel,
  AccessRule,
  DemoPersonKey,
  EntitlementSpec,
  PersonName,
  SystemSpec,
  VendorPlan,
} from "./demo-catalog";
import {
  auditorDomain,
  baselineAccess,
  ceo,
  companyDomain,
  contractorPlans,
  demoPeople,
  demoPersonGrants,
  departmentAccess,
  departmentPlans,
  executives,
  firstNames,
  fixedStaff,
  justifications,
  lastNames,
  managers,
  nhiOwnerDepartments,
  nhiSpecs,
  orphanSpecs,
  systemSpecs,
  teamAccess,
  vendorPlans,
} from "./demo-catalog";
import { demoNotificationHistory } from "./demo-notifications";
import type {
  DemoAccount,
  DemoAuditEngagement,
  DemoCampaign,
  DemoCampaignDefinition,
  DemoEntitlement,
  DemoGrant,
  DemoIdentity,
  DemoOrganisation,
  DemoReviewItem,
  DemoSystem,
  DemoUser,
} from "./demo-organisation";
import { SeededRandom } from "./seeded-random";

export interface GenerateDemoOrganisationOptions {
  seed: number;
  /** YYYY-MM-DD: the demo's "today"; every date is derived from it. */
  anchorDate: string;
}

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;
/** Grants older than the last systems migration are not in the inventory. */
const historyDays = 3 * 365;

export const demoEmails = {
  priya: emailFor(demoPeople.priya, companyDomain),
  marcus: emailFor(demoPeople.marcus, companyDomain),
  dana: emailFor(demoPeople.dana, companyDomain),
  sam: emailFor(demoPeople.sam, companyDomain),
  avery: emailFor(demoPeople.avery, auditorDomain),
} as const;

export const demoDefinitionKeys = {
  privileged: "privileged-access-quarterly",
  nonHuman: "non-human-identity-quarterly",
  financial: "financial-systems-user-access",
} as const;

/** The demo's "now" on its anchor date: everything in it happened at or before this time. */
const anchorHourUtc = 9;

/**
 * The anchor date for a demo loaded at `now`: the latest day whose 09:00 UTC has come, so that
 * nothing in the demo (a decision, a digest sent) lies in the future of whoever opens it.
 */
export function demoAnchorDateAt(now: Date): string {
  return isoDate(now.getTime() - anchorHourUtc * hourMs);
}

/**
 * A SOX-scope mid-size company ("Northwind") with people, systems, access and review
 * campaigns in every state, for demos, e2e tests and benchmarks. Pure and deterministic:
 * the same seed and anchor date give a deeply equal organisation.
 */
export function generateDemoOrganisation(
  options: GenerateDemoOrganisationOptions,
): DemoOrganisation {
  const clock = createClock(options.anchorDate);
  const random = new SeededRandom(options.seed);

  const org = buildPeople(random.fork("people"), clock);
  const nonHumans = buildNonHumanIdentities(random.fork("non-human"), clock, org);
  const { systems, entitlements } = buildSystems(org);
  const { accounts, grants } = buildAccess(
    random.fork("access"),
    clock,
    org,
    nonHumans,
    systems,
    entitlements,
  );
  recordLastSignIn(org.people, accounts);

  const identities = [
    ...org.people.map((person) => person.identity),
    ...nonHumans.map((nhi) => nhi.identity),
  ];
  const users = buildUsers(org, identities, systems, entitlements);
  const campaignDefinitions = buildCampaignDefinitions(systems);
  const campaigns = buildCampaigns(random.fork("campaigns"), clock, {
    identities,
    entitlements,
    accounts,
    grants,
    users,
    definitions: campaignDefinitions,
  });

  return {
    seed: options.seed,
    anchorDate: options.anchorDate,
    anchorAt: new Date(clock.anchorMs).toISOString(),
    identities,
    systems,
    entitlements,
    accounts,
    grants,
    users,
    campaignDefinitions,
    campaigns,
    auditEngagement: auditEngagementFor(options.anchorDate, campaigns),
  };
}

/**
 * The auditor's engagement covers the audit year ending on the anchor date, stretched back to
 * the earliest demo campaign, so every demo campaign is inside it and the bound is visible.
 */
function auditEngagementFor(
  anchorDate: string,
  campaigns: readonly DemoCampaign[],
): DemoAuditEngagement {
  const yearBefore = new Date(`${anchorDate}T00:00:00.000Z`);
  yearBefore.setUTCFullYear(yearBefore.getUTCFullYear() - 1);
  yearBefore.setUTCDate(yearBefore.getUTCDate() + 1);
  const earliest = campaigns.map((campaign) => campaign.startsAt.slice(0, 10)).sort()[0];
  const yearStart = yearBefore.toISOString().slice(0, 10);
  return {
    auditorEmail: demoEmails.avery,
    grantedByEmail: demoEmails.sam,
    name: `FY${anchorDate.slice(0, 4)} SOX 404 external audit`,
    periodStart: earliest && earliest < yearStart ? earliest : yearStart,
    periodEnd: anchorDate,
  };
}

// --- time -------------------------------------------------------------------------------

interface Clock {
  anchorMs: number;
  daysAgo(days: number): number;
}

function createClock(anchorDate: string): Clock {
  const anchorMs = Date.parse(`${anchorDate}T00:00:00.000Z`) + anchorHourUtc * hourMs;
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(anchorDate) ||
    Number.isNaN(anchorMs) ||
    isoDate(anchorMs) !== anchorDate
  ) {
    throw new RangeError(`anchorDate must be a calendar date as YYYY-MM-DD, got "${anchorDate}"`);
  }
  return { anchorMs, daysAgo: (days) => anchorMs - days * dayMs };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function isoDate(ms: number): string {
  return iso(ms).slice(0, 10);
}

/** A minute-aligned moment in [fromMs, toMs]; collapses to fromMs when the range is empty. */
function between(random: SeededRandom, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return fromMs;
  const minutes = Math.floor((toMs - fromMs) / minuteMs);
  return fromMs + random.int(0, minutes) * minuteMs;
}

function quarterLabel(ms: number): string {
  const date = new Date(ms);
  return `Q${Math.floor(date.getUTCMonth() / 3) + 1} ${date.getUTCFullYear()}`;
}

// --- people -------------------------------------------------------------------------------

interface Person {
  identity: DemoIdentity;
  name: PersonName;
  /** The ref of an executive or manager slot, for people who lead. */
  ref: string | null;
  /** The manager ref whose team this person works in (their own ref for managers). */
  teamRef: string | null;
  leads: boolean;
  vendor: VendorPlan | null;
  demo: DemoPersonKey | null;
  /** When the person joined; their first accounts date from then. */
  joinedMs: number;
  terminatedMs: number | null;
  contractEndMs: number | null;
  /** Grants this person always holds (system key, entitlement key), whatever the dice say. */
  mustHold: (readonly [string, string])[];
}

interface Organisation {
  people: Person[];
  byRef: Map<string, Person>;
  byId: Map<string, Person>;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z]/g, "");
}

function emailFor(name: PersonName, domain: string): string {
  return `${slug(name.first)}.${slug(name.last)}@${domain}`;
}

function displayNameOf(name: PersonName): string {
  return `${name.first} ${name.last}`;
}

/** Draws first/last combinations without repeats and never one of the demo people's names. */
class NameDrawer {
  private readonly used = new Set<string>(Object.values(demoPeople).map(displayNameOf));

  constructor(private readonly random: SeededRandom) {}

  next(): PersonName {
    for (;;) {
      const name = { first: this.random.pick(firstNames), last: this.random.pick(lastNames) };
      const display = displayNameOf(name);
      if (!this.used.has(display)) {
        this.used.add(display);
        return name;
      }
    }
  }
}

function buildPeople(random: SeededRandom, clock: Clock): Organisation {
  const names = new NameDrawer(random.fork("names"));
  const people: Person[] = [];
  const byRef = new Map<string, Person>();
  const byId = new Map<string, Person>();
  const counters = { employee: 1001, contractor: 2001, third_party: 3001 };
  const prefixes = { employee: "E", contractor: "C", third_party: "T" };

  const add = (spec: {
    kind: HumanIdentityKind;
    name: PersonName;
    domain: string;
    department: string;
    title: string;
    manager: Person | null;
    ref?: string;
    teamRef: string | null;
    vendor?: VendorPlan;
    demo?: DemoPersonKey;
  }): Person => {
    const externalId = `${prefixes[spec.kind]}${counters[spec.kind]}`;
    counters[spec.kind] += 1;
    // Most people joined before the inventory's history starts; a tenth are recent joiners.
    const joinedDaysAgo = random.chance(0.1) ? random.int(25, 150) : random.int(151, 2400);
    const person: Person = {
      identity: {
        externalId,
        kind: spec.kind,
        displayName: displayNameOf(spec.name),
        email: emailFor(spec.name, spec.domain),
        department: spec.department,
        title: spec.title,
        managerExternalId: spec.manager?.identity.externalId ?? null,
        ownerExternalId: null,
        status: "active",
        terminatedOn: null,
        lastRotatedAt: null,
        lastUsedAt: null,
      },
      name: spec.name,
      ref: spec.ref ?? null,
      teamRef: spec.teamRef,
      leads: spec.ref !== undefined,
      vendor: spec.vendor ?? null,
      demo: spec.demo ?? null,
      joinedMs: between(random, clock.daysAgo(joinedDaysAgo), clock.daysAgo(joinedDaysAgo - 1)),
      terminatedMs: null,
      contractEndMs: null,
      mustHold: spec.demo === undefined ? [] : (demoPersonGrants[spec.demo] ?? []),
    };
    people.push(person);
    byId.set(externalId, person);
    if (spec.ref !== undefined) byRef.set(spec.ref, person);
    return person;
  };
  const leader = (ref: string): Person => {
    const person = byRef.get(ref);
    if (person === undefined) throw new Error(`demo catalog: unknown manager ref "${ref}"`);
    return person;
  };

  const chief = add({
    kind: "employee",
    name: names.next(),
    domain: companyDomain,
    department: ceo.department,
    title: ceo.title,
    manager: null,
    ref: ceo.ref,
    teamRef: ceo.ref,
  });
  for (const executive of executives) {
    add({
      kind: "employee",
      name: names.next(),
      domain: companyDomain,
      department: executive.department,
      title: executive.title,
      manager: chief,
      ref: executive.ref,
      teamRef: executive.ref,
    });
  }
  for (const spec of managers) {
    add({
      kind: "employee",
      name: spec.demoPerson === undefined ? names.next() : demoPeople[spec.demoPerson],
      domain: companyDomain,
      department: spec.department,
      title: spec.title,
      manager: leader(spec.reportsTo),
      ref: spec.ref,
      teamRef: spec.ref,
      ...(spec.demoPerson === undefined ? {} : { demo: spec.demoPerson }),
    });
  }
  for (const spec of fixedStaff) {
    add({
      kind: "employee",
      name: demoPeople[spec.person],
      domain: companyDomain,
      department: spec.department,
      title: spec.title,
      manager: leader(spec.managerRef),
      teamRef: spec.managerRef,
      demo: spec.person,
    });
  }

  for (const plan of departmentPlans) {
    const teamLeads = managers.filter((spec) => (spec.team ?? spec.department) === plan.name);
    // Fixed-size teams first (Dana, Marcus, Priya), so the demo's team sizes never move.
    const slots = teamLeads.flatMap((spec) =>
      Array.from({ length: spec.fixedStaff ?? 0 }, () => spec),
    );
    const open = teamLeads.filter((spec) => spec.fixedStaff === undefined);
    while (slots.length < plan.staff) slots.push(random.pick(open.length > 0 ? open : teamLeads));
    for (const spec of slots) {
      add({
        kind: "employee",
        name: names.next(),
        domain: companyDomain,
        department: plan.name,
        title: random.pick(spec.staffTitles ?? plan.staffTitles),
        manager: leader(spec.ref),
        teamRef: spec.ref,
      });
    }
  }

  for (const plan of contractorPlans) {
    const teamLeads = managers.filter(
      (spec) => (spec.team ?? spec.department) === plan.department && spec.fixedStaff === undefined,
    );
    for (let index = 0; index < plan.count; index += 1) {
      const spec = random.pick(teamLeads);
      const person = add({
        kind: "contractor",
        name: names.next(),
        domain: companyDomain,
        department: plan.department,
        title: random.pick(plan.titles),
        manager: leader(spec.ref),
        teamRef: spec.ref,
      });
      if (random.chance(0.6))
        person.contractEndMs = between(random, clock.daysAgo(-240), clock.daysAgo(-15));
    }
  }

  for (const vendor of vendorPlans) {
    for (let index = 0; index < vendor.count; index += 1) {
      const managerRef = random.pick(vendor.managerRefs);
      const person = add({
        kind: "third_party",
        name: names.next(),
        domain: vendor.domain,
        department: vendor.department,
        title: `${random.pick(vendor.titles)} (${vendor.vendor})`,
        manager: leader(managerRef),
        teamRef: managerRef,
        vendor,
      });
      if (random.chance(0.6))
        person.contractEndMs = between(random, clock.daysAgo(-300), clock.daysAgo(-20));
    }
  }

  markLeavers(random.fork("leavers"), clock, people);
  return { people, byRef, byId };
}

/**
 * Leavers whose accounts were never cleaned up: exactly what a review should catch. Two come
 * from technical teams so that a non-human identity can be left with a departed owner, and
 * those and the finance leavers kept privileged access so they show up in the privileged review.
 */
function markLeavers(random: SeededRandom, clock: Clock, people: Person[]): void {
  const staff = people.filter((person) => !person.leads && person.demo === null);
  const pick = (count: number, accept: (person: Person) => boolean) =>
    random.shuffle(staff.filter(accept)).slice(0, count);
  const employeeIn = (departments: string[]) => (person: Person) =>
    person.identity.kind === "employee" && departments.includes(person.identity.department);
  const technical = pick(2, employeeIn(["Engineering", "IT", "Data"]));
  const finance = pick(2, employeeIn(["Finance", "Accounting"]));
  for (const person of technical) person.mustHold = [["aws-production", "power-user-access"]];
  for (const person of finance) person.mustHold = [["netsuite-erp", "ap-payment-release"]];
  const chosen = [
    ...technical,
    ...finance,
    ...pick(1, employeeIn(["Sales", "Operations"])),
    ...pick(1, (person) => person.identity.kind === "contractor"),
  ];
  for (const person of chosen) {
    const daysAgo = random.int(5, 60);
    person.terminatedMs = clock.daysAgo(daysAgo) + random.int(0, 8) * hourMs;
    person.identity.status = "terminated";
    person.identity.terminatedOn = isoDate(person.terminatedMs);
    // They had been around long enough to collect access worth reviewing.
    person.joinedMs = Math.min(person.joinedMs, clock.daysAgo(daysAgo + random.int(200, 900)));
  }
}

// --- non-human identities -------------------------------------------------------------------

interface NonHuman {
  identity: DemoIdentity;
  grants: (readonly [string, string])[];
  createdMs: number;
}

function buildNonHumanIdentities(
  random: SeededRandom,
  clock: Clock,
  org: Organisation,
): NonHuman[] {
  const eligible = org.people.filter(
    (person) =>
      person.identity.kind === "employee" &&
      person.demo === null &&
      nhiOwnerDepartments.includes(person.identity.department),
  );
  const active = eligible.filter((person) => person.identity.status === "active");
  const leavers = eligible.filter((person) => person.identity.status === "terminated");

  return nhiSpecs.map((spec, index) => {
    let candidates: Person[];
    if (spec.owner === "leaver") candidates = leavers;
    else if ("team" in spec.owner) {
      const team = spec.owner.team;
      candidates = active.filter((person) => person.teamRef === team);
    } else {
      const department = spec.owner.department;
      candidates = active.filter((person) => person.identity.department === department);
    }
    const owner = random.pick(candidates);
    const createdMs = between(random, clock.daysAgo(1000), clock.daysAgo(120));
    // API keys are the classic never-rotated credential; a share of everything is over a year old.
    const stale = spec.dormant === true || random.chance(spec.kind === "api_key" ? 0.45 : 0.2);
    const rotatedDaysAgo = stale ? random.int(370, 900) : random.int(3, 330);
    const rotatedMs = Math.max(
      createdMs,
      clock.daysAgo(rotatedDaysAgo) + random.int(0, 23) * hourMs,
    );
    let lastUsedMs: number | null = between(random, clock.daysAgo(2), clock.anchorMs - hourMs);
    if (spec.dormant === true) {
      lastUsedMs = random.chance(0.5) ? null : between(random, createdMs, clock.daysAgo(200));
    }
    return {
      identity: {
        externalId: `N${4001 + index}`,
        kind: spec.kind,
        displayName: spec.name,
        email: null,
        department: owner.identity.department,
        title: null,
        managerExternalId: null,
        ownerExternalId: owner.identity.externalId,
        status: "active",
        terminatedOn: null,
        lastRotatedAt: iso(rotatedMs),
        lastUsedAt: lastUsedMs === null ? null : iso(lastUsedMs),
      },
      grants: spec.grants,
      createdMs,
    };
  });
}

// --- systems and entitlements ----------------------------------------------------------------

function buildSystems(org: Organisation): {
  systems: DemoSystem[];
  entitlements: DemoEntitlement[];
} {
  const ownerId = (ref: string): string => {
    const person = org.byRef.get(ref);
    if (person === undefined) throw new Error(`demo catalog: unknown owner ref "${ref}"`);
    return person.identity.externalId;
  };
  const systems = systemSpecs.map(
    (spec): DemoSystem => ({
      key: spec.key,
      name: spec.name,
      description: spec.description,
      ownerExternalId: ownerId(spec.ownerRef),
      criticality: spec.criticality,
      soxInScope: spec.soxInScope,
    }),
  );
  const entitlements = systemSpecs.flatMap((spec) =>
    spec.entitlements.map(
      (entitlement): DemoEntitlement => ({
        systemKey: spec.key,
        key: entitlement.key,
        name: entitlement.name,
        description: entitlement.description,
        privileged: entitlement.privileged,
        risk: entitlement.risk,
        ownerExternalId: ownerId(entitlement.ownerRef ?? spec.ownerRef),
      }),
    ),
  );
  return { systems, entitlements };
}

// --- accounts and grants ---------------------------------------------------------------------

function accountKey(systemKey: string, username: string): string {
  return `${systemKey}|${username}`;
}

/** Per-system username registry: each system has its own naming habit and must stay unique. */
class Usernames {
  private readonly taken = new Map<string, Set<string>>();

  claim(systemKey: string, wanted: string): string {
    let names = this.taken.get(systemKey);
    if (names === undefined) {
      names = new Set();
      this.taken.set(systemKey, names);
    }
    let candidate = wanted;
    for (let suffix = 2; names.has(candidate); suffix += 1) {
      const at = wanted.indexOf("@");
      candidate =
        at < 0 ? `${wanted}${suffix}` : `${wanted.slice(0, at)}${suffix}${wanted.slice(at)}`;
    }
    names.add(candidate);
    return candidate;
  }
}

function usernameFor(person: Person, spec: SystemSpec): string {
  const first = slug(person.name.first);
  const last = slug(person.name.last);
  const external = person.identity.kind !== "employee";
  switch (spec.usernameStyle) {
    case "email":
      return person.identity.email ?? `${first}.${last}`;
    case "dotted":
      return `${first}.${last}`;
    case "initial":
      return `${external ? "x-" : ""}${first.charAt(0)}${last}`;
    case "underscore":
      return `${first}_${last}`;
    case "hyphen":
      return `${first}-${last}`;
  }
}

/** The systems a person tends to be on and the most they tend to hold there. */
function accessProfile(person: Person): Map<string, { probability: number; level: AccessLevel }> {
  const rules: AccessRule[] = [
    ...baselineAccess[person.identity.kind as HumanIdentityKind],
    ...(person.vendor === null
      ? (departmentAccess[person.identity.department] ?? [])
      : person.vendor.access),
    ...(person.teamRef === null ? [] : (teamAccess[person.teamRef] ?? [])),
    ...person.mustHold.map(([systemKey]) => [systemKey, 1, 1] as const),
  ];
  const profile = new Map<string, { probability: number; level: AccessLevel }>();
  for (const [systemKey, probability, level] of rules) {
    const current = profile.get(systemKey);
    profile.set(systemKey, {
      probability: Math.max(probability, current?.probability ?? 0),
      level: Math.max(level, current?.level ?? 1) as AccessLevel,
    });
  }
  return profile;
}

/**
 * Privileged entitlements are handed out more readily than their level alone would suggest:
 * that sprawl is what the privileged access review exists for.
 */
function grantProbability(
  entitlement: EntitlementSpec,
  person: Person,
  level: AccessLevel,
): number {
  if (
    entitlement.onlyFor !== undefined &&
    !entitlement.onlyFor.includes(person.identity.department)
  )
    return 0;
  const privileged = entitlement.privileged;
  switch (entitlement.audience) {
    case "all":
      return 1;
    case "member":
      return 0.3;
    case "power":
      return (privileged ? [0, 0.05, 0.2, 0.35] : [0, 0.03, 0.08, 0.18])[level] ?? 0;
    case "manager":
      if (person.leads) return privileged ? 0.65 : 0.4;
      return [0, 0.02, 0.08, 0.12][level] ?? 0;
    case "admin":
      return [0, 0, 0.06, 0.7][level] ?? 0;
    case "nhi":
      return 0;
  }
}

function ticketFor(random: SeededRandom, change: boolean): string | null {
  if (random.chance(0.08)) return null;
  return change ? `CHG-${random.int(3000, 6999)}` : `REQ-${random.int(10000, 24999)}`;
}

function buildAccess(
  random: SeededRandom,
  clock: Clock,
  org: Organisation,
  nonHumans: NonHuman[],
  systems: DemoSystem[],
  entitlements: DemoEntitlement[],
): { accounts: DemoAccount[]; grants: DemoGrant[] } {
  const accounts: DemoAccount[] = [];
  const grants: DemoGrant[] = [];
  const usernames = new Usernames();
  const systemOwner = new Map(systems.map((system) => [system.key, system.ownerExternalId]));
  const entitlementIndex = new Map(
    entitlements.map((entitlement) => [`${entitlement.systemKey}|${entitlement.key}`, entitlement]),
  );
  const historyStartMs = clock.daysAgo(historyDays);

  for (const person of org.people) {
    const profile = accessProfile(person);
    const forced = new Set(person.mustHold.map(([systemKey, key]) => `${systemKey}|${key}`));
    const endMs = person.terminatedMs ?? clock.anchorMs;
    for (const spec of systemSpecs) {
      const access = profile.get(spec.key);
      if (access === undefined || !random.chance(access.probability)) continue;
      const username = usernames.claim(spec.key, usernameFor(person, spec));
      // Core systems come on the first day; the rest are requested later in the person's tenure.
      const startMs = Math.max(person.joinedMs, historyStartMs);
      const createdMs =
        access.level === 1 && random.chance(0.6)
          ? between(random, startMs, startMs + 3 * dayMs)
          : between(random, startMs, startMs + (endMs - startMs) * 0.5);
      const { account, lastLoginMs } = humanAccount(
        random,
        clock,
        person,
        spec.key,
        username,
        createdMs,
      );
      accounts.push(account);

      for (const entitlement of spec.entitlements) {
        const isForced = forced.has(`${spec.key}|${entitlement.key}`);
        if (!isForced && !random.chance(grantProbability(entitlement, person, access.level)))
          continue;
        const birthright = entitlement.audience === "all";
        const grantedMs = birthright ? createdMs : between(random, createdMs, endMs - dayMs);
        grants.push({
          systemKey: spec.key,
          username,
          entitlementKey: entitlement.key,
          grantedAt: iso(grantedMs),
          grantedBy: grantedByFor(
            random,
            person,
            entitlement,
            birthright,
            systemOwner.get(spec.key) ?? null,
          ),
          ticket: ticketFor(random, entitlement.privileged && random.chance(0.4)),
          expiresAt: expiryFor(random, clock, person, entitlement),
          lastUsedAt: grantLastUsed(random, clock, lastLoginMs, grantedMs, birthright),
        });
      }
    }
  }

  for (const nhi of nonHumans) {
    const nhiAccounts = new Map<string, DemoAccount>();
    for (const [systemKey, entitlementKey] of nhi.grants) {
      const spec = systemSpecs.find((candidate) => candidate.key === systemKey);
      if (spec === undefined || !entitlementIndex.has(`${systemKey}|${entitlementKey}`)) {
        throw new Error(
          `demo catalog: ${nhi.identity.displayName} has an unknown grant ${systemKey}/${entitlementKey}`,
        );
      }
      const wanted =
        spec.usernameStyle === "underscore"
          ? nhi.identity.displayName.replaceAll("-", "_")
          : nhi.identity.displayName;
      let account = nhiAccounts.get(systemKey);
      if (account === undefined) {
        account = {
          systemKey,
          username: usernames.claim(systemKey, wanted),
          identityExternalId: nhi.identity.externalId,
          status: "active",
          lastLoginAt: nhi.identity.lastUsedAt,
        };
        accounts.push(account);
        nhiAccounts.set(systemKey, account);
      }
      const grantedMs = between(random, nhi.createdMs, nhi.createdMs + 20 * dayMs);
      const owner = nhi.identity.ownerExternalId;
      grants.push({
        systemKey,
        username: account.username,
        entitlementKey,
        grantedAt: iso(grantedMs),
        grantedBy: owner !== null && random.chance(0.6) ? owner : "system:provisioning",
        ticket: ticketFor(random, true),
        expiresAt: null,
        lastUsedAt: nhi.identity.lastUsedAt,
      });
    }
  }

  for (const orphan of orphanSpecs) {
    const createdMs = between(random, historyStartMs, clock.daysAgo(400));
    const lastLoginMs = random.chance(0.3)
      ? null
      : between(random, createdMs, clock.daysAgo(random.chance(0.5) ? 3 : 120));
    const username = usernames.claim(orphan.systemKey, orphan.username);
    accounts.push({
      systemKey: orphan.systemKey,
      username,
      identityExternalId: null,
      status: "active",
      lastLoginAt: lastLoginMs === null ? null : iso(lastLoginMs),
    });
    for (const entitlementKey of orphan.entitlements) {
      if (!entitlementIndex.has(`${orphan.systemKey}|${entitlementKey}`)) {
        throw new Error(
          `demo catalog: orphan ${username} has an unknown entitlement ${entitlementKey}`,
        );
      }
      grants.push({
        systemKey: orphan.systemKey,
        username,
        entitlementKey,
        grantedAt: iso(createdMs),
        grantedBy: "system:provisioning",
        ticket: random.chance(0.7) ? null : ticketFor(random, false),
        expiresAt: null,
        lastUsedAt: lastLoginMs === null ? null : iso(lastLoginMs),
      });
    }
  }

  return { accounts, grants };
}

function humanAccount(
  random: SeededRandom,
  clock: Clock,
  person: Person,
  systemKey: string,
  username: string,
  createdMs: number,
): { account: DemoAccount; lastLoginMs: number | null } {
  let status: DemoAccount["status"] = "active";
  let lastMs: number | null;
  if (person.terminatedMs !== null) {
    // Still enabled after the leaver's last day, except where the IdP was switched off.
    lastMs = between(
      random,
      Math.max(createdMs, person.terminatedMs - 20 * dayMs),
      person.terminatedMs,
    );
    if (systemKey === "okta" && random.chance(0.5)) status = "disabled";
  } else if (random.chance(0.02)) {
    status = "disabled";
    lastMs =
      random.chance(0.5) || createdMs > clock.daysAgo(100)
        ? null
        : between(random, createdMs, clock.daysAgo(100));
  } else {
    const roll = random.next();
    if (roll < 0.06) lastMs = null;
    else if (roll < 0.22 && createdMs < clock.daysAgo(91))
      lastMs = between(random, createdMs, clock.daysAgo(91));
    else lastMs = between(random, Math.max(createdMs, clock.daysAgo(14)), clock.anchorMs - hourMs);
  }
  const account: DemoAccount = {
    systemKey,
    username,
    identityExternalId: person.identity.externalId,
    status,
    lastLoginAt: lastMs === null ? null : iso(lastMs),
  };
  return { account, lastLoginMs: lastMs };
}

function grantedByFor(
  random: SeededRandom,
  person: Person,
  entitlement: EntitlementSpec,
  birthright: boolean,
  systemOwnerId: string | null,
): string {
  if (birthright) return "system:provisioning";
  const managerId = person.identity.managerExternalId;
  const self = person.identity.externalId;
  const preferOwner = entitlement.privileged ? random.chance(0.5) : random.chance(0.15);
  const choices = preferOwner ? [systemOwnerId, managerId] : [managerId, systemOwnerId];
  if (!entitlement.privileged && random.chance(0.2)) return "system:provisioning";
  return choices.find((id): id is string => id !== null && id !== self) ?? "system:provisioning";
}

function expiryFor(
  random: SeededRandom,
  clock: Clock,
  person: Person,
  entitlement: EntitlementSpec,
): string | null {
  if (person.contractEndMs !== null && entitlement.audience !== "all")
    return iso(person.contractEndMs);
  if (entitlement.privileged && person.identity.kind === "employee" && random.chance(0.04)) {
    return iso(between(random, clock.daysAgo(-45), clock.daysAgo(-3)));
  }
  return null;
}

function grantLastUsed(
  random: SeededRandom,
  clock: Clock,
  lastLoginMs: number | null,
  grantedMs: number,
  birthright: boolean,
): string | null {
  if (lastLoginMs === null || grantedMs > lastLoginMs) return null;
  if (birthright) return iso(lastLoginMs);
  const roll = random.next();
  if (roll < 0.12) return null;
  const staleEndMs = Math.min(lastLoginMs, clock.daysAgo(91));
  if (roll < 0.32 && grantedMs < staleEndMs) return iso(between(random, grantedMs, staleEndMs));
  return iso(between(random, Math.max(grantedMs, lastLoginMs - 30 * dayMs), lastLoginMs));
}

function recordLastSignIn(people: Person[], accounts: DemoAccount[]): void {
  const latest = new Map<string, string>();
  for (const account of accounts) {
    if (account.identityExternalId === null || account.lastLoginAt === null) continue;
    const current = latest.get(account.identityExternalId);
    if (current === undefined || account.lastLoginAt > current)
      latest.set(account.identityExternalId, account.lastLoginAt);
  }
  for (const person of people)
    person.identity.lastUsedAt = latest.get(person.identity.externalId) ?? null;
}

// --- users ------------------------------------------------------------------------------------

/**
 * Everyone who is accountable for something reviews it: managers, system and entitlement
 * owners, non-human identity owners. Leavers never get a sign-in.
 */
function buildUsers(
  org: Organisation,
  identities: DemoIdentity[],
  systems: DemoSystem[],
  entitlements: DemoEntitlement[],
): DemoUser[] {
  const roles = new Map<string, Set<Role>>();
  const grant = (externalId: string | null, role: Role) => {
    if (externalId === null) return;
    const set = roles.get(externalId) ?? new Set<Role>();
    set.add(role);
    roles.set(externalId, set);
  };
  for (const identity of identities) {
    grant(identity.managerExternalId, "reviewer");
    grant(identity.ownerExternalId, "reviewer");
  }
  for (const system of systems) grant(system.ownerExternalId, "reviewer");
  for (const entitlement of entitlements) grant(entitlement.ownerExternalId, "reviewer");
  const demoRoles: Partial<Record<DemoPersonKey, Role[]>> = {
    priya: ["control_owner"],
    marcus: ["control_owner", "reviewer"],
    sam: ["admin"],
    dana: ["reviewer"],
  };
  for (const person of org.people) {
    for (const role of person.demo === null ? [] : (demoRoles[person.demo] ?? []))
      grant(person.identity.externalId, role);
  }

  const users: DemoUser[] = [];
  for (const person of org.people) {
    const set = roles.get(person.identity.externalId);
    if (set === undefined || person.identity.status !== "active" || person.identity.email === null)
      continue;
    users.push({
      email: person.identity.email,
      displayName: person.identity.displayName,
      identityExternalId: person.identity.externalId,
      roles: roleOrder.filter((role) => set.has(role)),
    });
  }
  users.push({
    email: demoEmails.avery,
    displayName: displayNameOf(demoPeople.avery),
    identityExternalId: null,
    roles: ["auditor"],
  });
  return users;
}

// --- campaigns ---------------------------------------------------------------------------------

function buildCampaignDefinitions(systems: DemoSystem[]): DemoCampaignDefinition[] {
  const soxSystems = systems.filter((system) => system.soxInScope).map((system) => system.key);
  const financialSystems = systemSpecs.filter((spec) => spec.financial).map((spec) => spec.key);
  return [
    {
      key: demoDefinitionKeys.privileged,
      name: "Quarterly privileged access review",
      description:
        "Managers confirm every privileged entitlement their people hold on SOX in-scope systems. Supports ITGC-AC-03.",
      controlId: "ITGC-AC-03",
      controlOwnerEmail: demoEmails.priya,
      scope: {
        systemKeys: soxSystems,
        privilegedOnly: true,
        identityKinds: [...humanIdentityKinds],
      },
      reviewerStrategy: "manager",
      fallbackReviewerEmail: demoEmails.marcus,
      durationDays: 21,
      undecidedRule: "not_reviewed",
      justificationRequired: { approve: false, revoke: true },
      reminders: defaultReminders,
      escalation: defaultEscalation,
      recurrence: "0 9 * 1,4,7,10 MON#1",
    },
    {
      key: demoDefinitionKeys.nonHuman,
      name: "Quarterly non-human identity review",
      description:
        "Owners confirm each service account, API key, workload identity and bot still needs its access. Supports ITGC-AC-05.",
      controlId: "ITGC-AC-05",
      controlOwnerEmail: demoEmails.priya,
      scope: { identityKinds: [...nonHumanIdentityKinds] },
      reviewerStrategy: "identity_owner",
      fallbackReviewerEmail: demoEmails.priya,
      durationDays: 27,
      undecidedRule: "not_reviewed",
      justificationRequired: { approve: true, revoke: true },
      reminders: defaultReminders,
      escalation: defaultEscalation,
      recurrence: "0 9 * 1,4,7,10 MON#3",
    },
    {
      key: demoDefinitionKeys.financial,
      name: "Financial systems user access review",
      description:
        "Managers confirm all access to the ERP, ledger, payroll, consolidation, treasury, billing and procurement systems. Supports ITGC-AC-04.",
      controlId: "ITGC-AC-04",
      controlOwnerEmail: demoEmails.marcus,
      scope: { systemKeys: financialSystems },
      reviewerStrategy: "manager",
      fallbackReviewerEmail: demoEmails.priya,
      durationDays: 30,
      undecidedRule: "not_reviewed",
      justificationRequired: { approve: false, revoke: true },
      reminders: defaultReminders,
      escalation: defaultEscalation,
      recurrence: "0 9 * 1,4,7,10 MON#2",
    },
  ];
}

interface CampaignInputs {
  identities: DemoIdentity[];
  entitlements: DemoEntitlement[];
  accounts: DemoAccount[];
  grants: DemoGrant[];
  users: DemoUser[];
  definitions: DemoCampaignDefinition[];
}

interface Subject {
  grant: DemoGrant;
  identity: DemoIdentity;
  reviewerEmail: string;
}

/** What an item's reviewer decides; null leaves it pending. */
type DecisionPlan = (
  subject: Subject,
) => { decision: Decision; justification: string | null } | null;

function buildCampaigns(
  random: SeededRandom,
  clock: Clock,
  inputs: CampaignInputs,
): DemoCampaign[] {
  const identityById = new Map(
    inputs.identities.map((identity) => [identity.externalId, identity]),
  );
  const accountByKey = new Map(
    inputs.accounts.map((account) => [accountKey(account.systemKey, account.username), account]),
  );
  const entitlementByKey = new Map(
    inputs.entitlements.map((entitlement) => [
      `${entitlement.systemKey}|${entitlement.key}`,
      entitlement,
    ]),
  );
  const userByIdentity = new Map(
    inputs.users.flatMap((user) =>
      user.identityExternalId === null ? [] : [[user.identityExternalId, user] as const],
    ),
  );
  const userByEmail = new Map(inputs.users.map((user) => [user.email, user]));
  const definition = (key: string): DemoCampaignDefinition => {
    const found = inputs.definitions.find((candidate) => candidate.key === key);
    if (found === undefined) throw new Error(`unknown campaign definition ${key}`);
    return found;
  };

  // Separation of duties: nobody reviews their own access, and only signed-in reviewers get work.
  const reviewerFor = (subject: DemoIdentity, def: DemoCampaignDefinition): string => {
    const candidateId =
      def.reviewerStrategy === "identity_owner"
        ? subject.ownerExternalId
        : subject.managerExternalId;
    const candidate = candidateId === null ? undefined : userByIdentity.get(candidateId);
    if (
      candidate !== undefined &&
      candidate.identityExternalId !== subject.externalId &&
      candidate.roles.includes("reviewer") &&
      identityById.get(candidateId ?? "")?.status === "active"
    ) {
      return candidate.email;
    }
    const fallback = userByEmail.get(def.fallbackReviewerEmail);
    if (fallback !== undefined && fallback.identityExternalId !== subject.externalId)
      return fallback.email;
    return def.fallbackReviewerEmail === demoEmails.marcus ? demoEmails.priya : demoEmails.marcus;
  };

  // Resolve each grant's entitlement and holder once; the campaigns below only filter.
  // Orphans have no manager or owner to ask: they surface in inventory, not in these campaigns.
  const held = inputs.grants.flatMap((grant) => {
    const account = accountByKey.get(accountKey(grant.systemKey, grant.username));
    const identityId = account?.identityExternalId ?? null;
    const identity = identityId === null ? undefined : identityById.get(identityId);
    if (identity === undefined) return [];
    const privileged = entitlementByKey.get(
      `${grant.systemKey}|${grant.entitlementKey}`,
    )?.privileged;
    return [{ grant, identity, privileged: privileged === true }];
  });

  // ISO timestamps in UTC compare correctly as strings, so no date parsing per grant.
  const subjectsFor = (def: DemoCampaignDefinition, startsMs: number): Subject[] => {
    const startsAt = iso(startsMs);
    const systemKeys = def.scope.systemKeys === undefined ? null : new Set(def.scope.systemKeys);
    const kinds = def.scope.identityKinds === undefined ? null : new Set(def.scope.identityKinds);
    const subjects: Subject[] = [];
    for (const { grant, identity, privileged } of held) {
      if (grant.grantedAt >= startsAt) continue;
      if (systemKeys !== null && !systemKeys.has(grant.systemKey)) continue;
      if (def.scope.privilegedOnly === true && !privileged) continue;
      if (kinds !== null && !kinds.has(identity.kind)) continue;
      subjects.push({ grant, identity, reviewerEmail: reviewerFor(identity, def) });
    }
    return subjects;
  };

  const privileged = definition(demoDefinitionKeys.privileged);
  const nonHuman = definition(demoDefinitionKeys.nonHuman);

  // The escalation's manager, found as the notifier finds them: the user whose identity manages
  // the reviewer's identity.
  const managerOf = (reviewerEmail: string): string | null => {
    const identityId = userByEmail.get(reviewerEmail)?.identityExternalId ?? null;
    const managerId = identityId === null ? null : identityById.get(identityId)?.managerExternalId;
    return (managerId && userByIdentity.get(managerId)?.email) || null;
  };
  // An active campaign has been mailing its reviewers since it started: its past digests.
  const notificationsSent = (
    def: DemoCampaignDefinition,
    startsMs: number,
    dueMs: number,
    items: DemoReviewItem[],
  ) =>
    demoNotificationHistory({
      startsAt: iso(startsMs),
      dueAt: iso(dueMs),
      reminders: def.reminders,
      escalation: def.escalation,
      items,
      controlOwnerEmail: def.controlOwnerEmail,
      managerOf,
      until: clock.anchorMs,
    });

  // Last quarter's run: finished, every item decided, signed off by the control owner.
  const pastStartMs = clock.daysAgo(100);
  const pastDueMs = pastStartMs + privileged.durationDays * dayMs;
  const pastSubjects = subjectsFor(privileged, pastStartMs);
  const pastRandom = random.fork("past");
  const pastItems = decideItems(pastRandom, pastSubjects, pastStartMs, pastDueMs - hourMs, () => {
    const decision = pastRandom.weighted<Decision>([
      ["approve", 89],
      ["revoke", 8],
      ["exception", 3],
    ]);
    return { decision, justification: justificationFor(pastRandom, decision, false) };
  });
  const closedMs = pastDueMs + dayMs;
  const signedOffMs = closedMs + 3 * dayMs + 5 * hourMs;
  const past: DemoCampaign = {
    definitionKey: privileged.key,
    name: `${quarterLabel(pastStartMs)} privileged access review`,
    status: "signed_off",
    startsAt: iso(pastStartMs),
    dueAt: iso(pastDueMs),
    closedAt: iso(closedMs),
    signedOffAt: iso(signedOffMs),
    signedOffByEmail: privileged.controlOwnerEmail,
    signOffStatement: signOffStatement(pastItems),
    items: pastItems,
    notifications: [],
  };

  // This quarter's run: in progress, reviewers at different stages; Dana is part-way through.
  const currentStartMs = clock.daysAgo(12);
  const currentSubjects = subjectsFor(privileged, currentStartMs);
  const currentRandom = random.fork("current");
  const pace = reviewerPace(currentRandom, currentSubjects, [0, 0.2, 0.35, 0.5, 0.65, 0.8]);
  const currentItems = decideItems(
    currentRandom,
    currentSubjects,
    currentStartMs,
    clock.anchorMs - hourMs,
    (subject) => {
      if (!pace.decides(subject.reviewerEmail)) return null;
      // A leaver's access is never waved through.
      if (subject.identity.status === "terminated") {
        return {
          decision: "revoke",
          justification: `Left the company on ${subject.identity.terminatedOn}; access should have been removed at termination.`,
        };
      }
      const decision = currentRandom.weighted<Decision>([
        ["approve", 80],
        ["revoke", 13],
        ["exception", 7],
      ]);
      return { decision, justification: justificationFor(currentRandom, decision, false) };
    },
  );
  const currentDueMs = clock.daysAgo(-9);
  const current: DemoCampaign = {
    definitionKey: privileged.key,
    name: `${quarterLabel(currentStartMs)} privileged access review`,
    status: "active",
    startsAt: iso(currentStartMs),
    dueAt: iso(currentDueMs),
    closedAt: null,
    signedOffAt: null,
    signedOffByEmail: null,
    signOffStatement: null,
    items: currentItems,
    notifications: notificationsSent(privileged, currentStartMs, currentDueMs, currentItems),
  };

  // The non-human run is past due with work left: the overdue-chasing story.
  const nhiStartMs = clock.daysAgo(30);
  const nhiSubjects = subjectsFor(nonHuman, nhiStartMs);
  const nhiRandom = random.fork("non-human");
  const staleBefore = iso(clock.daysAgo(90));
  const nhiPace = reviewerPace(nhiRandom, nhiSubjects, [0.3, 0.55, 0.8, 0.95]);
  const nhiItems = decideItems(
    nhiRandom,
    nhiSubjects,
    nhiStartMs,
    clock.anchorMs - hourMs,
    (subject) => {
      if (!nhiPace.decides(subject.reviewerEmail)) return null;
      // Owners of an identity nobody has used in months let it go.
      const unused = subject.grant.lastUsedAt === null || subject.grant.lastUsedAt < staleBefore;
      const decision = unused
        ? "revoke"
        : nhiRandom.weighted<Decision>([
            ["approve", 75],
            ["revoke", 15],
            ["exception", 10],
          ]);
      return { decision, justification: justificationFor(nhiRandom, decision, true) };
    },
  );
  const nhiDueMs = clock.daysAgo(3);
  const nhi: DemoCampaign = {
    definitionKey: nonHuman.key,
    name: `${quarterLabel(nhiStartMs)} non-human identity review`,
    status: "active",
    startsAt: iso(nhiStartMs),
    dueAt: iso(nhiDueMs),
    closedAt: null,
    signedOffAt: null,
    signedOffByEmail: null,
    signOffStatement: null,
    items: nhiItems,
    notifications: notificationsSent(nonHuman, nhiStartMs, nhiDueMs, nhiItems),
  };

  return [past, current, nhi];
}

/**
 * How far each reviewer has got: a completion share per reviewer, so some queues are done,
 * some untouched. Dana, the featured reviewer, is always about a third of the way through.
 */
function reviewerPace(random: SeededRandom, subjects: Subject[], shares: number[]) {
  const totals = new Map<string, number>();
  for (const subject of subjects)
    totals.set(subject.reviewerEmail, (totals.get(subject.reviewerEmail) ?? 0) + 1);
  const decidedCount = new Map<string, number>();
  for (const [email, total] of totals) {
    const share = email === demoEmails.dana ? 0.35 : random.pick(shares);
    // Rounded at random so that small queues average out to the intended share.
    decidedCount.set(email, Math.floor(total * share + random.next()));
  }
  const seen = new Map<string, number>();
  return {
    /** Called once per item in order: the first n of a reviewer's items are decided. */
    decides(email: string): boolean {
      const position = seen.get(email) ?? 0;
      seen.set(email, position + 1);
      return position < (decidedCount.get(email) ?? 0);
    },
  };
}

function decideItems(
  random: SeededRandom,
  subjects: Subject[],
  fromMs: number,
  toMs: number,
  plan: DecisionPlan,
): DemoReviewItem[] {
  return subjects.map((subject): DemoReviewItem => {
    const outcome = plan(subject);
    const base = {
      systemKey: subject.grant.systemKey,
      username: subject.grant.username,
      entitlementKey: subject.grant.entitlementKey,
      reviewerEmail: subject.reviewerEmail,
    };
    if (outcome === null) {
      return {
        ...base,
        decision: null,
        decidedAt: null,
        justification: null,
        exceptionExpiresOn: null,
      };
    }
    const decidedMs = between(random, fromMs + hourMs, toMs);
    return {
      ...base,
      decision: outcome.decision,
      decidedAt: iso(decidedMs),
      justification: outcome.justification,
      exceptionExpiresOn:
        outcome.decision === "exception" ? isoDate(decidedMs + random.int(30, 90) * dayMs) : null,
    };
  });
}

function justificationFor(
  random: SeededRandom,
  decision: Decision,
  nonHuman: boolean,
): string | null {
  switch (decision) {
    case "approve":
      if (nonHuman) return random.pick(justifications.nhiApprove);
      return random.chance(0.1) ? random.pick(justifications.approve) : null;
    case "revoke":
      return random.pick(nonHuman ? justifications.nhiRevoke : justifications.revoke);
    case "exception":
      return random.pick(nonHuman ? justifications.nhiException : justifications.exception);
  }
}

function signOffStatement(items: DemoReviewItem[]): string {
  const count = (decision: Decision) => items.filter((item) => item.decision === decision).length;
  return (
    `I confirm that all ${items.length} privileged entitlements in scope were reviewed by the assigned reviewers; ` +
    `${count("revoke")} revocations were sent for remediation and ${count("exception")} time-bound exceptions ` +
    "were approved with compensating controls."
  );
}
