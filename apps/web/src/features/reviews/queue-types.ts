import type { RouterInputs, RouterOutputs } from "@/lib/trpc";

export type MyCampaign = RouterOutputs["reviews"]["myCampaigns"][number];
export type QueueInput = RouterInputs["reviews"]["queue"];
export type QueuePage = RouterOutputs["reviews"]["queue"];
export type QueueItem = QueuePage["items"][number];
export type QueueStatus = NonNullable<QueueInput["status"]>;
export type QueueFilters = NonNullable<QueueInput["filters"]>;
export type GroupBy = NonNullable<QueueInput["groupBy"]>;
export type ItemDetail = RouterOutputs["reviews"]["item"];

/** Rows fetched per request; the virtual list asks for the pages around what is on screen. */
export const queuePageSize = 200;

/** The queue's query without its page: what the filter selection of a bulk decision repeats. */
export interface QueueQuery {
  campaignId: string;
  status: QueueStatus;
  filters: QueueFilters;
  search: string | undefined;
  groupBy: GroupBy;
}
