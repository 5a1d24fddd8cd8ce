import { maxJustificationLength } from "@attest/domain/reviews/decision-input";
import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/button";
import { Dialog } from "@/components/dialog";
import { InlineAlert } from "@/components/error-state";
import type { ErrorDescription } from "@/lib/errors";

/** States how many items a bulk decision records, and asks for the one justification they share. */
export function BulkConfirmDialog({
  decision,
  count,
  notDecidable,
  justificationRequired,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  decision: "approve" | "revoke";
  /** null while the count of a filter selection is still being asked for. */
  count: number | null;
  /** Matching items the reviewer may not decide, left out of the count. */
  notDecidable: number;
  justificationRequired: boolean;
  pending: boolean;
  error: ErrorDescription | null;
  onConfirm: (justification: string | undefined) => void;
  onClose: () => void;
}) {
  const fieldId = useId();
  const [justification, setJustification] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const verb = decision === "approve" ? "Approve" : "Revoke";
  const noun = count === 1 ? "item" : "items";

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = justification.trim();
    if (justificationRequired && !trimmed) {
      setLocalError("Enter a justification: this campaign asks for one.");
      return;
    }
    if (trimmed.length > maxJustificationLength) {
      setLocalError(`Keep the justification to ${maxJustificationLength} characters.`);
      return;
    }
    setLocalError(null);
    onConfirm(trimmed || undefined);
  };

  const fieldError = localError ?? error?.fieldErrors.justification?.join(" ");
  const generalError = error && !error.fieldErrors.justification ? error.message : null;

  return (
    <Dialog
      title={count === null ? `${verb} items` : `${verb} ${count.toLocaleString("en-GB")} ${noun}`}
      onClose={onClose}
      description={
        count === null
          ? "Counting the items you can decide…"
          : `One decision is recorded for each of the ${count.toLocaleString("en-GB")} ${noun}, with the justification below.${notDecidable > 0 ? ` ${notDecidable.toLocaleString("en-GB")} matching items you may not decide are left out.` : ""}`
      }
    >
      <form onSubmit={handleSubmit} noValidate className="space-y-4">
        {generalError && <InlineAlert>{generalError}</InlineAlert>}
        <div>
          <label htmlFor={fieldId} className="block text-sm font-medium text-slate-900">
            Justification{" "}
            {!justificationRequired && (
              <span className="font-normal text-slate-600">(optional)</span>
            )}
          </label>
          <textarea
            id={fieldId}
            data-autofocus
            rows={3}
            value={justification}
            onChange={(event) => setJustification(event.target.value)}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? `${fieldId}-error` : undefined}
            className="mt-2 block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-xs ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-accent-600 focus:outline-none aria-invalid:ring-red-500"
          />
          {fieldError && (
            <p id={`${fieldId}-error`} className="mt-1 text-sm text-red-700">
              {fieldError}
            </p>
          )}
        </div>
        <div className="-mx-5 -mb-4 flex justify-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3">
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            variant={decision === "revoke" ? "danger" : "primary"}
            disabled={pending || count === null || count === 0}
          >
            {pending
              ? "Recording…"
              : count === null
                ? verb
                : `${verb} ${count.toLocaleString("en-GB")} ${noun}`}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
