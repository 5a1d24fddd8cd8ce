import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { formatDate } from "@/lib/dates";
import type { RouterOutputs } from "@/lib/trpc";
import { CompletionChart, completionChartHeight } from "./completion-chart";
import { DecisionMixChart } from "./decision-mix-chart";
import { IndependenceCard, RemediationCard, ReroutedCard } from "./oversight-cards";
import { ReviewersCard } from "./reviewers-card";
import { SystemsChart } from "./systems-chart";

type Dashboard = RouterOutputs["campaigns"]["dashboard"];

/** Grey blocks the size of the cards to come, so nothing moves when the numbers arrive. */
export function CampaignDashboardSkeleton() {
  const block = "animate-pulse rounded-lg border border-slate-200 bg-white shadow-xs";
  return (
    <div role="status" aria-live="polite" className="space-y-6">
      <span className="sr-only">Loading the campaign dashboard…</span>
      <div aria-hidden="true" className="grid gap-6 lg:grid-cols-3">
        <div className={`${block} lg:col-span-2`} style={{ height: completionChartHeight + 96 }} />
        <div className={block} style={{ height: completionChartHeight + 96 }} />
      </div>
      <div aria-hidden="true" className="grid gap-6 md:grid-cols-3">
        <div className={`${block} h-44`} />
        <div className={`${block} h-44`} />
        <div className={`${block} h-44`} />
      </div>
      <div aria-hidden="true" className={`${block} h-80`} />
    </div>
  );
}

/**
 * The control owner's view of one campaign: how far it has got and how fast, where decisions
 * landed, what needs a second look, and who to chase.
 */
export function CampaignDashboard({
  dashboard,
  canRemind,
  canReassign,
}: {
  dashboard: Dashboard;
  canRemind: boolean;
  canReassign: boolean;
}) {
  const { campaign } = dashboard;
  const started = campaign.status !== "draft" && campaign.status !== "scheduled";
  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-3">
        <Card
          title="Completion over time"
          description="Items decided, day by day, against the campaign's total."
          className="lg:col-span-2"
          bodyClassName="px-4 py-4"
        >
          {started ? (
            <CompletionChart
              completion={dashboard.completion}
              totalItems={campaign.totalItems}
              dueAt={campaign.dueAt}
            />
          ) : (
            <div style={{ height: completionChartHeight + 32 }} className="flex items-center">
              <EmptyState
                title={`Reviews start on ${formatDate(campaign.startsAt)}`}
                description="Completion is drawn here from the first day reviewers can decide."
              />
            </div>
          )}
        </Card>
        <Card
          title="Decision mix"
          description={
            campaign.closedAt
              ? "Decisions, and what closing did with the rest."
              : "What reviewers decided so far."
          }
          bodyClassName="px-4 py-4"
        >
          <DecisionMixChart mix={dashboard.decisionMix} />
        </Card>
      </div>

      <div className="grid gap-6 md:grid-cols-3">
        <IndependenceCard dashboard={dashboard} />
        <ReroutedCard rerouted={dashboard.rerouted} />
        <RemediationCard dashboard={dashboard} />
      </div>

      <ReviewersCard
        campaignId={campaign.id}
        campaignStatus={campaign.status}
        campaignOverdue={campaign.overdue}
        reviewers={dashboard.reviewers}
        canRemind={canRemind}
        canReassign={canReassign}
      />

      <Card
        title="By system"
        description="Decided and pending items per system under review, most pending first."
        bodyClassName="px-4 py-4"
      >
        {dashboard.systems.length === 0 ? (
          <EmptyState title="No systems" description="This campaign has no items." />
        ) : (
          <SystemsChart systems={dashboard.systems} />
        )}
      </Card>
    </div>
  );
}
