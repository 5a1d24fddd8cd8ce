import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Database } from "@attest/db/database";
import { listCampaignEventRefs, listEventsBySeq } from "@attest/db/repositories/audit-evidence";
import {
  findPopulationCampaign,
  listItemsById,
  type PopulationCampaignRow,
  type PopulationItemRow,
  streamPopulationItems,
} from "@attest/db/repositories/audit-population";
import { findAuditSample } from "@attest/db/repositories/audit-samples";
import { findLatestCheckpoint } from "@attest/db/repositories/evidence-checkpoints";
import { listEventHashes, readEvidenceHead } from "@attest/db/repositories/evidence-events";
import type { PopulationInput } from "@attest/domain/audit/audit-input";
import {
  type AuditPackageKind,
  checkpointPath,
  formatEventLine,
  type ManifestFile,
  manifestSignatureText,
  type PackageManifestV2,
  packageFormatV2,
  packagePathsV2,
  packageReadmeV2,
} from "@attest/evidence/evidence-package";
import { fromHex, toHex } from "@attest/evidence/hash";
import { leafHash, MerkleTree } from "@attest/evidence/merkle";
import { signNote } from "@attest/evidence/signed-note";
import yazl from "yazl";
import { AppError } from "../../app-error";
import type { SessionUser } from "../../context";
import { appendEvidence } from "../evidence/append-evidence";
import { createCheckpoint } from "../evidence/create-checkpoint";
import type { EvidenceSigner } from "../evidence/evidence-signer";
import { assertCampaignInScope, assertPeriodInScope, readAuditScope } from "./audit-scope";
import { describeSampledItems, type SampledItemView } from "./draw-audit-sample";
import { getPopulation, resolvePopulation } from "./get-population";
import { itemContext, populationCsvHeader, populationCsvRow } from "./population-csv";
import { renderSummaryPdf } from "./summary-pdf";

export type AuditPackageRequest =
  | { kind: "sample"; sampleId: string }
  | { kind: "campaign"; campaignId: string }
  | ({ kind: "period" } & PopulationInput);

export interface ExportAuditPackageOptions {
  request: AuditPackageRequest;
  user: SessionUser;
  signer: EvidenceSigner;
  anchorDir: string;
  outPath: string;
  now: Date;
}

/** Campaign events a package carries besides the decisions. */
const campaignActions = [
  "campaign.launched",
  "campaign.status_changed",
  "campaign.stage_advanced",
  "campaign.undecided_closed",
];

interface ResolvedSubject {
  subject: Record<string, string>;
  title: string;
  subjectLines: string[];
  campaigns: PopulationCampaignRow[];
  /** The sampled items (a sample's package), or null: every item of the campaigns. */
  itemIds: string[] | null;
  sample: {
    record: Record<string, unknown>;
    eventSeq: number;
    items: SampledItemView[];
  } | null;
  /** A period's population as audit.population shows it (occurrences, reconciliation, IPE). */
  population: Awaited<ReturnType<typeof getPopulation>> | null;
}

async function resolveSubject(
  db: Database,
  request: AuditPackageRequest,
  user: SessionUser,
  now: Date,
): Promise<ResolvedSubject> {
  const scope = await readAuditScope(db, user);
  if (request.kind === "sample") {
    const sample = await findAuditSample(db, request.sampleId);
    if (!sample) throw new AppError("not_found", "No such sample.", { field: "sampleId" });
    assertPeriodInScope(scope, sample.periodStart, sample.periodEnd);
    const items = await describeSampledItems(db, sample);
    const campaignIds = [...new Set(items.map((item) => item.campaignId))];
    const campaigns = (
      await Promise.all(campaignIds.map((id) => findPopulationCampaign(db, id)))
    ).filter((campaign): campaign is PopulationCampaignRow => campaign !== null);
    return {
      subject: { sampleId: sample.id },
      title: `Attest evidence package: sample of ${sample.controlId} ${sample.definitionName}`,
      subjectLines: [
        `Sample ${sample.id} of control ${sample.controlId} (${sample.definitionName})`,
        `Period ${sample.periodStart} to ${sample.periodEnd}; seed "${sample.seed}", size ${sample.size}${sample.stratifyBy ? `, stratified by ${sample.stratifyBy}` : ""}`,
        `Population: ${sample.populationCount} review items, SHA-256 ${sample.populationSha256}`,
        `Drawn by ${sample.drawnByName} at ${sample.drawnAt} (ledger event ${sample.evidenceSeq})`,
      ],
      campaigns,
      itemIds: sample.itemIds,
      population: null,
      sample: {
        record: {
          sampleId: sample.id,
          definitionId: sample.definitionId,
          controlId: sample.controlId,
          periodStart: sample.periodStart,
          periodEnd: sample.periodEnd,
          seed: sample.seed,
          size: sample.size,
          stratifyBy: sample.stratifyBy,
          strata: sample.strata,
          populationCount: sample.populationCount,
          populationSha256: sample.populationSha256,
          itemIds: sample.itemIds,
          drawnByName: sample.drawnByName,
          drawnAt: sample.drawnAt,
          eventSeq: sample.evidenceSeq,
        },
        eventSeq: sample.evidenceSeq,
        items,
      },
    };
  }
  if (request.kind === "campaign") {
    const campaign = await findPopulationCampaign(db, request.campaignId);
    if (!campaign) throw new AppError("not_found", "No such campaign.", { field: "campaignId" });
    assertCampaignInScope(scope, campaign);
    return {
      subject: { campaignId: campaign.campaignId },
      title: `Attest evidence package: campaign ${campaign.name}`,
      subjectLines: [
        `Campaign ${campaign.name} (${campaign.campaignId}), control ${campaign.controlId}`,
      ],
      campaigns: [campaign],
      itemIds: null,
      sample: null,
      population: null,
    };
  }
  const population = await resolvePopulation(db, { ...request, user });
  return {
    subject: {
      definitionId: request.definitionId,
      periodStart: request.periodStart,
      periodEnd: request.periodEnd,
    },
    title: `Attest evidence package: ${population.control.controlId} ${population.control.name}, ${request.periodStart} to ${request.periodEnd}`,
    subjectLines: [
      `Control ${population.control.controlId} (${population.control.name}), ${population.control.frequency}`,
      `Campaigns launched ${request.periodStart} to ${request.periodEnd}: ${population.campaigns.length}`,
    ],
    campaigns: population.campaigns,
    itemIds: null,
    sample: null,
    population: await getPopulation(db, { ...request, user, now }),
  };
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Writes an audit evidence package (format /2, see docs/evidence-package.md) to outPath: the
 * records stream from the database into the zip, events and proofs are produced as yazl
 * reaches them, so nothing large is held in memory. When no signed checkpoint covers the
 * newest event the package needs, the ledger signs one first (a system act, like the
 * scheduled checkpoints). Returns the manifest and its SHA-256.
 */
export async function writeAuditPackage(db: Database, options: ExportAuditPackageOptions) {
  const resolved = await resolveSubject(db, options.request, options.user, options.now);
  const campaignIds = resolved.campaigns.map((campaign) => campaign.campaignId);
  const refs = await listCampaignEventRefs(db, {
    campaignIds,
    campaignActions,
    itemIds: resolved.itemIds,
  });
  const seqSet = new Set(refs.map((ref) => ref.seq));
  if (resolved.sample) seqSet.add(resolved.sample.eventSeq);
  const seqs = [...seqSet].sort((a, b) => a - b);
  const itemSeqs = new Map<string, number[]>();
  const campaignSeqs = new Map<string, number[]>();
  for (const ref of refs) {
    if (ref.itemId) itemSeqs.set(ref.itemId, [...(itemSeqs.get(ref.itemId) ?? []), ref.seq]);
    else if (ref.campaignId)
      campaignSeqs.set(ref.campaignId, [...(campaignSeqs.get(ref.campaignId) ?? []), ref.seq]);
  }

  let checkpoint = await findLatestCheckpoint(db);
  const newest = seqs.at(-1) ?? 0;
  if (!checkpoint || checkpoint.treeSize < newest) {
    const head = await readEvidenceHead(db);
    checkpoint = await createCheckpoint(db, {
      signer: options.signer,
      anchorDir: options.anchorDir,
      treeSize: head?.seq ?? 0,
    });
  }
  if (!checkpoint) {
    throw new AppError("precondition_failed", "The ledger is empty: there is nothing to package.");
  }
  const treeSize = checkpoint.treeSize;
  const hashes = await listEventHashes(db, { fromSeq: 1, toSeq: treeSize });
  const tree = new MerkleTree(hashes.map((hash) => leafHash(fromHex(hash))));

  const files: ManifestFile[] = [];
  const zip = new yazl.ZipFile();
  const mtime = options.now;
  const addBytes = (path: string, bytes: Buffer) => {
    files.push({ path, sha256: sha256(bytes), bytes: bytes.length });
    zip.addBuffer(bytes, path, { mtime });
  };
  const addText = (path: string, text: string) => addBytes(path, Buffer.from(text, "utf8"));
  /** A file produced as yazl reaches it, hashed as it streams. */
  const addStream = (
    path: string,
    source: () => AsyncIterable<string | Buffer>,
    compress = true,
  ) => {
    zip.addReadStreamLazy(path, { mtime, compress }, (callback) => {
      const digest = createHash("sha256");
      let bytes = 0;
      async function* hashed() {
        for await (const chunk of source()) {
          const buffer = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
          digest.update(buffer);
          bytes += buffer.length;
          yield buffer;
        }
        files.push({ path, sha256: digest.digest("hex"), bytes });
      }
      callback(null, Readable.from(hashed()));
    });
  };

  const manifestBase: Omit<PackageManifestV2, "files"> = {
    format: packageFormatV2,
    origin: options.signer.origin,
    publicKeyFingerprint: options.signer.fingerprint,
    createdAt: options.now.toISOString(),
    kind: options.request.kind as AuditPackageKind,
    subject: resolved.subject,
    eventCount: seqs.length,
    checkpoints: [treeSize],
  };
  addText(packagePathsV2.publicKey, options.signer.publicKeyPem);
  addText(checkpointPath(treeSize), checkpoint.note);
  addText(packagePathsV2.readme, packageReadmeV2(manifestBase));
  addBytes(
    packagePathsV2.summary,
    await renderSummaryPdf({
      title: resolved.title,
      createdAt: manifestBase.createdAt,
      subjectLines: resolved.subjectLines,
      campaigns: resolved.campaigns,
      sample: resolved.sample,
      eventCount: seqs.length,
      checkpointSize: treeSize,
    }),
  );
  const campaignRecords = resolved.campaigns.map((campaign) => ({
    ...campaign,
    eventSeqs: campaignSeqs.get(campaign.campaignId) ?? [],
  }));
  addText(packagePathsV2.campaignsJson, jsonLines(campaignRecords));
  if (resolved.population) {
    // Its ipe.sha256 is the SHA-256 of records/items.csv: the same population CSV.
    addText(packagePathsV2.populationJson, `${JSON.stringify(resolved.population, null, 2)}\n`);
  }
  if (resolved.sample) {
    addText(packagePathsV2.sampleJson, `${JSON.stringify(resolved.sample.record)}\n`);
  }

  const items = (): AsyncIterable<PopulationItemRow> =>
    resolved.itemIds
      ? (async function* () {
          const sampled = await listItemsById(db, resolved.itemIds as string[]);
          yield* sampled;
        })()
      : streamPopulationItems(db, campaignIds);
  addStream(packagePathsV2.itemsCsv, async function* () {
    yield populationCsvHeader;
    for await (const row of items()) yield populationCsvRow(row, itemContext(row));
  });
  addStream(packagePathsV2.itemsJson, async function* () {
    yield "[\n";
    let first = true;
    for await (const row of items()) {
      const record = {
        itemId: row.itemId,
        campaignId: row.campaignId,
        stage: row.stage,
        grantId: row.grantId,
        reviewerName: row.reviewerName,
        decision: row.decision,
        decidedAt: row.decidedAt,
        decidedByName: row.decidedByName,
        justification: row.justification,
        exceptionExpiresOn: row.exceptionExpiresOn,
        closeOutcome: row.closeOutcome,
        context: itemContext(row),
        eventSeqs: itemSeqs.get(row.itemId) ?? [],
      };
      yield `${first ? "" : ",\n"}${JSON.stringify(record)}`;
      first = false;
    }
    yield `${first ? "" : "\n"}]\n`;
  });
  addStream(packagePathsV2.events, async function* () {
    for (let start = 0; start < seqs.length; start += 1_000) {
      for (const event of await listEventsBySeq(db, seqs.slice(start, start + 1_000))) {
        yield formatEventLine(event);
      }
    }
  });
  addStream(packagePathsV2.proofs, async function* () {
    for (const seq of seqs) {
      const proof = tree.inclusionProof(seq - 1, treeSize).map(toHex);
      yield `${JSON.stringify({ seq, leafIndex: seq - 1, treeSize, proof })}\n`;
    }
  });

  let manifestSha256 = "";
  let finalManifest: PackageManifestV2 | undefined;
  zip.addReadStreamLazy(packagePathsV2.manifest, { mtime }, (callback) => {
    const manifest: PackageManifestV2 = {
      ...manifestBase,
      files: [...files].sort((a, b) => (a.path < b.path ? -1 : 1)),
    };
    const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8");
    manifestSha256 = sha256(bytes);
    finalManifest = manifest;
    callback(null, Readable.from([bytes]));
  });
  zip.addReadStreamLazy(packagePathsV2.manifestSignature, { mtime }, (callback) => {
    const note = signNote({
      text: manifestSignatureText(manifestSha256, packageFormatV2),
      keyName: options.signer.origin,
      privateKeyPem: options.signer.privateKeyPem,
    });
    callback(null, Readable.from([Buffer.from(note, "utf8")]));
  });
  zip.end();

  const partial = `${options.outPath}.partial`;
  try {
    await pipeline(zip.outputStream, createWriteStream(partial));
    await rename(partial, options.outPath);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  if (!finalManifest) throw new Error("the manifest was never written");
  return { outPath: options.outPath, manifest: finalManifest, manifestSha256 };
}

/** A JSON array written one entry per line, so a verifier can read it line by line. */
function jsonLines(entries: readonly unknown[]): string {
  if (entries.length === 0) return "[]\n";
  return `[\n${entries.map((entry) => JSON.stringify(entry)).join(",\n")}\n]\n`;
}

/**
 * Builds the package, then records its download (kind, subject, manifest SHA-256) as an
 * audit.package_downloaded event in its own transaction, before a byte is sent: the recorded
 * hash identifies exactly the package the auditor took away.
 */
export async function exportAuditPackage(db: Database, options: ExportAuditPackageOptions) {
  const written = await writeAuditPackage(db, options);
  const request = options.request;
  await db.transaction((tx) =>
    appendEvidence(tx, {
      action: "audit.package_downloaded",
      actor: { user: options.user.id },
      subjectIds: [
        request.kind === "sample"
          ? request.sampleId
          : request.kind === "campaign"
            ? request.campaignId
            : request.definitionId,
      ],
      payload: {
        kind: request.kind,
        sampleId: request.kind === "sample" ? request.sampleId : null,
        campaignId: request.kind === "campaign" ? request.campaignId : null,
        definitionId: request.kind === "period" ? request.definitionId : null,
        periodStart: request.kind === "period" ? request.periodStart : null,
        periodEnd: request.kind === "period" ? request.periodEnd : null,
        manifestSha256: written.manifestSha256,
        eventCount: written.manifest.eventCount,
      },
    }),
  );
  return written;
}
