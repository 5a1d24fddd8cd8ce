import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "../support/fixtures";

/** Calls a tRPC procedure as the page's signed-in user (the session cookie rides along). */
async function call<T>(page: Page, path: string, input?: unknown, mutation = true): Promise<T> {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = mutation
    ? await page.request.post(`/trpc/${path}`, { data: input ?? {} })
    : await page.request.get(`/trpc/${path}${query}`);
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!response.ok() || !body.result) {
    throw new Error(`${path} failed: ${JSON.stringify(body.error ?? body)}`);
  }
  return body.result.data;
}

/** Serious and critical accessibility violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21aa"])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
    );
}

const shots = process.env.ATTEST_SCREENSHOTS === "1";

test("a reviewer works a queue with the keyboard, exceptions, bulk, a changed decision and a conflict; the ledger has it all and verifies", async ({
  page,
  browser,
  signInAs,
  consoleErrors,
}) => {
  test.setTimeout(180_000);
  await signInAs("Marcus Lee", "Control owners");

  // Marcus, a control owner who also reviews, launches a campaign that names him reviewer of
  // every grant of the demo snapshot: a queue of hundreds.
  const me = await call<{ id: string }>(page, "session.current", undefined, false);
  const stamp = Date.now().toString(36);
  const definition = await call<{ id: string }>(page, "campaigns.definitions.create", {
    name: `Workspace review ${stamp}`,
    description: null,
    controlId: "ITGC-AC-06",
    controlOwnerId: me.id,
    scope: {},
    reviewerStrategy: "named",
    namedReviewerId: me.id,
    fallbackReviewerId: me.id,
    secondStage: null,
    durationDays: 21,
    undecidedRule: "not_reviewed",
    justificationRequired: { approve: false, revoke: true },
    recurrence: null,
  });
  // The demo organisation's snapshot by name: the inventory specs, running beside this one,
  // import smaller snapshots that become the latest.
  const snapshots = await call<{ id: string; source: string }[]>(
    page,
    "inventory.snapshots",
    {},
    false,
  );
  const demoSnapshot = snapshots.find((snapshot) => snapshot.source === "demo-organisation");
  if (!demoSnapshot) throw new Error("the demo organisation has no snapshot");
  const launched = await call<{ campaign: { id: string; itemCount: number } }>(
    page,
    "campaigns.launch",
    { definitionId: definition.id, snapshotId: demoSnapshot.id },
  );
  expect(launched.campaign.itemCount).toBeGreaterThan(250);

  await page.goto("/reviews");
  const campaignLink = page.getByRole("link", { name: new RegExp(`Workspace review ${stamp}`) });
  await expect(campaignLink).toContainText(/pending/);
  expect(await seriousViolations(page)).toEqual([]);
  if (shots) await page.screenshot({ path: "docs/screenshots/reviews-my-reviews.png" });
  await campaignLink.click();

  const queue = page.getByRole("list", { name: "Review items" });
  const rows = queue.getByRole("group");
  await expect(rows.first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  if (shots) await page.screenshot({ path: "docs/screenshots/reviews-queue.png" });

  // Keyboard: focus the first item Marcus may decide, approve it with "a"; focus moves on with j.
  const decidable = rows.filter({ has: page.getByRole("button", { name: /^Approve: / }) });
  const first = decidable.first();
  await first.focus();
  await page.keyboard.press("a");
  await expect(first.getByRole("button", { name: /^Approve: /, pressed: true })).toBeVisible();

  // Exception on the next decidable item, with a justification and an end date, by keyboard.
  const second = decidable.nth(1);
  await second.focus();
  await page.keyboard.press("e");
  const exception = page.getByRole("dialog", { name: "Approve as an exception" });
  await exception.getByLabel("Justification").fill("Quarter-end close still needs this access.");
  const expiry = exception.getByLabel("Exception ends on");
  await expiry.fill((await expiry.getAttribute("min")) ?? "");
  await exception.getByLabel(/Compensating control/).fill("Weekly log review by the controller");
  await exception.getByRole("button", { name: "Approve as exception" }).click();
  await expect(exception).toBeHidden();
  await expect(second.getByRole("button", { name: /^Exception: /, pressed: true })).toBeVisible();

  // Context panel of the focused item: who, the access and the decision history.
  await second.focus();
  await page.keyboard.press("o");
  const panel = page.getByRole("complementary", { name: "Item context" });
  await expect(panel.getByText(/Quarter-end close still needs this access/).first()).toBeVisible();
  await expect(panel.getByText(/Control: Weekly log review/)).toBeVisible();
  if (shots) await page.screenshot({ path: "docs/screenshots/reviews-context-panel.png" });
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();

  // Changing a decision: the approved item is revoked, with the justification revoking needs.
  await first.getByRole("button", { name: /^Revoke: / }).click();
  const revoke = page.getByRole("dialog", { name: "Revoke access" });
  await revoke.getByLabel("Justification").fill("Changed my mind: moved teams last month.");
  await revoke.getByRole("button", { name: "Revoke access" }).click();
  await expect(first.getByRole("button", { name: /^Revoke: /, pressed: true })).toBeVisible();

  // A second tab decides the third item first; this tab's later write is a conflict.
  const third = decidable.nth(2);
  const thirdName = (await third.getAttribute("aria-label"))?.split(". ")[0] ?? "";
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await other.goto("/sign-in");
  await other
    .getByRole("region", { name: /Control owners/ })
    .getByRole("button", { name: /Sign in as Marcus Lee/ })
    .click();
  await expect(other.getByRole("button", { name: "Sign out" })).toBeVisible();
  await other.goto(page.url());
  await other
    .getByRole("list", { name: "Review items" })
    .getByRole("button", { name: `Approve: ${thirdName}` })
    .first()
    .click();
  await expect(
    other.getByRole("button", { name: `Approve: ${thirdName}`, pressed: true }).first(),
  ).toBeVisible();
  await otherContext.close();
  await third.getByRole("button", { name: /^Revoke: / }).click();
  const conflicted = page.getByRole("dialog", { name: "Revoke access" });
  await conflicted.getByLabel("Justification").fill("Not needed any more.");
  await conflicted.getByRole("button", { name: "Revoke access" }).click();
  await expect(conflicted.getByRole("alert")).toContainText(/decided elsewhere|changed/i);
  await conflicted.getByRole("button", { name: "Cancel" }).click();
  // The browser logs the refused write; that one 409 is the point of this step, nothing else.
  const conflictLog =
    "Failed to load resource: the server responded with a status of 409 (Conflict)";
  expect(consoleErrors).toEqual([conflictLog]);
  consoleErrors.length = 0;

  // Bulk: select with x, extend with shift+j to 200 items, approve them in one confirmation.
  await page.getByRole("button", { name: /^Pending/ }).click();
  await expect(rows.first()).toBeVisible();
  await decidable.first().focus();
  await page.keyboard.press("x");
  const bar = page.getByRole("group", { name: "Selection" });
  let selected = 1;
  while (selected < 200) {
    await page.keyboard.press("Shift+J");
    selected = Number(((await bar.textContent()) ?? "").match(/^(\d+) selected/)?.[1] ?? 0);
  }
  await expect(bar).toContainText("200 selected");
  await bar.getByRole("button", { name: "Approve" }).click();
  const confirm = page.getByRole("dialog", { name: "Approve 200 items" });
  await expect(confirm).toBeVisible();
  if (shots) await page.screenshot({ path: "docs/screenshots/reviews-bulk-confirmation.png" });
  await confirm
    .getByLabel(/Justification/)
    .fill("Quarterly confirmation of the finance team's access.");
  await confirm.getByRole("button", { name: "Approve 200 items" }).click();
  await expect(page.getByText(/^Recorded 200 decisions/)).toBeVisible();

  // The whole queue scrolls: fast, screen after screen, then to its last item, loaded on demand.
  const scroller = page.locator("[data-queue-scroller]");
  for (let step = 0; step < 60; step += 1) {
    await scroller.evaluate((element) => {
      element.scrollTop += element.clientHeight * 2;
    });
  }
  await expect
    .poll(async () => {
      await scroller.evaluate((element) => {
        element.scrollTop = element.scrollHeight;
      });
      // The queue's length as the list states it (aria-setsize), once the bulk refetch is in.
      const total = Number(await queue.getByRole("listitem").first().getAttribute("aria-setsize"));
      return page.locator(`[data-queue-row][data-index="${total - 1}"]`).count();
    })
    .toBe(1);

  // The ledger has every decision, with Marcus as actor and its time, and the chain verifies.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await admin.goto("/sign-in");
  await admin
    .getByRole("region", { name: /Administrators/ })
    .getByRole("button", { name: /Sign in as Sam Okafor/ })
    .click();
  await admin.getByRole("link", { name: "Ledger" }).click();
  const events = admin.getByRole("table", { name: "Recent events" });
  const marcusDecisions = events.getByRole("row", { name: /Marcus Lee/ }).filter({
    hasText: "decision.recorded",
  });
  await expect(marcusDecisions.first()).toBeVisible();
  await admin.getByRole("button", { name: "Verify now" }).click();
  await expect(
    admin.getByRole("region", { name: "Verify the chain" }).getByRole("status"),
  ).toContainText(/Verified \d+ events/);
  await adminContext.close();

  if (shots) {
    // The same pages at tablet width: the context opens as a dialog there.
    await page.setViewportSize({ width: 800, height: 1100 });
    await page.goto("/reviews");
    await expect(campaignLink).toBeVisible();
    await page.screenshot({ path: "docs/screenshots/reviews-my-reviews-narrow.png" });
    await campaignLink.click();
    await expect(rows.first()).toBeVisible();
    await page.screenshot({ path: "docs/screenshots/reviews-queue-narrow.png" });
    await rows.first().focus();
    await page.keyboard.press("o");
    await expect(page.getByRole("dialog", { name: "Item context" })).toBeVisible();
    await page.screenshot({ path: "docs/screenshots/reviews-context-panel-narrow.png" });
  }
});
