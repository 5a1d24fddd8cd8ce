import type { AppRouter } from "@attest/api/app-router";
import { QueryClientProvider } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { type ReactNode, useState } from "react";
import { createQueryClient } from "@/lib/query-client";
import { createTrpcClient, TRPCProvider } from "@/lib/trpc";

function createClients(retryDelayMs: number | undefined) {
  const trpcClient = createTrpcClient();
  const queryClient = createQueryClient({
    // A call that finds the session gone re-asks who is signed in; the guard then sends the
    // person to sign in, remembering where they were.
    onUnauthorized: () => {
      void queryClient.invalidateQueries({ queryKey: sessionKey });
    },
    ...(retryDelayMs === undefined ? {} : { retryDelayMs }),
  });
  const sessionKey = createTRPCOptionsProxy<AppRouter>({
    client: trpcClient,
    queryClient,
  }).session.current.queryKey();
  return { trpcClient, queryClient };
}

export function AppProviders({
  children,
  retryDelayMs,
}: {
  children: ReactNode;
  /** Tests shorten the delay before the one retry of a failed query. */
  retryDelayMs?: number;
}) {
  const [{ trpcClient, queryClient }] = useState(() => createClients(retryDelayMs));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
