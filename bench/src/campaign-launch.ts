import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchCampaign } from "@attest/api/services/campaigns/launch-campaign";
import { previewCampaign } from "@attest/api/services/campaigns/preview-campaign";
import { createCampaignDefinition } from "@attest/api/services/campaigns/save-campaign-definition";
import { importInventory } from "@attest/api/services/inventory/import/import-inventory";
import type { Database } from "@attest/db/database";
import { insertRoleAssignments, insertUsers } from "@attest/db/repositories/users";
import pg from "pg";
import {
  type BenchDatabase,
  createBenchDatabase,
  type Dialect,
  postgresServerUrl,
} from "./bench-database";
import { generateInventory } from "./generate-inventory";

export interface CampaignLaunchResult {
  dialect: Dialect;
  /** Grants in the snapshot, and items in each launched campaign. */
  grants: number;
  items: number;
  reviewers: number;
  /** Seconds per launch (population query, routing, COPY, hash, evidence, commit). */
  launchSeconds: number[];
  /** Seconds for the preview of the same definition (the same plan, nothing written). */
  previewSeconds: number;
}

/** What autovacuum's ANALYZE does within a minute of a large import; the app role may not. */
async function analyze(bench: BenchDatabase): Promise<void> {
  if (bench.dialect === "pglite") {
    await bench.db.exec("reset role; analyze; set role attest_app");
    return;
  }
  const url = new URL(postgresServerUrl);
  url.pathname = `/${bench.name}`;
  const owner = new pg.Client({ connectionString: url.toString() });
  await owner.connect();
  await owner.query("analyze");
  await owner.end();
}

/** An Attest user, with the reviewer role, for every manager of the generated people. */
async function provisionReviewers(db: Database, people: number) {
  const managers = Math.floor((people - 2) / 8) + 1;
  const reviewers = Array.from({ length: managers }, (_, index) => ({
    id: randomUUID(),
    email: `manager.${index}@bench.example`,
    displayName: `Person ${index}`,
    identityKey: `P${index}`,
  }));
  const fallback = {
    id: randomUUID(),
    email: "fallback@bench.example",
    displayName: "Fallback Reviewer",
    identityKey: null,
  };
  const controlOwner = {
    id: randomUUID(),
    email: "control.owner@bench.example",
    displayName: "Control Owner",
    identityKey: null,
  };
  await db.transaction(async (tx) => {
    await insertUsers(tx, [...reviewers, fallback, controlOwner]);
    await insertRoleAssignments(tx, [
      ...[...reviewers, fallback].map((user) => ({
        userId: user.id,
        role: "reviewer" as const,
        assignedBy: "bench",
      })),
      { userId: controlOwner.id, role: "control_owner", assignedBy: "bench" },
    ]);
  });
  return { fallbackId: fallback.id, controlOwnerId: controlOwner.id };
}

/**
 * A manager-strategy campaign over 8 of the 10 systems of a generated 125,000-grant snapshot
 * (100,000 grants in scope), imported by the importer: `runs` launches of the same definition,
 * each a new campaign of 100,000 items, timed from the call to the commit.
 */
export async function benchCampaignLaunch(
  dialect: Dialect,
  grants: number,
  runs: number,
): Promise<CampaignLaunchResult> {
  const dir = await mkdtemp(join(tmpdir(), "attest-launch-bench-"));
  const bench = await createBenchDatabase(dialect);
  try {
    const files = await generateInventory(dir, grants);
    const report = await importInventory(bench.db, {
      source: "bench",
      files: [
        { name: "identities.csv", path: files.identities },
        { name: "access-export.csv", path: files.access },
      ],
      importedBy: { system: "bench" },
      now: () => new Date(),
    });
    if (report.status !== "succeeded" || !report.snapshotId)
      throw new Error(`import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
    const snapshotId = report.snapshotId;
    await analyze(bench);
    const people = Math.max(10, Math.round(grants / 20));
    const { fallbackId, controlOwnerId } = await provisionReviewers(bench.db, people);
    const systems = Array.from(
      { length: 8 },
      (_, index) => `sys-${String(index).padStart(2, "0")}`,
    );
    const definition = await createCampaignDefinition(bench.db, {
      input: {
        name: "Bench user access review",
        description: null,
        controlId: "ITGC-AC-04",
        controlOwnerId,
        scope: { systemKeys: systems },
        reviewerStrategy: "manager",
        namedReviewerId: null,
        fallbackReviewerId: fallbackId,
        secondStage: null,
        durationDays: 21,
        reminders: { daysBeforeDue: [7, 3, 1] },
        escalation: { toManagerAfterDays: 1, toControlOwnerAfterDays: 3 },
        undecidedRule: "not_reviewed",
        justificationRequired: { approve: false, revoke: true },
        maxExceptionDays: 180,
        recurrence: null,
      },
      actor: { system: "bench" },
      now: new Date(),
    });

    let started = performance.now();
    const preview = await previewCampaign(bench.db, {
      definitionId: definition.id,
      snapshotId,
      now: new Date(),
    });
    const previewSeconds = (performance.now() - started) / 1000;

    const launchSeconds: number[] = [];
    let items = 0;
    for (let run = 0; run < runs; run += 1) {
      started = performance.now();
      const launched = await launchCampaign(bench.db, {
        definitionId: definition.id,
        snapshotId,
        launchedBy: { system: "bench" },
        now: new Date(),
      });
      launchSeconds.push((performance.now() - started) / 1000);
      items = launched.campaign.itemCount;
      if (items !== preview.populationSize)
        throw new Error(`launched ${items} items, previewed ${preview.populationSize}`);
    }
    return {
      dialect,
      grants,
      items,
      reviewers: preview.reviewerCount,
      launchSeconds,
      previewSeconds,
    };
  } finally {
    await bench.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}
