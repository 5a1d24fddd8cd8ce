import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { TrpcMockError } from "@/mocks/trpc-msw";
import { mockProcedures, renderApp } from "@/test/render-app";

describe("sign-in page", () => {
  it("says it is the development sign-in and lists demo users grouped by role", async () => {
    renderApp("/sign-in");

    expect(
      screen.getByRole("heading", { level: 1, name: "Development sign-in" }),
    ).toBeInTheDocument();
    const controlOwners = await screen.findByRole("region", { name: /Control owners/ });
    expect(
      within(controlOwners).getByRole("button", { name: /Sign in as Priya Raman/ }),
    ).toBeInTheDocument();
    // Someone with several roles is listed under each of them.
    const reviewers = screen.getByRole("region", { name: /Reviewers/ });
    expect(
      within(reviewers).getByRole("button", { name: /Sign in as Priya Raman/ }),
    ).toBeInTheDocument();
    const auditors = screen.getByRole("region", { name: /Auditors/ });
    expect(within(auditors).getAllByRole("button")).toHaveLength(2);
    const administrators = screen.getByRole("region", { name: /Administrators/ });
    expect(
      within(administrators).getByRole("button", { name: /Sign in as Ines Costa/ }),
    ).toBeInTheDocument();
  });

  it("filters the users by name or email", async () => {
    const { user } = renderApp("/sign-in");
    await screen.findByRole("button", { name: /Sign in as Ruth Adeyemi/ });

    await user.type(screen.getByRole("searchbox", { name: "Filter users" }), "ruth.adey");

    expect(screen.getAllByRole("button", { name: /Sign in as/ })).toHaveLength(1);
    expect(screen.getByRole("button", { name: /Sign in as Ruth Adeyemi/ })).toBeInTheDocument();
    expect(screen.getByText("No reviewers match.")).toBeInTheDocument();
  });

  it("explains when the server offers no sign-in", async () => {
    mockProcedures({
      "session.devSignInUsers": () => {
        throw new TrpcMockError("NOT_FOUND", "Development sign-in is not enabled.");
      },
    });
    renderApp("/sign-in");

    expect(
      await screen.findByRole("heading", { name: "Sign-in is not configured on this server" }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Ask the person who runs Attest/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Sign in as/ })).not.toBeInTheDocument();
  });

  it("signs in and lands on the page for the person's first role", async () => {
    const { user } = renderApp("/sign-in");

    await user.click(await screen.findByRole("button", { name: /Sign in as Jonas Lindqvist/ }));

    expect(await screen.findByRole("heading", { level: 1, name: "Campaigns" })).toBeInTheDocument();
    expect(screen.getByText("Jonas Lindqvist")).toBeInTheDocument();
  });
});
