import { randomUUID } from "node:crypto";
import type { Database } from "@attest/db/database";
import { lockEvidenceChain } from "@attest/db/repositories/evidence-events";
import {
  insertAccounts,
  insertEntitlements,
  insertGrants,
  insertIdentities,
  insertSnapshot,
  insertSystems,
  type NewAccount,
  type NewEntitlement,
  type NewGrant,
  type NewIdentity,
  type NewSystem,
} from "@attest/db/repositories/inventory";
import {
  findScimDirectory,
  type ScimDirectoryRecord,
} from "@attest/db/repositories/scim-directories";
import {
  readScimDirectoryContents,
  type ScimUserRecord,
} from "@attest/db/repositories/scim-resources";
import { completeSnapshot } from "@attest/db/repositories/snapshots";
import type { IdentityKind } from "@attest/domain/inventory/identity-kinds";
import { AppError } from "../../app-error";
import { appendEvidence, type EvidenceActor, formatActor } from "../evidence/append-evidence";
import { scimActor, scimSnapshotSource } from "./scim-caller";
import { primaryEmail } from "./scim-user-resource";

export interface SnapshotScimDirectoryOptions {
  directoryId: string;
  importedBy: EvidenceActor;
  now: () => Date;
}

export interface ScimSnapshot {
  snapshotId: string;
  source: string;
  rowCounts: Record<"identities" | "systems" | "entitlements" | "accounts" | "grants", number>;
  /** The snapshot holds exactly the changes recorded up to this ledger event. */
  ledgerSeq: number;
}

// SCIM's userType is free text; the usual values map, anything else is an employee.
const kindsByUserType: Record<string, IdentityKind> = {
  employee: "employee",
  contractor: "contractor",
  external: "third_party",
  vendor: "third_party",
  partner: "third_party",
};

function identityKind(userType: string | null): IdentityKind {
  return kindsByUserType[userType?.trim().toLowerCase() ?? ""] ?? "employee";
}

/** The manager a user names: by SCIM id (Entra ID), else userName or externalId (Okta mappings). */
function managerResolver(users: readonly ScimUserRecord[]) {
  const byId = new Map(users.map((user) => [user.id, user]));
  const byUserName = new Map(users.map((user) => [user.userName.toLowerCase(), user]));
  const byExternalId = new Map(
    users.filter((user) => user.externalId).map((user) => [user.externalId as string, user]),
  );
  return (value: string | null) =>
    value === null
      ? undefined
      : (byId.get(value) ?? byUserName.get(value.toLowerCase()) ?? byExternalId.get(value));
}

/**
 * Freezes a SCIM directory as an inventory snapshot (source "scim:<name>"): each user an identity
 * (external id = userName) with an account on the IdP's system, each group an entitlement on it,
 * each membership a grant. The snapshot and its snapshot.imported event commit together.
 */
export async function snapshotScimDirectory(
  db: Database,
  { directoryId, importedBy, now }: SnapshotScimDirectoryOptions,
): Promise<ScimSnapshot> {
  return db.transaction(async (tx) => {
    // Every SCIM change commits with its evidence event under this lock, so once it is held
    // the reads below see exactly the changes up to the head event, and none can land halfway.
    const head = await lockEvidenceChain(tx);
    const directory = await findScimDirectory(tx, directoryId);
    if (!directory) {
      throw new AppError("not_found", "No SCIM directory with that id.", { field: "directoryId" });
    }
    const snapshotId = randomUUID();
    const population = buildPopulation(
      directory,
      snapshotId,
      await readScimDirectoryContents(tx, directoryId),
    );
    const source = scimSnapshotSource(directory.name);
    const rowCounts = {
      identities: population.identities.length,
      systems: 1,
      entitlements: population.entitlements.length,
      accounts: population.accounts.length,
      grants: population.grants.length,
    };
    const parameters = {
      directoryId: directory.id,
      directoryName: directory.name,
      systemKey: directory.systemKey,
      ledgerSeq: head.seq,
      rolledUpAt: now().toISOString(),
    };
    await insertSnapshot(tx, {
      id: snapshotId,
      source,
      importedBy: formatActor(importedBy),
      rowCounts,
      fileHashes: {},
      parameters,
    });
    await insertIdentities(tx, population.identities);
    await insertSystems(tx, [population.system]);
    await insertEntitlements(tx, population.entitlements);
    await insertAccounts(tx, population.accounts);
    await insertGrants(tx, population.grants);
    await completeSnapshot(tx, snapshotId);
    await appendEvidence(tx, {
      action: "snapshot.imported",
      actor: importedBy,
      subjectIds: [snapshotId, directory.id],
      payload: { snapshotId, source, rowCounts, fileHashes: {}, parameters },
    });
    return { snapshotId, source, rowCounts, ledgerSeq: head.seq };
  });
}

function buildPopulation(
  directory: ScimDirectoryRecord,
  snapshotId: string,
  contents: Awaited<ReturnType<typeof readScimDirectoryContents>>,
) {
  const { users, groups, memberships } = contents;
  const identityIds = new Map(users.map((user) => [user.id, randomUUID()]));
  const accountIds = new Map(users.map((user) => [user.id, randomUUID()]));
  const entitlementIds = new Map(groups.map((group) => [group.id, randomUUID()]));
  const managerOf = managerResolver(users);
  const grantedBy = formatActor(scimActor(directory.name));

  const identities: NewIdentity[] = users.map((user) => {
    const manager = managerOf(user.managerValue);
    const fullName = [user.givenName, user.familyName].filter(Boolean).join(" ");
    return {
      id: identityIds.get(user.id) as string,
      snapshotId,
      externalId: user.userName,
      kind: identityKind(user.userType),
      displayName: user.displayName ?? (fullName || user.userName),
      email: primaryEmail(user.emails),
      department: user.department,
      title: user.title,
      managerId: manager && manager.id !== user.id ? (identityIds.get(manager.id) ?? null) : null,
      ownerId: null,
      status: user.active ? "active" : "terminated",
      terminatedOn: user.active ? null : (user.deactivatedAt ?? user.updatedAt).slice(0, 10),
      lastRotatedAt: null,
      lastUsedAt: null,
    };
  });
  // An IdP decides who reaches the applications behind it, so it counts as critical and in
  // SOX scope; an administrator can still scope campaigns to leave it out.
  const system: NewSystem = {
    id: randomUUID(),
    snapshotId,
    key: directory.systemKey,
    name: directory.systemName,
    description: `Provisioned over SCIM by directory "${directory.name}"`,
    ownerId: null,
    criticality: "critical",
    soxInScope: true,
  };
  const accounts: NewAccount[] = users.map((user) => ({
    id: accountIds.get(user.id) as string,
    snapshotId,
    systemId: system.id,
    identityId: identityIds.get(user.id) as string,
    username: user.userName,
    status: user.active ? "active" : "disabled",
    lastLoginAt: null,
  }));
  // The group's SCIM id is the entitlement key: it survives renames, so campaigns and
  // remediation checks recognise the same group across snapshots.
  const entitlements: NewEntitlement[] = groups.map((group) => ({
    id: entitlementIds.get(group.id) as string,
    snapshotId,
    systemId: system.id,
    key: group.id,
    name: group.displayName,
    description: group.externalId ? `IdP group ${group.externalId}` : null,
    privileged: false,
    risk: "low",
    ownerId: null,
  }));
  const grants: NewGrant[] = memberships.map((membership) => ({
    id: randomUUID(),
    snapshotId,
    accountId: accountIds.get(membership.userId) as string,
    entitlementId: entitlementIds.get(membership.groupId) as string,
    grantedAt: membership.addedAt,
    grantedBy,
    ticket: null,
    expiresAt: null,
    lastUsedAt: null,
  }));
  return { identities, system, accounts, entitlements, grants };
}
