import { fileURLToPath } from "node:url";
import { expect, test } from "../support/fixtures";

const examples = fileURLToPath(new URL("../../docs/examples/import/", import.meta.url));
const files = [
  "identities.csv",
  "systems.csv",
  "entitlements.csv",
  "accounts.csv",
  "grants.csv",
].map((name) => `${examples}${name}`);

test("an administrator imports inventory files and sees the report, the snapshot and its population", async ({
  page,
  signInAs,
}) => {
  await signInAs("Sam Okafor", "Administrators");
  await page.goto("/inventory/import");
  await page.getByLabel("Source name (required)").fill("e2e-population");
  await page.getByLabel("Choose files to import").setInputFiles(files);
  const chosen = page.getByRole("list", { name: "Chosen files" });
  await expect(chosen.getByText("Layout: grants")).toBeVisible();
  await page.getByRole("button", { name: /^Import 5 files/ }).click();

  await expect(page.getByRole("heading", { name: /Import of e2e-population/ })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText(/Imported a new snapshot of e2e-population/)).toBeVisible();
  await expect(page.getByRole("group", { name: "Grants" })).toContainText("13");
  await expect(page.getByRole("table").filter({ hasText: "belongs to no identity" })).toBeVisible();

  await page.getByRole("link", { name: "Open the population report" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("e2e-population");
});
