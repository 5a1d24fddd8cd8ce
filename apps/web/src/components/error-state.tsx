import type { ReactNode } from "react";
import { Button } from "@/components/button";
import { AlertIcon } from "@/components/icons";
import { describeError } from "@/lib/errors";

export function ErrorState({
  title = "This could not be loaded",
  error,
  onRetry,
}: {
  title?: string;
  error: unknown;
  onRetry?: () => void;
}) {
  const { message } = describeError(error);
  return (
    <div role="alert" className="flex flex-col items-center px-6 py-12 text-center">
      <AlertIcon className="size-8 text-red-500" />
      <h2 className="mt-3 text-base font-semibold text-slate-900">{title}</h2>
      <p className="mt-1 max-w-md text-sm text-slate-600">{message}</p>
      {onRetry && (
        <Button className="mt-4" onClick={onRetry}>
          Retry
        </Button>
      )}
    </div>
  );
}

/** A one-line refusal or failure shown above the content it concerns. */
export function InlineAlert({
  children,
  onDismiss,
}: {
  children: ReactNode;
  onDismiss?: () => void;
}) {
  return (
    <div
      role="alert"
      className="flex items-start gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
    >
      <AlertIcon className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 flex-1">{children}</div>
      {onDismiss && (
        <button
          type="button"
          onClick={onDismiss}
          className="rounded px-1 text-red-700 hover:bg-red-100"
          aria-label="Dismiss"
        >
          ×
        </button>
      )}
    </div>
  );
}
