import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { ButtonLink } from "@/components/button";
import { Card, StatCard } from "@/components/card";
import { CopyButton } from "@/components/copy-button";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { LoadingState, StatsLoadingState } from "@/components/loading-state";
import { PageHeader } from "@/components/page-header";
import { Table, TableBody, TableHead, Td, Th, Tr } from "@/components/table";
import { ActorName } from "@/features/inventory/actor";
import {
  formatCount,
  orderedCounts,
  plural,
  type Snapshot,
  snapshotParam,
} from "@/features/inventory/inventory-format";
import { PopulationExportCard } from "@/features/inventory/snapshot/population-export-card";
import { SnapshotDiffCard } from "@/features/inventory/snapshot/snapshot-diff-card";
import { formatRelative, formatUtcTimestamp } from "@/lib/dates";
import { hasAnyRole } from "@/lib/roles";
import { trpcErrorCode, useTRPC } from "@/lib/trpc";
import { useSignedInUser } from "@/lib/use-session";

/**
 * A snapshot's population report (IPE): what was imported, from which files (by hash), with
 * which parameters, what changed since the previous snapshot, and the full population as CSV.
 */
export function SnapshotPage() {
  const { snapshotId = "" } = useParams();
  const trpc = useTRPC();
  const report = useQuery(trpc.inventory.populationReport.queryOptions({ snapshotId }));

  if (report.isError) {
    const code = trpcErrorCode(report.error);
    return (
      <>
        <PageHeader back={{ to: "/inventory", label: "Inventory" }} title="Population report" />
        <Card>
          {code === "NOT_FOUND" || code === "BAD_REQUEST" ? (
            <EmptyState
              title="Snapshot not found"
              description="The address may be mistyped. Snapshots are listed on the Inventory page."
            />
          ) : (
            <ErrorState
              title="The population report could not be loaded"
              error={report.error}
              onRetry={() => report.refetch()}
            />
          )}
        </Card>
      </>
    );
  }

  const snapshot = report.data?.snapshot;
  return (
    <>
      <PageHeader
        back={{ to: "/inventory", label: "Inventory" }}
        title={
          snapshot ? (
            `Population report: ${snapshot.source}`
          ) : (
            <span className="text-slate-400">Loading population report…</span>
          )
        }
        meta={
          snapshot && (
            <span>
              Imported {formatUtcTimestamp(snapshot.importedAt)} (
              {formatRelative(snapshot.importedAt)}) by{" "}
              <ActorName actor={snapshot.importedBy} name={snapshot.importedByName} />
            </span>
          )
        }
        actions={
          snapshot && (
            <ButtonLink to={`/inventory/browse/identities?${snapshotParam}=${snapshot.id}`}>
              Browse this snapshot
            </ButtonLink>
          )
        }
      />
      {!report.data ? (
        <div className="space-y-6">
          <StatsLoadingState label="Loading the population report" count={5} />
          <Card title="Source files">
            <LoadingState label="Loading files" rows={3} columns={3} rowClassName="h-11" />
          </Card>
        </div>
      ) : (
        <div className="space-y-6">
          <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
            {orderedCounts(report.data.snapshot.rowCounts).map(({ label, value }) => (
              <StatCard key={label} label={label} value={formatCount(value)} />
            ))}
          </div>
          <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
            <SourceFilesCard snapshot={report.data.snapshot} />
            <ParametersCard snapshot={report.data.snapshot} />
          </div>
          <PopulationExportCard report={report.data} />
          <SnapshotDiffCard snapshot={report.data.snapshot} />
        </div>
      )}
    </>
  );
}

function SourceFilesCard({ snapshot }: { snapshot: Snapshot }) {
  const files = Object.entries(snapshot.fileHashes).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Card
      title="Source files"
      description={
        <>
          SHA-256 of each file as received. Hash the source export (
          <code className="font-mono text-xs">shasum -a 256 FILE</code>) to show it is the file
          imported.
        </>
      }
    >
      {files.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-600">No file hashes were recorded.</p>
      ) : (
        <Table label="Source files" minWidth="36rem">
          <TableHead>
            <tr>
              <Th>File</Th>
              <Th>SHA-256</Th>
            </tr>
          </TableHead>
          <TableBody>
            {files.map(([name, sha256]) => (
              <Tr key={name}>
                <Td className="font-medium break-all text-slate-900">{name}</Td>
                <Td>
                  <div className="-my-1.5 flex items-center gap-1">
                    <code className="min-w-0 font-mono text-xs leading-5 break-all text-slate-700">
                      {sha256}
                    </code>
                    <CopyButton iconOnly label={`Copy SHA-256 of ${name}`} value={sha256} />
                  </div>
                </Td>
              </Tr>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}

const parameterLabels: Record<string, (value: unknown) => ReactNode> = {
  rotationPolicyDays: (value) =>
    typeof value === "number"
      ? `${plural(value, "day")} (non-human credentials older than this are flagged)`
      : String(value),
};

function ParametersCard({ snapshot }: { snapshot: Snapshot }) {
  const user = useSignedInUser();
  const canSeeImports = hasAnyRole(user.roles, ["admin", "auditor"]);
  const trpc = useTRPC();
  // The import that made this snapshot, for its full report (rows per file, warnings).
  const imports = useQuery({
    ...trpc.inventory.imports.queryOptions({ limit: 200 }),
    enabled: canSeeImports,
  });
  const madeBy = imports.data?.find((row) => row.snapshotId === snapshot.id);
  const parameters = Object.entries(snapshot.parameters);

  return (
    <Card title="Parameters">
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 px-4 py-3 text-sm">
        <dt className="text-slate-500">Source</dt>
        <dd className="font-medium break-words text-slate-900">{snapshot.source}</dd>
        {parameters.map(([key, value]) => (
          <Parameter key={key} name={key} value={value} />
        ))}
        <dt className="text-slate-500">Imported at</dt>
        <dd className="font-mono text-xs text-slate-700">
          {formatUtcTimestamp(snapshot.importedAt)}
        </dd>
        <dt className="text-slate-500">Snapshot id</dt>
        <dd className="flex min-w-0 items-center gap-1">
          <code className="truncate font-mono text-xs text-slate-700">{snapshot.id}</code>
          <CopyButton iconOnly label="Copy snapshot id" value={snapshot.id} className="-my-1" />
        </dd>
        {madeBy && (
          <>
            <dt className="text-slate-500">Import report</dt>
            <dd>
              <Link
                to={`/inventory/imports/${madeBy.id}`}
                className="font-medium text-accent-700 hover:underline"
              >
                Files, rows and warnings
              </Link>
            </dd>
          </>
        )}
      </dl>
    </Card>
  );
}

function Parameter({ name, value }: { name: string; value: unknown }) {
  const describe = parameterLabels[name];
  const label = name === "rotationPolicyDays" ? "Rotation policy" : name;
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-slate-900">
        {describe ? (
          describe(value)
        ) : (
          <code className="font-mono text-xs">{JSON.stringify(value)}</code>
        )}
      </dd>
    </>
  );
}
