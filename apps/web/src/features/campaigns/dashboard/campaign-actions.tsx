import { checkSignOff } from "@attest/domain/campaigns/campaign-close";
import { useId, useState } from "react";
import { Button } from "@/components/button";
import type { RouterOutputs } from "@/lib/trpc";
import { ActivateCampaignDialog } from "./activate-campaign-dialog";
import { CancelCampaignDialog } from "./cancel-campaign-dialog";
import { CloseCampaignDialog, describeClose } from "./close-campaign-dialog";
import type { Notice } from "./cockpit-notice";
import { describeStageTwo, OpenStageTwoDialog } from "./open-stage-two-dialog";
import { SignOffDialog } from "./sign-off-dialog";

type DashboardCampaign = RouterOutputs["campaigns"]["dashboard"]["campaign"];
type DecisionMix = RouterOutputs["campaigns"]["dashboard"]["decisionMix"];

type OpenDialog = "activate" | "stageTwo" | "close" | "signOff" | "cancel" | null;

/** Items with neither a decision nor a close outcome: what sign-off waits for. */
export function unresolvedItems(mix: DecisionMix): number {
  const closedOut =
    mix.closeOutcomes.kept + mix.closeOutcomes.revoked + mix.closeOutcomes.not_reviewed;
  return Math.max(0, mix.undecided - closedOut);
}

/**
 * The lifecycle step the campaign's status allows, as its primary action, and cancelling while
 * it is still open. In stage one of a two-stage campaign the step is opening stage two: closing
 * waits until approved access has had its second review. The server decides; a refusal it gave
 * is kept beside the button it concerns.
 */
export function CampaignActions({
  campaign,
  decisionMix,
  userId,
  onNotice,
}: {
  campaign: DashboardCampaign;
  decisionMix: DecisionMix;
  userId: string;
  onNotice: (notice: Notice) => void;
}) {
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const blockedId = useId();
  const [signOffRefusal, setSignOffRefusal] = useState<string | null>(null);
  const closeDialog = () => setDialog(null);

  // The same rule the server applies, so the button says why before anyone clicks; the server's
  // own refusal (e.g. items that never reached their second stage) replaces it when it comes.
  const signOffCheck =
    campaign.status === "closed"
      ? checkSignOff(
          {
            controlOwnerId: campaign.controlOwnerId,
            undecidedItems: unresolvedItems(decisionMix),
            itemsAwaitingNextStage: 0,
          },
          userId,
        )
      : null;
  const signOffBlocked = signOffRefusal ?? signOffCheck?.message ?? null;
  const cancellable = ["draft", "scheduled", "active"].includes(campaign.status);
  const inStageOne =
    campaign.status === "active" && campaign.hasSecondStage && campaign.currentStage === 1;

  return (
    <div className="flex flex-col items-stretch gap-2 sm:items-end">
      <div className="flex flex-wrap items-center gap-2">
        {cancellable && (
          <Button variant="ghost" onClick={() => setDialog("cancel")}>
            Cancel campaign
          </Button>
        )}
        {campaign.status === "scheduled" && (
          <Button variant="primary" onClick={() => setDialog("activate")}>
            Start now
          </Button>
        )}
        {inStageOne && (
          <Button variant="primary" onClick={() => setDialog("stageTwo")}>
            Open stage two
          </Button>
        )}
        {campaign.status === "active" && !inStageOne && (
          <Button variant="primary" onClick={() => setDialog("close")}>
            Close campaign
          </Button>
        )}
        {campaign.status === "closed" && (
          <Button
            variant="primary"
            disabled={signOffBlocked !== null}
            aria-describedby={signOffBlocked ? blockedId : undefined}
            onClick={() => setDialog("signOff")}
          >
            Sign off
          </Button>
        )}
      </div>
      {campaign.status === "closed" && signOffBlocked && (
        <p id={blockedId} className="max-w-sm text-sm text-amber-800 sm:text-right">
          {signOffBlocked}
        </p>
      )}

      {dialog === "activate" && (
        <ActivateCampaignDialog
          campaign={campaign}
          onClose={closeDialog}
          onActivated={() => {
            closeDialog();
            onNotice({
              tone: "success",
              text: "The campaign is active: reviewers can decide now.",
            });
          }}
        />
      )}
      {dialog === "stageTwo" && (
        <OpenStageTwoDialog
          campaign={campaign}
          onClose={closeDialog}
          onOpened={(advanced) => {
            closeDialog();
            onNotice({ tone: "success", text: describeStageTwo(advanced) });
          }}
        />
      )}
      {dialog === "close" && (
        <CloseCampaignDialog
          campaign={campaign}
          undecidedItems={campaign.pendingItems}
          undecidedRule={campaign.undecidedRule}
          onClose={closeDialog}
          onClosed={(closed) => {
            closeDialog();
            onNotice({ tone: "success", text: describeClose(closed) });
          }}
        />
      )}
      {dialog === "signOff" && (
        <SignOffDialog
          campaign={campaign}
          onClose={closeDialog}
          onSignedOff={() => {
            closeDialog();
            setSignOffRefusal(null);
            onNotice({
              tone: "success",
              text: "Signed off. Your statement is recorded in the evidence ledger.",
            });
          }}
          onRefused={setSignOffRefusal}
        />
      )}
      {dialog === "cancel" && (
        <CancelCampaignDialog
          campaign={campaign}
          onClose={closeDialog}
          onCancelled={() => {
            closeDialog();
            onNotice({
              tone: "success",
              text: "The campaign is cancelled. Your reason is recorded.",
            });
          }}
        />
      )}
    </div>
  );
}
