import { expect, test } from "../support/fixtures";

test.describe("evidence ledger", () => {
  test("a reviewer's decision is on the ledger with its actor, and the live chain verifies", async ({
    browser,
    page,
    signInAs,
  }) => {
    await signInAs("Dana Whitfield", "Reviewers");
    await page.getByRole("link", { name: /Q4 2026 privileged access review/ }).click();
    const queue = page.getByRole("list", { name: "Review items" });
    const approve = queue.getByRole("button", { name: /^Approve: / }).first();
    const item = ((await approve.getAttribute("aria-label")) ?? "").replace(/^Approve: /, "");
    await approve.click();
    await expect(
      queue.getByRole("button", { name: `Approve: ${item}`, pressed: true }).first(),
    ).toBeVisible();
    await page.getByRole("button", { name: /^Decided/ }).click();
    await expect(
      queue.getByRole("button", { name: `Approve: ${item}`, pressed: true }).first(),
    ).toBeVisible();

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
