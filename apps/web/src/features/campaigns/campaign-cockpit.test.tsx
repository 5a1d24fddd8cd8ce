import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { mockApi } from "@/mocks/server";
import { TrpcMockError } from "@/mocks/trpc-msw";
import { mockProcedures, renderApp } from "@/test/render-app";

function campaignId(name: string): string {
  const campaign = mockApi.db.campaigns.find((candidate) => candidate.name === name);
  if (!campaign) throw new Error(`No mock campaign named ${name}`);
  return campaign.id;
}

const overdueCampaign = "Q4 2026 NetSuite ERP user access review";
const closedCampaign = "Q3 2026 NetSuite ERP user access review";

function rowOf(table: HTMLElement, name: string): HTMLElement {
  const row = within(table).getByText(name).closest("tr");
  if (!row) throw new Error(`No row for ${name}`);
  return row;
}

describe("Campaign cockpit (control owner)", () => {
  it("shows completion over time, decision mix, systems, flags and each reviewer's progress", async () => {
    renderApp(`/campaigns/${campaignId(overdueCampaign)}`, { as: "Jonas Lindqvist" });

    const reviewers = await screen.findByRole("table", { name: "Reviewers" });
    // Overdue reviewers first, most pending first.
    const rows = within(reviewers).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toHaveTextContent(/^Noah Abubakar.*9 of 22\s*13\s*Overdue\s*None\s*3 days ago/);
    expect(rows.filter((row) => row.textContent?.includes("Overdue"))).toHaveLength(3);
    const done = rowOf(reviewers, "Emma Patel");
    expect(done).toHaveTextContent(/30 of 30\s*0\s*Done.*Never/);
    expect(within(done).queryByRole("button", { name: /Remind/ })).toBeNull();
    const maya = rowOf(reviewers, "Maya Chen");
    expect(maya).toHaveTextContent(/1 flag\s*yesterday\s*Escalated 2 days ago/);
    expect(within(maya).getByText("yesterday")).toHaveAttribute(
      "title",
      expect.stringMatching(/\d{4}, \d{2}:\d{2}$/),
    );

    const mix = screen.getByRole("list", { name: "Decision mix" });
    expect(
      within(mix)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual(["Approved7960%", "Revoked118%", "Exception43%", "Undecided3728%"]);

    const completion = screen.getByRole("table", { name: "Completion over time" });
    const lastDay = within(completion).getAllByRole("row").at(-1);
    expect(lastDay).toHaveTextContent(/94\s*71%$/);
    expect(screen.getByText(/94 of 131 items decided by/)).toBeInTheDocument();

    const systems = screen.getByRole("table", { name: "Items by system" });
    expect(within(systems).getAllByRole("row")[1]).toHaveTextContent("NetSuite ERP1319437");

    expect(screen.getByRole("region", { name: "Revokes awaiting remediation" })).toHaveTextContent(
      "Remediation tracking is not built yet",
    );
    expect(screen.getByRole("region", { name: "Re-routed items" })).toHaveTextContent(
      /^Re-routed items8.*Would have reviewed their own access5No reviewer found by the strategy3$/,
    );
    expect(screen.getByRole("region", { name: "Independence flags" })).toHaveTextContent(
      /^Independence flags2.*2 reviewers\.Maya Chen1Nadia Adeyemi1$/,
    );
  });

  it("reminds one overdue reviewer now, and shows when they were reminded", async () => {
    const { user } = renderApp(`/campaigns/${campaignId(overdueCampaign)}`, {
      as: "Jonas Lindqvist",
    });
    const reviewers = await screen.findByRole("table", { name: "Reviewers" });
    const maya = rowOf(reviewers, "Maya Chen");

    await user.click(within(maya).getByRole("button", { name: "Remind Maya Chen" }));

    expect(
      await screen.findByText("Reminder sent to Maya Chen about 12 pending items."),
    ).toBeVisible();
    await waitFor(() => expect(maya).toHaveTextContent("just now"));

    // A second click within the cooldown sends nothing and says so.
    await user.click(within(maya).getByRole("button", { name: "Remind Maya Chen" }));
    expect(await screen.findByText(/Maya Chen was reminded in the last few minutes/)).toBeVisible();
  });

  it("reminds every overdue reviewer at once", async () => {
    const { user } = renderApp(`/campaigns/${campaignId(overdueCampaign)}`, {
      as: "Jonas Lindqvist",
    });
    await user.click(await screen.findByRole("button", { name: "Remind all overdue (3)" }));
    expect(await screen.findByText(/Reminders sent to 3 reviewers: /)).toBeVisible();
  });

  it("says before closing what happens to the undecided items, then closes", async () => {
    const { user } = renderApp(`/campaigns/${campaignId(overdueCampaign)}`, {
      as: "Jonas Lindqvist",
    });
    await user.click(await screen.findByRole("button", { name: "Close campaign" }));

    const dialog = await screen.findByRole("dialog", { name: `Close “${overdueCampaign}”?` });
    expect(dialog).toHaveTextContent(
      "37 items still have no decision. This campaign's rule, as it was launched, is that undecided items are revoked: each becomes a revoke awaiting remediation. Closing applies that to all 37",
    );
    expect(dialog).toHaveTextContent(
      "Reviewers cannot decide anything in this campaign after it closes.",
    );
    await user.click(within(dialog).getByRole("button", { name: "Close campaign" }));

    expect(
      await screen.findByText(
        "The campaign is closed. 37 items without a decision were revoked: each becomes a revoke awaiting remediation.",
      ),
    ).toBeVisible();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(await screen.findByRole("button", { name: "Sign off" })).toBeEnabled();
    const mix = screen.getByRole("list", { name: "Decision mix" });
    expect(mix).toHaveTextContent("Revoked at close37");
    expect(screen.queryByRole("button", { name: /Remind/ })).toBeNull();
  });

  it("shows the server's refusal of a sign-off and keeps Sign off disabled with it", async () => {
    const refusal =
      "3 items never reached their second-stage review; the campaign cannot be signed off until every item is resolved.";
    mockProcedures({
      "campaigns.signOff": () => {
        throw new TrpcMockError("PRECONDITION_FAILED", refusal);
      },
    });
    const { user } = renderApp(`/campaigns/${campaignId(closedCampaign)}`, {
      as: "Jonas Lindqvist",
    });
    await user.click(await screen.findByRole("button", { name: "Sign off" }));
    const dialog = await screen.findByRole("dialog", { name: `Sign off “${closedCampaign}”` });

    // The statement is required before anything is sent.
    await user.click(within(dialog).getByRole("button", { name: "Sign off" }));
    expect(
      within(dialog).getByRole("textbox", { name: "Sign-off statement" }),
    ).toHaveAccessibleDescription(/statement is required/);

    await user.type(
      within(dialog).getByRole("textbox", { name: "Sign-off statement" }),
      "I attest the review was completed.",
    );
    await user.click(within(dialog).getByRole("button", { name: "Sign off" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      `The campaign was not signed off. ${refusal}`,
    );
    await user.click(within(dialog).getByRole("button", { name: "Not now" }));

    const signOff = screen.getByRole("button", { name: "Sign off" });
    expect(signOff).toBeDisabled();
    expect(signOff).toHaveAccessibleDescription(refusal);
  });

  it("signs off a closed campaign with the control owner's statement", async () => {
    const { user } = renderApp(`/campaigns/${campaignId(closedCampaign)}`, {
      as: "Jonas Lindqvist",
    });
    await user.click(await screen.findByRole("button", { name: "Sign off" }));
    const dialog = await screen.findByRole("dialog", { name: `Sign off “${closedCampaign}”` });
    await user.type(
      within(dialog).getByRole("textbox", { name: "Sign-off statement" }),
      "I attest the review was completed as defined.",
    );
    await user.click(within(dialog).getByRole("button", { name: "Sign off" }));

    expect(
      await screen.findByText("Signed off. Your statement is recorded in the evidence ledger."),
    ).toBeVisible();
    const record = await screen.findByRole("region", { name: "Sign-off" });
    expect(record).toHaveTextContent(
      /^Signed off by Jonas Lindqvist on \d{1,2} \w+ \d{4}, \d{2}:\d{2}I attest the review was completed as defined\.$/,
    );
    expect(screen.queryByRole("button", { name: "Sign off" })).toBeNull();
  });

  it("asks for a reason before cancelling", async () => {
    const { user } = renderApp(`/campaigns/${campaignId(overdueCampaign)}`, {
      as: "Jonas Lindqvist",
    });
    await user.click(await screen.findByRole("button", { name: "Cancel campaign" }));
    const dialog = await screen.findByRole("dialog", { name: `Cancel “${overdueCampaign}”?` });
    await user.click(within(dialog).getByRole("button", { name: "Cancel campaign" }));
    expect(within(dialog).getByRole("textbox", { name: "Reason" })).toHaveAccessibleDescription(
      /reason is required/,
    );
    await user.type(within(dialog).getByRole("textbox", { name: "Reason" }), "Wrong scope.");
    await user.click(within(dialog).getByRole("button", { name: "Cancel campaign" }));
    expect(
      await screen.findByText("The campaign is cancelled. Your reason is recorded."),
    ).toBeVisible();
    expect(screen.queryByRole("button", { name: "Cancel campaign" })).toBeNull();
  });

  it("explains why an administrator cannot sign off", async () => {
    renderApp(`/campaigns/${campaignId(closedCampaign)}`, { as: "Ines Costa" });
    const signOff = await screen.findByRole("button", { name: "Sign off" });
    expect(signOff).toBeDisabled();
    expect(signOff).toHaveAccessibleDescription(
      "Only the campaign's control owner can sign it off.",
    );
  });

  it("shows another control owner's campaign without lifecycle actions", async () => {
    renderApp(`/campaigns/${campaignId(overdueCampaign)}`, { as: "Priya Raman" });
    await screen.findByRole("table", { name: "Reviewers" });
    expect(screen.queryByRole("button", { name: "Close campaign" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Cancel campaign" })).toBeNull();
    expect(screen.queryByRole("button", { name: /^Reassign/ })).toBeNull();
    expect(screen.getAllByRole("button", { name: /^Remind/ }).length).toBeGreaterThan(0);
  });

  it("says in the header where the campaign came from and who launched it", async () => {
    const snapshot = mockApi.db.inventory.snapshot;
    renderApp(`/campaigns/${campaignId(overdueCampaign)}`, { as: "Jonas Lindqvist" });
    expect(await screen.findByText("Launched by Jonas Lindqvist")).toBeVisible();
    expect(
      screen.getByRole("link", {
        name: (name) => /^, \d{1,2} \w+ \d{4}$/.test(name.replace(snapshot?.source ?? "", "")),
      }),
    ).toHaveAttribute("href", `/inventory/snapshots/${snapshot?.id}`);
    // One stage only: nothing said about stages.
    expect(screen.queryByText(/^Stage \d of 2/)).toBeNull();
    expect(screen.queryByRole("region", { name: "Sign-off" })).toBeNull();
  });

  it("shows who closed and signed off a campaign, and their statement", async () => {
    renderApp(`/campaigns/${campaignId("Q3 2026 privileged access review")}`, {
      as: "Priya Raman",
    });
    const signOff = await screen.findByRole("region", { name: "Sign-off" });
    expect(signOff).toHaveTextContent(
      /^Signed off by Priya Raman on \d{1,2} \w+ \d{4}, \d{2}:\d{2}I confirm/,
    );
    expect(within(signOff).getByText(/^I confirm that every privileged entitlement/)).toBeVisible();
    expect(screen.getByText(/^Closed \d{1,2} \w+ \d{4} by Priya Raman$/)).toBeVisible();
    expect(screen.getByText("Launched by Priya Raman")).toBeVisible();
  });

  it("opens stage two of a two-stage campaign before it may close", async () => {
    const { user } = renderApp(
      `/campaigns/${campaignId("Non-human identity ownership review — Q4 2026")}`,
      { as: "Helen Marsh" },
    );
    expect(
      await screen.findByText(/^Stage 1 of 2 · stage two opens \d{1,2} \w+ \d{4}$/),
    ).toBeVisible();
    expect(screen.getByText("Launched by scheduler (system)")).toBeVisible();
    // Closing waits for stage two: it is not offered yet.
    expect(screen.queryByRole("button", { name: "Close campaign" })).toBeNull();

    await user.click(screen.getByRole("button", { name: "Open stage two" }));
    const dialog = await screen.findByRole("dialog", {
      name: "Open stage two of “Non-human identity ownership review — Q4 2026”?",
    });
    expect(dialog).toHaveTextContent(/^.*Stage one ends now instead of on \d{1,2} \w+ \d{4}/);
    expect(dialog).toHaveTextContent(
      "Stage-one reviewers cannot change their decisions afterwards.",
    );
    await user.click(within(dialog).getByRole("button", { name: "Open stage two" }));

    expect(
      await screen.findByText("Stage two is open: 11 items went to the second-stage reviewers."),
    ).toBeVisible();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(await screen.findByText(/^Stage 2 of 2 · opened \d{1,2} \w+ \d{4}$/)).toBeVisible();
    expect(screen.queryByRole("button", { name: "Open stage two" })).toBeNull();
    expect(screen.getByRole("button", { name: "Close campaign" })).toBeEnabled();
  });

  it("reassigns a reviewer's pending items, keeping the new reviewer's own access back", async () => {
    const maya = mockApi.db.users.find((candidate) => candidate.displayName === "Maya Chen");
    const noah = mockApi.db.users.find((candidate) => candidate.displayName === "Noah Abubakar");
    const noahsPending = mockApi.db.items.filter(
      (item) =>
        item.campaignId === campaignId(overdueCampaign) &&
        item.reviewerId === noah?.id &&
        item.decision === null,
    );
    expect(noahsPending).toHaveLength(13);
    // One of Noah's items is about Maya's own access: separation of duties keeps it with him.
    const own = noahsPending[0];
    if (!own || !maya?.identityKey) throw new Error("fixture changed");
    own.context = {
      ...own.context,
      identity: { ...own.context.identity, externalId: maya.identityKey },
    };

    const { user } = renderApp(`/campaigns/${campaignId(overdueCampaign)}`, {
      as: "Jonas Lindqvist",
    });
    const reviewers = await screen.findByRole("table", { name: "Reviewers" });
    await user.click(
      within(rowOf(reviewers, "Noah Abubakar")).getByRole("button", {
        name: "Reassign Noah Abubakar's pending items",
      }),
    );
    const dialog = await screen.findByRole("dialog", {
      name: "Reassign Noah Abubakar's pending items",
    });
    expect(dialog).toHaveAccessibleDescription(
      /^Noah Abubakar's 13 items still to decide go to the person you choose\. Any that are that person's own access/,
    );

    // Both the person and the reason are required before anything is sent.
    await user.click(within(dialog).getByRole("button", { name: "Reassign items" }));
    const picker = within(dialog).getByRole("combobox", { name: "Move to" });
    expect(picker).toHaveAccessibleDescription("Choose who takes the items over.");
    expect(within(dialog).getByRole("textbox", { name: "Reason" })).toHaveAccessibleDescription(
      /reason is required/,
    );
    // The picker offers reviewers other than Noah.
    const options = within(picker)
      .getAllByRole("option")
      .map((option) => option.textContent);
    expect(options).toContain("Maya Chen (maya.chen@example.com)");
    expect(options.some((option) => option?.startsWith("Noah Abubakar"))).toBe(false);
    expect(options.some((option) => option?.startsWith("Jonas Lindqvist"))).toBe(false);

    await user.selectOptions(picker, "Maya Chen (maya.chen@example.com)");
    await user.type(
      within(dialog).getByRole("textbox", { name: "Reason" }),
      "Noah is on leave until January.",
    );
    await user.click(within(dialog).getByRole("button", { name: "Reassign items" }));

    const outcome = await within(dialog).findByRole("status");
    expect(outcome).toHaveTextContent("Moved 12 items to Maya Chen.");
    expect(outcome).toHaveTextContent(
      "1 item stayed with Noah Abubakar: 1 is Maya Chen's own access. Nobody reviews their own access or an identity they own.",
    );
    expect(within(dialog).getByRole("button", { name: "Done" })).toHaveFocus();
    await user.click(within(dialog).getByRole("button", { name: "Done" }));
    expect(screen.queryByRole("dialog")).toBeNull();

    await waitFor(() =>
      expect(rowOf(reviewers, "Noah Abubakar")).toHaveTextContent(/9 of 10\s*1\s*Overdue/),
    );
    expect(rowOf(reviewers, "Maya Chen")).toHaveTextContent(/6 of 30\s*24\s*Overdue/);
  });

  it("keeps the page when the dashboard fails, with a retry", async () => {
    mockProcedures({
      "campaigns.dashboard": () => {
        throw new TrpcMockError("INTERNAL_SERVER_ERROR", "The database is not answering.");
      },
    });
    renderApp(`/campaigns/${campaignId(overdueCampaign)}`, { as: "Jonas Lindqvist" });
    expect(
      await screen.findByRole("heading", { name: "The dashboard could not be loaded" }),
    ).toBeVisible();
    expect(screen.getByRole("group", { name: "Completion" })).toHaveTextContent("71%");
  });
});
