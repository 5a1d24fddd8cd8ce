import { matchPath } from "react-router";
import type { AppClients } from "@/app/providers";
import { campaignQueuePage } from "@/app/routes";
import { initialQueueView, queuePageInput, queueQuery } from "@/features/reviews/queue-types";
import { sessionQueryOptions } from "@/lib/use-session";

/**
 * Asks for what the first page needs before React renders, so that code and data arrive
 * together instead of one after the other (who is signed in, then the page's code, then its
 * data). The calls go out as one batch; the page finds the answers cached. A signed-out visitor
 * gets 401s here and is sent to sign in as usual.
 */
export function warmStart(pathname: string, { queryClient, trpc }: AppClients): void {
  void queryClient.prefetchQuery(sessionQueryOptions(trpc));
  // A reviewer's queue has a target: its first rows within a second of a cold navigation.
  const queue = matchPath("/reviews/:campaignId", pathname);
  const campaignId = queue?.params.campaignId;
  if (campaignId) {
    void campaignQueuePage.preload();
    void queryClient.prefetchQuery(trpc.reviews.myCampaigns.queryOptions());
    void queryClient.prefetchQuery(
      trpc.reviews.queue.queryOptions(queuePageInput(queueQuery(campaignId, initialQueueView), 0)),
    );
  }
}
