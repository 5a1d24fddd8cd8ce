import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/button";
import { Dialog } from "@/components/dialog";
import { InlineAlert } from "@/components/error-state";
import { SearchInput } from "@/components/search-input";
import { describeItem } from "@/features/reviews/queue-row";
import type { QueueItem } from "@/features/reviews/queue-types";
import { describeError } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";
import { useDebouncedValue } from "@/lib/use-debounced-value";

/** Hands one pending item to another reviewer, with the reason that becomes evidence. */
export function ReassignItemDialog({
  item,
  onClose,
  onReassigned,
}: {
  item: QueueItem;
  onClose: () => void;
  onReassigned: (toReviewerName: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const reasonId = useId();
  const [search, setSearch] = useState("");
  const [toUserId, setToUserId] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const debounced = useDebouncedValue(search.trim());
  const candidates = useQuery(
    trpc.reviews.reassignCandidates.queryOptions({
      campaignId: item.campaignId,
      ...(debounced ? { search: debounced } : {}),
    }),
  );
  const reassign = useMutation(trpc.reviews.reassign.mutationOptions());

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (!toUserId) next.toUserId = "Choose who should review this item.";
    if (!reason.trim()) next.reason = "Enter a reason.";
    else if (reason.trim().length > 500) next.reason = "Keep the reason to 500 characters.";
    setErrors(next);
    if (!toUserId || Object.keys(next).length > 0) return;
    reassign.mutate(
      { itemId: item.id, version: item.version, toUserId, reason: reason.trim() },
      {
        onSuccess: (result) => {
          void queryClient.invalidateQueries({ queryKey: trpc.reviews.queue.queryKey() });
          void queryClient.invalidateQueries({ queryKey: trpc.reviews.myCampaigns.queryKey() });
          onReassigned(result.toReviewerName);
        },
      },
    );
  };

  const serverError = reassign.error ? describeError(reassign.error) : null;

  return (
    <Dialog title="Reassign item" description={describeItem(item)} onClose={onClose}>
      <form onSubmit={handleSubmit} noValidate className="space-y-4">
        {serverError && <InlineAlert>{serverError.message}</InlineAlert>}
        <fieldset>
          <legend className="text-sm font-medium text-slate-900">New reviewer</legend>
          <SearchInput
            label="Search reviewers"
            value={search}
            onChange={setSearch}
            className="mt-2 sm:w-full"
          />
          <div className="mt-2 max-h-48 overflow-y-auto rounded-md border border-slate-200">
            {candidates.isPending ? (
              <p className="px-3 py-2 text-sm text-slate-600">Loading reviewers…</p>
            ) : candidates.isError ? (
              <p className="px-3 py-2 text-sm text-red-700">
                {describeError(candidates.error).message}
              </p>
            ) : candidates.data.length === 0 ? (
              <p className="px-3 py-2 text-sm text-slate-600">No reviewer matches.</p>
            ) : (
              candidates.data.map((candidate) => (
                <label
                  key={candidate.id}
                  className="flex cursor-pointer items-center gap-2 px-3 py-2 text-sm hover:bg-slate-50"
                >
                  <input
                    type="radio"
                    name="reassign-to"
                    checked={toUserId === candidate.id}
                    onChange={() => setToUserId(candidate.id)}
                    className="accent-accent-600"
                  />
                  <span className="font-medium text-slate-900">{candidate.name}</span>
                  <span className="truncate text-slate-600">{candidate.email}</span>
                </label>
              ))
            )}
          </div>
          {errors.toUserId && <p className="mt-1 text-sm text-red-700">{errors.toUserId}</p>}
        </fieldset>
        <div>
          <label htmlFor={reasonId} className="block text-sm font-medium text-slate-900">
            Reason
          </label>
          <textarea
            id={reasonId}
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? `${reasonId}-error` : undefined}
            className="mt-2 block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-xs ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-accent-600 focus:outline-none aria-invalid:ring-red-500"
          />
          {errors.reason && (
            <p id={`${reasonId}-error`} className="mt-1 text-sm text-red-700">
              {errors.reason}
            </p>
          )}
        </div>
        <div className="-mx-5 -mb-4 flex justify-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={reassign.isPending}>
            {reassign.isPending ? "Reassigning…" : "Reassign"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
