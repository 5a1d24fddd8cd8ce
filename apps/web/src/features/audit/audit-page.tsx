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
import {
  engagementPeriod,
  frequencyLabel,
  periodQuery,
  sizeGuidance,
  stratifyLabel,
  yearToDate,
} from "@/features/audit/audit-format";
import { EngagementBanner } from "@/features/audit/engagement-banner";
import { formatCalendarDate, formatDate, formatUtcTimestamp } from "@/lib/dates";
import { useTRPC } from "@/lib/trpc";

/**
 * The auditor's starting point: what they may read (their engagement), the controls with their
 * frequency, the samples drawn so far and every campaign, read-only.
 */
export function AuditPage() {
  const trpc = useTRPC();
  const campaigns = useQuery(trpc.campaigns.list.queryOptions());
  const me = useQuery(trpc.audit.me.queryOptions());

  return (
    <>
      <PageHeader
        title="Audit"
        description="Choose a control's population, draw a reproducible sample, re-perform each sampled decision and take away evidence you can verify offline. Browsing changes nothing."
        actions={
          <>
            <ButtonLink to="/audit/population">Population</ButtonLink>
            <ButtonLink to="/audit/sample" variant="primary">
              Draw a sample
            </ButtonLink>
          </>
        }
      />
      <div className="space-y-6">
        <EngagementBanner me={me} />
        <ControlsCard
          period={me.data ? (engagementPeriod(me.data.engagements) ?? yearToDate()) : null}
        />
        <RecentSamplesCard />
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
                        <span className="text-slate-500">Not signed off</span>
                      )}
                    </Td>
                    <Td className={numericCell}>
                      {campaign.decidedItems.toLocaleString("en-GB")}
                      <span className="text-slate-500">
                        /{campaign.totalItems.toLocaleString("en-GB")}
                      </span>
                    </Td>
                    <Td className={numericCell}>{campaign.revokedItems.toLocaleString("en-GB")}</Td>
                    <Td className={numericCell}>
                      {campaign.exceptionItems.toLocaleString("en-GB")}
                    </Td>
                  </Tr>
                ))}
              </TableBody>
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}

function ControlsCard({ period }: { period: { periodStart: string; periodEnd: string } | null }) {
  const trpc = useTRPC();
  const controls = useQuery(trpc.audit.controls.queryOptions());
  return (
    <Card
      title="Controls"
      description="Each campaign definition is a control; its schedule gives its frequency and the customary sample size."
      actions={
        <ButtonLink size="sm" to="/campaigns/definitions">
          Campaign definitions
        </ButtonLink>
      }
    >
      {controls.isPending ? (
        <LoadingState label="Loading controls" rows={3} columns={6} />
      ) : controls.isError ? (
        <ErrorState
          title="Controls could not be loaded"
          error={controls.error}
          onRetry={() => controls.refetch()}
        />
      ) : controls.data.length === 0 ? (
        <EmptyState title="No controls yet" description="No campaign definition has been made." />
      ) : (
        <Table label="Controls" minWidth="42rem">
          <TableHead>
            <tr>
              <Th>Control</Th>
              <Th>Frequency</Th>
              <Th className="text-right">Campaigns run</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </TableHead>
          <TableBody>
            {controls.data.map((control) => {
              const query = period
                ? periodQuery({ definitionId: control.definitionId, ...period })
                : new URLSearchParams({ definitionId: control.definitionId }).toString();
              return (
                <Tr key={control.definitionId}>
                  <Td className="min-w-56">
                    <div className="font-medium text-slate-900">{control.name}</div>
                    <div className="mt-0.5 text-xs text-slate-500">
                      <span className="font-mono">{control.controlId}</span> · Owner:{" "}
                      {control.controlOwnerName}
                    </div>
                  </Td>
                  <Td className="whitespace-nowrap">
                    {frequencyLabel(control.frequency)}
                    <div className="mt-0.5 text-xs text-slate-500">
                      Suggested sample{" "}
                      {sizeGuidance(control.frequency, control.suggestedSampleSize).split(": ")[1]}
                    </div>
                  </Td>
                  <Td className={numericCell}>{control.campaignsRun.toLocaleString("en-GB")}</Td>
                  <Td className="text-right whitespace-nowrap">
                    <span className="inline-flex gap-2">
                      <ButtonLink
                        size="sm"
                        to={`/audit/population?${query}`}
                        aria-label={`Population of ${control.controlId}`}
                      >
                        Population
                      </ButtonLink>
                      <ButtonLink
                        size="sm"
                        to={`/audit/sample?${query}`}
                        aria-label={`Sample ${control.controlId}`}
                      >
                        Sample
                      </ButtonLink>
                    </span>
                  </Td>
                </Tr>
              );
            })}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}

function RecentSamplesCard() {
  const trpc = useTRPC();
  const samples = useQuery(trpc.audit.samples.list.queryOptions());
  return (
    <Card
      title="Samples drawn"
      description="Every draw is recorded on the ledger; open one to re-perform its items."
    >
      {samples.isPending ? (
        <LoadingState label="Loading samples" rows={2} columns={6} />
      ) : samples.isError ? (
        <ErrorState
          title="Samples could not be loaded"
          error={samples.error}
          onRetry={() => samples.refetch()}
        />
      ) : samples.data.length === 0 ? (
        <EmptyState
          title="No samples drawn yet"
          description="Draw one from a control's population; the same seed and size always give the same items."
          action={<ButtonLink to="/audit/sample">Draw a sample</ButtonLink>}
        />
      ) : (
        <Table label="Samples drawn" minWidth="60rem">
          <TableHead>
            <tr>
              <Th>Drawn (UTC)</Th>
              <Th>Control</Th>
              <Th>Period</Th>
              <Th>Seed</Th>
              <Th className="text-right">Size</Th>
              <Th>Stratified by</Th>
              <Th>Drawn by</Th>
            </tr>
          </TableHead>
          <TableBody>
            {samples.data.slice(0, 10).map((sample) => (
              <Tr key={sample.sampleId}>
                <Td className="whitespace-nowrap tabular-nums">
                  <Link
                    to={`/audit/samples/${sample.sampleId}`}
                    className="font-medium text-accent-700 hover:underline"
                  >
                    {formatUtcTimestamp(sample.drawnAt)}
                  </Link>
                </Td>
                <Td>
                  <span className="font-mono text-xs">{sample.controlId}</span>{" "}
                  <span className="text-slate-600">{sample.controlName}</span>
                </Td>
                <Td className="whitespace-nowrap">
                  {formatCalendarDate(sample.periodStart)} – {formatCalendarDate(sample.periodEnd)}
                </Td>
                <Td className="max-w-40 truncate font-mono text-xs" title={sample.seed}>
                  {sample.seed}
                </Td>
                <Td className={numericCell}>
                  {sample.size} of {sample.populationCount.toLocaleString("en-GB")}
                </Td>
                <Td>{stratifyLabel(sample.stratifyBy)}</Td>
                <Td>{sample.drawnByName}</Td>
              </Tr>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
