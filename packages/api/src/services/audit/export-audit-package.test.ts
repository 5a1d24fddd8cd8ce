import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { manifestSignatureText, packageFormatV2 } from "@attest/evidence/evidence-package";
import { signNote } from "@attest/evidence/signed-note";
import { verifyEvidencePackage } from "@attest/evidence/verify-evidence-package";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuditFixture, createAuditFixture } from "../../testing/audit-fixture";
import { readEvidenceAbout } from "../../testing/campaign-lifecycle-fixture";
import { createTestCaller, testLedgerConfig } from "../../testing/test-context";
import { readZip, writeZip } from "../../testing/zip-files";
import { exportAuditPackage } from "./export-audit-package";
import { exportPopulationCsv } from "./export-population-csv";

const year = { periodStart: "2026-01-01", periodEnd: "2026-12-31" };
const now = new Date("2026-06-01T12:00:00.000Z");

describe("audit evidence packages", () => {
  let db: TestDatabase;
  let fixture: AuditFixture;
  let dir: string;
  let sampleId: string;
  let sampleItemIds: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    fixture = await createAuditFixture(db);
    dir = await mkdtemp(join(tmpdir(), "attest-audit-package-"));
    const caller = createTestCaller({ db, user: fixture.auditor, now });
    const sample = await caller.audit.drawSample({
      definitionId: fixture.definitionId,
      ...year,
      seed: "42",
      size: 3,
    });
    sampleId = sample.sampleId;
    sampleItemIds = sample.items.map((item) => item.itemId);
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function exportPackage(
    name: string,
    request: Parameters<typeof exportAuditPackage>[1]["request"],
  ) {
    const { signer, anchorDir } = testLedgerConfig();
    const outPath = join(dir, name);
    const result = await exportAuditPackage(db, {
      request,
      user: fixture.auditor,
      signer,
      anchorDir,
      outPath,
      now,
    });
    return { ...result, outPath };
  }

  it("packages a sample: verifies offline, names its items, records the download", async () => {
    const { signer } = testLedgerConfig();
    const { outPath, manifest, manifestSha256 } = await exportPackage("sample.zip", {
      kind: "sample",
      sampleId,
    });
    const result = await verifyEvidencePackage(outPath, { publicKeyPem: signer.publicKeyPem });
    expect(result).toMatchObject({
      ok: true,
      format: packageFormatV2,
      kind: "sample",
      keySource: "argument",
    });

    const files = await readZip(outPath);
    const items = JSON.parse(files.get("records/items.json")?.toString("utf8") ?? "");
    expect(items.map((item: { itemId: string }) => item.itemId).sort()).toEqual(
      [...sampleItemIds].sort(),
    );
    const sample = JSON.parse(files.get("records/sample.json")?.toString("utf8") ?? "");
    expect(sample).toMatchObject({ sampleId, seed: "42" });
    const events = (files.get("events.jsonl")?.toString("utf8") ?? "")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(events.map((event: { seq: number }) => event.seq)).toContain(sample.eventSeq);
    expect(events.some((event: { action: string }) => event.action === "campaign.launched")).toBe(
      true,
    );
    expect(manifest.files.map((file) => file.path)).toEqual(
      expect.arrayContaining(["summary.pdf", "records/items.csv", "public-key.pem", "README.txt"]),
    );

    const pdf = await new PDFParse({ data: files.get("summary.pdf") as Buffer }).getText();
    expect(pdf.text).toContain(`seed "42", size 3`);
    expect(pdf.text).toContain("Sampled items (3)");

    const download = (await readEvidenceAbout(db, sampleId)).find(
      (event) => event.action === "audit.package_downloaded",
    );
    expect(download?.payload).toMatchObject({ kind: "sample", sampleId, manifestSha256 });
    expect(
      createHash("sha256")
        .update(files.get("manifest.json") as Buffer)
        .digest("hex"),
    ).toBe(manifestSha256);
  });

  it("packages a campaign whose summary PDF names the campaign and its counts", async () => {
    const { outPath } = await exportPackage("campaign.zip", {
      kind: "campaign",
      campaignId: fixture.campaignId,
    });
    expect(await verifyEvidencePackage(outPath)).toMatchObject({ ok: true, kind: "campaign" });
    const [counts] = await db.query<{
      name: string;
      total: number;
      revoked: number;
      decided: number;
    }>(
      `select c.name, count(i.id)::int as total, count(i.decision)::int as decided,
              count(*) filter (where i.decision = 'revoke')::int as revoked
       from campaigns c join review_items i on i.campaign_id = c.id where c.id = $1 group by c.name`,
      [fixture.campaignId],
    );
    const files = await readZip(outPath);
    const pdf = (await new PDFParse({ data: files.get("summary.pdf") as Buffer }).getText()).text;
    expect(pdf).toContain(`Campaign: ${counts?.name}`);
    expect(pdf).toContain(`Population: ${counts?.total} review items`);
    expect(pdf).toContain(`Completion: ${counts?.decided} of ${counts?.total} decided`);
    expect(pdf).toContain(`${counts?.revoked} revoked`);
    const items = JSON.parse(files.get("records/items.json")?.toString("utf8") ?? "");
    expect(items).toHaveLength(counts?.total ?? -1);
    const csvRows = (files.get("records/items.csv")?.toString("utf8") ?? "").trim().split("\r\n");
    expect(csvRows).toHaveLength((counts?.total ?? 0) + 1);
  });

  it("packages a control's period with its population, reconciliation and IPE", async () => {
    const { manifest } = await exportPackage("period.zip", {
      kind: "period",
      definitionId: fixture.definitionId,
      ...year,
    });
    expect(await verifyEvidencePackage(join(dir, "period.zip"))).toMatchObject({
      ok: true,
      kind: "period",
    });
    const files = await readZip(join(dir, "period.zip"));
    const population = JSON.parse(files.get("records/population.json")?.toString("utf8") ?? "");
    expect(population.occurrences[0]).toMatchObject({
      campaignId: fixture.campaignId,
      reconciles: true,
    });
    // The package's items.csv is the population CSV the IPE hash was taken of.
    expect(manifest.files.find((file) => file.path === "records/items.csv")?.sha256).toBe(
      population.ipe.sha256,
    );
  });

  it("fails verification naming a tampered file", async () => {
    const { outPath } = await exportPackage("tamper-file.zip", { kind: "sample", sampleId });
    const files = await readZip(outPath);
    const csv = files.get("records/items.csv")?.toString("utf8") ?? "";
    files.set("records/items.csv", Buffer.from(csv.replace(/,approve,/, ",revoke,"), "utf8"));
    const tampered = join(dir, "tampered-file.zip");
    await writeZip(tampered, files);
    expect(await verifyEvidencePackage(tampered)).toMatchObject({
      ok: false,
      file: "records/items.csv",
    });
  });

  it("fails verification naming a file the manifest does not list, and a listed file the zip lacks", async () => {
    const { outPath } = await exportPackage("tamper-files.zip", { kind: "sample", sampleId });
    const files = await readZip(outPath);

    const added = new Map(files);
    added.set("records/extra.csv", Buffer.from("item_id\r\nforged\r\n", "utf8"));
    const withExtra = join(dir, "tampered-extra.zip");
    await writeZip(withExtra, added);
    expect(await verifyEvidencePackage(withExtra)).toMatchObject({
      ok: false,
      file: "records/extra.csv",
    });

    const removed = new Map(files);
    removed.delete("records/items.json");
    const withoutItems = join(dir, "tampered-missing.zip");
    await writeZip(withoutItems, removed);
    expect(await verifyEvidencePackage(withoutItems)).toMatchObject({
      ok: false,
      file: "records/items.json",
    });
  });

  it("fails verification naming a tampered event, even under a re-signed manifest", async () => {
    const { signer } = testLedgerConfig();
    const { outPath, manifest } = await exportPackage("tamper-event.zip", {
      kind: "sample",
      sampleId,
    });
    const files = await readZip(outPath);
    const lines = (files.get("events.jsonl")?.toString("utf8") ?? "").split("\n");
    const index = lines.findIndex((line) => line.includes('"decision":"approve"'));
    const seq = JSON.parse(lines[index] as string).seq;
    lines[index] = (lines[index] as string).replace('"decision":"approve"', '"decision":"revoke"');
    const events = Buffer.from(lines.join("\n"), "utf8");
    files.set("events.jsonl", events);
    // Someone holding the signing key re-signs the manifest: the event's own hash still fails.
    const rewritten = {
      ...manifest,
      files: manifest.files.map((file) =>
        file.path === "events.jsonl"
          ? {
              ...file,
              sha256: createHash("sha256").update(events).digest("hex"),
              bytes: events.length,
            }
          : file,
      ),
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(rewritten, null, 2)}\n`, "utf8");
    files.set("manifest.json", manifestBytes);
    files.set(
      "manifest.sig",
      Buffer.from(
        signNote({
          text: manifestSignatureText(
            createHash("sha256").update(manifestBytes).digest("hex"),
            packageFormatV2,
          ),
          keyName: signer.origin,
          privateKeyPem: signer.privateKeyPem,
        }),
        "utf8",
      ),
    );
    const tampered = join(dir, "tampered-event.zip");
    await writeZip(tampered, files);
    expect(await verifyEvidencePackage(tampered)).toMatchObject({
      ok: false,
      file: "events.jsonl",
      seq,
    });
  });

  it("fails verification naming the event whose inclusion proof does not lead to the signed root", async () => {
    const { signer } = testLedgerConfig();
    const { outPath, manifest } = await exportPackage("tamper-proof.zip", {
      kind: "sample",
      sampleId,
    });
    const files = await readZip(outPath);
    const lines = (files.get("proofs.jsonl")?.toString("utf8") ?? "").trimEnd().split("\n");
    const proof = JSON.parse(lines[1] as string);
    proof.proof[0] = "0".repeat(64);
    lines[1] = JSON.stringify(proof);
    const proofs = Buffer.from(`${lines.join("\n")}\n`, "utf8");
    files.set("proofs.jsonl", proofs);
    const rewritten = {
      ...manifest,
      files: manifest.files.map((file) =>
        file.path === "proofs.jsonl"
          ? {
              ...file,
              sha256: createHash("sha256").update(proofs).digest("hex"),
              bytes: proofs.length,
            }
          : file,
      ),
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(rewritten, null, 2)}\n`, "utf8");
    files.set("manifest.json", manifestBytes);
    files.set(
      "manifest.sig",
      Buffer.from(
        signNote({
          text: manifestSignatureText(
            createHash("sha256").update(manifestBytes).digest("hex"),
            packageFormatV2,
          ),
          keyName: signer.origin,
          privateKeyPem: signer.privateKeyPem,
        }),
        "utf8",
      ),
    );
    const tampered = join(dir, "tampered-proof.zip");
    await writeZip(tampered, files);
    expect(await verifyEvidencePackage(tampered)).toMatchObject({
      ok: false,
      file: "proofs.jsonl",
      seq: proof.seq,
    });
  });

  it("fails verification when a record names an event the package does not hold", async () => {
    const { signer } = testLedgerConfig();
    const { outPath, manifest } = await exportPackage("tamper-record.zip", {
      kind: "sample",
      sampleId,
    });
    const files = await readZip(outPath);
    const sample = Buffer.from(
      `${JSON.stringify({ ...JSON.parse(files.get("records/sample.json")?.toString("utf8") ?? ""), eventSeq: 999_999 })}\n`,
    );
    files.set("records/sample.json", sample);
    const rewritten = {
      ...manifest,
      files: manifest.files.map((file) =>
        file.path === "records/sample.json"
          ? {
              ...file,
              sha256: createHash("sha256").update(sample).digest("hex"),
              bytes: sample.length,
            }
          : file,
      ),
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(rewritten, null, 2)}\n`, "utf8");
    files.set("manifest.json", manifestBytes);
    files.set(
      "manifest.sig",
      Buffer.from(
        signNote({
          text: manifestSignatureText(
            createHash("sha256").update(manifestBytes).digest("hex"),
            packageFormatV2,
          ),
          keyName: signer.origin,
          privateKeyPem: signer.privateKeyPem,
        }),
        "utf8",
      ),
    );
    const tampered = join(dir, "tampered-record.zip");
    await writeZip(tampered, files);
    expect(await verifyEvidencePackage(tampered)).toMatchObject({
      ok: false,
      file: "records/sample.json",
      seq: 999_999,
    });
    expect(await readFile(outPath)).toBeTruthy();
  });

  it("writes a justification a spreadsheet would run as a formula as text, in the package and the population CSV", async () => {
    const justification = '=HYPERLINK("http://evil","x")';
    const [item] = await db.query<{ id: string; reviewerId: string; version: number }>(
      `select id, reviewer_id as "reviewerId", version from review_items
       where campaign_id = $1 and decision is null order by id limit 1`,
      [fixture.campaignId],
    );
    const reviewer = Object.values(fixture.generation.users).find(
      (user) => user.id === item?.reviewerId,
    );
    if (!item || !reviewer) throw new Error("the audit fixture left no undecided item");
    await createTestCaller({ db, user: reviewer, now }).reviews.recordDecision({
      itemId: item.id,
      decision: "revoke",
      version: item.version,
      justification,
      diligence: { timeOnItemMs: 4_000, contextViewed: true },
    });
    const guarded = `"'=HYPERLINK(""http://evil"",""x"")"`;

    const { outPath, manifest } = await exportPackage("formula.zip", {
      kind: "period",
      definitionId: fixture.definitionId,
      ...year,
    });
    expect(await verifyEvidencePackage(outPath)).toMatchObject({ ok: true, kind: "period" });
    const files = await readZip(outPath);
    const csvRow = (files.get("records/items.csv")?.toString("utf8") ?? "")
      .split("\r\n")
      .find((line) => line.includes(item.id));
    expect(csvRow).toContain(`,revoke,`);
    expect(csvRow).toContain(`,${guarded},`);
    // The JSON records keep the value as the reviewer typed it.
    const items = JSON.parse(files.get("records/items.json")?.toString("utf8") ?? "");
    expect(items.find((record: { itemId: string }) => record.itemId === item.id)).toMatchObject({
      justification,
    });

    // The population CSV an auditor downloads is the same bytes, and its recorded SHA-256 is theirs.
    const populationPath = join(dir, "population.csv");
    const exported = await exportPopulationCsv(db, {
      definitionId: fixture.definitionId,
      ...year,
      user: fixture.auditor,
      outPath: populationPath,
    });
    const population = await readFile(populationPath);
    expect(population.toString("utf8")).toContain(`,${guarded},`);
    expect(population.toString("utf8")).not.toContain(`,"=HYPERLINK`);
    expect(exported.sha256).toBe(createHash("sha256").update(population).digest("hex"));
    expect(manifest.files.find((file) => file.path === "records/items.csv")?.sha256).toBe(
      exported.sha256,
    );
  });
});
