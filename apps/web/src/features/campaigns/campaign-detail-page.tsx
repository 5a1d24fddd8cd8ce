import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router";
import { CampaignDecisions } from "@/components/campaign-decisions";
import { Card, StatCard, StatGrid } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { StatsLoadingState } from "@/components/loading-state";
import { PageHeader } from "@/components/page-header";
import { ProgressBar } from "@/components/progress-bar";
import { CampaignStatusBadge } from "@/components/status-badges";
import { cx } from "@/lib/cx";
import { describeDue, formatDate, formatDateTime } from "@/lib/dates";
import { hasAnyRole } from "@/lib/roles";
import { trpcErrorCode, useTRPC } from "@/lib/trpc";
import { useSignedInUser } from "@/lib/use-session";
import { CampaignActions } from "./dashboard/campaign-actions";
import { CampaignDashboard, CampaignDashboardSkeleton } from "./dashboard/campaign-dashboard";
import { CampaignFacts, SignOffRecord } from "./dashboard/campaign-facts";
import { CockpitNotice, type Notice } from "./dashboard/cockpit-notice";

/**
 * One campaign, as its control owner runs it: the header names where it stands and offers the
 * next lifecycle step; below, the dashboard to watch and chase, then the decided items.
 */
export function CampaignDetailPage() {
  const { campaignId = "" } = useParams();
  const trpc = useTRPC();
  const user = useSignedInUser();
  const campaign = useQuery(trpc.campaigns.get.queryOptions({ campaignId }));
  const dashboard = useQuery(trpc.campaigns.dashboard.queryOptions({ campaignId }));
  const [notice, setNotice] = useState<Notice | null>(null);
  // The decision record is for control owners and auditors; an administrator sees progress only.
  const canSeeDecisions = hasAnyRole(user.roles, ["control_owner", "auditor"]);
  // Hints only: the server refuses anyone else. The definition's control owner runs the campaign
  // and an administrator may step in; any control owner may chase reviewers.
  const runsCampaign =
    dashboard.data !== undefined &&
    (dashboard.data.campaign.controlOwnerId === user.id || user.roles.includes("admin"));
  const canRemind = user.roles.includes("control_owner");

  if (campaign.isError) {
    const notFound = trpcErrorCode(campaign.error) === "NOT_FOUND";
    return (
      <>
        <PageHeader back={{ to: "/campaigns", label: "Campaigns" }} title="Campaign" />
        <Card>
          {notFound ? (
            <EmptyState
              title="Campaign not found"
              description="It may have been removed, or the address is wrong."
            />
          ) : (
            <ErrorState
              title="The campaign could not be loaded"
              error={campaign.error}
              onRetry={() => campaign.refetch()}
            />
          )}
        </Card>
      </>
    );
  }

  const data = campaign.data;
  const due = data ? describeDue(data.dueAt) : null;
  const facts = dashboard.data?.campaign;

  return (
    <>
      <PageHeader
        back={{ to: "/campaigns", label: "Campaigns" }}
        title={data?.name ?? <span className="text-slate-400">Loading campaign…</span>}
        meta={
          data &&
          due && (
            <>
              <CampaignStatusBadge status={data.status} />
              <span className="font-mono text-xs">{data.controlId}</span>
              <span>Owner: {data.controlOwnerName}</span>
              <span>
                {formatDate(data.startsAt)} – {formatDate(data.dueAt)}
                {data.status === "active" && data.pendingItems > 0 && (
                  <span className={cx(due.overdue && "font-medium text-red-700")}>
                    {" "}
                    · {due.text}
                  </span>
                )}
              </span>
              {data.closedAt && (
                <span title={formatDateTime(data.closedAt)}>
                  Closed {formatDate(data.closedAt)}
                  {facts?.closedBy && ` by ${facts.closedBy.name}`}
                </span>
              )}
              {/* Once the dashboard is in, the sign-off panel below says who signed, and when. */}
              {data.signedOffAt && !facts && (
                <span title={formatDateTime(data.signedOffAt)}>
                  Signed off {formatDate(data.signedOffAt)}
                </span>
              )}
              {facts && <CampaignFacts campaign={facts} />}
            </>
          )
        }
        actions={
          runsCampaign &&
          dashboard.data &&
          !["signed_off", "cancelled"].includes(dashboard.data.campaign.status) && (
            <CampaignActions
              campaign={dashboard.data.campaign}
              decisionMix={dashboard.data.decisionMix}
              userId={user.id}
              onNotice={setNotice}
            />
          )
        }
      />
      <CockpitNotice notice={notice} onDismiss={() => setNotice(null)} />
      <div className="space-y-6">
        {facts && <SignOffRecord campaign={facts} />}
        {!data ? (
          <StatsLoadingState label="Loading campaign progress" />
        ) : (
          <div>
            <StatGrid>
              <StatCard
                label="Completion"
                value={`${data.completionPercent}%`}
                hint={
                  <>
                    <ProgressBar
                      value={data.completionPercent}
                      label="Campaign completion"
                      className="mt-1 mb-1"
                    />
                    {data.decidedItems.toLocaleString("en-GB")}/
                    {data.totalItems.toLocaleString("en-GB")} decided
                  </>
                }
                tone={data.completionPercent === 100 ? "success" : "neutral"}
              />
              <StatCard label="Pending" value={data.pendingItems.toLocaleString("en-GB")} />
              <StatCard
                label="Overdue"
                value={data.overdueItems.toLocaleString("en-GB")}
                hint={
                  data.overdueReviewers > 0
                    ? `${data.overdueReviewers} ${data.overdueReviewers === 1 ? "reviewer" : "reviewers"} behind`
                    : "No reviewer behind"
                }
                tone={data.overdueItems > 0 ? "danger" : "neutral"}
              />
              <StatCard label="Revoked" value={data.revokedItems.toLocaleString("en-GB")} />
              <StatCard
                label="Exceptions"
                value={data.exceptionItems.toLocaleString("en-GB")}
                tone={data.exceptionItems > 0 ? "warning" : "neutral"}
              />
              <StatCard
                label="Reviewers"
                value={data.reviewers.toLocaleString("en-GB")}
                hint={`${data.reviewersWithPending} with items pending`}
              />
            </StatGrid>
          </div>
        )}
        {dashboard.isError ? (
          <Card>
            <ErrorState
              title="The dashboard could not be loaded"
              error={dashboard.error}
              onRetry={() => dashboard.refetch()}
            />
          </Card>
        ) : dashboard.data ? (
          <CampaignDashboard
            dashboard={dashboard.data}
            canRemind={canRemind}
            canReassign={runsCampaign}
          />
        ) : (
          <CampaignDashboardSkeleton />
        )}
        {canSeeDecisions ? (
          <CampaignDecisions campaignId={campaignId} />
        ) : (
          <Card>
            <EmptyState
              title="Decisions are visible to control owners and auditors"
              description="Your role shows a campaign's progress, not the individual decisions."
            />
          </Card>
        )}
      </div>
    </>
  );
}
