import type { RouterInputs, RouterOutputs } from "@/lib/trpc";

export type ReviewItem = RouterOutputs["reviews"]["myItems"]["items"][number];
export type ItemStatus = NonNullable<RouterInputs["reviews"]["myItems"]["status"]>;
