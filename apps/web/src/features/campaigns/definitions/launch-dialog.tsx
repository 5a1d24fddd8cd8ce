import { Button } from "@/components/button";
import { Dialog } from "@/components/dialog";
import { InlineAlert } from "@/components/error-state";
import type { DefinitionInput } from "@/features/campaigns/definitions/definition-form";
import { useDefinitionPreview } from "@/features/campaigns/definitions/use-definition-preview";
import { formatDate } from "@/lib/dates";
import { describeError } from "@/lib/errors";

const dayMs = 86_400_000;
const count = (value: number) => value.toLocaleString("en-GB");

/**
 * Asks before launching, with what the launch creates: how many items, for how many reviewers,
 * due when. The numbers are the preview of exactly the definition being launched.
 */
export function LaunchDialog({
  name,
  durationDays,
  previewInput,
  saveFirst,
  launching,
  error,
  onConfirm,
  onClose,
  now = new Date(),
}: {
  name: string;
  durationDays: number;
  /** The definition as the editor previews it: the same query as the preview panel's. */
  previewInput: DefinitionInput | null;
  /** "new" or "changed" when the definition is saved before it launches. */
  saveFirst: "new" | "changed" | null;
  launching: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
  now?: Date;
}) {
  const preview = useDefinitionPreview(previewInput);
  const data = preview.isPlaceholderData ? undefined : preview.data;
  const dueAt = new Date(now.getTime() + durationDays * dayMs).toISOString();
  const blocked = data !== undefined && (data.populationSize === 0 || data.unassignable.count > 0);

  return (
    <Dialog
      title="Launch this campaign now?"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button
            variant="primary"
            disabled={data === undefined || blocked || launching}
            onClick={onConfirm}
          >
            {launching
              ? "Launching…"
              : data
                ? `Launch ${count(data.populationSize)} ${data.populationSize === 1 ? "item" : "items"}`
                : "Launch"}
          </Button>
        </>
      }
    >
      <div className="space-y-3 text-sm text-slate-700">
        {error ? (
          <InlineAlert>The campaign was not launched. {describeError(error).message}</InlineAlert>
        ) : null}
        <p>
          <span className="font-medium text-slate-900">
            {name} — {now.toISOString().slice(0, 10)}
          </span>{" "}
          starts today and is due on{" "}
          <span className="font-medium text-slate-900">{formatDate(dueAt)}</span> ({durationDays}{" "}
          {durationDays === 1 ? "day" : "days"}).
        </p>
        <p aria-live="polite">
          {preview.isError ? (
            <span className="text-red-700">
              The items could not be counted: {describeError(preview.error).message}
            </span>
          ) : data === undefined ? (
            <span className="text-slate-500">Counting the items…</span>
          ) : (
            <>
              It creates{" "}
              <span className="font-medium text-slate-900">
                {count(data.populationSize)} review {data.populationSize === 1 ? "item" : "items"}
              </span>{" "}
              for{" "}
              <span className="font-medium text-slate-900">
                {count(data.reviewerCount)} {data.reviewerCount === 1 ? "reviewer" : "reviewers"}
              </span>{" "}
              from snapshot {data.snapshot.source} of {formatDate(data.snapshot.importedAt)}, frozen
              as of now. Reviewers are notified of their items.
            </>
          )}
        </p>
        {blocked && data && (
          <p className="text-red-700">
            {data.populationSize === 0
              ? "The scope selects nothing to review: change the scope before launching."
              : "Some items have no reviewer free of conflict: choose another fallback reviewer before launching."}
          </p>
        )}
        {saveFirst && (
          <p className="text-slate-600">
            {saveFirst === "new"
              ? "The definition is saved first."
              : "Your changes to the definition are saved first."}
          </p>
        )}
      </div>
    </Dialog>
  );
}
