import { type UndecidedRule, undecidedRuleEffects } from "@attest/domain/campaigns/campaign";
import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/button";
import { Dialog } from "@/components/dialog";
import { InlineAlert } from "@/components/error-state";
import { describeError } from "@/lib/errors";
import { type RouterOutputs, useTRPC } from "@/lib/trpc";
import { useRefreshCampaign } from "./use-refresh-campaign";

type ClosedCampaign = RouterOutputs["campaigns"]["close"];

function itemCount(count: number): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? "item" : "items"}`;
}

/** What closing did, in the words of the definition's rule, from the server's answer. */
export function describeClose(closed: ClosedCampaign): string {
  const { itemCount: count, rule } = closed.undecided;
  if (count === 0) return "The campaign is closed. Every item had a decision.";
  return `The campaign is closed. ${itemCount(count)} without a decision ${count === 1 ? "was" : "were"} ${undecidedRuleEffects[rule]}.`;
}

/**
 * Asks before closing, in plain words: what happens to the items nobody decided, and to how
 * many. The rule is the one the campaign was launched with (a later edit of its definition
 * does not change it).
 */
export function CloseCampaignDialog({
  campaign,
  undecidedItems,
  undecidedRule,
  onClose,
  onClosed,
}: {
  campaign: { id: string; name: string };
  undecidedItems: number;
  undecidedRule: UndecidedRule;
  onClose: () => void;
  onClosed: (closed: ClosedCampaign) => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshCampaign();
  const close = useMutation(
    trpc.campaigns.close.mutationOptions({
      onSuccess: async (closed) => {
        await refresh();
        onClosed(closed);
      },
    }),
  );

  return (
    <Dialog
      title={`Close “${campaign.name}”?`}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose} data-autofocus>
            Keep it open
          </Button>
          <Button
            variant="primary"
            disabled={close.isPending}
            onClick={() => close.mutate({ campaignId: campaign.id })}
          >
            {close.isPending ? "Closing…" : "Close campaign"}
          </Button>
        </>
      }
    >
      <div className="space-y-3 text-sm text-slate-700">
        {close.error && (
          <InlineAlert>
            The campaign was not closed. {describeError(close.error).message}
          </InlineAlert>
        )}
        {undecidedItems === 0 ? (
          <p>Every item has a decision. Closing records the review as finished.</p>
        ) : (
          <p>
            <span className="font-medium text-slate-900">{itemCount(undecidedItems)}</span> still{" "}
            {undecidedItems === 1 ? "has" : "have"} no decision. This campaign&apos;s rule, as it
            was launched, is that undecided items are {undecidedRuleEffects[undecidedRule]}. Closing
            applies that to{" "}
            {undecidedItems === 1 ? "it" : `all ${undecidedItems.toLocaleString("en-GB")}`} and
            records it on each item and in the evidence ledger.
          </p>
        )}
        <p>
          Reviewers cannot decide anything in this campaign after it closes. This cannot be undone;
          the next step is your sign-off.
        </p>
      </div>
    </Dialog>
  );
}
