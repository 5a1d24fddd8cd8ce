import type { AppRouter, RouterInputs, RouterOutputs } from "@attest/api/app-router";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";

export type { RouterInputs, RouterOutputs };

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function createTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: "/trpc",
        // The session is an httpOnly cookie on this origin; the browser sends it, we never see it.
        fetch: (input, init) => fetch(input, { ...init, credentials: "same-origin" }),
      }),
    ],
  });
}

export type TrpcError = TRPCClientError<AppRouter>;

export function isTrpcError(error: unknown): error is TrpcError {
  return error instanceof TRPCClientError;
}

/** The tRPC error code ("CONFLICT", "NOT_FOUND"…) of a failed call, or null for anything else. */
export function trpcErrorCode(error: unknown): string | null {
  if (!isTrpcError(error)) return null;
  return error.data?.code ?? null;
}
