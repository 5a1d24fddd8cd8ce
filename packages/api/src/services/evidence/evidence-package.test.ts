import { createWriteStream } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { canonicalJson } from "@attest/evidence/canonical-json";
import { generateSigningKey, publicKeyFingerprint } from "@attest/evidence/checkpoint";
import { computeEventHash, type HashedEvidenceEvent } from "@attest/evidence/event-hash";
import { checkpointPath, packagePaths } from "@attest/evidence/evidence-package";
import { verifyEvidencePackage } from "@attest/evidence/verify-evidence-package";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yauzl from "yauzl";
import yazl from "yazl";
import { demoSeed, seedDemoOrganisation } from "../demo/seed-demo-organisation";
import { createCheckpoint } from "./create-checkpoint";
import type { EvidenceSigner } from "./evidence-signer";
import { exportEvidencePackage } from "./export-evidence-package";

async function readZip(path: string): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true }, (error, file) =>
      error ? reject(error) : resolve(file),
    ),
  );
  const files = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      zip.openReadStream(entry, async (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        files.set(entry.fileName, Buffer.concat(chunks));
        zip.readEntry();
      });
    });
    zip.on("end", resolve);
    zip.on("error", reject);
    zip.readEntry();
  });
  return files;
}

async function writeZip(path: string, files: Map<string, Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of files) zip.addBuffer(bytes, name);
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
}

function eventLines(files: Map<string, Buffer>): HashedEvidenceEvent[] {
  return (files.get(packagePaths.events) ?? Buffer.alloc(0))
    .toString("utf8")
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as HashedEvidenceEvent);
}

function setEventLines(files: Map<string, Buffer>, events: HashedEvidenceEvent[]): void {
  files.set(
    packagePaths.events,
    Buffer.from(events.map((event) => `${canonicalJson(event)}\n`).join("")),
  );
}

describe("evidence packages", () => {
  let db: TestDatabase;
  let dir: string;
  let signer: EvidenceSigner;
  let packagePath: string;
  let eventCount: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), "attest-package-"));
    const key = generateSigningKey();
    signer = {
      origin: "attest.test/ledger",
      ...key,
      fingerprint: publicKeyFingerprint(key.publicKeyPem),
    };
    const seeded = await seedDemoOrganisation(db, { seed: demoSeed, anchorDate: "2026-11-27" });
    eventCount = seeded.counts.evidenceEvents ?? 0;
    // checkpoints along the way, as the server's schedule would sign them
    await createCheckpoint(db, { signer, anchorDir: join(dir, "anchors"), treeSize: 100 });
    await createCheckpoint(db, { signer, anchorDir: join(dir, "anchors"), treeSize: 300 });
    packagePath = join(dir, "full.zip");
    await exportEvidencePackage(db, {
      signer,
      anchorDir: join(dir, "anchors"),
      outPath: packagePath,
      now: new Date(),
    });
  });
  afterAll(async () => {
    await db.close();
  });

  it("exports the whole ledger and verifies it offline", async () => {
    const result = await verifyEvidencePackage(packagePath, { publicKeyPem: signer.publicKeyPem });
    expect(result).toMatchObject({
      ok: true,
      eventCount,
      fromSeq: 1,
      toSeq: eventCount,
      checkpoints: [100, 300, eventCount],
      keySource: "argument",
    });
  });

  it("keeps a copy of every checkpoint in the anchor directory", async () => {
    const anchored = await readFile(join(dir, "anchors", checkpointPath(300)), "utf8");
    expect(anchored).toMatch(/^attest\.test\/ledger\n300\n/);
  });

  it("exports a range with the hashes before it, and verifies", async () => {
    const path = join(dir, "range.zip");
    const { manifest } = await exportEvidencePackage(db, {
      signer,
      anchorDir: join(dir, "anchors"),
      outPath: path,
      fromSeq: 50,
      toSeq: 250,
      now: new Date(),
    });
    expect(manifest.checkpoints).toEqual([100, 250]);
    const result = await verifyEvidencePackage(path);
    expect(result).toMatchObject({
      ok: true,
      eventCount: 201,
      fromSeq: 50,
      toSeq: 250,
      keySource: "package",
    });
  });

  async function tampered(
    name: string,
    change: (files: Map<string, Buffer>) => void,
  ): Promise<string> {
    const files = await readZip(packagePath);
    change(files);
    const path = join(dir, `${name}.zip`);
    await writeZip(path, files);
    return path;
  }

  it("names the event whose payload had one byte changed", async () => {
    const path = await tampered("payload-byte", (files) => {
      const text = files.get(packagePaths.events)?.toString("utf8") ?? "";
      const lines = text.split("\n");
      lines[41] = (lines[41] ?? "").replace(/"payloadVersion":\d+/, '"payloadVersion":9');
      files.set(packagePaths.events, Buffer.from(lines.join("\n")));
    });
    expect(await verifyEvidencePackage(path)).toEqual({
      ok: false,
      file: packagePaths.events,
      seq: 42,
      reason: "hash does not match the event's content",
    });
  });

  it("names the gap where an event was deleted", async () => {
    const path = await tampered("deleted", (files) => {
      const events = eventLines(files);
      events.splice(9, 1);
      setEventLines(files, events);
    });
    expect(await verifyEvidencePackage(path)).toMatchObject({
      ok: false,
      file: packagePaths.events,
      seq: 11,
    });
  });

  it("names the event where two were swapped", async () => {
    const path = await tampered("reordered", (files) => {
      const events = eventLines(files);
      const [a, b] = [events[19], events[20]] as [HashedEvidenceEvent, HashedEvidenceEvent];
      events[19] = b;
      events[20] = a;
      setEventLines(files, events);
    });
    expect(await verifyEvidencePackage(path)).toMatchObject({
      ok: false,
      file: packagePaths.events,
      seq: 21,
    });
  });

  it("catches a replaced last event whose hash was recomputed: the signed root no longer matches", async () => {
    const path = await tampered("last-replaced", (files) => {
      const events = eventLines(files);
      const last = events.at(-1) as HashedEvidenceEvent;
      const forged = { ...last, actor: "system:forged" };
      const { hash: _, ...body } = forged;
      events[events.length - 1] = { ...forged, hash: computeEventHash(body) };
      setEventLines(files, events);
    });
    const result = await verifyEvidencePackage(path);
    expect(result).toMatchObject({ ok: false, file: packagePaths.events, seq: eventCount });
    expect(result.ok === false && result.reason).toMatch(
      /do not produce the root signed in checkpoints/,
    );
  });

  it("refuses a package whose public key was replaced", async () => {
    const other = generateSigningKey();
    const path = await tampered("key-replaced", (files) => {
      files.set(packagePaths.publicKey, Buffer.from(other.publicKeyPem));
    });
    expect(await verifyEvidencePackage(path)).toMatchObject({
      ok: false,
      file: packagePaths.publicKey,
    });
    // and an auditor holding the real key sees the substitution named too
    expect(await verifyEvidencePackage(path, { publicKeyPem: signer.publicKeyPem })).toMatchObject({
      ok: false,
      file: packagePaths.publicKey,
    });
  });

  it("refuses a genuine package when the auditor trusts a different key", async () => {
    const result = await verifyEvidencePackage(packagePath, {
      publicKeyPem: generateSigningKey().publicKeyPem,
    });
    expect(result).toMatchObject({ ok: false, file: packagePaths.publicKey });
  });

  it("names the checkpoint that was dropped", async () => {
    const path = await tampered("checkpoint-dropped", (files) => {
      files.delete(checkpointPath(300));
    });
    expect(await verifyEvidencePackage(path)).toEqual({
      ok: false,
      file: checkpointPath(300),
      reason: "is listed in the manifest but missing from the package",
    });
  });

  it("detects an edited manifest", async () => {
    const path = await tampered("manifest-edited", (files) => {
      const manifest = JSON.parse(files.get(packagePaths.manifest)?.toString("utf8") ?? "{}");
      manifest.checkpoints = manifest.checkpoints.slice(1);
      files.set(packagePaths.manifest, Buffer.from(JSON.stringify(manifest, null, 2)));
    });
    expect(await verifyEvidencePackage(path)).toMatchObject({
      ok: false,
      file: packagePaths.manifest,
    });
  });
});
