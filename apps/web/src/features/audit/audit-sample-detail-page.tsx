import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { Card } from "@/components/card";
import { CopyButton } from "@/components/copy-button";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { LoadingState } from "@/components/loading-state";
import { PageHeader } from "@/components/page-header";
import { Table, TableBody, TableHead, Td, Th, Tr } from "@/components/table";
import {
  type AuditSample,
  OutcomeBadge,
  stratifyLabel,
  stratumLabel,
} from "@/features/audit/audit-format";
import { EvidencePackageCard, samplePackage } from "@/features/audit/evidence-package-card";
import { formatCalendarDate, formatUtcTimestamp } from "@/lib/dates";
import { trpcErrorCode, useTRPC } from "@/lib/trpc";

/** One drawn sample: how it was drawn, its items (each to re-perform) and its evidence package. */
export function AuditSampleDetailPage() {
  const { sampleId = "" } = useParams();
  const trpc = useTRPC();
  const sample = useQuery(trpc.audit.samples.get.queryOptions({ sampleId }));

  if (sample.isError) {
    return (
      <>
        <PageHeader back={{ to: "/audit", label: "Audit" }} title="Sample" />
        <Card>
          {trpcErrorCode(sample.error) === "NOT_FOUND" ? (
            <EmptyState
              title="Sample not found"
              description="No sample was drawn with this id, or the address is wrong."
            />
          ) : (
            <ErrorState
              title="The sample could not be loaded"
              error={sample.error}
              onRetry={() => sample.refetch()}
            />
          )}
        </Card>
      </>
    );
  }
  const data = sample.data;
  return (
    <>
      <PageHeader
        back={{ to: "/audit", label: "Audit" }}
        title={data ? `Sample of ${data.controlId}` : "Sample"}
        description={
          data
            ? `${data.controlName}, ${formatCalendarDate(data.periodStart)} – ${formatCalendarDate(data.periodEnd)}`
            : undefined
        }
      />
      {data ? (
        <div className="space-y-6">
          <SampleFacts sample={data} />
          <SampledItemsCard sample={data} />
          <EvidencePackageCard packages={[samplePackage(data.sampleId)]} />
        </div>
      ) : (
        <Card>
          <LoadingState label="Loading the sample" rows={5} columns={6} />
        </Card>
      )}
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

function SampleFacts({ sample }: { sample: AuditSample }) {
  return (
    <Card
      title="How it was drawn"
      description={`Recorded on the ledger as event ${sample.evidenceSeq} (audit.sample_drawn).`}
    >
      <dl className="grid grid-cols-1 gap-x-6 gap-y-4 px-4 py-4 sm:grid-cols-2 xl:grid-cols-4">
        <Fact label="Seed">
          <span className="flex items-center gap-1">
            <code className="min-w-0 font-mono break-all">{sample.seed}</code>
            <CopyButton value={sample.seed} label="Copy seed" iconOnly />
          </span>
        </Fact>
        <Fact label="Size">
          <span className="tabular-nums">
            {sample.size} of {sample.populationCount.toLocaleString("en-GB")} items
          </span>
        </Fact>
        <Fact label="Stratified by">
          {stratifyLabel(sample.stratifyBy)}
          {sample.stratifyBy && (
            <ul className="mt-1 text-xs text-slate-600">
              {Object.entries(sample.strata).map(([name, counts]) => (
                <li key={name}>
                  {stratumLabel(name)}: {counts.sample} of {counts.population}
                </li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact label="Drawn">
          {sample.drawnByName},{" "}
          <span className="tabular-nums">{formatUtcTimestamp(sample.drawnAt)}</span>
        </Fact>
        <div className="min-w-0 sm:col-span-2 xl:col-span-4">
          <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">
            SHA-256 of the population CSV
          </dt>
          <dd className="mt-1 flex items-center gap-1 text-sm">
            <code className="min-w-0 font-mono text-xs break-all">{sample.populationSha256}</code>
            <CopyButton value={sample.populationSha256} label="Copy population SHA-256" iconOnly />
          </dd>
        </div>
      </dl>
    </Card>
  );
}

function SampledItemsCard({ sample }: { sample: AuditSample }) {
  return (
    <Card
      title="Sampled items"
      description="In the order of their keys. Open an item to re-perform the review: what the reviewer saw, what they decided and the ledger proof."
    >
      {sample.items.length === 0 ? (
        <EmptyState title="The population was empty" description="There was nothing to sample." />
      ) : (
        <Table label="Sampled items" minWidth="64rem">
          <TableHead>
            <tr>
              <Th className="w-12 text-right">#</Th>
              <Th>Identity</Th>
              <Th>System · entitlement</Th>
              <Th>Campaign</Th>
              <Th>Outcome</Th>
              <Th>Reviewer</Th>
              <Th>Decided (UTC)</Th>
              {sample.stratifyBy && <Th>Stratum</Th>}
            </tr>
          </TableHead>
          <TableBody>
            {sample.items.map((item, index) => (
              <Tr key={item.itemId}>
                <Td className="text-right text-slate-500 tabular-nums">{index + 1}</Td>
                <Td className="min-w-44">
                  <Link
                    to={`/audit/items/${item.itemId}?sampleId=${sample.sampleId}`}
                    className="font-medium text-accent-700 hover:underline"
                  >
                    {item.identityName}
                  </Link>
                  <div className="font-mono text-[11px] text-slate-500">{item.itemId}</div>
                </Td>
                <Td>
                  {item.systemName} · {item.entitlementName}
                </Td>
                <Td>{item.campaignName}</Td>
                <Td>
                  <OutcomeBadge outcome={item.decision} />
                </Td>
                <Td>{item.reviewerName}</Td>
                <Td className="whitespace-nowrap tabular-nums">
                  {item.decidedAt ? formatUtcTimestamp(item.decidedAt) : "—"}
                </Td>
                {sample.stratifyBy && <Td>{stratumLabel(item.stratum)}</Td>}
              </Tr>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
