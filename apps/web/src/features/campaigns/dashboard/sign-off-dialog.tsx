import { signOffCampaignInput } from "@attest/domain/campaigns/campaign-lifecycle-input";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/button";
import { Dialog } from "@/components/dialog";
import { InlineAlert } from "@/components/error-state";
import { describeError } from "@/lib/errors";
import { trpcErrorCode, useTRPC } from "@/lib/trpc";
import { firstIssue, TextAreaField } from "./text-area-field";
import { useRefreshCampaign } from "./use-refresh-campaign";

/**
 * The control owner's attestation, in their own words, recorded word for word in the ledger.
 * A refusal (anything left open, or not their campaign) is the server's sentence; the page
 * keeps it beside the disabled Sign off button.
 */
export function SignOffDialog({
  campaign,
  onClose,
  onSignedOff,
  onRefused,
}: {
  campaign: { id: string; name: string };
  onClose: () => void;
  onSignedOff: () => void;
  onRefused: (message: string) => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshCampaign();
  const [statement, setStatement] = useState("");
  const [statementError, setStatementError] = useState<string | null>(null);
  const signOff = useMutation(
    trpc.campaigns.signOff.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onSignedOff();
      },
      onError: (error) => {
        const code = trpcErrorCode(error);
        if (code === "PRECONDITION_FAILED" || code === "FORBIDDEN")
          onRefused(describeError(error).message);
      },
    }),
  );

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = signOffCampaignInput.safeParse({ campaignId: campaign.id, statement });
    if (!parsed.success) {
      setStatementError(
        firstIssue(parsed.error.issues, "statement") ?? "Write your sign-off statement.",
      );
      return;
    }
    setStatementError(null);
    signOff.mutate(parsed.data);
  };

  const serverError = signOff.error ? describeError(signOff.error) : null;

  return (
    <Dialog
      title={`Sign off “${campaign.name}”`}
      description="Your statement is recorded word for word in the evidence ledger with your name and the time."
      onClose={onClose}
    >
      <form onSubmit={handleSubmit} noValidate className="space-y-4">
        {serverError && (
          <InlineAlert>The campaign was not signed off. {serverError.message}</InlineAlert>
        )}
        <TextAreaField
          label="Sign-off statement"
          hint="Say what you attest: that the review ran to completion and its outcomes are accepted."
          placeholder="I attest that this review was completed as defined, every item was resolved, and the revocations are being remediated."
          value={statement}
          onChange={setStatement}
          error={statementError ?? serverError?.fieldErrors.statement?.join(" ")}
          maxLength={4000}
        />
        <div className="-mx-5 -mb-4 flex justify-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3">
          <Button onClick={onClose}>Not now</Button>
          <Button type="submit" variant="primary" disabled={signOff.isPending}>
            {signOff.isPending ? "Signing off…" : "Sign off"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
