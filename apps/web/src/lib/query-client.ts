import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { isTrpcError, trpcErrorCode } from "@/lib/trpc";

export interface QueryClientOptions {
  /** Called when any call finds the session gone, so the app can send the person to sign in. */
  onUnauthorized?: () => void;
  /** Delay before the one retry of a failed query; tests shorten it. */
  retryDelayMs?: number;
}

function isClientError(error: unknown): boolean {
  if (!isTrpcError(error)) return false;
  const status = error.data?.httpStatus;
  return typeof status === "number" && status >= 400 && status < 500;
}

export function createQueryClient(options: QueryClientOptions = {}): QueryClient {
  const handleError = (error: unknown) => {
    if (trpcErrorCode(error) === "UNAUTHORIZED") options.onUnauthorized?.();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: handleError }),
    mutationCache: new MutationCache({ onError: handleError }),
    defaultOptions: {
      queries: {
        // A 4xx will not change on a second try (forbidden stays forbidden); a network blip might.
        retry: (failureCount, error) => !isClientError(error) && failureCount < 1,
        retryDelay: options.retryDelayMs ?? 1000,
        staleTime: 15_000,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
