import { expect, test } from "../support/fixtures";

test.describe("each persona lands on a page filled with the demo organisation", () => {
  test("a signed-out visitor is sent to the development sign-in", async ({ page }) => {
    await page.goto("/campaigns");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(
      page.getByRole("heading", { level: 1, name: "Development sign-in" }),
    ).toBeVisible();
    await expect(
      page
        .getByRole("region", { name: /Reviewers/ })
        .getByRole("button")
        .first(),
    ).toBeVisible();
  });

  test("reviewer: My reviews lists campaigns with pending counts, then the items to decide", async ({
    page,
    signInAs,
  }) => {
    await signInAs("Dana Whitfield", "Reviewers");
    await expect(page).toHaveURL(/\/reviews$/);
    const campaign = page.getByRole("link", { name: /Q4 2026 privileged access review/ });
    await expect(campaign).toBeVisible();
    await expect(campaign).toContainText(/\d+\s*pending/);
    await campaign.click();

    await expect(
      page.getByRole("heading", { name: "Q4 2026 privileged access review" }),
    ).toBeVisible();
    const queue = page.getByRole("list", { name: "Review items" });
    const rows = queue.getByRole("group");
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBeGreaterThan(1);
    await expect(queue.getByText("Privileged").first()).toBeVisible();
    await expect(page.getByRole("button", { name: /^Approve/ }).first()).toBeVisible();
  });

  test("control owner: Campaigns shows completion and overdue counts", async ({
    page,
    signInAs,
  }) => {
    await signInAs("Priya Raman", "Control owners");
    await expect(page).toHaveURL(/\/campaigns$/);
    const table = page.getByRole("table", { name: "Campaigns" });
    const privileged = table.getByRole("row", { name: /Q4 2026 privileged access review/ });
    await expect(privileged).toContainText("ITGC-AC-03");
    await expect(privileged.getByRole("progressbar")).toHaveAttribute("aria-valuenow", /^\d+$/);
    const nonHuman = table.getByRole("row", { name: /Q4 2026 non-human identity review/ });
    await expect(nonHuman).toContainText(/\b\d+ days? overdue/);
    const signedOff = table.getByRole("row", { name: /Q3 2026 privileged access review/ });
    await expect(signedOff).toContainText("Signed off");
    await expect(signedOff).toContainText("100%");
  });

  test("auditor: Audit lists campaigns and a campaign's decided items, read-only", async ({
    page,
    signInAs,
  }) => {
    await signInAs("Avery Collins", "Auditors");
    await expect(page).toHaveURL(/\/audit$/);
    await page.getByRole("link", { name: "Q3 2026 privileged access review" }).click();
    const decisions = page.getByRole("table", { name: "Decided items" });
    await expect(decisions.getByRole("row").nth(1)).toBeVisible();
    await expect(decisions).toContainText("Approved");
    await expect(decisions).toContainText("Revoked");
    await expect(page.getByRole("button", { name: /^(Approve|Revoke|Exception)/ })).toHaveCount(0);
  });

  test("administrator: Inventory counts the demo snapshot", async ({ page, signInAs }) => {
    await signInAs("Sam Okafor", "Administrators");
    await expect(page).toHaveURL(/\/inventory$/);
    await expect(page.getByText("demo-organisation").first()).toBeVisible();
    await expect(page.getByRole("group", { name: /Systems/ })).toContainText("25");
  });
});
