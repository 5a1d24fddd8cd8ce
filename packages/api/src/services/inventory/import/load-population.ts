import { randomUUID } from "node:crypto";
import type { Database } from "@attest/db/database";
import {
  insertAccounts,
  insertEntitlements,
  insertGrants,
  insertIdentities,
  insertSnapshot,
  insertSystems,
  type NewAccount,
  type NewGrant,
} from "@attest/db/repositories/inventory";
import { layoutColumns, readCell } from "@attest/domain/inventory/import-layouts";
import { appendEvidence, type EvidenceActor, formatActor } from "../../evidence/append-evidence";
import type { ImportCounts, ImportParameters } from "./import-report";
import { formatOf, readImportFile } from "./read-import-file";
import { keyOf, type ValidatedPopulation } from "./validate-population";

export interface LoadOptions {
  snapshotId: string;
  source: string;
  importedBy: EvidenceActor;
  parameters: ImportParameters;
  onProgress?: (loaded: { grants: number; grantCount: number }) => void;
}

const batchSize = 5_000;

/**
 * Pass two: writes a validated population as one frozen snapshot, and its evidence event, in
 * one transaction. Identities, systems, entitlements and accounts come from memory; grants are
 * streamed from their files again, so a million of them never sit in memory at once.
 */
export async function loadPopulation(
  db: Database,
  population: ValidatedPopulation,
  options: LoadOptions,
): Promise<ImportCounts> {
  const { snapshotId } = options;
  const counts: ImportCounts = {
    identities: population.identities.size,
    systems: population.systems.size,
    entitlements: population.entitlements.size,
    accounts: population.accounts.username.length,
    grants: population.grantCount,
  };
  const fileHashes = Object.fromEntries(population.files.map((file) => [file.name, file.sha256]));

  await db.transaction(async (tx) => {
    await insertSnapshot(tx, {
      id: snapshotId,
      source: options.source,
      importedBy: formatActor(options.importedBy),
      rowCounts: { ...counts },
      fileHashes,
      parameters: { ...options.parameters },
    });

    const identityIds = new Map(
      [...population.identities.keys()].map((key) => [key, randomUUID()]),
    );
    const identityId = (key: string | null) => (key ? (identityIds.get(key) ?? null) : null);
    await insertIdentities(
      tx,
      [...population.identities.values()].map((identity) => ({
        id: identityId(identity.externalId) as string,
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

    const systemIds = new Map([...population.systems.keys()].map((key) => [key, randomUUID()]));
    await insertSystems(
      tx,
      [...population.systems.values()].map((system) => ({
        id: systemIds.get(system.key) as string,
        snapshotId,
        key: system.key,
        name: system.name,
        description: system.description,
        ownerId: identityId(system.ownerKey),
        criticality: system.criticality,
        soxInScope: system.soxInScope,
      })),
    );

    const entitlementIds = new Map(
      [...population.entitlements.keys()].map((key) => [key, randomUUID()]),
    );
    await insertEntitlements(
      tx,
      [...population.entitlements.entries()].map(([compound, entitlement]) => ({
        id: entitlementIds.get(compound) as string,
        snapshotId,
        systemId: systemIds.get(entitlement.systemKey) as string,
        key: entitlement.key,
        name: entitlement.name,
        description: entitlement.description,
        privileged: entitlement.privileged,
        risk: entitlement.risk,
        ownerId: identityId(entitlement.ownerKey),
      })),
    );

    const accounts = population.accounts;
    const accountIds: string[] = new Array(accounts.username.length);
    for (let start = 0; start < accounts.username.length; start += batchSize) {
      const batch: NewAccount[] = [];
      for (
        let index = start;
        index < Math.min(start + batchSize, accounts.username.length);
        index += 1
      ) {
        const id = randomUUID();
        accountIds[index] = id;
        batch.push({
          id,
          snapshotId,
          systemId: systemIds.get(accounts.systemKey[index] as string) as string,
          identityId: identityId(accounts.identityKey[index] ?? null),
          username: accounts.username[index] as string,
          status: accounts.status[index] ?? "active",
          lastLoginAt: accounts.lastLoginAt[index] ?? null,
        });
      }
      await insertAccounts(tx, batch);
    }

    let loaded = 0;
    for (const file of population.files) {
      if (file.layout !== "grants" && file.layout !== "access") continue;
      const specs = layoutColumns[file.layout];
      const reader = readImportFile(file.path, formatOf(file.name) ?? "csv");
      let batch: NewGrant[] = [];
      let next = await reader.next();
      while (!next.done) {
        const event = next.value;
        if (event.kind === "row") {
          const values: Record<string, string | boolean | null> = {};
          for (const spec of specs) {
            const cell = readCell(spec, event.row.cells[spec.name] ?? "");
            values[spec.name] = "value" in cell ? cell.value : null;
          }
          const systemKey = values.system as string;
          const accountIndex = accounts.index.get(keyOf(systemKey, values.account as string));
          const entitlementId = entitlementIds.get(keyOf(systemKey, values.entitlement as string));
          if (accountIndex === undefined || !entitlementId) {
            throw new Error(
              `${file.name} row ${event.row.row} changed between validation and loading`,
            );
          }
          batch.push({
            id: randomUUID(),
            snapshotId,
            accountId: accountIds[accountIndex] as string,
            entitlementId,
            grantedAt: (values.granted_at as string | null) ?? null,
            grantedBy: (values.granted_by as string | null) ?? null,
            ticket: (values.ticket as string | null) ?? null,
            expiresAt: (values.expires_at as string | null) ?? null,
            lastUsedAt: (values.last_used_at as string | null) ?? null,
          });
          if (batch.length === batchSize) {
            await insertGrants(tx, batch);
            loaded += batch.length;
            batch = [];
            options.onProgress?.({ grants: loaded, grantCount: counts.grants });
          }
        }
        next = await reader.next();
      }
      if (batch.length > 0) {
        await insertGrants(tx, batch);
        loaded += batch.length;
        options.onProgress?.({ grants: loaded, grantCount: counts.grants });
      }
      if (next.value.sha256 !== file.sha256) {
        throw new Error(`${file.name} changed while it was being imported; nothing was imported`);
      }
    }

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
  });
  return counts;
}
