import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mockApi } from "@/mocks/server";
import { TrpcMockError } from "@/mocks/trpc-msw";
import { mockProcedures, renderApp } from "@/test/render-app";

// jsdom lays nothing out: give the queue's scroller a height and each row one, so the virtual
// list renders the rows that would be on screen.
const layout = [
  ["clientHeight", 720],
  ["clientWidth", 1200],
  ["offsetHeight", 76],
  ["offsetWidth", 1200],
] as const;
const originals = layout.map(
  ([property]) =>
    [property, Object.getOwnPropertyDescriptor(HTMLElement.prototype, property)] as const,
);
beforeEach(() => {
  for (const [property, value] of layout) {
    Object.defineProperty(HTMLElement.prototype, property, { configurable: true, value });
  }
});
afterEach(() => {
  for (const [property, descriptor] of originals) {
    if (descriptor) Object.defineProperty(HTMLElement.prototype, property, descriptor);
  }
});

const privilegedCampaignName = /Q4 2026 privileged access review/;

async function openPrivilegedCampaign() {
  const app = renderApp("/reviews", { as: "Maya Chen" });
  await app.user.click(await screen.findByRole("link", { name: privilegedCampaignName }));
  const list = await screen.findByRole("list", { name: "Review items" });
  return { ...app, list };
}

function rows(list: HTMLElement): HTMLElement[] {
  return within(list).getAllByRole("group");
}

function firstRow(list: HTMLElement): HTMLElement {
  const [row] = rows(list);
  if (!row) throw new Error("the queue shows no rows");
  return row;
}

function pendingFilter() {
  return screen.getByRole("button", { name: /^Pending/ });
}

describe("the reviewer's queue", () => {
  it("loads the first rows of the queue with counts per status", async () => {
    const { list } = await openPrivilegedCampaign();

    expect(pendingFilter()).toHaveAttribute("aria-pressed", "true");
    expect(pendingFilter()).toHaveTextContent("271");
    // Only what fits on screen (and a few more) is in the page, not all 271.
    const shown = rows(list).length;
    expect(shown).toBeGreaterThan(5);
    expect(shown).toBeLessThan(40);
    expect(firstRow(list)).toHaveAccessibleName(/Pending\. Item 1 of 271\./);
  });

  it("shows the server's error and loads again on Retry", async () => {
    let calls = 0;
    const resolvers = (await import("@/mocks/handlers")).procedureResolvers(mockApi);
    mockProcedures({
      "reviews.queue": (input) => {
        calls++;
        if (calls <= 2) throw new TrpcMockError("INTERNAL_SERVER_ERROR", "The queue is resting.");
        return resolvers["reviews.queue"]?.(input) as never;
      },
    });
    const app = renderApp("/reviews", { as: "Maya Chen" });
    await app.user.click(await screen.findByRole("link", { name: privilegedCampaignName }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Review items could not be loaded");
    expect(alert).toHaveTextContent("The queue is resting.");
    await app.user.click(within(alert).getByRole("button", { name: "Retry" }));

    expect(await screen.findByRole("list", { name: "Review items" })).toBeInTheDocument();
  });

  it("says when nothing is left to review", async () => {
    mockProcedures({
      "reviews.queue": () => ({ items: [], total: 0, counts: { pending: 0, decided: 4, all: 4 } }),
    });
    const app = renderApp("/reviews", { as: "Maya Chen" });
    await app.user.click(await screen.findByRole("link", { name: privilegedCampaignName }));

    expect(
      await screen.findByRole("heading", { name: "Nothing left to review" }),
    ).toBeInTheDocument();
  });

  it("moves with j and k and approves with a, recording time on the item", async () => {
    const { user, list } = await openPrivilegedCampaign();
    const sent: unknown[] = [];
    const resolvers = (await import("@/mocks/handlers")).procedureResolvers(mockApi);
    mockProcedures({
      "reviews.recordDecision": (input) => {
        sent.push(input);
        return resolvers["reviews.recordDecision"]?.(input) as never;
      },
    });

    await user.keyboard("j");
    const second = rows(list)[1];
    if (!second) throw new Error("no second row");
    await waitFor(() => expect(second).toHaveFocus());
    await user.keyboard("k");
    await waitFor(() => expect(firstRow(list)).toHaveFocus());
    await user.keyboard("a");

    const row = firstRow(list);
    expect(
      await within(row).findByRole("button", { name: /^Approve:/, pressed: true }),
    ).toBeInTheDocument();
    expect(within(row).getByText("Approved")).toBeInTheDocument();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      decision: "approve",
      diligence: { contextViewed: false, timeOnItemMs: expect.any(Number) },
    });
    await waitFor(() => expect(pendingFilter()).toHaveTextContent("270"));
  });

  it("does not take shortcuts while typing in the search", async () => {
    const { user, list } = await openPrivilegedCampaign();

    await user.keyboard("/");
    const search = screen.getByRole("searchbox", { name: "Search items" });
    expect(search).toHaveFocus();
    await user.keyboard("ar");

    expect(search).toHaveValue("ar");
    expect(within(firstRow(list)).queryByText("Approved")).not.toBeInTheDocument();
  });

  it("rolls back and says why when the item was decided elsewhere", async () => {
    mockProcedures({
      "reviews.recordDecision": () => {
        throw new TrpcMockError(
          "CONFLICT",
          "This item was decided elsewhere or reassigned since you loaded it.",
        );
      },
    });
    const { user, list } = await openPrivilegedCampaign();
    const row = firstRow(list);

    await user.click(within(row).getByRole("button", { name: /^Approve:/ }));

    const alert = await within(list).findByRole("alert");
    expect(alert).toHaveTextContent(
      "Not recorded: This item was decided elsewhere or reassigned since you loaded it.",
    );
    expect(within(firstRow(list)).getByText("Pending")).toBeInTheDocument();
    expect(
      within(firstRow(list)).getByRole("button", { name: /^Approve:/, pressed: false }),
    ).toBeInTheDocument();
  });

  it("asks for a justification, an end date and a control for an exception", async () => {
    const { user, list } = await openPrivilegedCampaign();
    await user.click(within(firstRow(list)).getByRole("button", { name: /^Exception:/ }));

    const dialog = await screen.findByRole("dialog", { name: "Approve as an exception" });
    await user.click(within(dialog).getByRole("button", { name: "Approve as exception" }));
    expect(within(dialog).getByText("Enter a justification.")).toBeInTheDocument();
    expect(within(dialog).getByText("Choose the date the exception ends.")).toBeInTheDocument();

    await user.type(within(dialog).getByLabelText("Justification"), "Quarter-end close needs it.");
    const expiry = within(dialog).getByLabelText("Exception ends on") as HTMLInputElement;
    await user.type(expiry, expiry.min);
    await user.type(
      within(dialog).getByLabelText(/Compensating control/),
      "Weekly log review by the controller",
    );
    await user.click(within(dialog).getByRole("button", { name: "Approve as exception" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(
      within(firstRow(list)).getByRole("button", { name: /^Exception:/, pressed: true }),
    ).toBeInTheDocument();
  });

  it("bulk-approves the selected items after a confirmation that states the count", async () => {
    const { user, list } = await openPrivilegedCampaign();
    const [first, second, third] = rows(list);
    if (!first || !second || !third) throw new Error("fewer than three rows");

    await user.click(within(first).getByRole("checkbox"));
    await user.keyboard("{Shift>}");
    await user.click(within(third).getByRole("checkbox"));
    await user.keyboard("{/Shift}");
    const bar = screen.getByRole("group", { name: "Selection" });
    expect(bar).toHaveTextContent("3 selected");

    await user.click(within(bar).getByRole("button", { name: "Approve" }));
    const dialog = await screen.findByRole("dialog", { name: "Approve 3 items" });
    await user.click(within(dialog).getByRole("button", { name: "Approve 3 items" }));

    expect(await screen.findByText("Recorded 3 decisions.")).toBeInTheDocument();
    await waitFor(() => expect(pendingFilter()).toHaveTextContent("268"));
  });

  it("counts everything the filters match for a select-all", async () => {
    const { user, list } = await openPrivilegedCampaign();
    await user.click(within(firstRow(list)).getByRole("checkbox"));
    await user.click(screen.getByRole("button", { name: "Select all 271 matching" }));

    const bar = screen.getByRole("group", { name: "Selection" });
    expect(await within(bar).findByText("All 271 matching items selected")).toBeInTheDocument();
    await user.click(within(bar).getByRole("button", { name: "Revoke" }));
    expect(await screen.findByRole("dialog", { name: "Revoke 271 items" })).toBeInTheDocument();
  });

  it("decides a select-all with the preview's fingerprint of the items it counted", async () => {
    const { user, list } = await openPrivilegedCampaign();
    await user.click(within(firstRow(list)).getByRole("checkbox"));
    await user.click(screen.getByRole("button", { name: "Select all 271 matching" }));
    const bar = screen.getByRole("group", { name: "Selection" });
    await within(bar).findByText("All 271 matching items selected");

    await user.click(within(bar).getByRole("button", { name: "Approve" }));
    const dialog = await screen.findByRole("dialog", { name: "Approve 271 items" });
    await user.click(within(dialog).getByRole("button", { name: "Approve 271 items" }));

    expect(await screen.findByText("Recorded 271 decisions.")).toBeInTheDocument();
  });

  it("opens the context with Enter, and a decision made after reading it says so", async () => {
    const { user, list } = await openPrivilegedCampaign();
    const sent: unknown[] = [];
    const resolvers = (await import("@/mocks/handlers")).procedureResolvers(mockApi);
    mockProcedures({
      "reviews.recordDecision": (input) => {
        sent.push(input);
        return resolvers["reviews.recordDecision"]?.(input) as never;
      },
    });

    firstRow(list).focus();
    await user.keyboard("{Enter}");
    // jsdom has no media queries: the narrow layout, where the context is a dialog.
    const context = await screen.findByRole("dialog", { name: "Item context" });
    expect(await within(context).findByText("Who")).toBeInTheDocument();
    expect(within(context).getByText("No decision yet.")).toBeInTheDocument();
    await user.click(within(context).getByRole("button", { name: "Approve" }));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ decision: "approve", diligence: { contextViewed: true } });
  });

  it("hands an item to another reviewer with a reason", async () => {
    const { user, list } = await openPrivilegedCampaign();
    const [name] = (firstRow(list).getAttribute("aria-label") ?? "").split(",");
    await user.click(within(firstRow(list)).getByRole("button", { name: name ?? "" }));
    const context = await screen.findByRole("dialog", { name: "Item context" });
    await user.click(await within(context).findByRole("button", { name: "Reassign…" }));

    const dialog = await screen.findByRole("dialog", { name: "Reassign item" });
    await user.click(within(dialog).getByRole("button", { name: "Reassign" }));
    expect(within(dialog).getByText("Choose who should review this item.")).toBeInTheDocument();
    expect(within(dialog).getByText("Enter a reason.")).toBeInTheDocument();

    const [candidate] = await within(dialog).findAllByRole("radio");
    if (!candidate) throw new Error("no reviewer to choose");
    await user.click(candidate);
    await user.type(within(dialog).getByLabelText("Reason"), "On leave until the due date.");
    await user.click(within(dialog).getByRole("button", { name: "Reassign" }));

    expect(await screen.findByText(/is now with /)).toBeInTheDocument();
    await waitFor(() => expect(pendingFilter()).toHaveTextContent("270"));
  });

  it("lists the shortcuts on ?", async () => {
    const { user } = await openPrivilegedCampaign();
    await user.keyboard("?");
    const dialog = await screen.findByRole("dialog", { name: "Keyboard shortcuts" });
    expect(dialog).toHaveTextContent("Approve as an exception");
  });

  it("filters by attention and risk, and groups by entitlement", async () => {
    const { user, list } = await openPrivilegedCampaign();
    const mine = mockApi.db.items.filter(
      (item) =>
        item.campaignId === mockApi.db.campaigns[0]?.id &&
        item.reviewerName === "Maya Chen" &&
        item.decision === null,
    );
    const critical = mine.filter((item) => item.context.entitlement.risk === "critical").length;

    await user.selectOptions(screen.getByRole("combobox", { name: "Risk" }), "critical");
    await waitFor(() => expect(pendingFilter()).toHaveTextContent(String(critical)));
    for (const row of rows(list)) expect(row).toHaveTextContent("Critical risk");

    await user.click(screen.getByRole("button", { name: "By entitlement" }));
    const [header] = await within(list).findAllByText(/ · /, { selector: "div" });
    const first = mine
      .filter((item) => item.context.entitlement.risk === "critical")
      .map((item) => `${item.context.system.name} · ${item.context.entitlement.name}`)
      .sort((a, b) => a.localeCompare(b))[0];
    expect(header).toHaveTextContent(first ?? "");
  });
});
