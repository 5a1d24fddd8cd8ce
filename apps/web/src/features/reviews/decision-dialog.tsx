import { maxExceptionDays } from "@attest/domain/reviews/check-decision";
import { decisionInput, maxJustificationLength } from "@attest/domain/reviews/decision-input";
import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/button";
import { Dialog } from "@/components/dialog";
import { InlineAlert } from "@/components/error-state";
import { PrivilegedBadge } from "@/components/status-badges";
import type { ReviewItem } from "@/features/reviews/review-item";
import { addDaysIsoDate } from "@/lib/dates";
import type { ErrorDescription } from "@/lib/errors";

export type DialogDecision = "approve" | "revoke" | "exception";

const copy: Record<DialogDecision, { title: string; submit: string; hint: string }> = {
  approve: {
    title: "Approve access",
    submit: "Approve",
    hint: "This campaign asks for a reason when access is kept.",
  },
  revoke: {
    title: "Revoke access",
    submit: "Revoke access",
    hint: "Say why the access should go; the reason becomes part of the evidence.",
  },
  exception: {
    title: "Approve as an exception",
    submit: "Approve as exception",
    hint: `Keep the access for a limited time (at most ${maxExceptionDays} days); it comes back into review when it expires.`,
  },
};

export interface DecisionSubmission {
  justification: string;
  exceptionExpiresOn?: string;
}

export function DecisionDialog({
  item,
  decision,
  pending,
  error,
  onSubmit,
  onClose,
  fallbackFocus,
}: {
  item: ReviewItem;
  decision: DialogDecision;
  pending: boolean;
  /** The server's refusal of the last submission, if any. */
  error: ErrorDescription | null;
  onSubmit: (submission: DecisionSubmission) => void;
  onClose: () => void;
  /** Where focus goes if the button that opened the dialog has left the page. */
  fallbackFocus?: () => HTMLElement | null;
}) {
  const justificationId = useId();
  const expiryId = useId();
  const [justification, setJustification] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const today = new Date();
  const minDate = addDaysIsoDate(today, 1);
  const maxDate = addDaysIsoDate(today, maxExceptionDays);
  const text = copy[decision];
  const { identity, system, entitlement } = item.context;

  const fieldError = (field: "justification" | "exceptionExpiresOn") =>
    localErrors[field] ?? error?.fieldErrors[field]?.join(" ");

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!justification.trim()) errors.justification = "Enter a justification.";
    if (decision === "exception") {
      if (!expiresOn) errors.exceptionExpiresOn = "Choose the date the exception ends.";
      else if (expiresOn < minDate || expiresOn > maxDate) {
        errors.exceptionExpiresOn = `Choose a date between tomorrow and ${maxExceptionDays} days from today.`;
      }
    }
    const submission: DecisionSubmission = {
      justification: justification.trim(),
      ...(decision === "exception" ? { exceptionExpiresOn: expiresOn } : {}),
    };
    // The same schema the server validates with: length and date format are checked here first.
    const parsed = decisionInput.safeParse({
      itemId: item.id,
      decision,
      version: item.version,
      ...submission,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "input");
        errors[field] ??= issue.message;
      }
    }
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) return;
    onSubmit(submission);
  };

  const justificationError = fieldError("justification");
  const expiryError = fieldError("exceptionExpiresOn");
  // Field problems show beside their field; anything else (conflict, refusal) above the form.
  const generalError =
    error && !error.fieldErrors.justification && !error.fieldErrors.exceptionExpiresOn
      ? error.message
      : null;

  return (
    <Dialog
      title={text.title}
      onClose={onClose}
      {...(fallbackFocus ? { fallbackFocus } : {})}
      description={
        <span className="flex flex-wrap items-center gap-x-1.5 gap-y-1">
          <span className="font-medium text-slate-900">{identity.displayName}</span>
          <span aria-hidden="true">·</span>
          <span>{system.name}</span>
          <span aria-hidden="true">·</span>
          <span>{entitlement.name}</span>
          {entitlement.privileged && <PrivilegedBadge />}
        </span>
      }
    >
      <form id={`${justificationId}-form`} onSubmit={handleSubmit} noValidate className="space-y-4">
        {generalError && <InlineAlert>{generalError}</InlineAlert>}
        <div>
          <label htmlFor={justificationId} className="block text-sm font-medium text-slate-900">
            Justification
          </label>
          <p id={`${justificationId}-hint`} className="mt-0.5 text-xs text-slate-500">
            {text.hint}
          </p>
          <textarea
            id={justificationId}
            autoFocus
            rows={4}
            required
            maxLength={maxJustificationLength}
            value={justification}
            onChange={(event) => setJustification(event.target.value)}
            aria-invalid={justificationError ? true : undefined}
            aria-describedby={`${justificationId}-hint${justificationError ? ` ${justificationId}-error` : ""}`}
            className="mt-2 block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-xs ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-accent-600 focus:outline-none aria-invalid:ring-red-500"
          />
          {justificationError && (
            <p id={`${justificationId}-error`} className="mt-1 text-sm text-red-700">
              {justificationError}
            </p>
          )}
        </div>
        {decision === "exception" && (
          <div>
            <label htmlFor={expiryId} className="block text-sm font-medium text-slate-900">
              Exception expires on
            </label>
            <input
              id={expiryId}
              type="date"
              required
              min={minDate}
              max={maxDate}
              value={expiresOn}
              onChange={(event) => setExpiresOn(event.target.value)}
              aria-invalid={expiryError ? true : undefined}
              aria-describedby={expiryError ? `${expiryId}-error` : undefined}
              className="mt-2 block h-9 w-48 rounded-md border-0 px-3 text-sm text-slate-900 shadow-xs ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-accent-600 focus:outline-none aria-invalid:ring-red-500"
            />
            {expiryError && (
              <p id={`${expiryId}-error`} className="mt-1 text-sm text-red-700">
                {expiryError}
              </p>
            )}
          </div>
        )}
        <div className="-mx-5 -mb-4 flex justify-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3">
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            variant={decision === "revoke" ? "danger" : "primary"}
            disabled={pending}
          >
            {pending ? "Saving…" : text.submit}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
