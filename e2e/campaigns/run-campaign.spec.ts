import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "../support/fixtures";

// Closing and signing off the demo's overdue campaign changes shared demo data, so this spec
// runs after the specs that read it (playwright.config.ts).

/**
 * Mail the server's development SMTP sink received (global-setup starts the server with no
 * ATTEST_SMTP_HOST, so every notification lands in <data dir>/mail as an .eml file): the
 * unfolded headers of each.
 */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

async function receivedMail(): Promise<string[]> {
  const dataDir = process.env.ATTEST_E2E_DATA_DIR;
  if (!dataDir) throw new Error("playwright.config.ts sets ATTEST_E2E_DATA_DIR");
  const mailDir = join(dataDir, "db", "mail");
  const files = await readdir(mailDir).catch(() => [] as string[]);
  return Promise.all(
    files
      .filter((file) => file.endsWith(".eml"))
      .map(async (file) => {
        const raw = await readFile(join(mailDir, file), "utf8");
        const headers = raw.split(/\r?\n\r?\n/)[0] ?? "";
        return headers.replace(/\r?\n[ \t]+/g, " ");
      }),
  );
}

test("a control owner watches the overdue campaign, chases a reviewer, closes it and signs it off", async ({
  page,
  signInAs,
}) => {
  await signInAs("Priya Raman", "Control owners");
  await page
    .getByRole("table", { name: "Campaigns" })
    .getByRole("link", { name: /non-human identity review/ })
    .click();
  const title = page.getByRole("heading", { level: 1, name: /non-human identity review/ });
  await expect(title).toBeVisible();
  const campaignName = ((await title.textContent()) ?? "").trim();
  await expect(page.getByText(/\d+ days? overdue/)).toBeVisible();

  // Watch: completion over time, the decision mix and the systems, with their numbers.
  await expect(page.getByRole("region", { name: "Completion over time" })).toContainText(
    /\d+ of \d+ items decided by/,
  );
  await expect(page.getByRole("list", { name: "Decision mix" })).toContainText("Undecided");
  await expect(page.getByRole("table", { name: "Items by system" })).toBeAttached();

  // Chase: remind the most overdue reviewer now.
  const reviewers = page.getByRole("table", { name: "Reviewers" });
  const firstOverdue = reviewers.getByRole("row").filter({ hasText: "Overdue" }).first();
  await expect(firstOverdue).toBeVisible();
  const reviewerCell = firstOverdue.getByRole("cell").first().locator("div");
  const reviewerName = ((await reviewerCell.first().textContent()) ?? "").trim();
  const reviewerEmail = ((await reviewerCell.nth(1).textContent()) ?? "").trim();
  const row = reviewers.getByRole("row").filter({ hasText: reviewerEmail });

  // The demo seed recorded the digests its campaigns already sent (the overdue digest went out
  // at the due time, days ago), so the server mailed nobody at start and Remind mails now.
  await expect(row.getByRole("cell").nth(5)).toHaveText(/^\d+ days ago/);
  await row.getByRole("button", { name: `Remind ${reviewerName}` }).click();
  await expect(
    page
      .getByRole("region", { name: "Reviewers" })
      .getByText(new RegExp(`^Reminder sent to ${escapeRegExp(reviewerName)} about \\d+ pending`)),
  ).toBeVisible();
  await expect(row.getByRole("cell").nth(5)).toHaveText(/^just now/);
  await expect
    .poll(
      async () =>
        (await receivedMail()).filter(
          (headers) =>
            new RegExp(`^To: .*<?${escapeRegExp(reviewerEmail)}>?$`, "m").test(headers) &&
            /Subject: (Reminder|Overdue):/.test(headers) &&
            headers.includes(campaignName),
        ).length,
      { message: `a reminder to ${reviewerEmail} reached the SMTP sink` },
    )
    .toBeGreaterThan(0);

  // Close: the dialog says what happens to the undecided items before anything changes.
  await page.getByRole("button", { name: "Close campaign" }).click();
  const closeDialog = page.getByRole("dialog", { name: `Close “${campaignName}”?` });
  await expect(closeDialog).toContainText(/\d+ items? still ha(s|ve) no decision\./);
  await closeDialog.getByRole("button", { name: "Close campaign" }).click();
  await expect(closeDialog).toBeHidden();
  await expect(
    page.getByText(
      /^The campaign is closed\. \d+ items? without a decision (was|were) marked as not reviewed/,
    ),
  ).toBeVisible();
  await expect(page.getByRole("list", { name: "Decision mix" })).toContainText("Not reviewed");
  await expect(page.getByRole("button", { name: /^Remind/ })).toHaveCount(0);

  // Sign off, in the control owner's own words.
  await page.getByRole("button", { name: "Sign off" }).click();
  const signOffDialog = page.getByRole("dialog", { name: `Sign off “${campaignName}”` });
  await signOffDialog
    .getByRole("textbox", { name: "Sign-off statement" })
    .fill(
      "I attest that every non-human identity in scope was reviewed or recorded as not reviewed, and that the revocations are being remediated.",
    );
  await signOffDialog.getByRole("button", { name: "Sign off" }).click();
  await expect(signOffDialog).toBeHidden();
  await expect(
    page.getByText("Signed off. Your statement is recorded in the evidence ledger."),
  ).toBeVisible();
  // Who signed, when, and the statement word for word, where the actions were.
  await expect(page.getByRole("region", { name: "Sign-off" })).toContainText(
    /^Signed off by Priya Raman on \d{1,2} \w+ \d{4}, \d{2}:\d{2}I attest that every non-human identity/,
  );
  await expect(page.getByRole("button", { name: "Sign off" })).toHaveCount(0);

  await page.getByRole("link", { name: "Campaigns" }).first().click();
  await expect(
    page.getByRole("table", { name: "Campaigns" }).getByRole("row", { name: campaignName }),
  ).toContainText("Signed off");
});
