import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { TrpcMockError } from "@/mocks/trpc-msw";
import { mockProcedures, renderApp } from "@/test/render-app";

/** What inventory.summary answers when there is no snapshot to show (and why, for an auditor). */
function emptySummary(scopeNotice: string | null) {
  return {
    snapshot: null,
    identitiesByKind: [],
    systems: 0,
    soxSystems: 0,
    entitlements: 0,
    privilegedEntitlements: 0,
    accounts: 0,
    orphanAccounts: 0,
    grants: 0,
    privilegedGrants: 0,
    scopeNotice,
  };
}

describe("Inventory (administrator)", () => {
  it("shows the latest snapshot and its counts", async () => {
    renderApp("/inventory", { as: "Ines Costa" });

    expect(await screen.findByText("Workday + Okta + NetSuite export (CSV)")).toBeInTheDocument();
    expect(screen.getByText("Sam Okoro")).toBeInTheDocument();
    const accounts = screen.getByRole("group", { name: "Accounts" });
    expect(accounts).toHaveTextContent("3,108");
    expect(accounts).toHaveTextContent("17 orphaned");
    expect(screen.getByRole("group", { name: "Systems" })).toHaveTextContent("9 in SOX scope");
    expect(screen.getByRole("group", { name: "Grants" })).toHaveTextContent("604 privileged");

    const kinds = screen.getByRole("table", { name: "Identities by kind" });
    const employees = within(kinds).getByRole("rowheader", { name: "Employee" }).closest("tr");
    if (!employees) throw new Error("employee row missing");
    expect(
      within(employees)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    ).toEqual(["962", "41", "1,003"]);
  });

  it("lists the latest snapshots and imports, with an Import button", async () => {
    renderApp("/inventory", { as: "Ines Costa" });

    const snapshots = await screen.findByRole("table", { name: "Snapshots" });
    const rows = within(snapshots).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent("Workday + Okta + NetSuite export (CSV)Latest");
    expect(rows[0]).toHaveTextContent("7,421");
    expect(
      within(rows[2] as HTMLElement).getByRole("link", { name: "nhi-vault-export" }),
    ).toHaveAttribute("href", "/inventory/snapshots/00000000-0000-4000-8004-000000000003");

    const imports = await screen.findByRole("table", { name: "Recent imports" });
    const failed = within(imports).getByRole("row", { name: /Failed/ });
    expect(failed).toHaveTextContent("Ines Costa (you)");
    expect(within(failed).getByRole("link")).toHaveAttribute(
      "href",
      "/inventory/imports/00000000-0000-4000-8007-000000000009",
    );
    expect(screen.getByRole("link", { name: "Import" })).toHaveAttribute(
      "href",
      "/inventory/import",
    );
    expect(screen.getByRole("link", { name: "Browse inventory" })).toHaveAttribute(
      "href",
      "/inventory/browse",
    );
  });

  it("shows auditors the inventory and its imports, without importing", async () => {
    renderApp("/inventory", { as: "Ruth Adeyemi" });

    expect(await screen.findByRole("table", { name: "Recent imports" })).toBeInTheDocument();
    expect(screen.getByRole("navigation", { name: "Main" })).toHaveTextContent(
      /Audit.*Inventory.*Ledger/,
    );
    expect(screen.queryByRole("link", { name: "Import" })).toBeNull();
  });

  it("shows control owners the snapshots but not the import reports", async () => {
    renderApp("/inventory", { as: "Jonas Lindqvist" });

    expect(await screen.findByRole("table", { name: "Snapshots" })).toBeInTheDocument();
    expect(screen.getByRole("navigation", { name: "Main" })).toHaveTextContent(
      /Campaigns.*Inventory/,
    );
    expect(screen.queryByRole("table", { name: "Recent imports" })).toBeNull();
    expect(screen.queryByRole("link", { name: "Import" })).toBeNull();
  });

  it("explains an empty inventory", async () => {
    mockProcedures({
      "inventory.summary": () => emptySummary(null),
    });
    renderApp("/inventory", { as: "Ines Costa" });

    expect(
      await screen.findByRole("heading", { name: "No inventory imported yet" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Import inventory" })).toHaveAttribute(
      "href",
      "/inventory/import",
    );
    expect(screen.queryByRole("table", { name: "Snapshots" })).toBeNull();
  });

  it("tells an auditor whose engagement holds no snapshot why, rather than that nothing was imported", async () => {
    const notice =
      "No inventory snapshot was taken within your audit engagement, FY2027 SOX 404 external audit (2027-01-01 to 2027-12-31), and no campaign launched then was launched from one.";
    mockProcedures({
      "inventory.summary": () => emptySummary(notice),
    });
    renderApp("/inventory", { as: "Ruth Adeyemi" });

    expect(
      await screen.findByRole("heading", { name: "No snapshot within your audit engagement" }),
    ).toBeInTheDocument();
    expect(screen.getByText(notice)).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "No inventory imported yet" })).toBeNull();
    expect(screen.queryByRole("heading", { name: "Recent imports" })).toBeNull();
  });

  it("shows a refusal as a sentence", async () => {
    mockProcedures({
      "inventory.summary": () => {
        throw new TrpcMockError("FORBIDDEN", "Your role does not allow this.");
      },
    });
    renderApp("/inventory", { as: "Ines Costa" });

    expect(await screen.findByRole("alert")).toHaveTextContent("Your role does not allow this.");
  });
});
