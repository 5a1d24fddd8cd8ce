import { expect, test } from "../support/fixtures";

test.describe("evidence ledger", () => {
  test("a reviewer's decision is on the ledger with its actor, and the live chain verifies", async ({
    browser,
    page,
    signInAs,
  }) => {
    await signInAs("Dana Whitfield", "Reviewers");
    await page.getByRole("link", { name: /Q4 2026 privileged access review/ }).click();
    const firstItem = page.getByRole("table", { name: "Review items" }).getByRole("row").nth(1);
    const account = (await firstItem.getByRole("cell").nth(1).textContent()) ?? "";
    await firstItem.getByRole("button", { name: "Approve" }).click();
    await page.getByRole("button", { name: /^Decided/ }).click();
    const decided = page
      .getByRole("table", { name: "Review items" })
      .getByRole("row")
      .filter({ hasText: account });
    await expect(decided.first()).toContainText("Approved");

    // an administrator in another browser context sees it on the ledger and verifies the chain
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await admin.goto("/sign-in");
    await admin
      .getByRole("region", { name: /Administrators/ })
      .getByRole("button", { name: /Sign in as Sam Okafor/ })
      .click();
    await admin.getByRole("link", { name: "Ledger" }).click();
    const events = admin.getByRole("table", { name: "Recent events" });
    await expect(events.getByRole("row", { name: /Dana Whitfield/ }).first()).toContainText(
      "decision.recorded",
    );
    await admin.getByRole("button", { name: "Verify now" }).click();
    await expect(
      admin.getByRole("region", { name: "Verify the chain" }).getByRole("status"),
    ).toContainText(/Verified \d+ events and \d+ signed checkpoints?/);
    await adminContext.close();
  });

  test("an auditor can verify the chain but not sign a checkpoint", async ({ page, signInAs }) => {
    await signInAs("Avery Collins", "Auditors");
    await page.getByRole("link", { name: "Ledger" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Evidence ledger" })).toBeVisible();
    await expect(page.getByText(/^SHA256:/).first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign checkpoint now" })).toHaveCount(0);
    await page.getByRole("button", { name: "Verify now" }).click();
    await expect(
      page.getByRole("region", { name: "Verify the chain" }).getByRole("status"),
    ).toContainText(/Verified \d+ events/);
  });
});
