import { cancelCampaignInput } from "@attest/domain/campaigns/campaign-lifecycle-input";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/button";
import { Dialog } from "@/components/dialog";
import { InlineAlert } from "@/components/error-state";
import { describeError } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";
import { firstIssue, TextAreaField } from "./text-area-field";
import { useRefreshCampaign } from "./use-refresh-campaign";

/** Cancelling ends a campaign before close with nothing applied to its items: a reason is required. */
export function CancelCampaignDialog({
  campaign,
  onClose,
  onCancelled,
}: {
  campaign: { id: string; name: string };
  onClose: () => void;
  onCancelled: () => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshCampaign();
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const cancel = useMutation(
    trpc.campaigns.cancel.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onCancelled();
      },
    }),
  );

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = cancelCampaignInput.safeParse({ campaignId: campaign.id, reason });
    if (!parsed.success) {
      setReasonError(firstIssue(parsed.error.issues, "reason") ?? "Say why.");
      return;
    }
    setReasonError(null);
    cancel.mutate(parsed.data);
  };

  const serverError = cancel.error ? describeError(cancel.error) : null;

  return (
    <Dialog
      title={`Cancel “${campaign.name}”?`}
      description="Reviewers stop seeing its items. No decision is applied and nothing can be signed off; the decisions already made stay in the evidence."
      onClose={onClose}
    >
      <form onSubmit={handleSubmit} noValidate className="space-y-4">
        {serverError && (
          <InlineAlert>The campaign was not cancelled. {serverError.message}</InlineAlert>
        )}
        <TextAreaField
          label="Reason"
          hint="Recorded in the evidence ledger; an auditor will read it."
          value={reason}
          onChange={setReason}
          error={reasonError ?? serverError?.fieldErrors.reason?.join(" ")}
          maxLength={2000}
          rows={3}
        />
        <div className="-mx-5 -mb-4 flex justify-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3">
          <Button onClick={onClose}>Keep the campaign</Button>
          <Button type="submit" variant="danger" disabled={cancel.isPending}>
            {cancel.isPending ? "Cancelling…" : "Cancel campaign"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
