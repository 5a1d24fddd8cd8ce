import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc";

/** Who is signed in: the query the session guard waits for (and the warm start asks early). */
export function sessionQueryOptions(trpc: ReturnType<typeof useTRPC>) {
  return trpc.session.current.queryOptions(undefined, { staleTime: 60_000 });
}

/** The signed-in user (null when signed out), shared by every component that asks. */
export function useSession() {
  return useQuery(sessionQueryOptions(useTRPC()));
}

/** The signed-in user, for components rendered behind the session guard (which waits for it). */
export function useSignedInUser() {
  const { data } = useSession();
  if (!data) throw new Error("useSignedInUser is only for pages behind the session guard");
  return data;
}
