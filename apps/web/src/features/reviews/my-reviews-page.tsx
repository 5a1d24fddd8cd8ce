import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { ChevronRightIcon } from "@/components/icons";
import { LoadingState } from "@/components/loading-state";
import { PageHeader } from "@/components/page-header";
import { ProgressBar } from "@/components/progress-bar";
import { CampaignStatusBadge } from "@/components/status-badges";
import { cx } from "@/lib/cx";
import { describeDue, formatDate } from "@/lib/dates";
import { type RouterOutputs, useTRPC } from "@/lib/trpc";

type MyCampaign = RouterOutputs["reviews"]["myCampaigns"][number];

export function MyReviewsPage() {
  const trpc = useTRPC();
  const campaigns = useQuery(trpc.reviews.myCampaigns.queryOptions());
  const pendingTotal =
    campaigns.data
      ?.filter((campaign) => campaign.status === "active")
      .reduce((sum, campaign) => sum + campaign.pendingItems, 0) ?? null;

  return (
    <>
      <PageHeader
        title="My reviews"
        description={
          pendingTotal === null
            ? "Access you are asked to confirm or remove."
            : pendingTotal === 0
              ? "Nothing is waiting for you. Thank you."
              : `${pendingTotal.toLocaleString("en-GB")} items are waiting for your decision.`
        }
      />
      <Card title="Campaigns">
        {campaigns.isPending ? (
          <LoadingState label="Loading your campaigns" rows={4} columns={4} rowClassName="h-20" />
        ) : campaigns.isError ? (
          <ErrorState
            title="Your campaigns could not be loaded"
            error={campaigns.error}
            onRetry={() => campaigns.refetch()}
          />
        ) : campaigns.data.length === 0 ? (
          <EmptyState
            title="No reviews assigned to you"
            description="When a campaign asks you to review someone's access, it appears here."
          />
        ) : (
          <ul className="divide-y divide-slate-100">
            {campaigns.data.map((campaign) => (
              <CampaignRow key={campaign.id} campaign={campaign} />
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}

function CampaignRow({ campaign }: { campaign: MyCampaign }) {
  const active = campaign.status === "active";
  const due = describeDue(campaign.dueAt);
  const decided = campaign.decidedItems;
  const percent =
    campaign.totalItems === 0 ? 100 : Math.floor((decided / campaign.totalItems) * 100);
  return (
    <li>
      <Link
        to={`/reviews/${campaign.id}`}
        className="group flex items-center gap-4 px-4 py-4 hover:bg-slate-50 focus-visible:bg-slate-50"
      >
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-900 group-hover:text-accent-700">
              {campaign.name}
            </span>
            <CampaignStatusBadge status={campaign.status} />
          </div>
          <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
            <span className="font-mono">{campaign.controlId}</span>
            <span>
              Due {formatDate(campaign.dueAt)}
              {active && (
                <>
                  {" · "}
                  <span
                    className={cx(campaign.overdue ? "font-medium text-red-700" : "text-slate-600")}
                  >
                    {campaign.pendingItems === 0 ? "all decided" : due.text}
                  </span>
                </>
              )}
            </span>
          </div>
        </div>
        <div className="hidden w-44 sm:block">
          <ProgressBar
            value={percent}
            label={`${campaign.name}: ${percent}% of your items decided`}
          />
          <div className="mt-1 text-xs text-slate-500 tabular-nums">
            {decided.toLocaleString("en-GB")} of {campaign.totalItems.toLocaleString("en-GB")}{" "}
            decided
          </div>
        </div>
        <div className="w-24 text-right">
          <div
            className={cx(
              "text-lg font-semibold tabular-nums",
              campaign.overdue
                ? "text-red-700"
                : campaign.pendingItems > 0 && active
                  ? "text-slate-900"
                  : "text-slate-400",
            )}
          >
            {campaign.pendingItems.toLocaleString("en-GB")}
          </div>
          <div className="text-xs text-slate-500">pending</div>
          {active && campaign.flaggedPending > 0 && (
            <div className="mt-0.5 text-xs font-medium text-amber-800">
              {campaign.flaggedPending.toLocaleString("en-GB")} flagged
            </div>
          )}
        </div>
        <ChevronRightIcon className="size-4 shrink-0 text-slate-400 group-hover:text-slate-600" />
      </Link>
    </li>
  );
}
