import { createHash } from "node:crypto";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { mockApi } from "@/mocks/server";
import { TrpcMockError } from "@/mocks/trpc-msw";
import { mockProcedures, renderApp } from "@/test/render-app";

const quarterlyReview = () => {
  const definition = mockApi.db.campaignDefinitions.find(
    (candidate) => candidate.controlId === "ITGC-AC-03",
  );
  if (!definition) throw new Error("the fixture has no ITGC-AC-03 definition");
  return definition;
};

const engagementQuery = (definitionId: string) => {
  const start = new Date(mockApi.db.now.getTime() - 365 * 86_400_000).toISOString().slice(0, 10);
  const end = new Date(mockApi.db.now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
  return `definitionId=${definitionId}&periodStart=${start}&periodEnd=${end}`;
};

describe("Audit home", () => {
  it("shows the engagement bound, the controls with their frequency and no samples yet", async () => {
    renderApp("/audit", { as: "Ruth Adeyemi" });

    const banner = await screen.findByRole("region", { name: "Engagement" });
    expect(banner).toHaveTextContent(/bounded to campaigns launched within your engagement/);
    expect(banner).toHaveTextContent("FY SOX 404 external audit");
    const controls = await screen.findByRole("table", { name: "Controls" });
    const row = within(controls).getByRole("row", { name: /ITGC-AC-03/ });
    expect(row).toHaveTextContent("Quarterly");
    expect(row).toHaveTextContent("Suggested sample 2");
    expect(await screen.findByText("No samples drawn yet")).toBeInTheDocument();
  });

  it("tells an auditor whose engagement was revoked that they may read nothing", async () => {
    const notice =
      "Your audit engagement was revoked, so you may read no campaigns; an administrator can grant you a new one.";
    mockProcedures({
      "audit.me": () => ({ engagements: [], bounded: true, revoked: true, notice }),
    });
    renderApp("/audit", { as: "Ruth Adeyemi" });

    const banner = await screen.findByRole("region", { name: "Engagement" });
    expect(banner).toHaveTextContent(notice);
    expect(banner).not.toHaveTextContent(/Unbounded/);
  });

  it("says so when the controls cannot be loaded", async () => {
    mockProcedures({
      "audit.controls": () => {
        throw new TrpcMockError("INTERNAL_SERVER_ERROR", "The database is not answering.");
      },
    });
    renderApp("/audit", { as: "Ruth Adeyemi" });

    const alert = await screen.findByRole("alert", { name: "" });
    expect(alert).toHaveTextContent("Controls could not be loaded");
    expect(alert).toHaveTextContent("The database is not answering.");
  });
});

describe("Loading and empty states", () => {
  it("shows skeletons while the controls and samples load", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    mockProcedures({
      "audit.controls": async () => {
        await held;
        return [];
      },
      "audit.samples.list": async () => {
        await held;
        return [];
      },
    });
    renderApp("/audit", { as: "Ruth Adeyemi" });

    expect(await screen.findByText("Loading controls…")).toBeInTheDocument();
    expect(screen.getByText("Loading samples…")).toBeInTheDocument();
    release();
    expect(await screen.findByText("No controls yet")).toBeInTheDocument();
    expect(screen.getByText("No samples drawn yet")).toBeInTheDocument();
  });

  it("says when no campaign of the control ran in the period", async () => {
    const definition = mockApi.db.campaignDefinitions.find(
      (candidate) => candidate.controlId === "ITGC-AC-09",
    );
    if (!definition) throw new Error("the fixture has no ITGC-AC-09 definition");
    renderApp(`/audit/population?${engagementQuery(definition.id)}`, { as: "Ruth Adeyemi" });

    expect(await screen.findByText("No campaign ran in this period")).toBeInTheDocument();
    expect(screen.queryByRole("table", { name: "Occurrences" })).not.toBeInTheDocument();
  });

  it("tells an administrator when no auditor is bounded", async () => {
    mockProcedures({ "audit.engagements.list": () => [] });
    renderApp("/audit/engagements", { as: "Ines Costa" });

    expect(await screen.findByText("No engagements yet")).toBeInTheDocument();
  });
});

describe("Population", () => {
  it("lists the occurrences reconciled, the totals and the IPE with the CSV's SHA-256", async () => {
    const definition = quarterlyReview();
    renderApp(`/audit/population?${engagementQuery(definition.id)}`, { as: "Ruth Adeyemi" });

    const table = await screen.findByRole("table", { name: "Occurrences" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toHaveTextContent("✓ Reconciles");
    expect(
      within(table).getByRole("link", { name: "Q3 2026 privileged access review" }),
    ).toHaveAttribute("href", expect.stringMatching(/^\/audit\/campaigns\//));
    const ipe = screen.getByRole("region", { name: /How this population was extracted/ });
    expect(within(ipe).getByText(/^[0-9a-f]{64}$/)).toBeInTheDocument();
    expect(within(ipe).getByText("launchedFrom")).toBeInTheDocument();
    expect(within(ipe).getByRole("link", { name: "Download population CSV" })).toHaveAttribute(
      "href",
      `/api/audit/population.csv?${engagementQuery(definition.id)}`,
    );
    const items = within(screen.getByRole("group", { name: "Review items" })).getByText(/\d/);
    expect(ipe).toHaveTextContent(`${items.textContent} review items`);
  });

  it("offers the population CSV whose SHA-256 is the one the IPE shows", async () => {
    renderApp(`/audit/population?${engagementQuery(quarterlyReview().id)}`, { as: "Ruth Adeyemi" });

    const ipe = await screen.findByRole("region", { name: /How this population was extracted/ });
    const shown = within(ipe).getByText(/^[0-9a-f]{64}$/).textContent;
    const link = within(ipe).getByRole("link", { name: "Download population CSV" });
    const response = await fetch(new URL(link.getAttribute("href") ?? "", window.location.href));
    expect(response.status).toBe(200);
    const csv = Buffer.from(await response.arrayBuffer());
    expect(createHash("sha256").update(csv).digest("hex")).toBe(shown);
    expect(mockApi.db.ledger.events.at(-1)?.action).toBe("audit.population_downloaded");
  });

  it("shows the server's refusal of a period outside the engagement", async () => {
    const definition = quarterlyReview();
    renderApp(
      `/audit/population?definitionId=${definition.id}&periodStart=2001-01-01&periodEnd=2001-12-31`,
      { as: "Ruth Adeyemi" },
    );

    const alert = await screen.findByText(/limited to campaigns launched within your engagement/);
    expect(alert.closest("[role=alert]")).toHaveTextContent(
      "The population could not be extracted",
    );
  });

  it("asks for a control before showing anything", async () => {
    renderApp("/audit/population", { as: "Ruth Adeyemi" });

    expect(await screen.findByText("Choose a control")).toBeInTheDocument();
    expect(screen.queryByRole("table", { name: "Occurrences" })).not.toBeInTheDocument();
  });
});

describe("Sample", () => {
  async function openSampleForm() {
    const app = renderApp(`/audit/sample?${engagementQuery(quarterlyReview().id)}`, {
      as: "Ruth Adeyemi",
    });
    await screen.findByRole("form", { name: "Sample request" });
    return app;
  }

  it("refuses an empty seed and a size out of range, naming the fields, and draws nothing", async () => {
    const { user } = await openSampleForm();
    const eventsBefore = mockApi.db.ledger.events.length;
    const size = screen.getByRole("spinbutton", { name: "Sample size" });
    await user.clear(size);
    await user.type(size, "501");
    await user.click(screen.getByRole("button", { name: "Draw sample" }));

    expect(
      await screen.findByText("Enter a seed of 1 to 100 characters, or generate one."),
    ).toBeInTheDocument();
    expect(screen.getByText("Enter a whole number from 1 to 500.")).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Seed" })).toHaveAttribute("aria-invalid", "true");
    expect(mockApi.db.ledger.events.length).toBe(eventsBefore);
  });

  it("offers the suggested size from the control's frequency and generates a seed to write down", async () => {
    const { user } = await openSampleForm();

    expect(screen.getByRole("spinbutton", { name: "Sample size" })).toHaveValue(2);
    expect(screen.getByText(/Quarterly control: 2\. Guidance, not a rule\./)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Generate seed" }));
    expect((screen.getByRole("textbox", { name: "Seed" }) as HTMLInputElement).value).toMatch(
      /^[0-9a-f]{16}$/,
    );
    expect(screen.getByText(/This request is recorded as evidence/)).toBeInTheDocument();
  });

  it("draws the same items for the same seed, records each draw and opens the re-performance", async () => {
    const drawWithSeed42 = async () => {
      const { user, router, unmount } = await openSampleForm();
      await user.type(screen.getByRole("textbox", { name: "Seed" }), "42");
      const size = screen.getByRole("spinbutton", { name: "Sample size" });
      await user.clear(size);
      await user.type(size, "5");
      await user.click(screen.getByRole("button", { name: "Draw sample" }));
      const table = await screen.findByRole("table", { name: "Sampled items" });
      expect(router.state.location.pathname).toMatch(/^\/audit\/samples\/[0-9a-f-]{36}$/);
      const ids = within(table)
        .getAllByRole("row")
        .slice(1)
        .map((row) => row.querySelector(".font-mono")?.textContent);
      return { ids, user, table, unmount };
    };
    const eventsBefore = mockApi.db.ledger.events.length;
    const first = await drawWithSeed42();
    expect(first.ids).toHaveLength(5);
    expect(screen.getByRole("link", { name: /Download sample package/ })).toHaveAttribute(
      "href",
      expect.stringMatching(/^\/api\/audit\/packages\/sample\/[0-9a-f-]{36}\.zip$/),
    );
    expect(screen.getByText(/^npx attest evidence verify attest-sample-/)).toBeInTheDocument();
    first.unmount();

    const second = await drawWithSeed42();
    expect(second.ids).toEqual(first.ids);
    expect(mockApi.db.ledger.events.slice(eventsBefore).map((event) => event.action)).toEqual([
      "audit.sample_drawn",
      "audit.sample_drawn",
    ]);

    const firstLink = within(second.table).getAllByRole("link")[0];
    if (!firstLink) throw new Error("no sampled item link");
    await second.user.click(firstLink);
    expect(
      await screen.findByRole("region", { name: "What the reviewer saw" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Ledger event" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Sample" })).toBeInTheDocument();
  });
});

describe("Sample of an empty population", () => {
  it("shows the server's sentence and records nothing", async () => {
    const definition = mockApi.db.campaignDefinitions.find(
      (candidate) => candidate.controlId === "ITGC-AC-09",
    );
    if (!definition) throw new Error("the fixture has no ITGC-AC-09 definition");
    const { user } = renderApp(`/audit/sample?${engagementQuery(definition.id)}`, {
      as: "Ruth Adeyemi",
    });
    const eventsBefore = mockApi.db.ledger.events.length;
    await user.type(await screen.findByRole("textbox", { name: "Seed" }), "42");
    await user.click(screen.getByRole("button", { name: "Draw sample" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Control ITGC-AC-09 ran no campaign launched between",
    );
    expect(mockApi.db.ledger.events.length).toBe(eventsBefore);
  });
});

describe("Stratified sample", () => {
  it("allocates the sample over privileged and not privileged, one at least in each", async () => {
    const { user } = renderApp(`/audit/sample?${engagementQuery(quarterlyReview().id)}`, {
      as: "Ruth Adeyemi",
    });
    await user.type(await screen.findByRole("textbox", { name: "Seed" }), "stratified-1");
    const size = screen.getByRole("spinbutton", { name: "Sample size" });
    await user.clear(size);
    await user.type(size, "4");
    await user.selectOptions(screen.getByRole("combobox", { name: "Stratify by" }), "privileged");
    await user.click(screen.getByRole("button", { name: "Draw sample" }));

    const table = await screen.findByRole("table", { name: "Sampled items" });
    const strata = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((row) => row.lastElementChild?.textContent);
    expect(strata).toHaveLength(4);
    expect(new Set(strata)).toEqual(new Set(["Privileged", "Not privileged"]));
    expect(screen.getByText("Privileged or not")).toBeInTheDocument();
  });
});

describe("Re-performance", () => {
  it("shows the frozen context, the decision and its event with the proof against a checkpoint", async () => {
    const decided = mockApi.db.items.find(
      (item) =>
        item.decision !== null &&
        mockApi.db.ledger.events.some(
          (event) =>
            event.action === "decision.recorded" &&
            event.subjectIds.includes(item.id) &&
            mockApi.db.ledger.checkpoints.some((checkpoint) => checkpoint.treeSize >= event.seq),
        ),
    );
    if (!decided) throw new Error("the fixture has no checkpointed decision");
    renderApp(`/audit/items/${decided.id}`, { as: "Ruth Adeyemi" });

    const saw = await screen.findByRole("region", { name: "What the reviewer saw" });
    expect(saw).toHaveTextContent(decided.context.identity.displayName);
    expect(saw).toHaveTextContent(decided.context.account.username);
    const decision = screen.getByRole("region", { name: "Decision" });
    expect(decision).toHaveTextContent(decided.reviewerName);
    const ledger = screen.getByRole("region", { name: "Ledger event" });
    expect(within(ledger).getByText("✓ Verified")).toBeInTheDocument();
    expect(within(ledger).getByRole("button", { name: "Copy event hash" })).toBeInTheDocument();
    expect(within(ledger).getByRole("button", { name: "Copy root hash" })).toBeInTheDocument();
  });

  it("says the item was not found", async () => {
    renderApp("/audit/items/00000000-0000-4000-8999-000000000001", { as: "Ruth Adeyemi" });

    expect(await screen.findByText("Review item not found")).toBeInTheDocument();
  });
});

describe("Audit engagements (admin)", () => {
  it("grants an engagement after naming the missing fields, then revokes it", async () => {
    const { user } = renderApp("/audit/engagements", { as: "Ines Costa" });
    const table = await screen.findByRole("table", { name: "Engagements" });
    expect(within(table).getAllByRole("row")).toHaveLength(2);

    await user.click(screen.getByRole("button", { name: "Grant engagement" }));
    expect(await screen.findByText("Choose an auditor.")).toBeInTheDocument();
    expect(screen.getByText("Name the engagement.")).toBeInTheDocument();
    expect(within(table).getAllByRole("row")).toHaveLength(2);

    await user.selectOptions(screen.getByRole("combobox", { name: "Auditor" }), "Felix Moreau");
    await user.type(screen.getByRole("textbox", { name: "Name" }), "FY2027 interim testing");
    await user.type(screen.getByLabelText("Period from"), "2027-01-01");
    await user.type(screen.getByLabelText("Period to"), "2026-06-30");
    await user.click(screen.getByRole("button", { name: "Grant engagement" }));
    expect(
      await screen.findByText("The period must not end before it starts."),
    ).toBeInTheDocument();

    await user.clear(screen.getByLabelText("Period to"));
    await user.type(screen.getByLabelText("Period to"), "2027-06-30");
    await user.click(screen.getByRole("button", { name: "Grant engagement" }));
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Granted “FY2027 interim testing”.",
    );
    const granted = await within(table).findByRole("row", { name: /FY2027 interim testing/ });
    expect(granted).toHaveTextContent("Felix Moreau");
    expect(mockApi.db.ledger.events.at(-1)?.action).toBe("audit_engagement.granted");

    await user.click(
      within(granted).getByRole("button", {
        name: "Revoke FY2027 interim testing for Felix Moreau",
      }),
    );
    await user.click(await screen.findByRole("button", { name: "Revoke engagement" }));
    await waitFor(() => expect(granted).toHaveTextContent(/Revoked/));
    expect(mockApi.db.ledger.events.at(-1)?.action).toBe("audit_engagement.revoked");
  });

  it("is not offered to an auditor", async () => {
    renderApp("/audit/engagements", { as: "Ruth Adeyemi" });

    expect(await screen.findByRole("heading", { level: 1 })).not.toHaveTextContent(
      "Audit engagements",
    );
  });
});
