import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/button";
import { Dialog } from "@/components/dialog";
import { InlineAlert } from "@/components/error-state";
import { formatDateTime } from "@/lib/dates";
import { describeError } from "@/lib/errors";
import { type RouterOutputs, useTRPC } from "@/lib/trpc";
import { useRefreshCampaign } from "./use-refresh-campaign";

type AdvancedStage = RouterOutputs["campaigns"]["advanceStage"];

/** What opening stage two did, from the server's answer. */
export function describeStageTwo(advanced: AdvancedStage): string {
  const count = advanced.openedItems;
  if (count === 0)
    return "Stage two is open. Every stage-one item was revoked, so no item needed a second review.";
  return `Stage two is open: ${count.toLocaleString("en-GB")} ${count === 1 ? "item went" : "items went"} to the second-stage reviewers.`;
}

/**
 * Ends stage one before its time. Said before anything changes: stage-one decisions freeze, and
 * approved, excepted and undecided items go on to the second reviewers; revokes end there.
 */
export function OpenStageTwoDialog({
  campaign,
  onClose,
  onOpened,
}: {
  campaign: { id: string; name: string; stageTwoOpensAt: string | null };
  onClose: () => void;
  onOpened: (advanced: AdvancedStage) => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshCampaign();
  const advance = useMutation(
    trpc.campaigns.advanceStage.mutationOptions({
      onSuccess: async (advanced) => {
        await refresh();
        onOpened(advanced);
      },
    }),
  );
  return (
    <Dialog
      title={`Open stage two of “${campaign.name}”?`}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose} data-autofocus>
            Not yet
          </Button>
          <Button
            variant="primary"
            disabled={advance.isPending}
            onClick={() => advance.mutate({ campaignId: campaign.id })}
          >
            {advance.isPending ? "Opening…" : "Open stage two"}
          </Button>
        </>
      }
    >
      <div className="space-y-3 text-sm text-slate-700">
        {advance.error && (
          <InlineAlert>
            Stage two was not opened. {describeError(advance.error).message}
          </InlineAlert>
        )}
        <p>
          Stage one ends now
          {campaign.stageTwoOpensAt
            ? ` instead of on ${formatDateTime(campaign.stageTwoOpensAt)}`
            : ""}
          . Approved and excepted items, and those nobody decided, go to the second-stage reviewers;
          revoked items end their review here.
        </p>
        <p>
          Stage-one reviewers cannot change their decisions afterwards. The due date stays where it
          is.
        </p>
      </div>
    </Dialog>
  );
}
