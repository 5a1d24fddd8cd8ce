import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "@/test/render-app";

async function openSignedOffCampaign() {
  const app = renderApp("/audit", { as: "Ruth Adeyemi" });
  await app.user.click(
    await screen.findByRole("link", { name: "Q3 2026 privileged access review" }),
  );
  const table = await screen.findByRole("table", { name: "Decided items" });
  return { ...app, table };
}

describe("Audit (auditor)", () => {
  it("lists every campaign read-only", async () => {
    renderApp("/audit", { as: "Ruth Adeyemi" });

    const table = await screen.findByRole("table", { name: "Campaigns" });
    expect(within(table).getAllByRole("link")).toHaveLength(6);
    expect(within(table).queryAllByRole("button")).toHaveLength(0);
  });

  it("shows a campaign's decided items with no way to change them", async () => {
    const { table } = await openSignedOffCampaign();

    expect(screen.getByText("ITGC-AC-03")).toBeInTheDocument();
    expect(screen.getByText("Priya Raman")).toBeInTheDocument();
    expect(screen.getAllByText("Signed off").length).toBeGreaterThan(0);
    expect(screen.getByText("1–95 of 95")).toBeInTheDocument();
    const [header, firstRow] = within(table).getAllByRole("row");
    expect(header).toHaveTextContent("Decided at (UTC)");
    expect(firstRow).toHaveTextContent(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
    expect(firstRow).toHaveTextContent(/Approved|Revoked|Exception/);

    for (const name of ["Approve", "Revoke", "Exception", "Sign off"]) {
      expect(screen.queryByRole("button", { name })).not.toBeInTheDocument();
    }
    expect(screen.queryByRole("textbox")).not.toBeInTheDocument();
  });

  it("searches the decided items", async () => {
    const { user } = await openSignedOffCampaign();

    await user.type(screen.getByRole("searchbox", { name: "Search decisions" }), "Okta");

    await screen.findByText(/matching decisions recorded/);
    const table = screen.getByRole("table", { name: "Decided items" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(95);
    for (const row of rows) expect(row).toHaveTextContent("Okta");
  });
});
