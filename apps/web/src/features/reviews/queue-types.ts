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

/** What the reviewer chose to see: the queue's query without its campaign and page. */
export interface QueueView {
  status: QueueStatus;
  filters: QueueFilters;
  groupBy: GroupBy;
  /** Trimmed; empty searches nothing. */
  search: string;
}

/** A queue opens on its pending items, grouped by person, unfiltered. */
export const initialQueueView: QueueView = {
  status: "pending",
  filters: {},
  groupBy: "person",
  search: "",
};

/** The queue's query without its page: what the filter selection of a bulk decision repeats. */
export function queueQuery(campaignId: string, view: QueueView) {
  return {
    campaignId,
    status: view.status,
    filters: view.filters,
    ...(view.search ? { search: view.search } : {}),
    groupBy: view.groupBy,
  } satisfies QueueInput;
}

/**
 * One page of a queue. The app's warm start asks for the first page of the initial view while
 * the page's code loads, so the page must ask with exactly this input to find it cached.
 */
export function queuePageInput(query: ReturnType<typeof queueQuery>, page: number): QueueInput {
  return { ...query, limit: queuePageSize, offset: page * queuePageSize };
}
