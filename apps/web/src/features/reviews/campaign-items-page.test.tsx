import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { TrpcMockError } from "@/mocks/trpc-msw";
import { mockProcedures, renderApp } from "@/test/render-app";

async function openPrivilegedCampaign() {
  const app = renderApp("/reviews", { as: "Maya Chen" });
  await app.user.click(
    await screen.findByRole("link", { name: /Q4 2026 privileged access review/ }),
  );
  const table = await screen.findByRole("table", { name: "Review items" });
  return { ...app, table };
}

function firstItemRow(table: HTMLElement): HTMLElement {
  const [, row] = within(table).getAllByRole("row");
  if (!row) throw new Error("the table has no item rows");
  return row;
}

function pendingFilter() {
  return screen.getByRole("button", { name: /^Pending/ });
}

describe("reviewing items in a campaign", () => {
  it("lists my pending items a page at a time", async () => {
    const { user, table } = await openPrivilegedCampaign();

    expect(within(table).getAllByRole("row")).toHaveLength(101);
    expect(pendingFilter()).toHaveAttribute("aria-pressed", "true");
    expect(pendingFilter()).toHaveTextContent("271");
    expect(screen.getByText("1–100 of 271")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Next" }));

    expect(await screen.findByText("101–200 of 271")).toBeInTheDocument();
  });

  it("records an approval and updates the row and the counts", async () => {
    const { user, table } = await openPrivilegedCampaign();
    const row = firstItemRow(table);
    expect(within(row).getByText("Pending")).toBeInTheDocument();

    await user.click(within(row).getByRole("button", { name: "Approve" }));

    expect(await within(row).findByText("Approved")).toBeInTheDocument();
    expect(within(row).getByText(/Maya Chen, just now/)).toBeInTheDocument();
    expect(within(row).getByRole("button", { name: "Approve" })).toHaveAttribute(
      "aria-disabled",
      "true",
    );
    await waitFor(() => expect(pendingFilter()).toHaveTextContent("270"));
    expect(screen.getByRole("button", { name: /^Decided/ })).toHaveTextContent("42");
  });

  it("asks for a justification to revoke, and records it", async () => {
    const { user, table } = await openPrivilegedCampaign();
    const row = firstItemRow(table);
    const revoke = within(row).getByRole("button", { name: "Revoke" });

    await user.click(revoke);
    const dialog = await screen.findByRole("dialog", { name: "Revoke access" });
    await user.click(within(dialog).getByRole("button", { name: "Revoke access" }));
    expect(within(dialog).getByText("Enter a justification.")).toBeInTheDocument();

    await user.type(
      within(dialog).getByRole("textbox", { name: "Justification" }),
      "Moved to Sales; no longer needs this.",
    );
    await user.click(within(dialog).getByRole("button", { name: "Revoke access" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(within(row).getByText("Revoked")).toBeInTheDocument();
    expect(revoke).toHaveFocus();
  });

  it("shows the conflict when the item changed since it was opened", async () => {
    mockProcedures({
      "reviews.recordDecision": () => {
        throw new TrpcMockError(
          "CONFLICT",
          "This item changed since you opened it (decided elsewhere or reassigned). Reload to see its current state.",
        );
      },
    });
    const { user, table } = await openPrivilegedCampaign();

    await user.click(within(firstItemRow(table)).getByRole("button", { name: "Revoke" }));
    const dialog = await screen.findByRole("dialog", { name: "Revoke access" });
    await user.type(within(dialog).getByRole("textbox", { name: "Justification" }), "Left team.");
    await user.click(within(dialog).getByRole("button", { name: "Revoke access" }));

    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "This item changed since you opened it",
    );
  });

  it("asks for an expiry date before recording an exception", async () => {
    const { user, table } = await openPrivilegedCampaign();

    await user.click(within(firstItemRow(table)).getByRole("button", { name: "Exception" }));
    const dialog = await screen.findByRole("dialog", { name: "Approve as an exception" });
    await user.type(within(dialog).getByRole("textbox", { name: "Justification" }), "Cover.");
    await user.click(within(dialog).getByRole("button", { name: "Approve as exception" }));

    expect(within(dialog).getByText("Choose the date the exception ends.")).toBeInTheDocument();
    expect(within(dialog).getByLabelText("Exception expires on")).toBeInvalid();
  });

  it("shows a refusal from the server as a sentence", async () => {
    mockProcedures({
      "reviews.recordDecision": () => {
        throw new TrpcMockError("FORBIDDEN", "You cannot decide on your own access.");
      },
    });
    const { user, table } = await openPrivilegedCampaign();
    const row = firstItemRow(table);

    await user.click(within(row).getByRole("button", { name: "Approve" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "You cannot decide on your own access.",
    );
    expect(within(row).getByText("Pending")).toBeInTheDocument();
  });

  it("searches my items", async () => {
    const { user } = await openPrivilegedCampaign();

    await user.type(screen.getByRole("searchbox", { name: "Search items" }), "zzz-nobody");

    expect(
      await screen.findByRole("heading", { name: "No items match your search" }),
    ).toBeInTheDocument();
  });
});
