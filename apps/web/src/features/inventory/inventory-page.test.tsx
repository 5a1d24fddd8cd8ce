import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { TrpcMockError } from "@/mocks/trpc-msw";
import { mockProcedures, renderApp } from "@/test/render-app";

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

  it("explains an empty inventory", async () => {
    mockProcedures({
      "inventory.summary": () => ({
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
      }),
    });
    renderApp("/inventory", { as: "Ines Costa" });

    expect(
      await screen.findByRole("heading", { name: "No inventory imported yet" }),
    ).toBeInTheDocument();
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
