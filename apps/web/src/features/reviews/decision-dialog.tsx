import {
  maxCompensatingControlLength,
  maxJustificationLength,
} from "@attest/domain/reviews/decision-input";
import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/button";
import { Dialog } from "@/components/dialog";
import { InlineAlert } from "@/components/error-state";
import { PrivilegedBadge } from "@/components/status-badges";
import type { QueueItem } from "@/features/reviews/queue-types";
import { addDaysIsoDate, formatCalendarDate } from "@/lib/dates";
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
    hint: "Say why the access must stay for now; it comes back into review when the exception ends.",
  },
};

export interface DecisionSubmission {
  justification: string;
  exceptionExpiresOn?: string;
  compensatingControl?: string;
}

const fieldClasses =
  "mt-2 block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-xs ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-accent-600 focus:outline-none aria-invalid:ring-red-500";

/** Asks for what a decision needs beyond the click: a justification, an exception's end and control. */
export function DecisionDialog({
  item,
  decision,
  maxExceptionDays,
  pending,
  error,
  onSubmit,
  onClose,
  fallbackFocus,
}: {
  item: QueueItem;
  decision: DialogDecision;
  /** The campaign's longest exception, frozen at launch. */
  maxExceptionDays: number;
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
  const controlId = useId();
  const [justification, setJustification] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const [control, setControl] = useState("");
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const today = new Date();
  const minDate = addDaysIsoDate(today, 1);
  const maxDate = addDaysIsoDate(today, maxExceptionDays);
  const text = copy[decision];
  const { identity, system, entitlement } = item.context;

  const fieldError = (field: keyof DecisionSubmission) =>
    localErrors[field] ?? error?.fieldErrors[field]?.join(" ");

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    const trimmed = justification.trim();
    if (!trimmed) errors.justification = "Enter a justification.";
    else if (trimmed.length > maxJustificationLength) {
      errors.justification = `Keep the justification to ${maxJustificationLength} characters.`;
    }
    if (decision === "exception") {
      if (!expiresOn) errors.exceptionExpiresOn = "Choose the date the exception ends.";
      else if (expiresOn < minDate || expiresOn > maxDate) {
        errors.exceptionExpiresOn = `Choose a date from tomorrow to ${formatCalendarDate(maxDate)} (${maxExceptionDays} days).`;
      }
      if (control.trim().length > maxCompensatingControlLength) {
        errors.compensatingControl = `Keep the compensating control to ${maxCompensatingControlLength} characters.`;
      }
    }
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) return;
    onSubmit({
      justification: trimmed,
      ...(decision === "exception"
        ? {
            exceptionExpiresOn: expiresOn,
            ...(control.trim() ? { compensatingControl: control.trim() } : {}),
          }
        : {}),
    });
  };

  const justificationError = fieldError("justification");
  const expiryError = fieldError("exceptionExpiresOn");
  const controlError = fieldError("compensatingControl");
  // Field problems show beside their field; anything else (conflict, refusal) above the form.
  const fieldNamed =
    error &&
    (error.fieldErrors.justification ||
      error.fieldErrors.exceptionExpiresOn ||
      error.fieldErrors.compensatingControl);
  const generalError = error && !fieldNamed ? error.message : null;

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
      <form onSubmit={handleSubmit} noValidate className="space-y-4">
        {generalError && <InlineAlert>{generalError}</InlineAlert>}
        <div>
          <label htmlFor={justificationId} className="block text-sm font-medium text-slate-900">
            Justification
          </label>
          <p id={`${justificationId}-hint`} className="mt-0.5 text-xs text-slate-600">
            {text.hint}
          </p>
          <textarea
            id={justificationId}
            data-autofocus
            rows={4}
            required
            maxLength={maxJustificationLength}
            value={justification}
            onChange={(event) => setJustification(event.target.value)}
            aria-invalid={justificationError ? true : undefined}
            aria-describedby={`${justificationId}-hint${justificationError ? ` ${justificationId}-error` : ""}`}
            className={fieldClasses}
          />
          {justificationError && (
            <p id={`${justificationId}-error`} className="mt-1 text-sm text-red-700">
              {justificationError}
            </p>
          )}
        </div>
        {decision === "exception" && (
          <>
            <div>
              <label htmlFor={expiryId} className="block text-sm font-medium text-slate-900">
                Exception ends on
              </label>
              <p id={`${expiryId}-hint`} className="mt-0.5 text-xs text-slate-600">
                At most {maxExceptionDays} days from today ({formatCalendarDate(maxDate)}).
              </p>
              <input
                id={expiryId}
                type="date"
                required
                min={minDate}
                max={maxDate}
                value={expiresOn}
                onChange={(event) => setExpiresOn(event.target.value)}
                aria-invalid={expiryError ? true : undefined}
                aria-describedby={`${expiryId}-hint${expiryError ? ` ${expiryId}-error` : ""}`}
                className={`${fieldClasses} h-9 w-48`}
              />
              {expiryError && (
                <p id={`${expiryId}-error`} className="mt-1 text-sm text-red-700">
                  {expiryError}
                </p>
              )}
            </div>
            <div>
              <label htmlFor={controlId} className="block text-sm font-medium text-slate-900">
                Compensating control <span className="font-normal text-slate-600">(optional)</span>
              </label>
              <textarea
                id={controlId}
                rows={2}
                maxLength={maxCompensatingControlLength}
                value={control}
                onChange={(event) => setControl(event.target.value)}
                placeholder="e.g. Weekly log review by the system owner"
                aria-invalid={controlError ? true : undefined}
                aria-describedby={controlError ? `${controlId}-error` : undefined}
                className={fieldClasses}
              />
              {controlError && (
                <p id={`${controlId}-error`} className="mt-1 text-sm text-red-700">
                  {controlError}
                </p>
              )}
            </div>
          </>
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
