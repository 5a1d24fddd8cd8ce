import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { TrpcMockError } from "@/mocks/trpc-msw";
import { mockProcedures, renderApp } from "@/test/render-app";

describe("My reviews", () => {
  it("shows a loading state, then my campaigns with pending counts and due dates", async () => {
    renderApp("/reviews", { as: "Maya Chen" });

    expect(await screen.findByText("Loading your campaigns…")).toBeInTheDocument();
    const privileged = await screen.findByRole("link", {
      name: /Q4 2026 privileged access review/,
    });
    expect(privileged).toHaveTextContent("due in 9 days");
    expect(privileged).toHaveTextContent("271pending");
    // Pending items with an attention flag (unused, terminated…) are counted apart.
    expect(privileged).toHaveTextContent(/pending\d+ flagged/);
    const overdue = screen.getByRole("link", { name: /Q4 2026 NetSuite ERP user access review/ });
    expect(within(overdue).getByText("3 days overdue")).toHaveClass("text-red-700");
    // Active campaigns come before finished ones.
    const links = screen.getAllByRole("link", { name: /review/ });
    const names = links.map((link) => link.textContent ?? "");
    expect(names.findIndex((name) => name.includes("Signed off"))).toBe(names.length - 1);
  });

  it("says so when nothing is assigned", async () => {
    mockProcedures({ "reviews.myCampaigns": () => [] });
    renderApp("/reviews", { as: "Maya Chen" });

    expect(
      await screen.findByRole("heading", { name: "No reviews assigned to you" }),
    ).toBeInTheDocument();
  });

  it("shows the server's error and loads again on Retry", async () => {
    let calls = 0;
    mockProcedures({
      "reviews.myCampaigns": () => {
        calls++;
        // The first load and its one automatic retry fail; the person's retry succeeds.
        if (calls <= 2) {
          throw new TrpcMockError(
            "INTERNAL_SERVER_ERROR",
            "Something went wrong on our side. Try again in a moment.",
          );
        }
        return [];
      },
    });
    const { user } = renderApp("/reviews", { as: "Maya Chen" });

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Your campaigns could not be loaded");
    expect(alert).toHaveTextContent("Something went wrong on our side. Try again in a moment.");

    await user.click(within(alert).getByRole("button", { name: "Retry" }));

    expect(
      await screen.findByRole("heading", { name: "No reviews assigned to you" }),
    ).toBeInTheDocument();
  });
});
