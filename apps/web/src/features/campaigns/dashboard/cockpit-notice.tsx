import { AlertIcon, CheckIcon } from "@/components/icons";
import { cx } from "@/lib/cx";

export interface Notice {
  tone: "success" | "warning" | "error";
  text: string;
}

const tones: Record<Notice["tone"], string> = {
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  error: "border-red-200 bg-red-50 text-red-800",
};

/**
 * What the last action did, or why it failed, in one sentence under the page header. The live
 * region is always there (empty when there is nothing to say) so screen readers announce it.
 */
export function CockpitNotice({
  notice,
  onDismiss,
  className = "mb-4",
}: {
  notice: Notice | null;
  onDismiss: () => void;
  /** Spacing around the message, applied only while there is one. */
  className?: string;
}) {
  return (
    <div role="status" aria-live="polite" className={cx(notice && className)}>
      {notice && (
        <div
          className={cx(
            "flex items-start gap-2 rounded-md border px-3 py-2 text-sm",
            tones[notice.tone],
          )}
        >
          {notice.tone === "success" ? (
            <CheckIcon className="mt-0.5 size-4 shrink-0" />
          ) : (
            <AlertIcon className="mt-0.5 size-4 shrink-0" />
          )}
          <p className="min-w-0 flex-1">{notice.text}</p>
          <button
            type="button"
            onClick={onDismiss}
            className="rounded px-1 hover:bg-black/5"
            aria-label="Dismiss message"
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
