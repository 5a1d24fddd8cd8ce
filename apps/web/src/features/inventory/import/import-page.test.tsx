import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import { server } from "@/mocks/server";
import { textFile, withNodeFileApis } from "@/test/node-files";
import { renderApp } from "@/test/render-app";

withNodeFileApis();

const identities = () =>
  textFile("identities.csv", [
    "external_id,kind,display_name,email,status,owner_id,last_rotated_at",
    "E1,employee,Ann Archer,ann@example.com,active,,",
    "E2,employee,Ben Brook,ben@example.com,terminated,,",
    "N1,service_account,svc-ledger,,active,E1,2020-01-01T00:00:00Z",
  ]);

const access = (rows: string[]) =>
  textFile("access.csv", [
    "identity,account,system,entitlement,privileged,granted_at,ticket",
    ...rows,
  ]);

const goodAccess = () =>
  access([
    "E1,ann,erp,admin,true,2025-01-10,CHG-1",
    "E2,ben,erp,viewer,false,2025-02-11,REQ-2",
    ",legacy,erp,admin,true,2024-12-01,",
  ]);

async function openImportPage() {
  const view = renderApp("/inventory/import", { as: "Ines Costa" });
  expect(
    await screen.findByRole("heading", { level: 1, name: "Import inventory" }),
  ).toBeInTheDocument();
  return view;
}

function chosenFile(name: string) {
  return within(screen.getByRole("list", { name: "Chosen files" })).getByRole("listitem", {
    name,
  });
}

describe("Inventory import (administrator)", () => {
  beforeEach(() => {
    window.localStorage.clear();
  });

  it("previews each file, recognises its layout and flags one that fits none", async () => {
    const { user } = await openImportPage();
    const submit = screen.getByRole("button", { name: "Import" });
    expect(submit).toBeDisabled();

    await user.type(screen.getByLabelText("Source name (required)"), "sox-population");
    await user.upload(screen.getByLabelText("Choose files to import"), [
      identities(),
      textFile("people.csv", ["external_id,kind,display_name,colour", "E9,employee,Zoe,blue"]),
    ]);

    const good = chosenFile("identities.csv");
    expect(await within(good).findByText("identities")).toBeInTheDocument();
    expect(good).toHaveTextContent("CSV");
    const preview = within(good).getByRole("table", { name: "First rows of the CSV file" });
    const [header, firstRow] = within(preview).getAllByRole("row");
    expect(header).toHaveTextContent("external_id*kind*display_name*email");
    expect(firstRow).toHaveTextContent("E1employeeAnn Archer");
    expect(within(preview).getAllByRole("row")).toHaveLength(4);

    const bad = chosenFile("people.csv");
    expect(await within(bad).findByText("Unknown layout")).toBeInTheDocument();
    expect(bad).toHaveTextContent(
      'The columns match no import layout; closest is "identities" (unknown colour).',
    );
    const importButton = screen.getByRole("button", { name: "Import 2 files" });
    expect(importButton).toBeDisabled();
    expect(screen.getByText("people.csv: its columns match no import layout")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Remove people.csv" }));

    expect(screen.getByRole("button", { name: "Import 1 file" })).toBeEnabled();
  });

  it("takes dropped files and checks the first rows' values", async () => {
    await openImportPage();

    fireEvent.drop(screen.getByTestId("drop-zone"), {
      dataTransfer: {
        types: ["Files"],
        files: [access(["E1,ann,erp,admin,maybe,10/06/2025,CHG-1"])],
      },
    });

    const file = chosenFile("access.csv");
    expect(await within(file).findByText("access")).toBeInTheDocument();
    expect(file).toHaveTextContent('Row 2, privileged: privileged "maybe" is not true or false');
    expect(file).toHaveTextContent(/Row 2, granted_at: granted_at "10\/06\/2025" is not a date/);
    // The source is still missing.
    expect(screen.getByRole("button", { name: "Import 1 file" })).toBeDisabled();
    expect(screen.getByText("Name the source of these files.")).toBeInTheDocument();
  });

  it("uploads, follows the import's progress and shows its report with warnings", async () => {
    const { user, router } = await openImportPage();
    await user.type(screen.getByLabelText("Source name (required)"), "sox-population");
    await user.type(screen.getByLabelText("Rotation policy (days, optional)"), "180");
    await user.upload(screen.getByLabelText("Choose files to import"), [
      identities(),
      goodAccess(),
    ]);
    await within(chosenFile("access.csv")).findByText("access");

    await user.click(screen.getByRole("button", { name: "Import 2 files" }));

    expect(
      await screen.findByRole("heading", { level: 1, name: "Import of sox-population" }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toMatch(/^\/inventory\/imports\/[0-9a-f-]{36}$/);
    expect(screen.getByText(/^2 files, \d+ B uploaded$/)).toBeInTheDocument();
    expect(screen.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute(
      "aria-valuenow",
      "22",
    );
    expect(screen.getByText("Checking the files")).toBeInTheDocument();
    expect(await screen.findByText("Writing the snapshot", {}, { timeout: 3000 })).toBeVisible();
    expect(screen.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute(
      "aria-valuenow",
      "74",
    );

    expect(
      await screen.findByRole(
        "heading",
        { name: "Imported a new snapshot of sox-population" },
        { timeout: 3000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole("group", { name: "Identities" })).toHaveTextContent("3");
    expect(screen.getByRole("group", { name: "Grants" })).toHaveTextContent("3");
    expect(screen.getByRole("group", { name: "Errors" })).toHaveTextContent("0");
    expect(screen.getByRole("group", { name: "Warnings" })).toHaveTextContent("4");
    expect(screen.getByText("180 days for non-human credentials")).toBeInTheDocument();
    const files = screen.getByRole("table", { name: "Imported files" });
    expect(within(files).getByRole("row", { name: /access\.csv access 3/ })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Open the population report" })).toHaveAttribute(
      "href",
      expect.stringMatching(/^\/inventory\/snapshots\/[0-9a-f-]{36}$/),
    );
    expect(screen.getByRole("link", { name: "Download report (CSV)" })).toHaveAttribute(
      "href",
      expect.stringMatching(/^\/api\/inventory\/imports\/[0-9a-f-]{36}\/report\.csv$/),
    );

    const problems = await screen.findByRole("table", { name: "Errors and warnings" });
    expect(within(problems).getAllByRole("row")).toHaveLength(5);
    await user.selectOptions(screen.getByLabelText("Warning kind"), "orphan_account");
    await waitFor(() => expect(within(problems).getAllByRole("row")).toHaveLength(2));
    const [, only] = within(problems).getAllByRole("row");
    expect(only).toHaveTextContent('account "legacy" on "erp" belongs to no identity');
    expect(only).toHaveTextContent("Orphan account (no identity)");

    await user.click(
      screen.getByRole("button", {
        name: "Show 1 warning: Terminated identity still holds access",
      }),
    );
    await waitFor(() =>
      expect(within(problems).getAllByRole("row")[1]).toHaveTextContent(
        '"E2" (Ben Brook) is terminated but still holds 1 grant',
      ),
    );
    // The source is remembered for next time.
    expect(window.localStorage.getItem("attest.inventory.lastSource")).toBe("sox-population");
  });

  it("says nothing was imported when rows have errors, and filters them", async () => {
    const { user } = await openImportPage();
    await user.type(screen.getByLabelText("Source name (required)"), "sox-population");
    await user.upload(screen.getByLabelText("Choose files to import"), [
      identities(),
      access([
        "E1,ann,erp,admin,true,10/06/2025,CHG-1",
        "E2,ben,erp,viewer,false,2025-02-11,REQ-2",
        "E3,cat,erp,viewer,false,2025-13-01,REQ-3",
      ]),
    ]);
    await within(chosenFile("access.csv")).findByText("access");
    await user.click(screen.getByRole("button", { name: "Import 2 files" }));

    const outcome = await screen.findByRole(
      "heading",
      { name: "Nothing was imported: 2 errors" },
      { timeout: 4000 },
    );
    expect(outcome.closest("[role=alert]")).toHaveTextContent(
      "An import is all or nothing, so the inventory is as it was.",
    );
    expect(screen.queryByRole("link", { name: "Open the population report" })).toBeNull();
    expect(screen.getByRole("link", { name: "Import again" })).toHaveAttribute(
      "href",
      "/inventory/import",
    );

    const problems = await screen.findByRole("table", { name: "Errors and warnings" });
    await user.click(screen.getByRole("button", { name: /^Errors/ }));
    await waitFor(() => expect(within(problems).getAllByRole("row").slice(1)).toHaveLength(2));
    const rows = within(problems).getAllByRole("row").slice(1);
    expect(rows[0]).toHaveTextContent(
      /access\.csv2granted_atgranted_at "10\/06\/2025" is not a date/,
    );
    expect(rows[1]).toHaveTextContent(/access\.csv4granted_at/);
    expect(screen.getByLabelText("Warning kind")).toBeDisabled();

    await user.click(screen.getByRole("button", { name: /^Warnings/ }));
    await user.selectOptions(screen.getByLabelText("File"), "identities.csv");
    await waitFor(() => expect(within(problems).getAllByRole("row").slice(1)).toHaveLength(2));
    await user.selectOptions(screen.getByLabelText("File"), "access.csv");
    expect(
      await screen.findByRole("heading", { name: "Nothing matches these filters" }),
    ).toBeVisible();
    expect(screen.queryByRole("table", { name: "Errors and warnings" })).toBeNull();
  });

  it("shows the server's refusal as a sentence and keeps the files", async () => {
    server.use(
      http.post("/api/inventory/imports", () =>
        HttpResponse.json(
          {
            error: "invalid_input",
            message: "rotationDays must be a whole number of days between 1 and 3650.",
          },
          { status: 400 },
        ),
      ),
    );
    const { user } = await openImportPage();
    await user.type(screen.getByLabelText("Source name (required)"), "sox-population");
    await user.upload(screen.getByLabelText("Choose files to import"), [identities()]);
    await within(chosenFile("identities.csv")).findByText("identities");

    await user.click(screen.getByRole("button", { name: "Import 1 file" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The import did not start: rotationDays must be a whole number of days between 1 and 3650.",
    );
    expect(chosenFile("identities.csv")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Import 1 file" })).toBeEnabled();
  });

  it("offers the last source name again", async () => {
    window.localStorage.setItem("attest.inventory.lastSource", "hr-export");
    await openImportPage();

    expect(screen.getByLabelText("Source name (required)")).toHaveValue("hr-export");
  });

  it("is for administrators only", async () => {
    renderApp("/inventory/import", { as: "Ruth Adeyemi" });

    expect(
      await screen.findByRole("heading", { name: "This page is not available for your role" }),
    ).toBeInTheDocument();
  });
});
