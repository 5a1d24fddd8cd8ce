import { screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { changesOf, previousSnapshot } from "@/mocks/mock-inventory";
import { mockApi } from "@/mocks/server";
import { TrpcMockError } from "@/mocks/trpc-msw";
import { mockProcedures, renderApp } from "@/test/render-app";

const latestId = "00000000-0000-4000-8004-000000000001";
const machinesId = "00000000-0000-4000-8004-000000000003";

function snapshotFixture(id: string) {
  const inventory = mockApi.db.inventoryData;
  const snapshot = inventory.snapshots.find((candidate) => candidate.id === id);
  if (!snapshot) throw new Error(`no snapshot ${id}`);
  return { inventory, snapshot };
}

function expectedChanges() {
  const { inventory, snapshot } = snapshotFixture(latestId);
  const previous = previousSnapshot(inventory, snapshot);
  if (!previous) throw new Error("no previous snapshot");
  const changes = changesOf(inventory, snapshot, previous);
  const count = (kind: string) => changes.filter((change) => change.change === kind).length;
  return {
    previous,
    all: changes.length,
    added: count("added"),
    removed: count("removed"),
    changed: count("changed"),
  };
}

async function openSnapshot(id = latestId, as = "Ruth Adeyemi") {
  const view = renderApp(`/inventory/snapshots/${id}`, { as });
  expect(
    await screen.findByRole("heading", { level: 1, name: /^Population report: / }),
  ).toBeInTheDocument();
  return view;
}

// jsdom has no object URLs; a download hands its file to one.
const { createObjectURL, revokeObjectURL } = URL;
afterEach(() => {
  Object.assign(URL, { createObjectURL, revokeObjectURL });
});

describe("Population report of a snapshot", () => {
  it("shows counts, file hashes and parameters an auditor reconciles with", async () => {
    const { snapshot } = snapshotFixture(latestId);
    await openSnapshot();

    expect(screen.getByRole("group", { name: "Grants" })).toHaveTextContent("7,421");
    expect(screen.getByRole("group", { name: "Identities" })).toHaveTextContent("1,243");
    const files = screen.getByRole("table", { name: "Source files" });
    const grantsRow = within(files).getByRole("row", { name: /grants\.csv/ });
    expect(grantsRow).toHaveTextContent(snapshot.fileHashes["grants.csv"] ?? "missing");
    expect(
      within(grantsRow).getByRole("button", { name: "Copy SHA-256 of grants.csv" }),
    ).toBeInTheDocument();
    expect(
      screen.getByText("365 days (non-human credentials older than this are flagged)"),
    ).toBeInTheDocument();
    expect(screen.getByText(latestId)).toBeInTheDocument();
    expect(await screen.findByRole("link", { name: "Files, rows and warnings" })).toHaveAttribute(
      "href",
      "/inventory/imports/00000000-0000-4000-8007-000000000001",
    );
    expect(screen.getByRole("link", { name: "Browse this snapshot" })).toHaveAttribute(
      "href",
      `/inventory/browse/identities?snapshot=${latestId}`,
    );
  });

  it("shows what changed since the previous snapshot, a kind and a page at a time", async () => {
    const expected = expectedChanges();
    const { user } = await openSnapshot();

    const table = await screen.findByRole("table", { name: "Changed grants" });
    const kinds = screen.getByRole("group", { name: "Change" });
    const kind = (label: string) =>
      within(kinds).getByRole("button", { name: new RegExp(`^${label}`) });
    expect(kind("All")).toHaveAttribute("aria-pressed", "true");
    expect(kind("All")).toHaveTextContent(String(expected.all));
    expect(kind("Added")).toHaveTextContent(String(expected.added));
    expect(kind("Removed")).toHaveTextContent(String(expected.removed));
    expect(kind("Changed")).toHaveTextContent(String(expected.changed));
    expect(within(table).getAllByRole("row")).toHaveLength(26);
    const pages = screen.getByRole("navigation", { name: "Changed grants pages" });
    expect(pages).toHaveTextContent(`1–25 of ${expected.all}`);

    await user.click(kind("Removed"));

    expect(await within(pages).findByText(`1–25 of ${expected.removed}`)).toBeInTheDocument();
    const rows = within(screen.getByRole("table", { name: "Changed grants" }))
      .getAllByRole("row")
      .slice(1);
    expect(rows.every((row) => within(row).queryByText("Removed") !== null)).toBe(true);

    await user.click(within(pages).getByRole("button", { name: "Next" }));
    expect(
      await within(pages).findByText(`26–${Math.min(50, expected.removed)} of ${expected.removed}`),
    ).toBeInTheDocument();

    await user.click(kind("Changed"));
    const changed = within(await screen.findByRole("table", { name: "Changed grants" }));
    await within(pages).findByText(`1–25 of ${expected.changed}`);
    expect(changed.getAllByText("Changed").length).toBe(25);
    expect(changed.getAllByText(/^(Ticket|Granted by):$/).length).toBeGreaterThan(0);
  });

  it("says when a snapshot is the first of its source", async () => {
    await openSnapshot(machinesId);

    expect(
      await screen.findByRole("heading", { name: "The first snapshot of this source" }),
    ).toBeInTheDocument();
    expect(screen.queryByRole("table", { name: "Changed grants" })).toBeNull();
  });

  it("downloads the population CSV and shows its SHA-256, then the recorded export", async () => {
    const objectUrl = vi.fn(() => "blob:population");
    Object.assign(URL, { createObjectURL: objectUrl, revokeObjectURL: vi.fn() });
    const click = vi
      .spyOn(HTMLAnchorElement.prototype, "click")
      .mockImplementation(() => undefined);
    const { user } = await openSnapshot(latestId, "Priya Raman");
    const card = screen.getByRole("region", { name: "Population export (CSV)" });
    expect(card).toHaveTextContent("Not exported yet.");

    await user.click(within(card).getByRole("button", { name: "Download population CSV" }));

    expect(await within(card).findByText(/^Downloaded population-/)).toBeInTheDocument();
    const recorded = mockApi.db.inventoryData.exports.get(latestId);
    if (!recorded) throw new Error("the export was not recorded");
    expect(within(card).getByTestId("downloaded-sha256")).toHaveTextContent(recorded.sha256);
    expect(recorded.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(
      within(card).getByText(
        "Checked in this browser: the file received has exactly this SHA-256.",
      ),
    ).toBeInTheDocument();
    expect(objectUrl).toHaveBeenCalledTimes(1);
    expect(click).toHaveBeenCalledTimes(1);

    // The export's record, fetched again after the download: the same hash, reconciled rows.
    expect(await within(card).findByTestId("export-sha256")).toHaveTextContent(recorded.sha256);
    expect(within(card).getByText("Matches the snapshot's 7,421 grants")).toBeInTheDocument();
    expect(card).toHaveTextContent(`${recorded.bytes.toLocaleString("en-GB")} bytes`);
    expect(card).toHaveTextContent("Priya Raman (you)");
  });

  it("shows a failed download as a sentence", async () => {
    const { user } = await openSnapshot();
    mockApi.db.inventoryData.snapshots.splice(0, 1);

    await user.click(screen.getByRole("button", { name: "Download population CSV" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The population could not be downloaded: No snapshot with that id.",
    );
  });

  it("says so when the snapshot does not exist", async () => {
    renderApp("/inventory/snapshots/00000000-0000-4000-8004-0000000000ff", { as: "Ines Costa" });

    expect(await screen.findByRole("heading", { name: "Snapshot not found" })).toBeInTheDocument();
  });

  it("shows an auditor the sentence refusing a snapshot outside their engagement", async () => {
    const refusal =
      "Snapshot taken on 2023-06-30 lies outside your audit engagement: you may read snapshots taken within FY2025 SOX 404 external audit (2025-01-01 to 2025-12-31), and those that campaigns launched then were launched from.";
    mockProcedures({
      "inventory.populationReport": () => {
        throw new TrpcMockError("FORBIDDEN", refusal);
      },
    });
    renderApp(`/inventory/snapshots/${machinesId}`, { as: "Ruth Adeyemi" });

    expect(await screen.findByRole("alert")).toHaveTextContent(refusal);
  });

  it("shows an error when the report cannot be loaded", async () => {
    mockProcedures({
      "inventory.populationReport": () => {
        throw new TrpcMockError("INTERNAL_SERVER_ERROR", "The database is not answering.");
      },
    });
    renderApp(`/inventory/snapshots/${latestId}`, { as: "Ines Costa" });

    expect(await screen.findByRole("alert")).toHaveTextContent("The database is not answering.");
  });
});
