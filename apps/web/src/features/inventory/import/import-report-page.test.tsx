import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  type ImportIssueRow,
  type ImportReport,
  maxListedIssues,
  numberIssues,
} from "@/mocks/mock-inventory";
import { mockApi } from "@/mocks/server";
import { TrpcMockError } from "@/mocks/trpc-msw";
import { mockProcedures, renderApp } from "@/test/render-app";

const importId = "00000000-0000-4000-8000-00000000cafe";

/**
 * A failed import of 1,200 errors and 1,500 warnings: its report lists the first thousand of
 * each, and the last twenty warnings, in late.csv, are in no list at all.
 */
function addLargeImport(): ImportIssueRow[] {
  const errors = Array.from({ length: 1_200 }, (_, index) => ({
    file: "grants.csv",
    row: index + 2,
    column: "granted_at",
    message: `granted_at "bad-${index + 2}" is not a date or timestamp`,
  }));
  const warnings = Array.from({ length: 1_500 }, (_, index) =>
    index < 1_480
      ? {
          kind: "privileged_without_ticket" as const,
          file: "grants.csv",
          row: index + 2,
          column: "ticket",
          message: `privileged grant on row ${index + 2} has no granting ticket`,
        }
      : {
          kind: "orphan_account" as const,
          file: "late.csv",
          row: index - 1_478,
          column: "identity",
          message: `account "late-${index - 1_478}" belongs to no identity`,
        },
  );
  const base = mockApi.db.inventoryData.imports[0]?.stored;
  if (!base?.report) throw new Error("the mock has no finished import");
  const report: ImportReport = {
    ...base.report,
    importId,
    source: "okta-weekly",
    status: "failed",
    snapshotId: null,
    files: [
      { name: "grants.csv", layout: "grants", rows: 2_680, sha256: "a".repeat(64), bytes: 90_000 },
      { name: "late.csv", layout: "accounts", rows: 20, sha256: "b".repeat(64), bytes: 900 },
    ],
    counts: { identities: 0, systems: 0, entitlements: 0, accounts: 0, grants: 0 },
    errors: errors.slice(0, maxListedIssues),
    errorCount: errors.length,
    warnings: warnings.slice(0, maxListedIssues),
    warningCount: warnings.length,
    warningCounts: {
      orphan_account: 20,
      terminated_with_grants: 0,
      owner_terminated: 0,
      rotation_overdue: 0,
      privileged_without_ticket: 1_480,
      human_use_of_service_account: 0,
    },
  };
  const issues = numberIssues(errors, warnings);
  mockApi.db.inventoryData.imports.unshift({
    stored: {
      ...base,
      id: importId,
      source: report.source,
      status: "failed",
      snapshotId: null,
      report,
    },
    issues,
    pendingSteps: [],
    lastProgress: null,
    finish: null,
  });
  return issues;
}

async function openReport() {
  const view = renderApp(`/inventory/imports/${importId}`, { as: "Ruth Adeyemi" });
  const problems = await screen.findByRole("table", { name: "Errors and warnings" });
  return { ...view, problems };
}

const messages = (table: HTMLElement) =>
  within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getAllByRole("cell").at(-1)?.textContent);

describe("Import report problems", () => {
  it("pages through every problem on the server, past the thousand the report lists", async () => {
    const issues = addLargeImport();
    const { user, problems } = await openReport();

    expect(
      screen.getByText("Every problem found, with the file, row and column to correct."),
    ).toBeVisible();
    expect(screen.getByRole("button", { name: /^All\s*2,700$/ })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    expect(screen.getByRole("button", { name: /^Errors\s*1,200$/ })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /^Warnings\s*1,500$/ })).toBeInTheDocument();
    const pages = screen.getByRole("navigation", { name: "Errors and warnings pages" });
    expect(pages).toHaveTextContent("1–50 of 2,700");
    expect(messages(problems)).toEqual(issues.slice(0, 50).map((issue) => issue.message));

    await user.click(within(pages).getByRole("button", { name: "Next" }));
    await waitFor(() => expect(pages).toHaveTextContent("51–100 of 2,700"));
    expect(messages(problems)[0]).toBe(issues[50]?.message);

    // Warnings of one kind, counted from the report, paged from the server.
    await user.selectOptions(screen.getByLabelText("Warning kind"), "privileged_without_ticket");
    await waitFor(() =>
      expect(
        screen.getByRole("navigation", { name: "Errors and warnings pages" }),
      ).toHaveTextContent("1–50 of 1,480"),
    );

    // late.csv's problems are in none of the report's lists; the server has them.
    await user.selectOptions(screen.getByLabelText("Warning kind"), "");
    await user.selectOptions(screen.getByLabelText("File"), "late.csv");
    await waitFor(() =>
      expect(messages(screen.getByRole("table", { name: "Errors and warnings" }))).toEqual(
        issues.slice(-20).map((issue) => issue.message),
      ),
    );
    expect(screen.getByRole("navigation", { name: "Errors and warnings pages" })).toHaveTextContent(
      "1–20 of 20",
    );
  });

  it("says when an older import's report lists only the first problems", async () => {
    addLargeImport();
    mockProcedures({
      "inventory.importIssues": () => ({
        rows: numberIssues(
          [{ file: "grants.csv", row: 2, column: "granted_at", message: "first listed" }],
          [],
        ),
        next: null,
        complete: false,
      }),
    });
    const { problems } = await openReport();

    expect(
      screen.getByText(
        "This import was made before every problem was kept: the list shows the first 1,000 of each; the counts above cover every row.",
      ),
    ).toBeVisible();
    expect(messages(problems)).toEqual(["first listed"]);
  });

  it("shows a failed page of problems as a sentence, with the rest of the report, and retries", async () => {
    addLargeImport();
    // One retry follows a failed query: both fail, then the person's retry succeeds.
    let failures = 2;
    mockProcedures({
      "inventory.importIssues": () => {
        if (failures > 0) {
          failures -= 1;
          throw new TrpcMockError("INTERNAL_SERVER_ERROR", "The database did not answer.");
        }
        return { rows: [], next: null, complete: true };
      },
    });
    const { user } = renderApp(`/inventory/imports/${importId}`, { as: "Ruth Adeyemi" });

    expect(
      await screen.findByRole("heading", { name: "The errors and warnings could not be loaded" }),
    ).toBeVisible();
    expect(screen.getByRole("group", { name: "Errors" })).toHaveTextContent("1,200");
    expect(screen.getByRole("table", { name: "Imported files" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Retry" }));
    expect(
      await screen.findByRole("heading", { name: "Nothing matches these filters" }),
    ).toBeVisible();
  });
});
