import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { mockApi, server } from "@/mocks/server";
import { renderApp } from "@/test/render-app";

/** The procedures in each /trpc request the app sends, in order. */
function recordTrpcCalls() {
  const requests: string[][] = [];
  const listener = ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/trpc/"))
      requests.push(url.pathname.slice("/trpc/".length).split(","));
  };
  server.events.on("request:start", listener);
  return { requests, stop: () => server.events.removeListener("request:start", listener) };
}

describe("the warm start", () => {
  let stop = () => {};
  afterEach(() => stop());

  it("asks for the session, the reviewer's campaigns and the queue's first page in one request, and the queue uses it", async () => {
    const campaign = mockApi.db.campaigns.find((candidate) =>
      candidate.name.startsWith("Q4 2026 privileged access review"),
    );
    if (!campaign) throw new Error("the mock data has no privileged access review");
    const calls = recordTrpcCalls();
    stop = calls.stop;

    renderApp(`/reviews/${campaign.id}`, { as: "Maya Chen", warmStart: true });

    expect(await screen.findByRole("button", { name: /^Pending/ })).toHaveTextContent("271");
    expect(calls.requests[0]).toEqual(["session.current", "reviews.myCampaigns", "reviews.queue"]);
    // The page found the first page cached: nobody asked for it again.
    expect(calls.requests.flat().filter((procedure) => procedure === "reviews.queue")).toHaveLength(
      1,
    );
  });

  it("asks only who is signed in on other pages", async () => {
    const calls = recordTrpcCalls();
    stop = calls.stop;

    renderApp("/reviews", { as: "Maya Chen", warmStart: true });

    expect(await screen.findByRole("heading", { name: "My reviews" })).toBeInTheDocument();
    expect(calls.requests[0]).toEqual(["session.current"]);
  });
});
