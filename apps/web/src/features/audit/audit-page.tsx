import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { ButtonLink } from "@/components/button";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { LoadingState } from "@/components/loading-state";
import { PageHeader } from "@/components/page-header";
import { CampaignStatusBadge } from "@/components/status-badges";
import { numericCell, Table, TableBody, TableHead, Td, Th, Tr } from "@/components/table";
import { formatDate } from "@/lib/dates";
import { useTRPC } from "@/lib/trpc";

/** The auditor's starting point: every campaign, read-only, with what was decided in it. */
export function AuditPage() {
  const trpc = useTRPC();
  const campaigns = useQuery(trpc.campaigns.list.queryOptions());

  return (
    <>
      <PageHeader
        title="Audit"
        description="Campaigns and their recorded decisions, read-only. Open a campaign to inspect who decided what, when and why."
        actions={<ButtonLink to="/campaigns/definitions">Campaign definitions</ButtonLink>}
      />
      <Card title="Campaigns">
        {campaigns.isPending ? (
          <LoadingState label="Loading campaigns" rows={5} columns={6} />
        ) : campaigns.isError ? (
          <ErrorState
            title="Campaigns could not be loaded"
            error={campaigns.error}
            onRetry={() => campaigns.refetch()}
          />
        ) : campaigns.data.length === 0 ? (
          <EmptyState title="No campaigns yet" description="There is nothing to audit yet." />
        ) : (
          <Table label="Campaigns" minWidth="60rem">
            <TableHead>
              <tr>
                <Th>Campaign</Th>
                <Th>Control</Th>
                <Th>Period</Th>
                <Th>Status</Th>
                <Th>Signed off</Th>
                <Th className="text-right">Decided</Th>
                <Th className="text-right">Revoked</Th>
                <Th className="text-right">Exceptions</Th>
              </tr>
            </TableHead>
            <TableBody>
              {campaigns.data.map((campaign) => (
                <Tr key={campaign.id}>
                  <Td className="min-w-64">
                    <Link
                      to={`/audit/campaigns/${campaign.id}`}
                      className="font-medium text-slate-900 hover:text-accent-700 hover:underline"
                    >
                      {campaign.name}
                    </Link>
                    <div className="mt-0.5 text-xs text-slate-500">
                      Owner: {campaign.controlOwnerName}
                    </div>
                  </Td>
                  <Td className="font-mono text-xs whitespace-nowrap">{campaign.controlId}</Td>
                  <Td className="whitespace-nowrap">
                    {formatDate(campaign.startsAt)} – {formatDate(campaign.dueAt)}
                  </Td>
                  <Td>
                    <CampaignStatusBadge status={campaign.status} />
                  </Td>
                  <Td className="whitespace-nowrap">
                    {campaign.signedOffAt ? (
                      formatDate(campaign.signedOffAt)
                    ) : (
                      <span className="text-slate-400">Not signed off</span>
                    )}
                  </Td>
                  <Td className={numericCell}>
                    {campaign.decidedItems.toLocaleString("en-GB")}
                    <span className="text-slate-400">
                      /{campaign.totalItems.toLocaleString("en-GB")}
                    </span>
                  </Td>
                  <Td className={numericCell}>{campaign.revokedItems.toLocaleString("en-GB")}</Td>
                  <Td className={numericCell}>{campaign.exceptionItems.toLocaleString("en-GB")}</Td>
                </Tr>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </>
  );
}
