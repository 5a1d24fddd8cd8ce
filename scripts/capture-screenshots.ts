// Captures the README's screenshots from a running server with the demo organisation:
//   npx tsx scripts/capture-screenshots.ts http://localhost:3000
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const baseUrl = process.argv[2] ?? "http://localhost:3000";
const browser = await chromium.launch({
  executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});

async function capture(
  name: string,
  user: string,
  group: string,
  path: string,
  width = 1280,
  height = 800,
) {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(`${baseUrl}/sign-in`);
  await page
    .getByRole("region", { name: new RegExp(group) })
    .getByRole("button", { name: new RegExp(`Sign in as ${user}`) })
    .click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  await page.goto(`${baseUrl}${path}`);
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
  await page.close();
}

await capture("campaigns", "Priya Raman", "Control owners", "/campaigns");
await capture("my-reviews", "Dana Whitfield", "Reviewers", "/reviews");
await capture("audit", "Avery Collins", "Auditors", "/audit");
await browser.close();
