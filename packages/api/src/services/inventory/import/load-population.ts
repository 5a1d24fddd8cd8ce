import { createReadStream } from "node:fs";
import type { Database, Transaction } from "@attest/db/database";
import {
  insertAccounts,
  insertEntitlements,
  insertIdentities,
  insertSnapshot,
  insertSystems,
  type NewAccount,
} from "@attest/db/repositories/inventory";
import { completeSnapshot } from "@attest/db/repositories/snapshots";
import { appendEvidence, type EvidenceActor, formatActor } from "../../evidence/append-evidence";
import type { ImportCounts, ImportParameters } from "./import-report";
import type { ValidatedPopulation } from "./validate-population";

export interface LoadOptions {
  source: string;
  importedBy: EvidenceActor;
  parameters: ImportParameters;
  onProgress?: (message: string, fraction: number) => void;
  /** Runs last in the snapshot's transaction: the import's record commits with its snapshot. */
  beforeCommit?: (tx: Transaction, counts: ImportCounts) => Promise<void>;
}

const batchSize = 20_000;

/**
 * Pass two: writes a validated population as one frozen snapshot, and its evidence event, in
 * one transaction. Identities, systems, entitlements and accounts come from memory with the
 * ids validation gave them; grants were staged as COPY-ready CSV while validating, so a
 * million of them stream into the database without being parsed twice.
 */
export async function loadPopulation(
  db: Database,
  population: ValidatedPopulation,
  options: LoadOptions,
): Promise<ImportCounts> {
  const { snapshotId } = population;
  const counts: ImportCounts = {
    identities: population.identities.size,
    systems: population.systems.size,
    entitlements: population.entitlements.size,
    accounts: population.accounts.username.length,
    grants: population.grantCount,
  };
  const fileHashes = Object.fromEntries(population.files.map((file) => [file.name, file.sha256]));
  const identityId = (key: string | null) =>
    key ? (population.identities.get(key)?.id ?? null) : null;
  const systemId = (key: string) => population.systems.get(key)?.id as string;

  await db.transaction(async (tx) => {
    await insertSnapshot(tx, {
      id: snapshotId,
      source: options.source,
      importedBy: formatActor(options.importedBy),
      rowCounts: { ...counts },
      fileHashes,
      parameters: { ...options.parameters },
    });
    options.onProgress?.("Writing identities and systems", 0);
    await insertIdentities(
      tx,
      [...population.identities.values()].map((identity) => ({
        id: identity.id,
        snapshotId,
        externalId: identity.externalId,
        kind: identity.kind,
        displayName: identity.displayName,
        email: identity.email,
        department: identity.department,
        title: identity.title,
        managerId: identityId(identity.managerKey),
        ownerId: identityId(identity.ownerKey),
        status: identity.status,
        terminatedOn: identity.terminatedOn,
        lastRotatedAt: identity.lastRotatedAt,
        lastUsedAt: identity.lastUsedAt,
      })),
    );
    await insertSystems(
      tx,
      [...population.systems.values()].map((system) => ({
        id: system.id,
        snapshotId,
        key: system.key,
        name: system.name,
        description: system.description,
        ownerId: identityId(system.ownerKey),
        criticality: system.criticality,
        soxInScope: system.soxInScope,
      })),
    );
    await insertEntitlements(
      tx,
      [...population.entitlements.values()].map((entitlement) => ({
        id: entitlement.id,
        snapshotId,
        systemId: systemId(entitlement.systemKey),
        key: entitlement.key,
        name: entitlement.name,
        description: entitlement.description,
        privileged: entitlement.privileged,
        risk: entitlement.risk,
        ownerId: identityId(entitlement.ownerKey),
      })),
    );

    const accounts = population.accounts;
    for (let start = 0; start < accounts.username.length; start += batchSize) {
      const batch: NewAccount[] = [];
      for (
        let index = start;
        index < Math.min(start + batchSize, accounts.username.length);
        index += 1
      ) {
        batch.push({
          id: accounts.id[index] as string,
          snapshotId,
          systemId: systemId(accounts.systemKey[index] as string),
          identityId: identityId(accounts.identityKey[index] ?? null),
          username: accounts.username[index] as string,
          status: accounts.status[index] ?? "active",
          lastLoginAt: accounts.lastLoginAt[index] ?? null,
        });
      }
      await insertAccounts(tx, batch);
      options.onProgress?.(
        `Writing accounts: ${Math.min(start + batchSize, accounts.username.length).toLocaleString("en")}`,
        0.2 * (start / Math.max(accounts.username.length, 1)),
      );
    }

    options.onProgress?.(`Writing ${counts.grants.toLocaleString("en")} grants`, 0.2);
    await tx.copyCsvStream(
      "grants",
      population.stagedGrants.columns,
      createReadStream(population.stagedGrants.path, { highWaterMark: 1 << 20 }),
    );

    options.onProgress?.("Counting grants and comparing with the previous snapshot", 0.9);
    await completeSnapshot(tx, snapshotId);

    await appendEvidence(tx, {
      action: "snapshot.imported",
      actor: options.importedBy,
      subjectIds: [snapshotId],
      payload: {
        snapshotId,
        source: options.source,
        rowCounts: { ...counts },
        fileHashes,
        parameters: { ...options.parameters },
      },
    });
    await options.beforeCommit?.(tx, counts);
    options.onProgress?.("Committing", 0.95);
  });
  return counts;
}
