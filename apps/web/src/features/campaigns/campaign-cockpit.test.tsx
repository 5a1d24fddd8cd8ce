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
      "37 items still have no decision. Closing applies the campaign definition's rule for undecided items to all 37",
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
    expect(await screen.findByText(/^Signed off \d{1,2} \w{3} \d{4}$/)).toBeVisible();
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
