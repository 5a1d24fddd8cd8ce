import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { mockApi } from "@/mocks/server";
import { TrpcMockError } from "@/mocks/trpc-msw";
import { mockProcedures, renderApp } from "@/test/render-app";

const latestId = "00000000-0000-4000-8004-000000000001";

function latestPopulation() {
  const population = mockApi.db.inventoryData.populations.get(latestId);
  if (!population) throw new Error("no population");
  return population;
}

async function openBrowser(path: string, as = "Priya Raman") {
  const view = renderApp(path, { as });
  expect(
    await screen.findByRole("heading", { level: 1, name: "Inventory browser" }),
  ).toBeInTheDocument();
  return view;
}

function dataRows(table: HTMLElement) {
  return within(table).getAllByRole("row").slice(1);
}

describe("Inventory browser", () => {
  it("opens the latest snapshot's identities and pages forward and back", async () => {
    const population = latestPopulation();
    const { user, router } = await openBrowser("/inventory/browse");

    const table = await screen.findByRole("table", { name: "Identities" });
    expect(router.state.location.pathname).toBe("/inventory/browse/identities");
    expect(screen.getByRole("link", { name: "Identities" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    expect(screen.getByLabelText("Snapshot")).toHaveValue(latestId);
    expect(dataRows(table)).toHaveLength(50);
    expect(dataRows(table)[0]).toHaveTextContent(population.identities[0]?.displayName ?? "");
    const pages = screen.getByRole("navigation", { name: "Identities pages" });
    expect(pages).toHaveTextContent("1–50 of 1,243");
    expect(within(pages).getByRole("button", { name: "Previous" })).toBeDisabled();

    await user.click(within(pages).getByRole("button", { name: "Next" }));
    expect(await within(pages).findByText("51–100 of 1,243")).toBeInTheDocument();
    expect(dataRows(screen.getByRole("table", { name: "Identities" }))[0]).toHaveTextContent(
      population.identities[50]?.externalId ?? "",
    );

    await user.click(within(pages).getByRole("button", { name: "Next" }));
    expect(await within(pages).findByText("101–150 of 1,243")).toBeInTheDocument();

    await user.click(within(pages).getByRole("button", { name: "Previous" }));
    expect(await within(pages).findByText("51–100 of 1,243")).toBeInTheDocument();
    await user.click(within(pages).getByRole("button", { name: "Previous" }));
    expect(await within(pages).findByText("1–50 of 1,243")).toBeInTheDocument();
    expect(dataRows(screen.getByRole("table", { name: "Identities" }))[0]).toHaveTextContent(
      population.identities[0]?.externalId ?? "",
    );
  });

  it("filters identities by kind and by owner or manager, from the first page", async () => {
    const population = latestPopulation();
    const nonHuman = population.identities.filter((identity) =>
      ["service_account", "api_key", "workload", "bot"].includes(identity.kind),
    );
    const managedByMaya = population.identities.filter(
      (identity) => identity.managerKey === "E2001" || identity.ownerKey === "E2001",
    );
    const { user, router } = await openBrowser("/inventory/browse/identities");
    const pages = await screen.findByRole("navigation", { name: "Identities pages" });
    await user.click(within(pages).getByRole("button", { name: "Next" }));
    await within(pages).findByText("51–100 of 1,243");

    await user.selectOptions(screen.getByLabelText("Kind"), "non_human");

    expect(await screen.findByText(`${nonHuman.length} matching identities`)).toBeInTheDocument();
    expect(router.state.location.search).toBe("?kind=non_human");
    const table = screen.getByRole("table", { name: "Identities" });
    expect(dataRows(table)).toHaveLength(50);
    expect(screen.getByRole("navigation", { name: "Identities pages" })).toHaveTextContent(
      `1–50 of ${nonHuman.length}`,
    );

    await user.selectOptions(screen.getByLabelText("Kind"), "");
    await user.type(screen.getByLabelText("Owner or manager (external id)"), "E2001");

    expect(
      await screen.findByText(`${managedByMaya.length} matching identities`),
    ).toBeInTheDocument();
    for (const row of dataRows(screen.getByRole("table", { name: "Identities" }))) {
      expect(row).toHaveTextContent(/(Manager|Owner) Maya Chen/);
    }

    await user.click(screen.getByRole("button", { name: "Clear filters" }));
    expect(await screen.findByText("1,243 identities")).toBeInTheDocument();
    expect(screen.getByLabelText("Owner or manager (external id)")).toHaveValue("");
  });

  it("searches identities by the start of a name, id or email", async () => {
    const { user } = await openBrowser("/inventory/browse/identities");
    await screen.findByRole("table", { name: "Identities" });

    await user.type(screen.getByPlaceholderText("Name, id or email starts with…"), "svc-pay");

    expect(await screen.findByText("1 matching identity")).toBeInTheDocument();
    const [row] = dataRows(screen.getByRole("table", { name: "Identities" }));
    expect(row).toHaveTextContent("svc-payroll-export");
    expect(row).toHaveTextContent("Service account");
  });

  it("lists an identity's grants and narrows them to privileged ones", async () => {
    const population = latestPopulation();
    const grantsOf = (key: string) =>
      population.grants.filter((grant) => grant.identityKey === key);
    // Someone with privileged and ordinary grants.
    const person = population.identities.find(
      (identity) =>
        /^E\d{4}$/.test(identity.externalId) &&
        grantsOf(identity.externalId).some((grant) => grant.privileged) &&
        grantsOf(identity.externalId).some((grant) => !grant.privileged),
    );
    if (!person) throw new Error("no identity with privileged and ordinary grants");
    const mine = grantsOf(person.externalId);
    const { user, router } = await openBrowser(
      `/inventory/browse/identities?q=${person.externalId}`,
    );
    const [row] = dataRows(await screen.findByRole("table", { name: "Identities" }));
    if (!row) throw new Error("no row");

    await user.click(
      within(row).getByRole("link", { name: `${mine.length} grants of ${person.displayName}` }),
    );

    expect(router.state.location.pathname).toBe("/inventory/browse/grants");
    expect(await screen.findByText(`${mine.length} matching grants`)).toBeInTheDocument();
    expect(screen.getByLabelText("Identity (external id)")).toHaveValue(person.externalId);
    const table = screen.getByRole("table", { name: "Grants" });
    expect(dataRows(table)).toHaveLength(mine.length);

    await user.click(screen.getByLabelText("Privileged only"));

    const privileged = mine.filter((grant) => grant.privileged).length;
    expect(
      await screen.findByText(`${privileged} matching ${privileged === 1 ? "grant" : "grants"}`),
    ).toBeInTheDocument();
    for (const grantRow of dataRows(screen.getByRole("table", { name: "Grants" }))) {
      expect(within(grantRow).getByText("Privileged")).toBeInTheDocument();
    }
  });

  it("shows a capped total as 10,000+", async () => {
    const population = latestPopulation();
    mockProcedures({
      "inventory.grants": () => ({
        snapshotId: latestId,
        rows: population.grants
          .slice(0, 50)
          .map(({ accountStatus: _status, expiresAt: _expires, ...row }) => row),
        total: 10_000,
        totalCapped: true,
        next: "b2Zmc2V0OjUw",
      }),
    });
    await openBrowser("/inventory/browse/grants");

    expect(await screen.findByText("10,000+ grants")).toBeInTheDocument();
    expect(screen.getByRole("navigation", { name: "Grants pages" })).toHaveTextContent(
      "1–50 of 10,000+",
    );
  });

  it("lists systems with links to their entitlements and grants", async () => {
    const { user, router } = await openBrowser("/inventory/browse/systems");
    const table = await screen.findByRole("table", { name: "Systems" });
    expect(screen.getByText("14 systems, 9 in SOX scope")).toBeInTheDocument();
    const okta = within(table).getByRole("row", { name: /^Okta\s*SOX\s*okta/ });
    expect(within(okta).getByText("Critical")).toBeInTheDocument();

    await user.click(within(okta).getByRole("link", { name: /entitlements on Okta$/ }));

    expect(router.state.location.pathname).toBe("/inventory/browse/entitlements");
    expect(router.state.location.search).toBe(`?snapshot=${latestId}&system=okta`);
    const entitlements = await screen.findByRole("table", { name: "Entitlements" });
    for (const row of dataRows(entitlements)) expect(row).toHaveTextContent("Okta");
    expect(screen.getByLabelText("System")).toHaveValue("okta");
  });

  it("browses an older snapshot chosen from the list", async () => {
    const olderId = "00000000-0000-4000-8004-000000000003";
    const { user, router } = await openBrowser("/inventory/browse/identities");
    await screen.findByRole("table", { name: "Identities" });

    await user.selectOptions(screen.getByLabelText("Snapshot"), olderId);

    expect(router.state.location.search).toBe(`?snapshot=${olderId}`);
    expect(await screen.findByText("69 identities")).toBeInTheDocument();
  });

  it("explains how to import when there is no snapshot yet", async () => {
    mockProcedures({ "inventory.snapshots": () => [] });
    renderApp("/inventory/browse/grants", { as: "Ines Costa" });

    expect(
      await screen.findByRole("heading", { name: "No inventory imported yet" }),
    ).toBeInTheDocument();
    expect(screen.getByText(/npx attest import FILE… --source NAME/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Import inventory" })).toHaveAttribute(
      "href",
      "/inventory/import",
    );
  });

  it("tells an auditor whose engagement holds no snapshot why there is nothing to browse", async () => {
    const notice =
      "Your audit engagement was revoked, so you may read no inventory snapshots; an administrator can grant you a new one.";
    mockProcedures({
      "inventory.snapshots": () => [],
      "inventory.summary": () => ({ ...mockApi.db.inventory, snapshot: null, scopeNotice: notice }),
    });
    renderApp("/inventory/browse/grants", { as: "Ruth Adeyemi" });

    expect(
      await screen.findByRole("heading", { name: "No snapshot within your audit engagement" }),
    ).toBeInTheDocument();
    expect(screen.getByText(notice)).toBeInTheDocument();
    expect(screen.queryByText(/npx attest import/)).toBeNull();
  });

  it("shows an error when a list cannot be loaded, and retries", async () => {
    let calls = 0;
    mockProcedures({
      "inventory.identities": () => {
        calls += 1;
        throw new TrpcMockError("INTERNAL_SERVER_ERROR", "The database is not answering.");
      },
    });
    const { user } = await openBrowser("/inventory/browse/identities");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The identities could not be loaded");
    expect(alert).toHaveTextContent("The database is not answering.");
    const before = calls;
    await user.click(within(alert).getByRole("button", { name: "Retry" }));
    await screen.findByRole("alert");
    expect(calls).toBeGreaterThan(before);
  });
});
