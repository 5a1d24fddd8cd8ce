import { spawnSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import AxeBuilder from "@axe-core/playwright";
import { PDFParse } from "pdf-parse";
import yauzl from "yauzl";
import yazl from "yazl";
import { expect, type Page, test } from "../support/fixtures";

const cli = new URL("../../apps/cli/bin/attest.js", import.meta.url).pathname;

/** `attest evidence verify <zip>`, as an auditor runs it on their own machine. */
function verifyPackage(path: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [cli, "evidence", "verify", path], {
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Every file of a (small) zip, by path. */
function readZip(path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const files = new Map<string, Buffer>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(files));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

async function writeZip(path: string, files: Map<string, Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of files) zip.addBuffer(bytes, name);
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
}

/** Serious and critical accessibility violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21aa"])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
    );
}

const shots = process.env.ATTEST_SCREENSHOTS === "1";

/** docs/screenshots/audit-<name>.png at 1280 px and audit-<name>-narrow.png at 800 px. */
async function screenshot(page: Page, name: string, fullPage = true) {
  if (!shots) return;
  await page.evaluate("window.scrollTo(0, 0)");
  await page.screenshot({ path: `docs/screenshots/audit-${name}.png`, fullPage });
  const wide = page.viewportSize();
  await page.setViewportSize({ width: 800, height: 1000 });
  await page.screenshot({ path: `docs/screenshots/audit-${name}-narrow.png`, fullPage });
  if (wide) await page.setViewportSize(wide);
}

async function drawSample(page: Page, seed: string, shoot = false): Promise<string[]> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
  await page.getByRole("link", { name: "Sample ITGC-AC-03" }).click();
  const form = page.getByRole("form", { name: "Sample request" });
  await expect(form.getByRole("combobox", { name: "Control" })).toHaveValue(/.+/);
  await expect(form.getByText(/Quarterly control: 2\. Guidance/)).toBeVisible();
  // Up to yesterday (UTC): campaigns other specs launch today stay out of the population.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const periodTo = form.getByLabel("Period to");
  if ((await periodTo.inputValue()) > yesterday) await periodTo.fill(yesterday);
  await form.getByRole("textbox", { name: "Seed" }).fill(seed);
  await form.getByRole("spinbutton", { name: "Sample size" }).fill("5");
  if (shoot) await screenshot(page, "sample-request");
  await form.getByRole("button", { name: "Draw sample" }).click();
  await expect(page).toHaveURL(/\/audit\/samples\/[0-9a-f-]{36}$/);
  const rows = page.getByRole("table", { name: "Sampled items" }).getByRole("row");
  await expect(rows).toHaveCount(6);
  const ids: string[] = [];
  for (const row of (await rows.all()).slice(1)) {
    ids.push((await row.locator(".font-mono").first().textContent()) ?? "");
  }
  return ids;
}

test("an auditor draws a reproducible sample, re-performs an item and verifies the evidence package offline", async ({
  page,
  signInAs,
}) => {
  test.setTimeout(180_000);
  await signInAs("Avery Collins", "Auditors");
  await expect(page.getByRole("heading", { level: 1, name: "Audit" })).toBeVisible();
  const banner = page.getByRole("region", { name: "Engagement" });
  await expect(banner).toContainText("SOX 404 external audit");
  await expect(page.getByRole("table", { name: "Controls" })).toContainText("ITGC-AC-03");
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, "home");

  // The population of the quarterly review, reconciled, with its IPE.
  await page.getByRole("link", { name: "Population of ITGC-AC-03" }).click();
  const occurrences = page.getByRole("table", { name: "Occurrences" });
  await expect(occurrences.getByRole("row").nth(1)).toBeVisible();
  for (const row of (await occurrences.getByRole("row").all()).slice(1)) {
    await expect(row).toContainText("✓ Reconciles");
  }
  const ipe = page.getByRole("region", { name: /How this population was extracted/ });
  const ipeSha = (await ipe.getByText(/^[0-9a-f]{64}$/).textContent()) ?? "";
  const csvDownload = page.waitForEvent("download");
  await ipe.getByRole("link", { name: "Download population CSV" }).click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(
    /^population-ITGC-AC-03-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const csvPath = await csv.path();
  const { createHash } = await import("node:crypto");
  expect(
    createHash("sha256")
      .update(await readFile(csvPath))
      .digest("hex"),
  ).toBe(ipeSha);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, "population");

  // Seed 42 twice: the same items, and each draw on the ledger.
  const first = await drawSample(page, "42", true);
  expect(first).toHaveLength(5);
  const second = await drawSample(page, "42");
  expect(second).toEqual(first);
  await expect(page.getByText(/Recorded on the ledger as event \d+/)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, "sample");
  const sampleUrl = page.url();

  // Re-perform the first sampled item.
  await page.getByRole("table", { name: "Sampled items" }).getByRole("link").first().click();
  await expect(page.getByRole("region", { name: "What the reviewer saw" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Decision" })).toBeVisible();
  const ledger = page.getByRole("region", { name: "Ledger event" });
  await expect(ledger).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, "reperformance");

  // The sample's evidence package verifies with the CLI; a tampered copy does not.
  await page.goto(sampleUrl);
  const packageCard = page.getByRole("region", { name: "Evidence package" });
  const sampleId = sampleUrl.split("/").at(-1) ?? "";
  await expect(
    packageCard.getByText(`npx attest evidence verify attest-sample-${sampleId}.zip`),
  ).toBeVisible();
  const download = page.waitForEvent("download");
  await packageCard.getByRole("link", { name: "Download sample package" }).click();
  const zip = await download;
  expect(zip.suggestedFilename()).toBe(`attest-sample-${sampleId}.zip`);
  const dir = await mkdtemp(join(tmpdir(), "attest-auditor-"));
  const zipPath = join(dir, zip.suggestedFilename());
  await zip.saveAs(zipPath);
  const verified = verifyPackage(zipPath);
  expect(verified.output).toMatch(/^OK: /m);
  expect(verified.status).toBe(0);

  const files = await readZip(zipPath);
  const events = files.get("events.jsonl")?.toString("utf8") ?? "";
  const lines = events.trimEnd().split("\n");
  expect(lines.length).toBeGreaterThan(0);
  const tamperedLine = lines[0] ?? "";
  // The first event said to be recorded a thousand years earlier: its hash no longer matches.
  lines[0] = tamperedLine.replace('"recordedAt":"2', '"recordedAt":"1');
  expect(lines[0]).not.toBe(tamperedLine);
  files.set("events.jsonl", Buffer.from(`${lines.join("\n")}\n`));
  const tamperedPath = join(dir, "tampered.zip");
  await writeZip(tamperedPath, files);
  const failed = verifyPackage(tamperedPath);
  expect(failed.status).not.toBe(0);
  expect(failed.output).toMatch(/FAILED: .*(events\.jsonl|event \d+|seq \d+)/);
});

test("a campaign's evidence package has a PDF summary naming the campaign and its counts", async ({
  page,
  signInAs,
}) => {
  test.setTimeout(120_000);
  await signInAs("Avery Collins", "Auditors");
  const campaigns = page.getByRole("table", { name: "Campaigns" });
  const signedOff = campaigns
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: "Signed off", exact: true }) })
    .first();
  const link = signedOff.getByRole("link").first();
  const name = (await link.textContent()) ?? "";
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const decided = (await page.getByText(/^\d[\d,]* of \d[\d,]* \(\d+%\)$/).textContent()) ?? "";
  const total = decided.split(" of ")[1]?.split(" ")[0]?.replaceAll(",", "") ?? "";
  expect(Number(total)).toBeGreaterThan(0);
  expect(await seriousViolations(page)).toEqual([]);
  // The page lists every decision: the first screenful shows its layout.
  await screenshot(page, "campaign", false);

  const download = page.waitForEvent("download");
  await page
    .getByRole("region", { name: "Evidence package" })
    .getByRole("link", { name: "Download campaign package" })
    .click();
  const zip = await download;
  const dir = await mkdtemp(join(tmpdir(), "attest-auditor-"));
  const zipPath = join(dir, zip.suggestedFilename());
  await zip.saveAs(zipPath);
  expect(verifyPackage(zipPath).status).toBe(0);

  const pdf = (await readZip(zipPath)).get("summary.pdf");
  expect(pdf, "summary.pdf in the package").toBeDefined();
  const parser = new PDFParse({ data: new Uint8Array(pdf ?? Buffer.alloc(0)) });
  const text = (await parser.getText()).text.replace(/\s+/g, " ");
  await parser.destroy();
  expect(text).toContain(`Campaign: ${name}`);
  expect(text).toContain(`Population: ${total} review items`);
  expect(text).toMatch(/Decision mix: \d+ approved, \d+ revoked, \d+ exceptions, \d+ undecided/);
  expect(text).toMatch(/Signed off .* by /);
});

test("an administrator grants and revokes an engagement", async ({ page, signInAs }) => {
  await signInAs("Sam Okafor", "Administrators");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Engagements" })
    .click();
  const table = page.getByRole("table", { name: "Engagements" });
  await expect(table).toContainText("Avery Collins");
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, "engagements");

  const form = page.getByRole("form", { name: "Grant an engagement" });
  await form.getByRole("button", { name: "Grant engagement" }).click();
  await expect(form.getByText("Choose an auditor.")).toBeVisible();
  const auditor = form.getByRole("combobox", { name: "Auditor" });
  const options = await auditor.locator("option").allTextContents();
  const other = options.find(
    (option) => option !== "Choose an auditor" && option !== "Avery Collins",
  );
  await auditor.selectOption({ label: other ?? "Avery Collins" });
  const engagementName = `E2E interim ${Date.now()}`;
  await form.getByRole("textbox", { name: "Name" }).fill(engagementName);
  await form.getByLabel("Period from").fill("2020-01-01");
  await form.getByLabel("Period to").fill("2020-03-31");
  await form.getByRole("button", { name: "Grant engagement" }).click();
  await expect(form.getByRole("status")).toContainText(`Granted “${engagementName}”.`);
  const row = table.getByRole("row").filter({ hasText: engagementName });
  await expect(row).toContainText("Active");
  await row.getByRole("button", { name: /^Revoke/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke engagement" }).click();
  await expect(row).toContainText("Revoked");
});
