import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { launchCampaign } from "@attest/api/services/campaigns/launch-campaign";
import { createCampaignDefinition } from "@attest/api/services/campaigns/save-campaign-definition";
import { importInventory } from "@attest/api/services/inventory/import/import-inventory";
import { insertRoleAssignments, insertUsers } from "@attest/db/repositories/users";
import { type Browser, chromium } from "@playwright/test";
import { createBenchDatabase, postgresServerUrl } from "./bench-database";
import { generateInventory } from "./generate-inventory";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");
const webDist = join(repoRoot, "apps/web/dist");

export interface ReviewerWorkspaceResult {
  items: number;
  /** Milliseconds from navigation start to the first queue row on screen, per cold load. */
  firstRowMs: number[];
  /** Per scroll of the whole queue: animation frames, the longest, and frames over 50 ms. */
  scrolls: { frames: number; longestFrameMs: number; framesOver50Ms: number; rows: number }[];
  /** The JavaScript the first page needs before it can render: entry and its preloads. */
  initialJsGzipBytes: number;
  initialJsFiles: string[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitForReady(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server was not ready at ${url}`);
}

/** The gzipped size of the entry script and the modules index.html preloads with it. */
async function initialJavaScript(): Promise<{ bytes: number; files: string[] }> {
  const html = await readFile(join(webDist, "index.html"), "utf8");
  const files = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((match) => match[1] ?? "");
  let bytes = 0;
  for (const file of files) bytes += gzipSync(await readFile(join(webDist, file))).length;
  return { bytes, files };
}

/** Records when the first queue row is attached, from the page's own clock (navigation start = 0). */
const firstRowProbe = `
  new MutationObserver((_, observer) => {
    if (document.querySelector("[data-queue-row]")) {
      window.__firstRowAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

/**
 * Scrolls the queue to its end a screenful per frame, waiting at the bottom while the next page
 * loads, and measures every animation frame on the way.
 */
const scrollWholeQueue = `(async () => {
  const scroller = document.querySelector("[data-queue-scroller]");
  if (!scroller) throw new Error("no [data-queue-scroller] on the page");
  const frames = [];
  let last = performance.now();
  let stuckSince = null;
  let seen = 0;
  while (true) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = performance.now();
    frames.push(now - last);
    last = now;
    const atEnd = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
    const rows = [...document.querySelectorAll("[data-queue-row]")];
    const index = Number(rows.at(-1)?.getAttribute("data-index") ?? "0");
    seen = Math.max(seen, index + 1);
    if (atEnd) {
      stuckSince ??= now;
      if (now - stuckSince > 3000) break;
    } else {
      stuckSince = null;
      scroller.scrollTop += scroller.clientHeight;
    }
  }
  return { frames, rows: seen };
})()`;

async function measureInBrowser(
  browser: Browser,
  baseUrl: string,
  reviewerId: string,
  campaignId: string,
  loads: number,
): Promise<Pick<ReviewerWorkspaceResult, "firstRowMs" | "scrolls">> {
  const firstRowMs: number[] = [];
  const scrolls: ReviewerWorkspaceResult["scrolls"] = [];
  for (let load = 0; load < loads; load += 1) {
    // A new context each time: no HTTP cache, as on a reviewer's first visit of the day.
    const context = await browser.newContext({
      baseURL: baseUrl,
      viewport: { width: 1280, height: 800 },
    });
    const signIn = await context.request.post("/auth/dev/sign-in", {
      data: { userId: reviewerId },
    });
    if (!signIn.ok()) throw new Error(`dev sign-in failed: ${signIn.status()}`);
    const page = await context.newPage();
    await page.addInitScript(firstRowProbe);
    await page.goto(`/reviews/${campaignId}`);
    await page.waitForFunction("'__firstRowAt' in window", undefined, { timeout: 30_000 });
    firstRowMs.push((await page.evaluate("window.__firstRowAt")) as number);
    if (load === 0 || load === loads - 1) {
      const { frames, rows } = (await page.evaluate(scrollWholeQueue)) as {
        frames: number[];
        rows: number;
      };
      scrolls.push({
        frames: frames.length,
        longestFrameMs: Math.max(...frames),
        framesOver50Ms: frames.filter((frame) => frame > 50).length,
        rows,
      });
    }
    await context.close();
  }
  return { firstRowMs, scrolls };
}

/**
 * A reviewer's queue of `items` grants (one generated snapshot, every grant routed to one named
 * reviewer by a real launch), served by the real server from the production build on PostgreSQL,
 * measured in Debian's Chromium: first rows after a cold navigation, then a scroll of the whole
 * queue. Needs `npm run build -w @attest/web` first.
 */
export async function benchReviewerWorkspace(
  items: number,
  loads: number,
): Promise<ReviewerWorkspaceResult> {
  if (!existsSync(join(webDist, "index.html")))
    throw new Error("apps/web/dist is missing: run `npm run build -w @attest/web` first");
  const dir = await mkdtemp(join(tmpdir(), "attest-workspace-bench-"));
  const bench = await createBenchDatabase("postgres");
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    const files = await generateInventory(dir, items);
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
    const reviewer = {
      id: randomUUID(),
      email: "queue.reviewer@bench.example",
      displayName: "Queue Reviewer",
      identityKey: null,
    };
    await bench.db.transaction(async (tx) => {
      await insertUsers(tx, [reviewer]);
      await insertRoleAssignments(tx, [
        { userId: reviewer.id, role: "reviewer", assignedBy: "bench" },
        { userId: reviewer.id, role: "control_owner", assignedBy: "bench" },
      ]);
    });
    const definition = await createCampaignDefinition(bench.db, {
      input: {
        name: "Bench queue review",
        description: null,
        controlId: "ITGC-AC-06",
        controlOwnerId: reviewer.id,
        scope: {},
        reviewerStrategy: "named",
        namedReviewerId: reviewer.id,
        fallbackReviewerId: reviewer.id,
        secondStage: null,
        durationDays: 21,
        reminders: { daysBeforeDue: [] },
        escalation: { toManagerAfterDays: null, toControlOwnerAfterDays: null },
        undecidedRule: "not_reviewed",
        justificationRequired: { approve: false, revoke: true },
        maxExceptionDays: 180,
        recurrence: null,
      },
      actor: { system: "bench" },
      now: new Date(),
    });
    const launched = await launchCampaign(bench.db, {
      definitionId: definition.id,
      snapshotId: report.snapshotId,
      launchedBy: { system: "bench" },
      now: new Date(),
    });

    const port = await freePort();
    const databaseUrl = new URL(postgresServerUrl);
    databaseUrl.pathname = `/${bench.name}`;
    server = spawn(process.execPath, ["--import", "tsx", "apps/server/src/main.ts"], {
      cwd: repoRoot,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: databaseUrl.toString(),
        ATTEST_DATA_DIR: join(dir, "data"),
        ATTEST_DEV_LOGIN: "1",
        ATTEST_LOG_FILE: join(dir, "server.log"),
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForReady(`${baseUrl}/readyz`, server);
    browser = await chromium.launch({
      executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
      args: ["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
    });
    const measured = await measureInBrowser(
      browser,
      baseUrl,
      reviewer.id,
      launched.campaign.id,
      loads,
    );
    const initial = await initialJavaScript();
    return {
      items: launched.campaign.itemCount,
      ...measured,
      initialJsGzipBytes: initial.bytes,
      initialJsFiles: initial.files,
    };
  } finally {
    await browser?.close();
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((resolve) => server?.once("exit", resolve));
    }
    await bench.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}
