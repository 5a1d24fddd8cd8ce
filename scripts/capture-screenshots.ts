// Captures the README's screenshots from a running server with the demo organisation:
//   npx tsx scripts/capture-screenshots.ts http://localhost:3000
// The demo organisation has no identity provider, so before capturing that page the script
// connects a sample "okta" directory as an administrator and an IdP would (once per server).
import { existsSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";

const baseUrl = process.argv[2] ?? "http://localhost:3000";
const browser = await chromium.launch({
  executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});

async function signIn(page: Page, user: string, group: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page
    .getByRole("region", { name: new RegExp(group) })
    .getByRole("button", { name: new RegExp(`Sign in as ${user}`) })
    .click();
  // Signed in once the app leaves the sign-in page (on a phone, Sign out sits in the menu).
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

async function capture(
  name: string,
  user: string,
  group: string,
  path: string,
  { width = 1280, height = 800, fullPage = false } = {},
) {
  const page = await browser.newPage({ viewport: { width, height } });
  await signIn(page, user, group);
  await page.goto(`${baseUrl}${path}`);
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage });
  await page.close();
}

/** A campaign's page, found by its name in the campaigns list (ids differ on every server). */
async function captureCampaign(
  name: string,
  campaign: RegExp,
  { width = 1280, height = 800 } = {},
) {
  const page = await browser.newPage({ viewport: { width, height } });
  await signIn(page, "Priya Raman", "Control owners");
  await page.goto(`${baseUrl}/campaigns`);
  await page
    .getByRole("table", { name: "Campaigns" })
    .getByRole("link", { name: campaign })
    .click();
  await page.getByRole("table", { name: "Reviewers" }).waitFor();
  await page.waitForLoadState("networkidle");
  // The dashboard down to its last chart; the decided items below are the audit page's picture.
  const systems = await page.getByRole("region", { name: "By system" }).boundingBox();
  if (!systems) throw new Error("the dashboard has no By system card");
  await page.screenshot({
    path: `docs/screenshots/${name}.png`,
    fullPage: true,
    clip: { x: 0, y: 0, width, height: Math.ceil(systems.y + systems.height + 24) },
  });
  await page.close();
}

/**
 * The definition editor with a draft filled in (nothing is saved) and its preview settled: the
 * top of the form beside the preview, or on a phone, the preview itself.
 */
async function captureDefinitionEditor(name: string, { width = 1280, height = 900 } = {}) {
  const page = await browser.newPage({ viewport: { width, height } });
  await signIn(page, "Priya Raman", "Control owners");
  await page.goto(`${baseUrl}/campaigns/definitions/new`);
  const form = page.getByRole("form", { name: "Campaign definition" });
  await form.getByLabel("Name", { exact: true }).fill("Quarterly AWS production administrators");
  await form
    .getByLabel("Description (optional)")
    .fill("Managers confirm every administrator role on the production AWS account.");
  await form.getByLabel("Control id", { exact: true }).fill("ITGC-AC-06");
  await form.getByRole("checkbox", { name: /^AWS production account/ }).check();
  await form.getByRole("checkbox", { name: /^Privileged access only/ }).check();
  const fallback = form.getByLabel("Fallback reviewer", { exact: true });
  const marcus = await fallback.locator("option", { hasText: "Marcus Lee" }).textContent();
  await fallback.selectOption({ label: marcus ?? "Marcus Lee" });
  await form.getByRole("radio", { name: /^On a schedule/ }).check();
  const preview = page.getByRole("region", { name: "Preview" });
  await preview.getByRole("group", { name: "Items" }).waitFor();
  await page.waitForFunction(() => document.querySelector('section[aria-busy="false"]') !== null);
  await page.waitForLoadState("networkidle");
  if (width < 768) await preview.evaluate((element) => element.scrollIntoView());
  else await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
  await page.close();
}

/** Calls a tRPC procedure with the page's session, as the web app does. */
async function trpc<T>(page: Page, path: string, input?: unknown): Promise<T> {
  const response =
    input === undefined
      ? await page.request.get(`${baseUrl}/trpc/${path}`)
      : await page.request.post(`${baseUrl}/trpc/${path}`, { data: input });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${path} failed: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

const samplePeople = [
  ["dana.whitfield", "Dana", "Whitfield", "VP Finance"],
  ["priya.raman", "Priya", "Raman", "Controller"],
  ["marcus.chen", "Marcus", "Chen", "Senior Accountant"],
  ["lena.kowalski", "Lena", "Kowalski", "AP Specialist"],
  ["omar.haddad", "Omar", "Haddad", "Site Reliability Engineer"],
  ["sofia.alvarez", "Sofia", "Alvarez", "Platform Engineer"],
  ["tom.becker", "Tom", "Becker", "HR Business Partner"],
] as const;

const sampleGroups = [
  ["Finance – NetSuite approvers", ["dana.whitfield", "priya.raman", "marcus.chen"]],
  ["Finance – AP clerks", ["lena.kowalski", "marcus.chen"]],
  ["Engineering – AWS production", ["omar.haddad", "sofia.alvarez"]],
] as const;

/** An "okta" directory with two tokens (one revoked) and a few people and groups pushed over SCIM. */
async function connectSampleIdentityProvider() {
  const page = await browser.newPage();
  await signIn(page, "Sam Okafor", "Administrators");
  const directories = await trpc<{ name: string }[]>(page, "scim.directories");
  if (!directories.some((directory) => directory.name === "okta")) {
    const directory = await trpc<{ id: string }>(page, "scim.createDirectory", {
      name: "okta",
      systemName: "Okta",
    });
    const preview = await trpc<{ tokenRecord: { id: string } }>(page, "scim.createToken", {
      directoryId: directory.id,
      name: "Okta preview tenant",
    });
    await trpc(page, "scim.revokeToken", { tokenId: preview.tokenRecord.id });
    const { token } = await trpc<{ token: string }>(page, "scim.createToken", {
      directoryId: directory.id,
      name: "Okta production",
    });
    const scim = async (path: string, resource: Record<string, unknown>) => {
      const response = await page.request.post(`${baseUrl}/scim/v2/${path}`, {
        headers: { "content-type": "application/scim+json", authorization: `Bearer ${token}` },
        data: JSON.stringify(resource),
      });
      if (response.status() !== 201) throw new Error(`SCIM ${path}: ${response.status()}`);
      return (await response.json()) as { id: string };
    };
    const ids = new Map<string, string>();
    for (const [login, givenName, familyName, title] of samplePeople) {
      const email = `${login}@example.com`;
      const user = await scim("Users", {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        userName: email,
        name: { givenName, familyName },
        emails: [{ value: email, type: "work", primary: true }],
        title,
        active: true,
      });
      ids.set(login, user.id);
    }
    for (const [displayName, members] of sampleGroups) {
      await scim("Groups", {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
        displayName,
        members: members.map((login) => ({ value: ids.get(login) })),
      });
    }
  }
  await page.close();
}

await capture("campaigns", "Priya Raman", "Control owners", "/campaigns");
await captureCampaign("campaign-dashboard", /non-human identity review/);
await captureCampaign("campaign-dashboard-narrow", /non-human identity review/, {
  width: 390,
  height: 844,
});
await captureCampaign("campaign-signed-off", /Q3 2026 privileged access review/);
await captureCampaign("campaign-signed-off-narrow", /Q3 2026 privileged access review/, {
  width: 390,
  height: 844,
});
await capture("campaign-definitions", "Priya Raman", "Control owners", "/campaigns/definitions");
await capture(
  "campaign-definitions-narrow",
  "Priya Raman",
  "Control owners",
  "/campaigns/definitions",
  { width: 390, height: 844, fullPage: true },
);
await captureDefinitionEditor("campaign-definition-editor");
await captureDefinitionEditor("campaign-definition-editor-narrow", { width: 390, height: 844 });
await capture("my-reviews", "Dana Whitfield", "Reviewers", "/reviews");
await capture("audit", "Avery Collins", "Auditors", "/audit");
await connectSampleIdentityProvider();
await capture(
  "identity-providers",
  "Sam Okafor",
  "Administrators",
  "/inventory/identity-providers",
);
await capture(
  "identity-providers-narrow",
  "Sam Okafor",
  "Administrators",
  "/inventory/identity-providers",
  { width: 390, height: 844, fullPage: true },
);
await browser.close();
