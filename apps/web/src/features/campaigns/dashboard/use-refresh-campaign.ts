import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTRPC } from "@/lib/trpc";

/**
 * After any cockpit action: every campaign query (list, progress, dashboard), the decided
 * items and reviewers' queues read fresh from the server, so nothing shows the old state.
 */
export function useRefreshCampaign(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.campaigns.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.audit.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.reviews.pathKey() }),
    ]);
  }, [queryClient, trpc]);
}
