import { Link } from "react-router";
import { CheckIcon } from "@/components/icons";
import { formatDate, formatDateTime } from "@/lib/dates";
import type { RouterOutputs } from "@/lib/trpc";

type DashboardCampaign = RouterOutputs["campaigns"]["dashboard"]["campaign"];

/**
 * Where the campaign came from and where it stands, for the page header: its stage (with two),
 * the snapshot its items were generated from, and who launched it. A line of its own under the
 * status and dates.
 */
export function CampaignFacts({ campaign }: { campaign: DashboardCampaign }) {
  return (
    <>
      <span aria-hidden="true" className="hidden basis-full sm:block" />
      {campaign.hasSecondStage && <StageFact campaign={campaign} />}
      <span className="min-w-0">
        Snapshot:{" "}
        <Link
          to={`/inventory/snapshots/${campaign.snapshot.id}`}
          title={`Imported ${formatDateTime(campaign.snapshot.importedAt)}`}
          className="font-medium text-accent-700 hover:text-accent-800 hover:underline"
        >
          {campaign.snapshot.source}, {formatDate(campaign.snapshot.importedAt)}
        </Link>
      </span>
      {campaign.launchedBy && <span>Launched by {campaign.launchedBy.name}</span>}
    </>
  );
}

/** "Stage 1 of 2 · stage two opens 6 Dec 2026", or when it opened. */
function StageFact({ campaign }: { campaign: DashboardCampaign }) {
  const stage = `Stage ${campaign.currentStage} of 2`;
  if (campaign.stageTwoOpenedAt)
    return (
      <span title={formatDateTime(campaign.stageTwoOpenedAt)}>
        {`${stage} · opened ${formatDate(campaign.stageTwoOpenedAt)}`}
      </span>
    );
  if (campaign.stageTwoOpensAt && ["scheduled", "active"].includes(campaign.status))
    return (
      <span title={formatDateTime(campaign.stageTwoOpensAt)}>
        {`${stage} · stage two opens ${formatDate(campaign.stageTwoOpensAt)}`}
      </span>
    );
  return <span>{stage}</span>;
}

/** The control owner's attestation once given: who, when, and their statement word for word. */
export function SignOffRecord({ campaign }: { campaign: DashboardCampaign }) {
  if (campaign.status !== "signed_off" || !campaign.signedOffAt) return null;
  return (
    <section
      aria-label="Sign-off"
      className="rounded-lg border border-emerald-200 bg-emerald-50/60 px-4 py-3"
    >
      <p className="flex items-start gap-2 text-sm text-emerald-900">
        <CheckIcon className="mt-0.5 size-4 shrink-0" />
        <span>
          Signed off by{" "}
          <span className="font-medium">{campaign.signedOffBy?.name ?? "the control owner"}</span>{" "}
          on {formatDateTime(campaign.signedOffAt)}
        </span>
      </p>
      {campaign.signOffStatement && (
        <blockquote className="mt-2 border-l-2 border-emerald-300 pl-3 text-sm whitespace-pre-line text-slate-800">
          {campaign.signOffStatement}
        </blockquote>
      )}
    </section>
  );
}
