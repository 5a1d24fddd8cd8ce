import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { procedureResolvers } from "@/mocks/handlers";
import { mockApi } from "@/mocks/server";
import { TrpcMockError } from "@/mocks/trpc-msw";
import { mockProcedures, renderApp } from "@/test/render-app";

const page = "/inventory/identity-providers";

/** The value beside a label in a directory's facts. */
function fact(card: HTMLElement, label: string): HTMLElement {
  const term = within(card).getByText(label, { selector: "dt" });
  const value = term.nextElementSibling;
  if (!(value instanceof HTMLElement)) throw new Error(`no value for ${label}`);
  return value;
}

async function oktaCard(): Promise<HTMLElement> {
  return screen.findByRole("region", { name: "okta" });
}

describe("Identity providers (administrator)", () => {
  it("lists each directory with its counts, tokens and the SCIM base URL to paste", async () => {
    const { user } = renderApp("/inventory", { as: "Ines Costa" });
    await user.click(await screen.findByRole("link", { name: "Identity providers" }));

    expect(
      await screen.findByRole("heading", { level: 1, name: "Identity providers" }),
    ).toBeInTheDocument();
    const card = await oktaCard();
    expect(card).toHaveTextContent("Group memberships become grants on Okta (okta).");
    expect(fact(card, "Users")).toHaveTextContent("42 (40 active)");
    expect(fact(card, "Groups")).toHaveTextContent("5");
    expect(fact(card, "Memberships")).toHaveTextContent(/^\d+$/);
    expect(fact(card, "Live tokens")).toHaveTextContent("1");
    expect(fact(card, "Last change")).toHaveTextContent("12 minutes ago");
    expect(fact(card, "Last snapshot")).toHaveTextContent("Never");

    const tokens = await within(card).findByRole("table", { name: "Tokens of okta" });
    const [live, revoked] = within(tokens).getAllByRole("row").slice(1);
    expect(live).toHaveTextContent(/Okta production.*Sam Okoro.*30 days ago.*12 minutes ago.*Live/);
    expect(revoked).toHaveTextContent(/Okta preview tenant.*Revoked/);
    expect(within(revoked as HTMLElement).queryByRole("button")).toBeNull();

    const baseUrl = `${window.location.origin}/scim/v2`;
    expect(screen.getByText(baseUrl)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Copy SCIM base URL" }));
    expect(await navigator.clipboard.readText()).toBe(baseUrl);
  });

  it("explains how to connect when no identity provider is connected", async () => {
    mockApi.db.scim.directories = [];
    renderApp(page, { as: "Ines Costa" });

    expect(
      await screen.findByRole("heading", { name: "No identity provider is connected yet" }),
    ).toBeInTheDocument();
    expect(screen.getByText(/issue it a token, then paste the SCIM base URL/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Add a directory" })).toBeInTheDocument();
    expect(
      screen.getByRole("region", { name: "Connecting an identity provider" }),
    ).toHaveTextContent(/Okta.*Entra ID/);
  });

  it("adds a directory, showing the server's refusal beside the field it names", async () => {
    const { user } = renderApp(page, { as: "Ines Costa" });
    await oktaCard();
    await user.click(screen.getByRole("button", { name: "Add directory" }));
    const dialog = screen.getByRole("dialog", { name: "Add a directory" });
    const name = within(dialog).getByLabelText("Name (required)");
    expect(name).toHaveFocus();

    await user.type(name, "Okta Prod");
    await user.click(within(dialog).getByRole("button", { name: "Add directory" }));
    expect(name).toHaveAccessibleDescription(/^Use 1 to 63 lower-case letters/);
    expect(name).toBeInvalid();

    await user.clear(name);
    await user.type(name, "okta");
    await user.click(within(dialog).getByRole("button", { name: "Add directory" }));
    await waitFor(() =>
      expect(name).toHaveAccessibleDescription('A SCIM directory named "okta" already exists.'),
    );
    expect(within(dialog).queryByRole("alert")).toBeNull();

    await user.clear(name);
    await user.type(name, "entra");
    await user.type(within(dialog).getByLabelText("System name (optional)"), "Entra ID");
    await user.click(within(dialog).getByRole("button", { name: "Add directory" }));

    const added = await screen.findByRole("region", { name: "entra" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(added).toHaveTextContent("Group memberships become grants on Entra ID (entra).");
    expect(await within(added).findByText(/^No tokens yet/)).toBeInTheDocument();
    expect(fact(added, "Users")).toHaveTextContent("0");
    expect(
      screen.getByText("Added the entra directory. Issue it a token next."),
    ).toBeInTheDocument();
  });

  it("shows a new token once, with a way to copy it, and never again", async () => {
    const { user } = renderApp(page, { as: "Ines Costa" });
    const card = await oktaCard();
    await user.click(within(card).getByRole("button", { name: "Issue token" }));
    const dialog = screen.getByRole("dialog", { name: "Issue a token" });
    const name = within(dialog).getByLabelText("Token name");

    await user.click(within(dialog).getByRole("button", { name: "Issue token" }));
    expect(name).toHaveAccessibleDescription("Name the token, e.g. Okta production.");

    await user.type(name, "Okta staging");
    await user.click(within(dialog).getByRole("button", { name: "Issue token" }));

    const issued = await screen.findByRole("dialog", { name: "Token issued: Okta staging" });
    expect(issued).toHaveTextContent("It will not be shown again");
    const token = within(issued).getByLabelText("Bearer token");
    expect(token).toHaveFocus();
    const secret = (token as HTMLInputElement).value;
    expect(secret).toMatch(/^attest_scim_[A-Za-z0-9_-]{43}$/);
    await user.click(within(issued).getByRole("button", { name: "Copy token" }));
    expect(await navigator.clipboard.readText()).toBe(secret);
    expect(within(issued).getByRole("button", { name: "Copied" })).toBeInTheDocument();

    await user.click(within(issued).getByRole("button", { name: "Done" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.body).not.toHaveTextContent(secret);
    const tokens = within(card).getByRole("table", { name: "Tokens of okta" });
    await waitFor(() =>
      expect(within(tokens).getAllByRole("row")[1]).toHaveTextContent(
        /Okta staging.*Ines Costa \(you\).*just now.*Never used.*Live/,
      ),
    );
    expect(fact(card, "Live tokens")).toHaveTextContent("2");
    expect(within(card).getByRole("button", { name: "Issue token" })).toHaveFocus();
  });

  it("revokes a token only after a confirmation that names it", async () => {
    const { user } = renderApp(page, { as: "Ines Costa" });
    const card = await oktaCard();
    await user.click(await within(card).findByRole("button", { name: "Revoke Okta production" }));

    let dialog = screen.getByRole("dialog", { name: "Revoke “Okta production”?" });
    expect(dialog).toHaveTextContent(
      /next request the identity provider sends with Okta production/,
    );
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(within(card).getByRole("row", { name: /Okta production/ })).toHaveTextContent("Live");

    await user.click(within(card).getByRole("button", { name: "Revoke Okta production" }));
    dialog = screen.getByRole("dialog", { name: "Revoke “Okta production”?" });
    await user.click(within(dialog).getByRole("button", { name: "Revoke token" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    const tokens = within(card).getByRole("table", { name: "Tokens of okta" });
    await waitFor(() =>
      expect(within(tokens).getByRole("row", { name: /Okta production/ })).toHaveTextContent(
        /Revoked.*just now by Ines Costa \(you\)/,
      ),
    );
    expect(within(tokens).queryByRole("button", { name: /^Revoke/ })).toBeNull();
    expect(within(card).getByRole("status")).toHaveTextContent("Revoked Okta production.");
    await waitFor(() => expect(fact(card, "Live tokens")).toHaveTextContent("0"));
  });

  it("takes a snapshot now, showing progress, then links to it", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { user } = renderApp(page, { as: "Ines Costa" });
    const card = await oktaCard();
    const original = procedureResolvers(mockApi)["scim.snapshotNow"];
    if (!original) throw new Error("no mock for scim.snapshotNow");
    mockProcedures({
      "scim.snapshotNow": async (input) => {
        await held;
        return original(input);
      },
    });

    await user.click(within(card).getByRole("button", { name: "Snapshot now" }));
    const pending = await within(card).findByRole("button", { name: "Taking snapshot…" });
    expect(pending).toBeDisabled();
    release();

    const status = within(card).getByRole("status");
    await waitFor(() =>
      expect(status).toHaveTextContent(/Snapshot scim:okta taken: 42 identities, \d+ grants\./),
    );
    const report = within(status).getByRole("link", { name: "Open the population report" });
    expect(within(card).getByRole("button", { name: "Snapshot now" })).toBeEnabled();
    await waitFor(() =>
      expect(within(fact(card, "Last snapshot")).getByRole("link")).toHaveAttribute(
        "href",
        report.getAttribute("href"),
      ),
    );

    await user.click(report);
    expect(await screen.findByRole("heading", { level: 1, name: /scim:okta/ })).toBeInTheDocument();
  });

  it("says why the snapshot was not taken", async () => {
    mockProcedures({
      "scim.snapshotNow": () => {
        throw new TrpcMockError("NOT_FOUND", "No SCIM directory with that id.");
      },
    });
    const { user } = renderApp(page, { as: "Ines Costa" });
    const card = await oktaCard();
    await user.click(within(card).getByRole("button", { name: "Snapshot now" }));

    expect(await within(card).findByRole("alert")).toHaveTextContent(
      "No snapshot was taken. No SCIM directory with that id.",
    );
  });

  it("shows a failure to load as a sentence with a retry", async () => {
    mockProcedures({
      "scim.directories": () => {
        throw new TrpcMockError("INTERNAL_SERVER_ERROR", "Something went wrong on our side.");
      },
    });
    renderApp(page, { as: "Ines Costa" });

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The directories could not be loaded");
    expect(within(alert).getByRole("button", { name: "Retry" })).toBeInTheDocument();
  });
});

describe("Identity providers (other roles)", () => {
  it("is neither linked nor open to auditors or control owners", async () => {
    const inventory = renderApp("/inventory", { as: "Ruth Adeyemi" });
    expect(await screen.findByRole("table", { name: "Snapshots" })).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Identity providers" })).toBeNull();
    inventory.unmount();

    for (const name of ["Ruth Adeyemi", "Jonas Lindqvist"]) {
      const { unmount } = renderApp(page, { as: name });
      expect(
        await screen.findByRole("heading", { name: "This page is not available for your role" }),
      ).toBeInTheDocument();
      expect(screen.queryByRole("region", { name: "okta" })).toBeNull();
      unmount();
    }
  });
});
