import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Chosen once in the main process; workers inherit them through the environment.
process.env.ATTEST_E2E_PORT ??= execFileSync(process.execPath, [
  "-e",
  "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
]).toString();
process.env.ATTEST_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), "attest-e2e-"));

const debianChromium = "/usr/bin/chromium";

const chromium = {
  ...devices["Desktop Chrome"],
  viewport: { width: 1280, height: 800 },
  launchOptions: {
    executablePath: existsSync(debianChromium) ? debianChromium : undefined,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  globalSetup: "./e2e/support/global-setup.ts",
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${process.env.ATTEST_E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      // Specs that change shared demo data (a campaign launched, a new latest snapshot, the
      // overdue campaign closed) run after the rest.
      testIgnore: [
        "**/inventory/**",
        "**/campaigns/run-campaign.spec.ts",
        "**/campaigns/define-and-launch.spec.ts",
        "**/reviews/reviewer-workspace.spec.ts",
        "**/audit/auditor.spec.ts",
      ],
      use: chromium,
    },
    {
      // Launches from the latest snapshot: before the inventory specs make a new one.
      name: "chromium, launches",
      testMatch: "**/campaigns/define-and-launch.spec.ts",
      dependencies: ["chromium"],
      use: chromium,
    },
    {
      name: "chromium, after the rest",
      // The reviewer workspace spec launches its own campaign and decides hundreds of items.
      testMatch: [
        "**/inventory/**/*.spec.ts",
        "**/campaigns/run-campaign.spec.ts",
        "**/reviews/reviewer-workspace.spec.ts",
        // Records samples, downloads and an engagement; its draws end yesterday, so campaigns
        // launched today by the specs beside it do not join the population between two draws.
        "**/audit/auditor.spec.ts",
      ],
      dependencies: ["chromium, launches"],
      use: chromium,
    },
  ],
});
