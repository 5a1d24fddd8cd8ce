import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useParams } from "react-router";
import { CampaignDecisions } from "@/components/campaign-decisions";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { PageHeader } from "@/components/page-header";
import { CampaignStatusBadge } from "@/components/status-badges";
import { campaignPackage, EvidencePackageCard } from "@/features/audit/evidence-package-card";
import { formatDate, formatUtcTimestamp } from "@/lib/dates";
import { trpcErrorCode, useTRPC } from "@/lib/trpc";

/** One campaign as evidence: its header facts and every decision, with nothing to change. */
export function AuditCampaignPage() {
  const { campaignId = "" } = useParams();
  const trpc = useTRPC();
  const campaign = useQuery(trpc.campaigns.get.queryOptions({ campaignId }));

  if (campaign.isError) {
    return (
      <>
        <PageHeader back={{ to: "/audit", label: "Audit" }} title="Campaign" />
        <Card>
          {trpcErrorCode(campaign.error) === "NOT_FOUND" ? (
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
  return (
    <>
      <PageHeader
        back={{ to: "/audit", label: "Audit" }}
        title={data?.name ?? <span className="text-slate-400">Loading campaign…</span>}
      />
      <div className="space-y-6">
        <Card>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-4 px-4 py-4 text-sm md:grid-cols-3 xl:grid-cols-6">
            <Fact loading={!data} label="Control">
              <span className="font-mono">{data?.controlId}</span>
            </Fact>
            <Fact loading={!data} label="Control owner">
              {data?.controlOwnerName}
            </Fact>
            <Fact loading={!data} label="Period">
              {data && `${formatDate(data.startsAt)} – ${formatDate(data.dueAt)}`}
            </Fact>
            <Fact loading={!data} label="Status">
              {data && <CampaignStatusBadge status={data.status} />}
            </Fact>
            <Fact loading={!data} label="Signed off">
              {data &&
                (data.signedOffAt ? (
                  <span className="tabular-nums">{formatUtcTimestamp(data.signedOffAt)}</span>
                ) : (
                  <span className="text-slate-500">Not signed off</span>
                ))}
            </Fact>
            <Fact loading={!data} label="Decided">
              {data && (
                <span className="tabular-nums">
                  {data.decidedItems.toLocaleString("en-GB")} of{" "}
                  {data.totalItems.toLocaleString("en-GB")} ({data.completionPercent}%)
                </span>
              )}
            </Fact>
          </dl>
        </Card>
        <EvidencePackageCard packages={[campaignPackage(campaignId)]} />
        <CampaignDecisions campaignId={campaignId} />
      </div>
    </>
  );
}

function Fact({
  label,
  loading,
  children,
}: {
  label: string;
  loading: boolean;
  children: ReactNode;
}) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 min-h-5 text-slate-900">
        {loading ? (
          <span className="inline-block h-3 w-24 animate-pulse rounded bg-slate-200" />
        ) : (
          children
        )}
      </dd>
    </div>
  );
}
