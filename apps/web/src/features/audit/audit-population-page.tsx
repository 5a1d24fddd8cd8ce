import { campaignStatuses } from "@attest/domain/campaigns/campaign";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { Badge } from "@/components/badge";
import { ButtonLink, buttonClasses } from "@/components/button";
import { Card, StatCard, StatGrid } from "@/components/card";
import { CopyButton } from "@/components/copy-button";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { DownloadIcon } from "@/components/icons";
import { LoadingState } from "@/components/loading-state";
import { PageHeader } from "@/components/page-header";
import { CampaignStatusBadge } from "@/components/status-badges";
import { numericCell, Table, TableBody, TableHead, Td, Th, Tr } from "@/components/table";
import { type AuditPopulation, frequencyLabel, periodQuery } from "@/features/audit/audit-format";
import { EngagementBanner } from "@/features/audit/engagement-banner";
import { EvidencePackageCard, periodPackage } from "@/features/audit/evidence-package-card";
import { PopulationPicker } from "@/features/audit/population-picker";
import { type AuditPeriodSelection, useAuditPeriod } from "@/features/audit/use-audit-period";
import { formatCalendarDate, formatUtcTimestamp } from "@/lib/dates";
import { useTRPC } from "@/lib/trpc";

/** A control's population for a period: occurrences reconciled with the ledger, and its IPE. */
export function AuditPopulationPage() {
  const { me, fallback, selection, choose } = useAuditPeriod();
  return (
    <>
      <PageHeader
        back={{ to: "/audit", label: "Audit" }}
        title="Population"
        description="Choose a control and a period to see every occurrence of the control (each campaign run), its items and decisions, reconciled with the population recorded when it was launched."
      />
      <div className="space-y-6">
        <EngagementBanner me={me} />
        <Card>
          {fallback ? (
            <PopulationPicker
              key={selection ? periodQuery(selection) : "none"}
              initial={selection}
              fallback={fallback}
              submitLabel="Show population"
              onChoose={choose}
            />
          ) : (
            <LoadingState label="Loading your engagement" rows={1} columns={3} />
          )}
        </Card>
        {selection ? (
          <PopulationResult selection={selection} />
        ) : (
          <Card>
            <EmptyState
              title="Choose a control"
              description="The population appears here, with its counts, its reconciliation and how it was extracted."
            />
          </Card>
        )}
      </div>
    </>
  );
}

function PopulationResult({ selection }: { selection: AuditPeriodSelection }) {
  const trpc = useTRPC();
  const population = useQuery(trpc.audit.population.queryOptions(selection));
  if (population.isPending) {
    return (
      <Card title="Occurrences">
        <LoadingState label="Extracting the population" rows={4} columns={7} />
      </Card>
    );
  }
  if (population.isError) {
    return (
      <Card title="Occurrences">
        <ErrorState
          title="The population could not be extracted"
          error={population.error}
          onRetry={() => population.refetch()}
        />
      </Card>
    );
  }
  const data = population.data;
  return (
    <>
      <StatGrid>
        <StatCard label="Campaigns run" value={data.totals.campaigns.toLocaleString("en-GB")} />
        <StatCard label="Review items" value={data.totals.items.toLocaleString("en-GB")} />
        <StatCard label="Decisions" value={data.totals.decisions.toLocaleString("en-GB")} />
        <StatCard label="Exceptions" value={data.totals.exceptions.toLocaleString("en-GB")} />
      </StatGrid>
      <OccurrencesCard population={data} />
      <IpeCard population={data} selection={selection} />
      <div className="flex flex-wrap items-center gap-3">
        <ButtonLink to={`/audit/sample?${periodQuery(selection)}`} variant="primary">
          Draw a sample from this population
        </ButtonLink>
      </div>
      <EvidencePackageCard
        packages={[periodPackage({ ...selection, controlId: data.control.controlId })]}
      />
    </>
  );
}

function OccurrencesCard({ population }: { population: AuditPopulation }) {
  const { control, period, occurrences } = population;
  return (
    <Card
      title="Occurrences"
      description={`${control.controlId} · ${control.name} · ${frequencyLabel(control.frequency)} · ${formatCalendarDate(period.start)} – ${formatCalendarDate(period.end)}`}
    >
      {occurrences.length === 0 ? (
        <EmptyState
          title="No campaign ran in this period"
          description="The control has no occurrence whose review started inside the period."
        />
      ) : (
        <Table label="Occurrences" minWidth="72rem">
          <TableHead>
            <tr>
              <Th>Campaign</Th>
              <Th>Launched (UTC)</Th>
              <Th>Status</Th>
              <Th>Snapshot</Th>
              <Th className="text-right">Launch population</Th>
              <Th className="text-right">Items</Th>
              <Th className="text-right">Approved</Th>
              <Th className="text-right">Revoked</Th>
              <Th className="text-right">Exceptions</Th>
              <Th className="text-right">Undecided</Th>
              <Th>Reconciles</Th>
            </tr>
          </TableHead>
          <TableBody>
            {occurrences.map((occurrence) => (
              <Tr key={occurrence.campaignId}>
                <Td className="min-w-56">
                  <Link
                    to={`/audit/campaigns/${occurrence.campaignId}`}
                    className="font-medium text-slate-900 hover:text-accent-700 hover:underline"
                  >
                    {occurrence.name}
                  </Link>
                  {occurrence.signedOffAt && (
                    <div className="mt-0.5 text-xs text-slate-600">
                      Signed off {formatCalendarDate(occurrence.signedOffAt)}
                      {occurrence.signedOffByName ? ` by ${occurrence.signedOffByName}` : ""}
                    </div>
                  )}
                </Td>
                <Td className="whitespace-nowrap tabular-nums">
                  {occurrence.launchedAt ? formatUtcTimestamp(occurrence.launchedAt) : "—"}
                </Td>
                <Td>
                  <StatusCell status={occurrence.status} />
                </Td>
                <Td className="whitespace-nowrap">
                  {occurrence.snapshotId ? (
                    <Link
                      to={`/inventory/snapshots/${occurrence.snapshotId}`}
                      className="text-accent-700 hover:underline"
                    >
                      {occurrence.snapshotImportedAt
                        ? formatCalendarDate(occurrence.snapshotImportedAt)
                        : "Snapshot"}
                    </Link>
                  ) : (
                    <span className="text-slate-500">None</span>
                  )}
                </Td>
                <Td className={numericCell}>
                  {occurrence.populationGrants === null
                    ? "—"
                    : occurrence.populationGrants.toLocaleString("en-GB")}
                </Td>
                <Td className={numericCell}>{occurrence.items.toLocaleString("en-GB")}</Td>
                <Td className={numericCell}>
                  {occurrence.decisions.approve.toLocaleString("en-GB")}
                </Td>
                <Td className={numericCell}>
                  {occurrence.decisions.revoke.toLocaleString("en-GB")}
                </Td>
                <Td className={numericCell}>
                  {occurrence.decisions.exception.toLocaleString("en-GB")}
                </Td>
                <Td className={numericCell}>
                  {occurrence.decisions.undecided.toLocaleString("en-GB")}
                </Td>
                <Td className="whitespace-nowrap">
                  {occurrence.reconciles ? (
                    <Badge
                      tone="success"
                      title={`The ${occurrence.launchItems} launch items hash to the population recorded in ledger event ${occurrence.launchEventSeq}`}
                    >
                      ✓ Reconciles
                    </Badge>
                  ) : (
                    <Badge
                      tone="danger"
                      title={
                        occurrence.populationHash === null
                          ? "No launch event recorded a population for this campaign"
                          : `The ${occurrence.launchItems} launch items do not match the ${occurrence.populationGrants} recorded at launch`
                      }
                    >
                      ✗ Does not reconcile
                    </Badge>
                  )}
                </Td>
              </Tr>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}

function IpeFact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2 text-sm sm:grid-cols-[12rem_1fr] sm:gap-4">
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="min-w-0 text-slate-900">{children}</dd>
    </div>
  );
}

/** Information produced by the entity: how the population was extracted, so it can be relied on. */
function IpeCard({
  population,
  selection,
}: {
  population: AuditPopulation;
  selection: AuditPeriodSelection;
}) {
  const { ipe } = population;
  return (
    <Card
      title="How this population was extracted (IPE)"
      description="Parameters, extraction time, row counts and the SHA-256 of the population CSV, for your completeness and accuracy testing. Downloading the CSV is recorded as evidence."
      actions={
        <a
          href={`/api/audit/population.csv?${periodQuery(selection)}`}
          download={`population-${population.control.controlId}-${selection.periodStart}-${selection.periodEnd}.csv`}
          className={buttonClasses("secondary", "sm")}
        >
          <DownloadIcon className="size-4" />
          Download population CSV
        </a>
      }
    >
      <dl className="divide-y divide-slate-100 px-4 py-2">
        <IpeFact label="Parameters">
          <ul className="space-y-0.5">
            {Object.entries(ipe.parameters).map(([name, value]) => (
              <li key={name} className="break-all">
                <span className="font-mono text-xs text-slate-600">{name}</span>{" "}
                <span className="font-mono text-xs">
                  {Array.isArray(value) ? value.join(", ") : String(value)}
                </span>
              </li>
            ))}
          </ul>
        </IpeFact>
        <IpeFact label="Selection">
          <p className="text-slate-700">{ipe.query}</p>
        </IpeFact>
        <IpeFact label="Extracted at">
          <span className="tabular-nums">{formatUtcTimestamp(ipe.extractedAt)}</span>
        </IpeFact>
        <IpeFact label="Row counts">
          <span className="tabular-nums">
            {ipe.rowCounts.campaigns.toLocaleString("en-GB")} campaigns,{" "}
            {ipe.rowCounts.items.toLocaleString("en-GB")} review items
          </span>
        </IpeFact>
        <IpeFact label="SHA-256 of the CSV">
          <span className="flex items-center gap-1">
            <code className="min-w-0 font-mono text-xs break-all">{ipe.sha256}</code>
            <CopyButton value={ipe.sha256} label="Copy SHA-256" iconOnly />
          </span>
        </IpeFact>
      </dl>
    </Card>
  );
}

function StatusCell({ status }: { status: string }) {
  const known = campaignStatuses.find((candidate) => candidate === status);
  return known ? <CampaignStatusBadge status={known} /> : <Badge>{status}</Badge>;
}
