import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { RouterOutputs } from "@/lib/trpc";
import { emptyLedger, ledgerStatus } from "@/mocks/mock-ledger";
import { mockApi } from "@/mocks/server";
import { TrpcMockError } from "@/mocks/trpc-msw";
import { mockProcedures, renderApp } from "@/test/render-app";

const fingerprint = "SHA256:fIpPtS/udzJo/CJreFHy2OhVrwL5yY6eVMpCmBJosGs";

function currentStatus() {
  return ledgerStatus(
    mockApi.db.ledger,
    (userId) => mockApi.db.users.find((user) => user.id === userId)?.displayName,
  );
}

async function findLedgerPage() {
  expect(
    await screen.findByRole("heading", { level: 1, name: "Evidence ledger" }),
  ).toBeInTheDocument();
  return screen.findByRole("table", { name: "Recent events" });
}

describe("Evidence ledger", () => {
  it("shows the chain, the signing key, the latest checkpoint and the newest events", async () => {
    renderApp("/ledger", { as: "Ruth Adeyemi" });
    const table = await findLedgerPage();

    expect(screen.getByRole("navigation", { name: "Main" })).toHaveTextContent(/Audit.*Ledger/);
    expect(screen.getByRole("group", { name: "Chain length" })).toHaveTextContent("541");
    const checkpoint = screen.getByRole("group", { name: "Latest checkpoint" });
    expect(checkpoint).toHaveTextContent("526 events");
    expect(checkpoint).toHaveTextContent("signed 3 minutes ago");
    expect(screen.getByRole("group", { name: "Not yet under a checkpoint" })).toHaveTextContent(
      "15",
    );
    const head = mockApi.db.ledger.events.at(-1)?.hash ?? "";
    expect(
      within(screen.getByRole("group", { name: "Head hash" })).getByTitle(head),
    ).toHaveTextContent(`${head.slice(0, 10)}…${head.slice(-8)}`);

    const signingKey = screen.getByRole("region", { name: "Signing key" });
    expect(within(signingKey).getByText(fingerprint)).toBeInTheDocument();
    expect(within(signingKey).getByText("attest.localhost/ledger")).toBeInTheDocument();
    expect(within(signingKey).getByText(/BEGIN PUBLIC KEY/)).toBeInTheDocument();
    expect(
      within(signingKey).getByRole("link", { name: "Download public-key.pem" }),
    ).toHaveAttribute("download", "public-key.pem");
    const note = within(screen.getByRole("region", { name: "Latest checkpoint" })).getByText(
      /^attest\.localhost\/ledger\s+526\s+/,
    );
    expect(note.tagName).toBe("PRE");
    expect(note.textContent).toMatch(/\n\n— attest\.localhost\/ledger \S+\n$/);
    expect(screen.getByText("npx attest evidence export --out evidence.zip")).toBeInTheDocument();
    expect(
      screen.getByText("npx attest evidence verify evidence.zip --public-key public-key.pem"),
    ).toBeInTheDocument();

    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(25);
    const newest = mockApi.db.ledger.events.at(-1);
    const [first] = rows;
    if (!first || !newest) throw new Error("no events");
    const cells = within(first).getAllByRole("cell");
    expect(cells[0]).toHaveTextContent("541");
    expect(cells[2]).not.toHaveTextContent("user:");
    expect(cells[3]).toHaveTextContent("decision.recorded");
    expect(cells[4]).toHaveTextContent("3");
    expect(cells[4]?.querySelector("[title]")).toHaveAttribute(
      "title",
      newest.subjectIds.join("\n"),
    );
    expect(cells[5]).toHaveTextContent(newest.hash.slice(0, 8));
  });

  it("marks system actors with a badge", async () => {
    mockProcedures({
      "ledger.status": () => {
        const status = currentStatus();
        const [newest, ...rest] = status.recentEvents;
        if (!newest) throw new Error("no events");
        return {
          ...status,
          recentEvents: [
            {
              ...newest,
              actor: "system:seed",
              actorName: "system:seed",
              action: "campaign.launched",
            },
            ...rest,
          ],
        };
      },
    });
    renderApp("/ledger", { as: "Ruth Adeyemi" });
    const table = await findLedgerPage();

    const first = within(table).getAllByRole("row")[1] as HTMLElement;
    const actor = within(first).getAllByRole("cell")[2] as HTMLElement;
    expect(actor).toHaveTextContent(/^seedsystem$/);
    expect(within(actor).getByText("seed")).toHaveAttribute("title", "system:seed");
  });

  it("copies the fingerprint", async () => {
    const { user } = renderApp("/ledger", { as: "Ruth Adeyemi" });
    await findLedgerPage();

    await user.click(screen.getByRole("button", { name: "Copy fingerprint" }));

    expect(await navigator.clipboard.readText()).toBe(fingerprint);
    expect(screen.getByRole("button", { name: "Copied" })).toBeInTheDocument();
  });

  it("verifies the chain on request, showing progress and then the result", async () => {
    let finish: (result: RouterOutputs["ledger"]["verification"]) => void = () => undefined;
    mockProcedures({
      "ledger.verification": () =>
        new Promise((resolve) => {
          finish = resolve;
        }),
    });
    const { user } = renderApp("/ledger", { as: "Ruth Adeyemi" });
    await findLedgerPage();
    expect(screen.getByText("Not verified yet")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Verify now" }));

    expect(await screen.findByText("Verifying 541 events…")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Verify now" })).toBeDisabled();
    const headHash = mockApi.db.ledger.events.at(-1)?.hash ?? "";
    finish({
      ok: true,
      events: 541,
      checkpoints: 4,
      headHash,
      durationMs: 47,
      verifiedAt: new Date().toISOString(),
    });

    const result = await screen.findByText("Verified 541 events and 4 signed checkpoints in 47 ms");
    const status = result.closest('[role="status"]');
    expect(status).not.toBeNull();
    expect(status).toHaveTextContent(headHash);
    expect(status).toHaveTextContent(/Verified at\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
    expect(screen.getByRole("button", { name: "Verify now" })).toBeEnabled();
  });

  it("names the event and the reason when the chain does not verify", async () => {
    mockProcedures({
      "ledger.verification": () => ({
        ok: false,
        seq: 212,
        reason: "hash does not match the event's content",
        durationMs: 31,
        verifiedAt: new Date().toISOString(),
      }),
    });
    const { user } = renderApp("/ledger", { as: "Ruth Adeyemi" });
    await findLedgerPage();

    await user.click(screen.getByRole("button", { name: "Verify now" }));

    const heading = await screen.findByText("Verification failed at event 212");
    const status = heading.closest('[role="status"]');
    expect(status).toHaveTextContent("Hash does not match the event's content.");
    expect(status).not.toHaveTextContent(/Verified \d+ events/);
  });

  it("names the checkpoint when a signature does not verify", async () => {
    mockProcedures({
      "ledger.verification": () => ({
        ok: false,
        checkpoint: 526,
        reason: "the events up to 526 do not produce the signed root",
        durationMs: 40,
        verifiedAt: new Date().toISOString(),
      }),
    });
    const { user } = renderApp("/ledger", { as: "Ines Costa" });
    await findLedgerPage();

    await user.click(screen.getByRole("button", { name: "Verify now" }));

    expect(
      await screen.findByText("Verification failed at the checkpoint over 526 events"),
    ).toBeInTheDocument();
    expect(
      screen.getByText("The events up to 526 do not produce the signed root."),
    ).toBeInTheDocument();
  });

  it("offers auditors no checkpoint signing", async () => {
    renderApp("/ledger", { as: "Ruth Adeyemi" });
    await findLedgerPage();

    expect(screen.queryByRole("button", { name: "Sign checkpoint now" })).not.toBeInTheDocument();
  });

  it("lets an administrator sign a checkpoint and shows the new one", async () => {
    const { user } = renderApp("/ledger", { as: "Ines Costa" });
    await findLedgerPage();
    expect(screen.getByRole("navigation", { name: "Main" })).toHaveTextContent(
      /Campaigns.*Inventory.*Ledger/,
    );

    await user.click(screen.getByRole("button", { name: "Sign checkpoint now" }));

    expect(await screen.findByText("Signed checkpoint at 541 events")).toBeInTheDocument();
    expect(await screen.findByText("Covers the first 541 events.")).toBeInTheDocument();
    expect(screen.getByRole("group", { name: "Latest checkpoint" })).toHaveTextContent(
      "541 events",
    );
    expect(screen.getByRole("group", { name: "Not yet under a checkpoint" })).toHaveTextContent(
      /^Not yet under a checkpoint0/,
    );

    await user.click(screen.getByRole("button", { name: "Sign checkpoint now" }));

    expect(
      await screen.findByText(
        "No new events to sign: the checkpoint at 541 events covers them all",
      ),
    ).toBeInTheDocument();
  });

  it("shows a failed load with a way to retry", async () => {
    let failing = true;
    mockProcedures({
      "ledger.status": () => {
        if (failing) {
          throw new TrpcMockError(
            "INTERNAL_SERVER_ERROR",
            "Something went wrong on our side. Try again in a moment.",
          );
        }
        return currentStatus();
      },
    });
    const { user } = renderApp("/ledger", { as: "Ruth Adeyemi" });

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The evidence ledger could not be loaded");
    expect(alert).toHaveTextContent("Something went wrong on our side.");

    failing = false;
    await user.click(within(alert).getByRole("button", { name: "Retry" }));

    expect(await screen.findByRole("table", { name: "Recent events" })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("explains an empty ledger, where there is nothing to sign yet", async () => {
    mockApi.db.ledger = emptyLedger(mockApi.db.ledger);
    const { user } = renderApp("/ledger", { as: "Ines Costa" });

    expect(
      await screen.findByRole("heading", { name: "No evidence recorded yet" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("group", { name: "Chain length" })).toHaveTextContent("0");
    expect(screen.getByRole("group", { name: "Head hash" })).toHaveTextContent("None yet");
    expect(screen.getByRole("group", { name: "Latest checkpoint" })).toHaveTextContent("None yet");
    expect(screen.getByRole("heading", { name: "No checkpoint signed yet" })).toBeInTheDocument();
    expect(screen.getByText(fingerprint)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Sign checkpoint now" }));

    expect(await screen.findByText("No events to sign")).toBeInTheDocument();
  });

  it("is not available to reviewers or control owners", async () => {
    renderApp("/ledger", { as: "Priya Raman" });

    expect(
      await screen.findByRole("heading", { name: "This page is not available for your role" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("navigation", { name: "Main" })).not.toHaveTextContent("Ledger");
  });
});
