import { expect, type Page, test } from "../support/fixtures";

// Taking a snapshot makes a new latest snapshot, so this spec sits in e2e/inventory/ and runs
// after the specs that read the demo organisation's (playwright.config.ts).

const scimJson = "application/scim+json";

/** The value beside a label in a directory's facts. */
function fact(page: Page, directory: string, label: string) {
  return page
    .getByRole("region", { name: directory, exact: true })
    .locator(`dt:text-is("${label}") + dd`);
}

test("an administrator connects an identity provider: directory, token, SCIM push, snapshot, revoke", async ({
  page,
  request,
  signInAs,
  baseURL,
}) => {
  const directory = `e2e-okta-${Date.now().toString(36)}`;
  await signInAs("Sam Okafor", "Administrators");
  await page.getByRole("link", { name: "Identity providers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Identity providers" })).toBeVisible();
  await expect(page.getByText(`${baseURL}/scim/v2`, { exact: true })).toBeVisible();

  // The directory
  await page.getByRole("button", { name: /^Add (a )?directory$/ }).click();
  const addDialog = page.getByRole("dialog", { name: "Add a directory" });
  await expect(addDialog.getByLabel("Name (required)")).toBeFocused();
  await addDialog.getByLabel("Name (required)").fill("Okta Prod");
  await addDialog.getByRole("button", { name: "Add directory" }).click();
  await expect(addDialog.getByText(/^Use 1 to 63 lower-case letters/)).toBeVisible();
  await addDialog.getByLabel("Name (required)").fill(directory);
  await addDialog.getByLabel("System name (optional)").fill("Okta (e2e)");
  await addDialog.getByRole("button", { name: "Add directory" }).click();
  await expect(addDialog).toBeHidden();
  const card = page.getByRole("region", { name: directory, exact: true });
  await expect(card).toContainText("No tokens yet");
  await expect(fact(page, directory, "Users")).toHaveText("0");

  // A token, shown once
  await card.getByRole("button", { name: "Issue token" }).click();
  const issueDialog = page.getByRole("dialog", { name: "Issue a token" });
  await expect(issueDialog.getByLabel("Token name")).toBeFocused();
  await issueDialog.getByLabel("Token name").fill("Okta e2e");
  await issueDialog.getByRole("button", { name: "Issue token" }).click();
  const issued = page.getByRole("dialog", { name: "Token issued: Okta e2e" });
  await expect(issued).toContainText("It will not be shown again");
  const tokenField = issued.getByLabel("Bearer token");
  await expect(tokenField).toBeFocused();
  const token = await tokenField.inputValue();
  expect(token).toMatch(/^attest_scim_/);
  await issued.getByRole("button", { name: "Done" }).click();
  await expect(issued).toBeHidden();
  await expect(page.getByText(token)).toHaveCount(0);
  await expect(card.getByRole("row", { name: /Okta e2e/ })).toContainText("Never used");

  // The identity provider pushes a person and a group with the token
  const headers = { "content-type": scimJson, authorization: `Bearer ${token}` };
  const created = await request.post("/scim/v2/Users", {
    headers,
    data: JSON.stringify({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: "grace.hopper@example.com",
      name: { givenName: "Grace", familyName: "Hopper" },
      emails: [{ value: "grace.hopper@example.com", type: "work", primary: true }],
      active: true,
    }),
  });
  expect(created.status()).toBe(201);
  const { id: userId } = (await created.json()) as { id: string };
  const group = await request.post("/scim/v2/Groups", {
    headers,
    data: JSON.stringify({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      displayName: "Finance approvers",
      members: [{ value: userId }],
    }),
  });
  expect(group.status()).toBe(201);

  await page.reload();
  await expect(fact(page, directory, "Users")).toHaveText("1");
  await expect(fact(page, directory, "Memberships")).toHaveText("1");
  await expect(card.getByRole("row", { name: /Okta e2e/ })).toContainText("just now");

  // Roll it up into a snapshot
  await card.getByRole("button", { name: "Snapshot now" }).click();
  const taken = card.getByRole("status");
  await expect(taken).toContainText(`Snapshot scim:${directory} taken: 1 identity, 1 grant.`);
  await expect(fact(page, directory, "Last snapshot").getByRole("link")).toBeVisible();
  await taken.getByRole("link", { name: "Open the population report" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`scim:${directory}`);
  await page.goBack();

  // Revoke the token: the identity provider's next request is refused
  await card.getByRole("button", { name: "Revoke Okta e2e" }).click();
  const revokeDialog = page.getByRole("dialog", { name: "Revoke “Okta e2e”?" });
  await expect(revokeDialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(revokeDialog).toBeHidden();
  await card.getByRole("button", { name: "Revoke Okta e2e" }).click();
  await revokeDialog.getByRole("button", { name: "Revoke token" }).click();
  await expect(revokeDialog).toBeHidden();
  await expect(card.getByRole("row", { name: /Okta e2e/ })).toContainText("Revoked");
  await expect(fact(page, directory, "Live tokens")).toHaveText("0");

  const refused = await request.get("/scim/v2/Users", { headers });
  expect(refused.status()).toBe(401);
});
