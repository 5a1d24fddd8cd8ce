import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/button";
import { Dialog } from "@/components/dialog";
import { InlineAlert } from "@/components/error-state";
import { formatDate } from "@/lib/dates";
import { describeError } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";
import { useRefreshCampaign } from "./use-refresh-campaign";

/** Opens a scheduled campaign before its start date; its due date stays where it is. */
export function ActivateCampaignDialog({
  campaign,
  onClose,
  onActivated,
}: {
  campaign: { id: string; name: string; startsAt: string; dueAt: string };
  onClose: () => void;
  onActivated: () => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshCampaign();
  const activate = useMutation(
    trpc.campaigns.activate.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onActivated();
      },
    }),
  );
  return (
    <Dialog
      title={`Start “${campaign.name}” now?`}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose} data-autofocus>
            Wait for {formatDate(campaign.startsAt)}
          </Button>
          <Button
            variant="primary"
            disabled={activate.isPending}
            onClick={() => activate.mutate({ campaignId: campaign.id })}
          >
            {activate.isPending ? "Starting…" : "Start now"}
          </Button>
        </>
      }
    >
      <div className="space-y-3 text-sm text-slate-700">
        {activate.error && (
          <InlineAlert>
            The campaign was not started. {describeError(activate.error).message}
          </InlineAlert>
        )}
        <p>
          Reviewers can decide from now on instead of from {formatDate(campaign.startsAt)}. The due
          date stays {formatDate(campaign.dueAt)}, so they get more time, not less.
        </p>
      </div>
    </Dialog>
  );
}
