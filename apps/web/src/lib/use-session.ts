import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc";

/** The signed-in user (null when signed out), shared by every component that asks. */
export function useSession() {
  const trpc = useTRPC();
  return useQuery(trpc.session.current.queryOptions(undefined, { staleTime: 60_000 }));
}

/** The signed-in user, for components rendered behind the session guard (which waits for it). */
export function useSignedInUser() {
  const { data } = useSession();
  if (!data) throw new Error("useSignedInUser is only for pages behind the session guard");
  return data;
}
