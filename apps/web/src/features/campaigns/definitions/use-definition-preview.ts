import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { DefinitionInput } from "@/features/campaigns/definitions/definition-form";
import { useTRPCClient } from "@/lib/trpc";

/**
 * What launching the definition would produce against the latest snapshot. The procedure is a
 * mutation only so a long scope fits in a request body; it writes nothing, so it is cached and
 * refetched like a query, keyed by the definition. The previous answer stays on screen while
 * the next one loads, so the panel does not jump.
 */
export function useDefinitionPreview(input: DefinitionInput | null) {
  const client = useTRPCClient();
  return useQuery({
    queryKey: ["campaigns.definitions.preview", input],
    queryFn: () => {
      if (!input) throw new Error("no definition to preview");
      return client.campaigns.definitions.preview.mutate({ definition: input });
    },
    enabled: input !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
