import {
  listEntitlements,
  listGrantsPage,
  listIdentitiesPage,
  listSystems,
} from "@attest/db/repositories/inventory-browser";
import { ensureSnapshotStats } from "@attest/db/repositories/snapshot-stats";
import {
  humanIdentityKinds,
  identityKinds,
  identityStatuses,
  nonHumanIdentityKinds,
} from "@attest/domain/inventory/identity-kinds";
import { warningKinds } from "@attest/domain/inventory/import-warnings";
import { z } from "zod";
import { listImportIssues } from "../../services/inventory/import/list-import-issues";
import {
  diffSnapshot,
  getImport,
  listImports,
  listSnapshotsWithNames,
  populationReport,
  readSnapshot,
} from "../../services/inventory/inventory-views";
import { summarizeInventory } from "../../services/inventory/summarize-inventory";
import { procedureFor, router } from "../../trpc";

const inventoryReaders = procedureFor("admin", "auditor", "control_owner");
const importReaders = procedureFor("admin", "auditor");

const snapshotId = z.uuid({ error: "snapshotId must be a snapshot id" });
const importId = z.uuid({ error: "importId must be an import id" });
const pageSize = z.int().min(1).max(200).default(50);
const search = z.string().trim().max(200).optional();

export const identitiesInput = z.strictObject({
  snapshotId: snapshotId.optional(),
  kind: z.enum(["human", "non_human", ...identityKinds]).optional(),
  status: z.enum(identityStatuses).optional(),
  search,
  ownerOrManager: z.string().trim().max(200).optional(),
  systemKey: z.string().trim().max(200).optional(),
  limit: pageSize,
  after: z.string().max(2000).optional(),
});

export const grantsInput = z.strictObject({
  snapshotId: snapshotId.optional(),
  systemKey: z.string().trim().max(200).optional(),
  privileged: z.boolean().optional(),
  search,
  identityKey: z.string().trim().max(200).optional(),
  limit: pageSize,
  after: z.string().max(2000).optional(),
});

export const importIssuesInput = z.strictObject({
  importId,
  severity: z.enum(["error", "warning"]).optional(),
  kind: z.enum(warningKinds).optional(),
  file: z.string().max(300).optional(),
  limit: z.int().min(1).max(200).default(50),
  /** The seq of the last problem on the previous page (its `next`). */
  after: z.int().min(0).optional(),
});

export const inventoryRouter = router({
  summary: inventoryReaders.query(({ ctx }) => summarizeInventory(ctx.db, ctx.user)),

  imports: importReaders
    .input(z.strictObject({ limit: z.int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => listImports(ctx.db, { ...input, viewer: ctx.user })),

  import: importReaders.input(z.strictObject({ importId })).query(async ({ ctx, input }) => {
    const stored = await getImport(ctx.db, { ...input, viewer: ctx.user });
    return { ...stored, progress: ctx.importJobs.progress(input.importId) };
  }),

  importIssues: importReaders
    .input(importIssuesInput)
    .query(({ ctx, input }) => listImportIssues(ctx.db, { ...input, viewer: ctx.user })),

  snapshots: inventoryReaders
    .input(z.strictObject({ limit: z.int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => listSnapshotsWithNames(ctx.db, { ...input, viewer: ctx.user })),

  snapshotDiff: inventoryReaders
    .input(
      z.strictObject({
        snapshotId,
        change: z.enum(["added", "removed", "changed"]).optional(),
        limit: z.int().min(1).max(500).default(100),
        offset: z.int().min(0).default(0),
      }),
    )
    .query(({ ctx, input }) => diffSnapshot(ctx.db, { ...input, viewer: ctx.user })),

  populationReport: inventoryReaders
    .input(z.strictObject({ snapshotId: snapshotId.optional() }))
    .query(({ ctx, input }) => populationReport(ctx.db, { ...input, viewer: ctx.user })),

  identities: inventoryReaders.input(identitiesInput).query(async ({ ctx, input }) => {
    const snapshot = await readSnapshot(ctx.db, { ...input, viewer: ctx.user });
    const kinds =
      input.kind === "human"
        ? humanIdentityKinds
        : input.kind === "non_human"
          ? nonHumanIdentityKinds
          : input.kind
            ? [input.kind]
            : undefined;
    return {
      snapshotId: snapshot.id,
      ...(await listIdentitiesPage(ctx.db, { ...input, snapshotId: snapshot.id, kinds })),
    };
  }),

  grants: inventoryReaders.input(grantsInput).query(async ({ ctx, input }) => {
    const snapshot = await readSnapshot(ctx.db, { ...input, viewer: ctx.user });
    await ensureSnapshotStats(ctx.db, snapshot.id);
    return {
      snapshotId: snapshot.id,
      ...(await listGrantsPage(ctx.db, { ...input, snapshotId: snapshot.id })),
    };
  }),

  systems: inventoryReaders
    .input(z.strictObject({ snapshotId: snapshotId.optional() }))
    .query(async ({ ctx, input }) => {
      const snapshot = await readSnapshot(ctx.db, { ...input, viewer: ctx.user });
      await ensureSnapshotStats(ctx.db, snapshot.id);
      return { snapshotId: snapshot.id, systems: await listSystems(ctx.db, snapshot.id) };
    }),

  entitlements: inventoryReaders
    .input(
      z.strictObject({
        snapshotId: snapshotId.optional(),
        systemKey: z.string().trim().max(200).optional(),
        privileged: z.boolean().optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const snapshot = await readSnapshot(ctx.db, { ...input, viewer: ctx.user });
      await ensureSnapshotStats(ctx.db, snapshot.id);
      return {
        snapshotId: snapshot.id,
        entitlements: await listEntitlements(ctx.db, { ...input, snapshotId: snapshot.id }),
      };
    }),
});
