import { test as base, expect, type Page } from "@playwright/test";

export type RoleGroup = "Reviewers" | "Control owners" | "Auditors" | "Administrators";

export interface Fixtures {
  /** Signs in through the development sign-in page, as a user of the given role group. */
  signInAs: (name: string, group: RoleGroup) => Promise<void>;
}

/**
 * Every spec runs against the real server with the demo organisation. A browser console error
 * or an uncaught page error fails the test that caused it.
 */
export const test = base.extend<Fixtures & { consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      expect(errors, "browser console errors").toEqual([]);
    },
    { auto: true },
  ],
  signInAs: async ({ page }, use) => {
    await use(async (name, group) => {
      await page.goto("/sign-in");
      await expect(
        page.getByRole("heading", { level: 1, name: "Development sign-in" }),
      ).toBeVisible();
      await page
        .getByRole("region", { name: new RegExp(group) })
        .getByRole("button", { name: new RegExp(`Sign in as ${name}`) })
        .click();
      await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    });
  },
});

export type { Page };
export { expect };
