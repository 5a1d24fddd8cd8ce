import type { AppRouter } from "@attest/api/app-router";
import { QueryClientProvider } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { ReactNode } from "react";
import { createQueryClient } from "@/lib/query-client";
import { createTrpcClient, TRPCProvider } from "@/lib/trpc";

export type AppClients = ReturnType<typeof createClients>;

/**
 * The app's tRPC and query clients, made before React renders so the warm start can ask early;
 * tests shorten the delay before the one retry of a failed query.
 */
export function createClients(retryDelayMs?: number) {
  const trpcClient = createTrpcClient();
  const queryClient = createQueryClient({
    // A call that finds the session gone re-asks who is signed in; the guard then sends the
    // person to sign in, remembering where they were.
    onUnauthorized: () => {
      void queryClient.invalidateQueries({ queryKey: trpc.session.current.queryKey() });
    },
    ...(retryDelayMs === undefined ? {} : { retryDelayMs }),
  });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  return { trpcClient, queryClient, trpc };
}

/** Query and tRPC context for the app; main.tsx and the tests make the clients first. */
export function AppProviders({ children, clients }: { children: ReactNode; clients: AppClients }) {
  return (
    <QueryClientProvider client={clients.queryClient}>
      <TRPCProvider trpcClient={clients.trpcClient} queryClient={clients.queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
