import { reassignReviewerInput } from "@attest/domain/campaigns/campaign-lifecycle-input";
import type { ConflictReason } from "@attest/domain/campaigns/reviewer-assignment";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/button";
import { Dialog } from "@/components/dialog";
import { InlineAlert } from "@/components/error-state";
import { inputClasses } from "@/components/form-fields";
import { cx } from "@/lib/cx";
import { describeError } from "@/lib/errors";
import { type RouterOutputs, useTRPC } from "@/lib/trpc";
import { firstIssue, TextAreaField } from "./text-area-field";
import { useRefreshCampaign } from "./use-refresh-campaign";

type ReassignResult = RouterOutputs["campaigns"]["reassignReviewer"];

function items(count: number): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? "item" : "items"}`;
}

/** Why separation of duties kept items from the new reviewer, in words about that person. */
const refusalReasons: Record<ConflictReason, (to: string, count: number) => string> = {
  self_review: (to, count) => `${count === 1 ? "is" : "are"} ${to}'s own access`,
  owns_identity: (to, count) =>
    `${count === 1 ? "is a" : "are"} non-human ${count === 1 ? "identity" : "identities"} ${to} owns`,
};

/** The server's answer as sentences: what moved, and what stayed and why. */
export function describeReassignment(
  result: ReassignResult,
  names: { from: string; to: string },
): string[] {
  const sentences = [
    result.moved === 0
      ? `Nothing moved to ${names.to}.`
      : `Moved ${items(result.moved)} to ${names.to}.`,
  ];
  const refused = result.refused.reduce((sum, group) => sum + group.itemIds.length, 0);
  if (refused > 0) {
    const reasons = result.refused.map(
      (group) =>
        `${group.itemIds.length.toLocaleString("en-GB")} ${refusalReasons[group.reason](names.to, group.itemIds.length)}`,
    );
    sentences.push(
      `${items(refused)} stayed with ${names.from}: ${reasons.join("; ")}. Nobody reviews their own access or an identity they own.`,
    );
  }
  return sentences;
}

/**
 * Moves every pending item of one reviewer to someone else, with a reason the ledger keeps.
 * Items separation of duties keeps from the new reviewer stay where they were; the dialog ends
 * by saying what moved and what did not.
 */
export function ReassignReviewerDialog({
  campaignId,
  reviewer,
  onClose,
  fallbackFocus,
}: {
  campaignId: string;
  reviewer: { reviewerId: string; name: string; pending: number };
  onClose: () => void;
  fallbackFocus?: () => HTMLElement | null;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshCampaign();
  const pickerId = useId();
  const people = useQuery(trpc.campaigns.definitions.people.queryOptions());
  const candidates = (people.data ?? []).filter(
    (person) => person.roles.includes("reviewer") && person.id !== reviewer.reviewerId,
  );
  const [toReviewerId, setToReviewerId] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ toReviewerId?: string; reason?: string }>({});
  const reassign = useMutation(
    trpc.campaigns.reassignReviewer.mutationOptions({ onSuccess: () => refresh() }),
  );
  const toName = candidates.find((person) => person.id === toReviewerId)?.displayName ?? "";
  const doneRef = useRef<HTMLButtonElement>(null);
  // The form (and the button that had focus) gives way to the outcome: focus moves to Done.
  useEffect(() => {
    if (reassign.data) doneRef.current?.focus();
  }, [reassign.data]);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = reassignReviewerInput.safeParse({
      campaignId,
      fromReviewerId: reviewer.reviewerId,
      toReviewerId,
      reason,
    });
    if (!parsed.success) {
      setErrors({
        toReviewerId: toReviewerId
          ? (firstIssue(parsed.error.issues, "toReviewerId") ?? undefined)
          : "Choose who takes the items over.",
        reason: firstIssue(parsed.error.issues, "reason") ?? undefined,
      });
      return;
    }
    setErrors({});
    reassign.mutate(parsed.data);
  };

  if (reassign.data) {
    const [moved, ...stayed] = describeReassignment(reassign.data, {
      from: reviewer.name,
      to: toName,
    });
    return (
      <Dialog
        title={`Reassign ${reviewer.name}'s pending items`}
        onClose={onClose}
        fallbackFocus={fallbackFocus}
        footer={
          <Button ref={doneRef} variant="primary" onClick={onClose}>
            Done
          </Button>
        }
      >
        <div role="status" className="space-y-2 text-sm text-slate-700">
          <p className="font-medium text-slate-900">{moved}</p>
          {stayed.map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
          <p className="text-slate-500">Each move and your reason are in the evidence ledger.</p>
        </div>
      </Dialog>
    );
  }

  const serverError = reassign.error ? describeError(reassign.error) : null;
  const pickerError = errors.toReviewerId ?? serverError?.fieldErrors.toReviewerId?.join(" ");
  return (
    <Dialog
      title={`Reassign ${reviewer.name}'s pending items`}
      description={`${reviewer.name}'s ${items(reviewer.pending)} still to decide go to the person you choose. Any that are that person's own access, or a non-human identity they own, stay with ${reviewer.name}.`}
      onClose={onClose}
      fallbackFocus={fallbackFocus}
    >
      <form onSubmit={handleSubmit} noValidate className="space-y-4">
        {serverError && <InlineAlert>Nothing was reassigned. {serverError.message}</InlineAlert>}
        <div>
          <label htmlFor={pickerId} className="block text-sm font-medium text-slate-900">
            Move to
          </label>
          <select
            id={pickerId}
            data-autofocus
            value={toReviewerId}
            onChange={(event) => setToReviewerId(event.target.value)}
            disabled={people.isPending}
            aria-invalid={pickerError ? true : undefined}
            aria-describedby={pickerError ? `${pickerId}-error` : undefined}
            className={cx(inputClasses, "mt-2 pr-8")}
          >
            <option value="">
              {people.isPending ? "Loading reviewers…" : "Choose a reviewer…"}
            </option>
            {candidates.map((person) => (
              <option key={person.id} value={person.id}>
                {person.displayName} ({person.email})
              </option>
            ))}
          </select>
          {people.isError && (
            <p className="mt-1 text-sm text-red-700">
              The reviewers could not be loaded. {describeError(people.error).message}
            </p>
          )}
          {pickerError && (
            <p id={`${pickerId}-error`} className="mt-1 text-sm text-red-700">
              {pickerError}
            </p>
          )}
        </div>
        <TextAreaField
          label="Reason"
          hint="Recorded on each item and in the evidence ledger; an auditor will read it."
          value={reason}
          onChange={setReason}
          error={errors.reason ?? serverError?.fieldErrors.reason?.join(" ")}
          maxLength={2000}
          rows={3}
        />
        <div className="-mx-5 -mb-4 flex justify-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={reassign.isPending}>
            {reassign.isPending ? "Reassigning…" : "Reassign items"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
