import type { Decision } from "@attest/domain/campaigns/campaign";
import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { DecisionSubmission } from "@/features/reviews/decision-dialog";
import type { QueueItem, QueuePage } from "@/features/reviews/queue-types";
import { describeError, type ErrorDescription } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";

export interface DecisionRequest {
  item: QueueItem;
  decision: Decision;
  submission: DecisionSubmission | null;
  diligence: { timeOnItemMs: number; contextViewed: boolean };
}

export interface DecisionRefusal {
  itemId: string;
  decision: Decision;
  /** True when the server asked for a field (a justification) rather than refusing outright. */
  needsInput: boolean;
  error: ErrorDescription;
}

function replaceItem(
  page: QueuePage | undefined,
  itemId: string,
  next: (item: QueueItem) => QueueItem,
) {
  if (!page?.items.some((item) => item.id === itemId)) return page;
  return { ...page, items: page.items.map((item) => (item.id === itemId ? next(item) : item)) };
}

/** A queue query's key without its offset: the pages of one list share it. */
function queryWithoutPage(key: QueryKey): string {
  const [, params] = key as [unknown, { input?: Record<string, unknown> } | undefined];
  const { offset: _offset, ...input } = params?.input ?? {};
  return JSON.stringify(input);
}

/**
 * Records one decision optimistically: every loaded page of the queue shows it at once, and
 * rolls back to what it showed before if the server refuses (closed campaign, reassigned item,
 * decided elsewhere), so the reviewer never sees a decision that was not recorded.
 */
export function useRecordDecision({
  reviewerName,
  onRecorded,
  onRefused,
}: {
  reviewerName: string;
  onRecorded: (item: QueueItem, decision: Decision) => void;
  onRefused: (refusal: DecisionRefusal) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [savingIds, setSavingIds] = useState<ReadonlySet<string>>(new Set());
  const queueKey = trpc.reviews.queue.queryKey();

  const setSaving = (itemId: string, saving: boolean) =>
    setSavingIds((current) => {
      const next = new Set(current);
      if (saving) next.add(itemId);
      else next.delete(itemId);
      return next;
    });

  const mutation = useMutation({
    ...trpc.reviews.recordDecision.mutationOptions(),
    onMutate: async (input) => {
      setSaving(input.itemId, true);
      await queryClient.cancelQueries({ queryKey: queueKey });
      const previous = queryClient.getQueriesData<QueuePage>({ queryKey: queueKey });
      // A pending item becoming decided moves one from pending to decided in the counts of every
      // page of each query that lists it (the counts ride on every page).
      const wasPending = new Set<string>();
      for (const [key, page] of previous) {
        const found = page?.items.find((item) => item.id === input.itemId);
        if (found && found.decision === null) wasPending.add(queryWithoutPage(key));
      }
      for (const [key, page] of previous) {
        if (!page || !wasPending.has(queryWithoutPage(key))) continue;
        queryClient.setQueryData<QueuePage>(key, {
          ...page,
          counts: {
            ...page.counts,
            pending: Math.max(0, page.counts.pending - 1),
            decided: page.counts.decided + 1,
          },
        });
      }
      queryClient.setQueriesData<QueuePage>({ queryKey: queueKey }, (page) =>
        replaceItem(page, input.itemId, (item) => ({
          ...item,
          decision: input.decision,
          decidedAt: new Date().toISOString(),
          decidedByName: reviewerName,
          justification: input.justification ?? null,
          exceptionExpiresOn: input.exceptionExpiresOn ?? null,
        })),
      );
      return { previous };
    },
    onError: (_error, _input, context) => {
      for (const [key, data] of context?.previous ?? []) {
        queryClient.setQueryData<QueuePage>(key as QueryKey, data);
      }
    },
    onSuccess: (updated) => {
      queryClient.setQueriesData<QueuePage>({ queryKey: queueKey }, (page) =>
        replaceItem(page, updated.id, () => updated),
      );
    },
    onSettled: (_data, _error, input) => {
      setSaving(input.itemId, false);
      // The row keeps its place until the list is next loaded; counts and campaigns refresh now.
      void queryClient.invalidateQueries({ queryKey: queueKey, refetchType: "none" });
      void queryClient.invalidateQueries({ queryKey: trpc.reviews.myCampaigns.queryKey() });
      void queryClient.invalidateQueries({
        queryKey: trpc.reviews.item.queryKey({ itemId: input.itemId }),
      });
    },
  });

  const record = ({ item, decision, submission, diligence }: DecisionRequest) => {
    mutation.mutate(
      { itemId: item.id, decision, version: item.version, diligence, ...submission },
      {
        onSuccess: (updated) => onRecorded(updated, decision),
        onError: (error) => {
          const described = describeError(error);
          const needsInput = Object.keys(described.fieldErrors).some((field) =>
            ["justification", "exceptionExpiresOn", "compensatingControl"].includes(field),
          );
          if (!needsInput) {
            // Show what the item is now: decided elsewhere, reassigned, or the campaign closed.
            void queryClient.invalidateQueries({ queryKey: queueKey });
          }
          onRefused({ itemId: item.id, decision, needsInput, error: described });
        },
      },
    );
  };

  return { record, savingIds };
}
