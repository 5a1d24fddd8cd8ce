import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "@/test/render-app";

describe("route guard and landing", () => {
  it("sends a signed-out person to sign in, then back to where they were going", async () => {
    const { user, router } = renderApp("/audit");

    expect(
      await screen.findByRole("heading", { level: 1, name: "Development sign-in" }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/sign-in");

    await user.click(await screen.findByRole("button", { name: /Sign in as Ruth Adeyemi/ }));

    expect(await screen.findByRole("heading", { level: 1, name: "Audit" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/audit");
  });

  it("starts a control owner who also reviews at Campaigns, with both in the navigation", async () => {
    renderApp("/", { as: "Priya Raman" });

    expect(await screen.findByRole("heading", { level: 1, name: "Campaigns" })).toBeInTheDocument();
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(nav).toHaveTextContent("My reviews");
    expect(nav).toHaveTextContent("Campaigns");
    expect(nav).not.toHaveTextContent("Audit");
    expect(screen.getByText("Control owner · Reviewer")).toBeInTheDocument();
  });

  it("tells a person when a page is not for their role", async () => {
    renderApp("/audit", { as: "Maya Chen" });

    expect(
      await screen.findByRole("heading", { name: "This page is not available for your role" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go to your start page" })).toHaveAttribute(
      "href",
      "/reviews",
    );
  });

  it("shows a not-found page for an unknown address", async () => {
    renderApp("/no/such/page", { as: "Maya Chen" });

    expect(await screen.findByRole("heading", { name: "Page not found" })).toBeInTheDocument();
  });

  it("signs out and returns to the sign-in page", async () => {
    const { user, router } = renderApp("/reviews", { as: "Maya Chen" });

    await user.click(await screen.findByRole("button", { name: "Sign out" }));

    expect(
      await screen.findByRole("heading", { level: 1, name: "Development sign-in" }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/sign-in");
    expect(screen.queryByText(/You are signed in as/)).not.toBeInTheDocument();
  });
});
