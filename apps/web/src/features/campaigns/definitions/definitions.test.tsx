import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { mockApi } from "@/mocks/server";
import { renderApp } from "@/test/render-app";

function definitionId(name: string): string {
  const definition = mockApi.db.campaignDefinitions.find((candidate) => candidate.name === name);
  if (!definition) throw new Error(`No mock definition named ${name}`);
  return definition.id;
}

function rowOf(table: HTMLElement, name: string): HTMLElement {
  const row = within(table).getByRole("link", { name }).closest("tr");
  if (!row) throw new Error(`No row for ${name}`);
  return row;
}

/** The number a preview stat shows, e.g. "Items" → 1204. */
function statValue(preview: HTMLElement, label: string): number {
  const text = within(preview).getByRole("group", { name: label }).textContent ?? "";
  const match = text.slice(label.length).match(/^[\d,]+/);
  if (!match) throw new Error(`No number in ${label}: ${text}`);
  return Number(match[0].replaceAll(",", ""));
}

const fallbackOption = "Daniel Okafor (daniel.okafor@example.com)";

describe("Campaign definitions (control owner)", () => {
  it("lists definitions with their owner, reviewers, schedule, next run and last campaign", async () => {
    const { user } = renderApp("/campaigns", { as: "Priya Raman" });
    await user.click(await screen.findByRole("link", { name: "Definitions" }));

    const table = await screen.findByRole("table", { name: "Campaign definitions" });
    expect(within(table).getAllByRole("row")).toHaveLength(5);

    const quarterly = rowOf(table, "Quarterly privileged access review");
    expect(quarterly).toHaveTextContent("ITGC-AC-03");
    expect(quarterly).toHaveTextContent("Priya Raman");
    expect(quarterly).toHaveTextContent("ManagerFallback: Daniel Okafor");
    expect(quarterly).toHaveTextContent("Quarterly, first Monday at 09:00");
    expect(quarterly).toHaveTextContent("3 campaigns in all");

    const netsuite = rowOf(table, "NetSuite ERP user access review");
    expect(netsuite).toHaveTextContent("Manager, then system owner");
    expect(netsuite).toHaveTextContent("Monthly, on the 1st at 09:00");

    // A schedule that is no preset is shown as the cron expression it is.
    const nonHuman = rowOf(table, "Non-human identity ownership review");
    expect(within(nonHuman).getByText("0 8 15 2,5,8,11 *")).toHaveAttribute(
      "title",
      "Cron expression, in UTC",
    );

    const spotCheck = rowOf(table, "Snowflake administrator spot check");
    expect(spotCheck).toHaveTextContent("Named reviewer: Maya Chen");
    expect(spotCheck).toHaveTextContent("By hand");
    expect(spotCheck).toHaveTextContent("Never launched");

    expect(screen.getByRole("link", { name: "New definition" })).toHaveAttribute(
      "href",
      "/campaigns/definitions/new",
    );
  });

  it("names the fields to fix: its own checks first, then the server's beside the field", async () => {
    const { user } = renderApp("/campaigns/definitions/new", { as: "Priya Raman" });
    const form = await screen.findByRole("form", { name: "Campaign definition" });

    await user.click(within(form).getByRole("button", { name: "Save" }));
    const name = within(form).getByLabelText("Name");
    await waitFor(() => expect(name).toHaveFocus());
    expect(name).toBeInvalid();
    expect(name).toHaveAccessibleDescription(/^Name the definition/);
    expect(within(form).getByLabelText("Control id")).toHaveAccessibleDescription(
      /^Give the control id/,
    );
    expect(within(form).getByLabelText("Fallback reviewer")).toHaveAccessibleDescription(
      "Choose a fallback reviewer.",
    );
    expect(within(form).getByText("Some fields need attention.")).toBeInTheDocument();

    // Pasted rather than typed: each keystroke re-renders the whole form, slowly in jsdom.
    await user.click(name);
    await user.paste("Okta administrators");
    await user.click(within(form).getByLabelText("Control id"));
    await user.paste("ITGC-AC-11");
    await user.selectOptions(within(form).getByLabelText("Fallback reviewer"), fallbackOption);
    await user.click(within(form).getByRole("radio", { name: /Custom cron expression/ }));
    const cron = within(form).getByLabelText("Cron expression");
    await user.click(cron);
    await user.paste("0 9 * * FUNDAY");
    // Read while typing: the expression names no day.
    expect(await within(form).findByText(/^Not a cron expression/)).toBeInTheDocument();

    await user.click(within(form).getByRole("button", { name: "Save" }));
    await waitFor(() =>
      expect(cron).toHaveAccessibleDescription(
        'Recurrence "0 9 * * FUNDAY" is not a cron expression.',
      ),
    );
    expect(cron).toBeInvalid();
    await waitFor(() => expect(cron).toHaveFocus());
    expect(mockApi.db.campaignDefinitions).toHaveLength(4);

    await user.clear(cron);
    await user.paste("0 9 * * MON#1");
    expect(await within(form).findByRole("list", { name: "Next runs" })).toBeInTheDocument();
    await user.click(within(form).getByRole("button", { name: "Save" }));

    expect(
      await screen.findByRole("heading", { level: 1, name: "Okta administrators" }),
    ).toBeInTheDocument();
    expect(screen.getByText("Definition saved.")).toBeInTheDocument();
    const saved = mockApi.db.campaignDefinitions.at(-1);
    expect(saved).toMatchObject({
      name: "Okta administrators",
      controlId: "ITGC-AC-11",
      controlOwnerName: "Priya Raman",
      fallbackReviewerName: "Daniel Okafor",
      reviewerStrategy: "manager",
      recurrence: "0 9 * * MON#1",
      undecidedRule: "not_reviewed",
      reminders: { daysBeforeDue: [7, 3, 1] },
    });
  });

  it("previews population and reviewer load as the scope changes", async () => {
    const { user } = renderApp("/campaigns/definitions/new", { as: "Priya Raman" });
    const form = await screen.findByRole("form", { name: "Campaign definition" });
    const preview = screen.getByRole("region", { name: "Preview" });
    expect(preview).toHaveTextContent(
      "Choose a fallback reviewer to see how many items this creates and who reviews them.",
    );

    await user.selectOptions(within(form).getByLabelText("Fallback reviewer"), fallbackOption);
    await within(preview).findByRole("group", { name: "Items" });
    const everything = statValue(preview, "Items");
    expect(everything).toBeGreaterThan(0);
    expect(statValue(preview, "Reviewers")).toBeGreaterThan(1);
    const load = within(preview).getByRole("list", { name: "Reviewer load" });
    expect(within(load).getAllByRole("listitem").length).toBeGreaterThan(1);
    // Managers without the reviewer role leave their people's access to the fallback reviewer.
    expect(preview).toHaveTextContent(/The fallback reviewer, Daniel Okafor, takes [\d,]+ items/);
    expect(
      within(preview).getByText("No reviewer found by the strategy").nextElementSibling,
    ).toHaveTextContent(/^[\d,]+$/);

    await user.click(within(form).getByRole("checkbox", { name: /Privileged access only/ }));
    await waitFor(() => expect(statValue(preview, "Items")).toBeLessThan(everything));
    await waitFor(() => expect(preview).toHaveAttribute("aria-busy", "false"));

    await user.click(within(form).getByRole("checkbox", { name: /Okta/ }));
    await waitFor(() =>
      expect(screen.getByRole("region", { name: "Preview" })).toHaveAttribute("aria-busy", "false"),
    );
    const oktaOnly = statValue(preview, "Items");
    expect(oktaOnly).toBeGreaterThan(0);
    expect(form).toHaveTextContent("1 selected");
  });

  it("asks before launching, with the item count and due date, then opens the campaign", async () => {
    const { user } = renderApp(
      `/campaigns/definitions/${definitionId("Snowflake administrator spot check")}`,
      { as: "Priya Raman" },
    );
    const form = await screen.findByRole("form", { name: "Campaign definition" });
    const preview = screen.getByRole("region", { name: "Preview" });
    await within(preview).findByRole("group", { name: "Items" });
    const items = statValue(preview, "Items");
    expect(statValue(preview, "Reviewers")).toBe(1);
    expect(within(form).getByRole("button", { name: "Save changes" })).toBeDisabled();

    await user.click(within(form).getByRole("button", { name: "Launch now…" }));
    const dialog = screen.getByRole("dialog", { name: "Launch this campaign now?" });
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    const due = new Intl.DateTimeFormat("en-GB", {
      day: "numeric",
      month: "short",
      year: "numeric",
    }).format(new Date(Date.now() + 14 * 86_400_000));
    expect(dialog).toHaveTextContent(`is due on ${due} (14 days)`);
    expect(dialog).toHaveTextContent(`It creates ${items} review items for 1 reviewer`);
    expect(dialog).not.toHaveTextContent("saved first");

    const campaignsBefore = mockApi.db.campaigns.length;
    await user.click(within(dialog).getByRole("button", { name: `Launch ${items} items` }));

    const today = new Date().toISOString().slice(0, 10);
    expect(
      await screen.findByRole("heading", {
        level: 1,
        name: `Snowflake administrator spot check — ${today}`,
      }),
    ).toBeInTheDocument();
    expect(mockApi.db.campaigns).toHaveLength(campaignsBefore + 1);
    expect(
      mockApi.db.items.filter((item) => item.campaignId === mockApi.db.campaigns.at(-1)?.id),
    ).toHaveLength(items);
  });

  it("saves changes before launching an edited definition", async () => {
    const { user } = renderApp(
      `/campaigns/definitions/${definitionId("Snowflake administrator spot check")}`,
      { as: "Priya Raman" },
    );
    const form = await screen.findByRole("form", { name: "Campaign definition" });
    const duration = within(form).getByLabelText("Duration");
    await user.clear(duration);
    await user.type(duration, "10");

    await user.click(within(form).getByRole("button", { name: "Save and launch…" }));
    const dialog = screen.getByRole("dialog", { name: "Launch this campaign now?" });
    expect(dialog).toHaveTextContent("(10 days)");
    expect(dialog).toHaveTextContent("Your changes to the definition are saved first.");
    await user.click(await within(dialog).findByRole("button", { name: /^Launch \d+ items?$/ }));

    await screen.findByRole("heading", {
      level: 1,
      name: /^Snowflake administrator spot check — /,
    });
    expect(
      mockApi.db.campaignDefinitions.find((d) => d.name === "Snowflake administrator spot check"),
    ).toMatchObject({ durationDays: 10, campaignCount: 1 });
  });
});

describe("Longest exception (days)", () => {
  it("refuses more than 730 days beside the field, and saves a shorter limit", async () => {
    const { user } = renderApp(
      `/campaigns/definitions/${definitionId("Snowflake administrator spot check")}`,
      { as: "Priya Raman" },
    );
    const form = await screen.findByRole("form", { name: "Campaign definition" });
    const longest = within(form).getByLabelText("Longest exception (days)");
    expect(longest).toHaveValue(180);

    await user.clear(longest);
    await user.type(longest, "800");
    await user.click(within(form).getByRole("button", { name: "Save changes" }));
    expect(longest).toHaveAccessibleDescription(/at most 730 days/);

    await user.clear(longest);
    await user.type(longest, "90");
    await user.click(within(form).getByRole("button", { name: "Save changes" }));
    await waitFor(() =>
      expect(
        mockApi.db.campaignDefinitions.find((d) => d.name === "Snowflake administrator spot check"),
      ).toMatchObject({ maxExceptionDays: 90 }),
    );
  });
});

describe("Campaign definitions (auditor)", () => {
  it("shows definitions read-only, from the audit page", async () => {
    const { user } = renderApp("/audit", { as: "Ruth Adeyemi" });
    await user.click(await screen.findByRole("link", { name: "Campaign definitions" }));

    const table = await screen.findByRole("table", { name: "Campaign definitions" });
    expect(screen.queryByRole("link", { name: "New definition" })).toBeNull();
    await user.click(
      within(table).getByRole("link", { name: "Quarterly privileged access review" }),
    );

    const name = await screen.findByLabelText("Name");
    expect(name).toHaveValue("Quarterly privileged access review");
    expect(name).toBeDisabled();
    expect(screen.getByLabelText("Control owner")).toHaveDisplayValue("Priya Raman");
    expect(screen.getByRole("radio", { name: /Mark as not reviewed/ })).toBeChecked();
    expect(screen.queryByRole("region", { name: "Preview" })).toBeNull();
    expect(screen.queryByRole("button", { name: /Launch/ })).toBeNull();
    expect(screen.getByRole("region", { name: "Runs" })).toHaveTextContent("Campaigns3");
  });
});
