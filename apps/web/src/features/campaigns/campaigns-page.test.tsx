import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { mockProcedures, renderApp } from "@/test/render-app";

describe("Campaigns (control owner)", () => {
  it("shows completion and overdue counts per campaign", async () => {
    renderApp("/campaigns", { as: "Jonas Lindqvist" });

    const table = await screen.findByRole("table", { name: "Campaigns" });
    const overdue = within(table)
      .getByRole("link", { name: "Q4 2026 NetSuite ERP user access review" })
      .closest("tr");
    if (!overdue) throw new Error("campaign row missing");
    const cells = within(overdue).getAllByRole("cell");
    expect(overdue).toHaveTextContent("3 days overdue");
    expect(within(overdue).getByRole("progressbar")).toHaveAttribute("aria-valuenow", "71");
    expect(overdue).toHaveTextContent("71%");
    expect(overdue).toHaveTextContent("94/131 decided");
    // Pending, overdue items, overdue reviewers.
    expect(cells.slice(-3).map((cell) => cell.textContent)).toEqual(["37", "37", "3"]);

    const onTime = within(table)
      .getByRole("link", { name: "Q4 2026 privileged access review" })
      .closest("tr");
    if (!onTime) throw new Error("campaign row missing");
    expect(onTime).toHaveTextContent("due in 9 days");
    expect(
      within(onTime)
        .getAllByRole("cell")
        .slice(-2)
        .map((cell) => cell.textContent),
    ).toEqual(["0", "0"]);
  });

  it("opens a campaign with its numbers and decided items", async () => {
    const { user } = renderApp("/campaigns", { as: "Jonas Lindqvist" });

    await user.click(
      await screen.findByRole("link", { name: "Q4 2026 NetSuite ERP user access review" }),
    );

    const completion = await screen.findByRole("group", { name: "Completion" });
    expect(completion).toHaveTextContent("71%");
    expect(screen.getByRole("group", { name: "Pending" })).toHaveTextContent("37");
    expect(screen.getByRole("group", { name: "Overdue" })).toHaveTextContent("3 reviewers behind");
    expect(screen.getByRole("group", { name: "Reviewers" })).toHaveTextContent("6");
    const decisions = await screen.findByRole("table", { name: "Decided items" });
    expect(within(decisions).getAllByRole("row")).toHaveLength(95);
  });

  it("says so when there are no campaigns", async () => {
    mockProcedures({ "campaigns.list": () => [] });
    renderApp("/campaigns", { as: "Jonas Lindqvist" });

    expect(await screen.findByRole("heading", { name: "No campaigns yet" })).toBeInTheDocument();
  });
});
