import { expect, type Page, test } from "../support/fixtures";

// Launching a campaign adds one to the demo organisation, so this spec runs after the specs that
// read it, and before the inventory specs make a new latest snapshot (playwright.config.ts).

/** The number a preview figure shows, e.g. the "Items" group → 475. */
async function figure(page: Page, label: string): Promise<number> {
  const group = page.getByRole("region", { name: "Preview" }).getByRole("group", { name: label });
  const text = (await group.textContent()) ?? "";
  const match = text.slice(label.length).match(/^[\d,]+/);
  if (!match) throw new Error(`no number in the preview's ${label}: ${text}`);
  return Number(match[0].replaceAll(",", ""));
}

test("a control owner defines a privileged-access review of one system, previews it, launches it, closes it and signs it off", async ({
  page,
  signInAs,
}) => {
  const name = `AWS production administrators ${Date.now().toString(36)}`;
  await signInAs("Priya Raman", "Control owners");
  await page.getByRole("link", { name: "Definitions", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Campaign definitions" })).toBeVisible();
  await page.getByRole("link", { name: "New definition" }).click();

  const form = page.getByRole("form", { name: "Campaign definition" });
  const preview = page.getByRole("region", { name: "Preview" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Control id", { exact: true }).fill("ITGC-AC-06");
  await expect(form.getByLabel("Control owner", { exact: true })).toHaveValue(/.+/);

  // Scope: privileged grants on one system
  await form.getByLabel("Filter systems").fill("AWS production");
  await form.getByRole("checkbox", { name: /^AWS production account/ }).check();
  await expect(form.getByText("1 selected")).toBeVisible();
  await form.getByRole("checkbox", { name: /^Privileged access only/ }).check();

  // Reviewers: each person's manager, Marcus Lee when there is none
  await form.getByRole("radio", { name: /^Manager/ }).check();
  await expect(preview).toContainText("Choose a fallback reviewer");
  const fallback = form.getByLabel("Fallback reviewer", { exact: true });
  const marcus = await fallback.locator("option", { hasText: "Marcus Lee" }).textContent();
  await fallback.selectOption({ label: marcus ?? "Marcus Lee" });

  // The preview counts what launching would create
  await expect(preview.getByRole("group", { name: "Items" })).toBeVisible();
  await expect(preview).toHaveAttribute("aria-busy", "false");
  const items = await figure(page, "Items");
  expect(items).toBeGreaterThan(0);
  expect(await figure(page, "Reviewers")).toBeGreaterThan(0);
  await expect(
    preview.getByRole("list", { name: "Reviewer load" }).getByRole("listitem").first(),
  ).toBeVisible();
  await expect(preview).toContainText(/The fallback reviewer, Marcus Lee, takes/);

  // Launch, after a confirmation that says what it creates
  await form.getByRole("button", { name: "Save and launch…" }).click();
  const dialog = page.getByRole("dialog", { name: "Launch this campaign now?" });
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expect(dialog).toContainText(
    new RegExp(`It creates ${items.toLocaleString("en-GB")} review items? for [\\d,]+ reviewers?`),
  );
  await expect(dialog).toContainText(/is due on \d{1,2} \w{3} \d{4} \(21 days\)/);
  await expect(dialog).toContainText("The definition is saved first.");
  await dialog.getByRole("button", { name: /^Launch [\d,]+ items?$/ }).click();

  // The new campaign's page
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  await expect(
    page.getByRole("heading", { level: 1, name: new RegExp(`^${name} — `) }),
  ).toBeVisible();
  await expect(page.getByText("ITGC-AC-06").first()).toBeVisible();
  const campaignName = ((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").trim();

  // Watch it, then close it — nobody has decided yet, so the definition's rule applies to
  // every item — and sign it off: the whole life of a campaign, in the UI.
  await expect(page.getByRole("region", { name: "Completion over time" })).toContainText(
    /0 of [\d,]+ items decided/,
  );
  await page.getByRole("button", { name: "Close campaign" }).click();
  const closeDialog = page.getByRole("dialog", { name: `Close “${campaignName}”?` });
  await expect(closeDialog).toContainText(/[\d,]+ items? still ha(s|ve) no decision\./);
  await closeDialog.getByRole("button", { name: "Close campaign" }).click();
  await expect(closeDialog).toBeHidden();
  await expect(page.getByText(/^The campaign is closed\./)).toBeVisible();
  await page.getByRole("button", { name: "Sign off" }).click();
  const signOffDialog = page.getByRole("dialog", { name: `Sign off “${campaignName}”` });
  await signOffDialog
    .getByRole("textbox", { name: "Sign-off statement" })
    .fill("Closed unreviewed in a test: every item carries the recorded undecided rule.");
  await signOffDialog.getByRole("button", { name: "Sign off" }).click();
  await expect(signOffDialog).toBeHidden();
  await expect(page.getByRole("region", { name: "Sign-off" })).toContainText(
    /^Signed off by Priya Raman/,
  );

  // The definition lists its campaign
  await page.goto("/campaigns/definitions");
  const row = page.getByRole("table", { name: "Campaign definitions" }).getByRole("row", { name });
  await expect(row).toContainText("1 campaign in all");
  await expect(row).toContainText("Manager");
});
