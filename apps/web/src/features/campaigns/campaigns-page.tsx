import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { ButtonLink } from "@/components/button";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { LoadingState } from "@/components/loading-state";
import { PageHeader } from "@/components/page-header";
import { ProgressBar } from "@/components/progress-bar";
import { CampaignStatusBadge } from "@/components/status-badges";
import { numericCell, Table, TableBody, TableHead, Td, Th, Tr } from "@/components/table";
import { cx } from "@/lib/cx";
import { describeDue, formatDate } from "@/lib/dates";
import { type RouterOutputs, useTRPC } from "@/lib/trpc";

type Campaign = RouterOutputs["campaigns"]["list"][number];

export function CampaignsPage() {
  const trpc = useTRPC();
  const campaigns = useQuery(trpc.campaigns.list.queryOptions());
  const overdueCampaigns = campaigns.data?.filter((campaign) => campaign.overdueItems > 0).length;

  return (
    <>
      <PageHeader
        title="Campaigns"
        description={
          overdueCampaigns
            ? `${overdueCampaigns} ${overdueCampaigns === 1 ? "campaign is" : "campaigns are"} past due with items still pending.`
            : "Completion of every access review campaign, and who still has items to decide."
        }
        actions={
          <>
            <ButtonLink to="/campaigns/definitions">Definitions</ButtonLink>
            <ButtonLink to="/campaigns/definitions/new" variant="primary">
              New definition
            </ButtonLink>
          </>
        }
      />
      <Card>
        {campaigns.isPending ? (
          <LoadingState label="Loading campaigns" rows={5} columns={7} rowClassName="h-16" />
        ) : campaigns.isError ? (
          <ErrorState
            title="Campaigns could not be loaded"
            error={campaigns.error}
            onRetry={() => campaigns.refetch()}
          />
        ) : campaigns.data.length === 0 ? (
          <EmptyState
            title="No campaigns yet"
            description="Campaigns appear here once a campaign definition has been launched."
          />
        ) : (
          <Table label="Campaigns" minWidth="64rem">
            <TableHead>
              <tr>
                <Th>Campaign</Th>
                <Th>Status</Th>
                <Th>Due</Th>
                <Th className="w-56">Completion</Th>
                <Th className="text-right">Pending</Th>
                <Th className="text-right">Overdue items</Th>
                <Th className="text-right">Overdue reviewers</Th>
              </tr>
            </TableHead>
            <TableBody>
              {campaigns.data.map((campaign) => (
                <CampaignRow key={campaign.id} campaign={campaign} />
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </>
  );
}

function CampaignRow({ campaign }: { campaign: Campaign }) {
  const due = describeDue(campaign.dueAt);
  const notStarted = campaign.totalItems === 0 && ["draft", "scheduled"].includes(campaign.status);
  const showRelative = campaign.status === "active" || campaign.status === "scheduled";
  return (
    <Tr>
      <Td className="min-w-64">
        <Link
          to={`/campaigns/${campaign.id}`}
          className="font-medium text-slate-900 hover:text-accent-700 hover:underline"
        >
          {campaign.name}
        </Link>
        <div className="mt-0.5 text-xs text-slate-500">
          <span className="font-mono">{campaign.controlId}</span> · {campaign.controlOwnerName}
        </div>
      </Td>
      <Td>
        <CampaignStatusBadge status={campaign.status} />
      </Td>
      <Td className="whitespace-nowrap">
        <div>{formatDate(campaign.dueAt)}</div>
        {showRelative && (
          <div
            className={cx(
              "text-xs",
              campaign.overdueItems > 0 ? "font-medium text-red-700" : "text-slate-500",
            )}
          >
            {campaign.status === "active" && campaign.pendingItems === 0 ? "all decided" : due.text}
          </div>
        )}
      </Td>
      <Td>
        {notStarted ? (
          <span className="text-slate-500">Not started</span>
        ) : (
          <>
            <div className="flex items-center gap-3">
              <ProgressBar
                value={campaign.completionPercent}
                label={`${campaign.name} completion`}
                className="flex-1"
              />
              <span className="w-10 text-right font-medium text-slate-900 tabular-nums">
                {campaign.completionPercent}%
              </span>
            </div>
            <div className="mt-1 text-xs text-slate-500 tabular-nums">
              {campaign.decidedItems.toLocaleString("en-GB")}/
              {campaign.totalItems.toLocaleString("en-GB")} decided
            </div>
          </>
        )}
      </Td>
      <Td className={numericCell}>{campaign.pendingItems.toLocaleString("en-GB")}</Td>
      <Td className={cx(numericCell, campaign.overdueItems > 0 && "font-semibold text-red-700")}>
        {campaign.overdueItems.toLocaleString("en-GB")}
      </Td>
      <Td
        className={cx(numericCell, campaign.overdueReviewers > 0 && "font-semibold text-red-700")}
      >
        {campaign.overdueReviewers > 0 ? (
          <span className="inline-flex min-w-7 justify-center rounded-full bg-red-50 px-2 py-0.5 ring-1 ring-red-600/20 ring-inset">
            {campaign.overdueReviewers}
          </span>
        ) : (
          campaign.overdueReviewers
        )}
      </Td>
    </Tr>
  );
}
