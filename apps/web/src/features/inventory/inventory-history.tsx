import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Badge } from "@/components/badge";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { LoadingState } from "@/components/loading-state";
import { numericCell, Table, TableBody, TableHead, Td, Th, Tr } from "@/components/table";
import { ActorName } from "@/features/inventory/actor";
import { ImportStatusBadge } from "@/features/inventory/inventory-badges";
import { formatCount } from "@/features/inventory/inventory-format";
import { formatDateTime, formatRelative } from "@/lib/dates";
import { useTRPC } from "@/lib/trpc";

const listed = 10;
const linkClasses = "font-medium text-accent-700 hover:underline";

/** The latest snapshots, each opening its population report and diff. */
export function SnapshotHistoryCard({ latestId }: { latestId: string }) {
  const trpc = useTRPC();
  const snapshots = useQuery(trpc.inventory.snapshots.queryOptions({ limit: listed }));
  return (
    <Card
      title="Snapshots"
      description="Each import makes one frozen snapshot; open one for its population report and what changed."
    >
      {snapshots.isPending ? (
        <LoadingState label="Loading snapshots" rows={3} columns={5} rowClassName="h-12" />
      ) : snapshots.isError ? (
        <ErrorState
          title="The snapshots could not be loaded"
          error={snapshots.error}
          onRetry={() => snapshots.refetch()}
        />
      ) : snapshots.data.length === 0 ? (
        <EmptyState title="No snapshots yet" />
      ) : (
        <Table label="Snapshots" minWidth="40rem">
          <TableHead>
            <tr>
              <Th>Source</Th>
              <Th>Imported</Th>
              <Th>By</Th>
              <Th className="text-right">Identities</Th>
              <Th className="text-right">Grants</Th>
            </tr>
          </TableHead>
          <TableBody>
            {snapshots.data.map((snapshot) => (
              <Tr key={snapshot.id}>
                <Td className="min-w-56">
                  <div className="flex flex-wrap items-center gap-2">
                    <Link to={`/inventory/snapshots/${snapshot.id}`} className={linkClasses}>
                      {snapshot.source}
                    </Link>
                    {snapshot.id === latestId && <Badge tone="accent">Latest</Badge>}
                  </div>
                </Td>
                <Td className="whitespace-nowrap">
                  {formatDateTime(snapshot.importedAt)}
                  <div className="text-xs text-slate-500">
                    {formatRelative(snapshot.importedAt)}
                  </div>
                </Td>
                <Td className="whitespace-nowrap">
                  <ActorName actor={snapshot.importedBy} name={snapshot.importedByName} />
                </Td>
                <Td className={numericCell}>{formatCount(snapshot.rowCounts.identities ?? 0)}</Td>
                <Td className={numericCell}>{formatCount(snapshot.rowCounts.grants ?? 0)}</Td>
              </Tr>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}

/** The latest imports, failed ones included: a failed import leaves no snapshot, only its report. */
export function RecentImportsCard() {
  const trpc = useTRPC();
  const imports = useQuery(trpc.inventory.imports.queryOptions({ limit: listed }));
  return (
    <Card
      title="Recent imports"
      description="Every import keeps its report, whether it succeeded or not."
    >
      {imports.isPending ? (
        <LoadingState label="Loading imports" rows={3} columns={4} rowClassName="h-12" />
      ) : imports.isError ? (
        <ErrorState
          title="The imports could not be loaded"
          error={imports.error}
          onRetry={() => imports.refetch()}
        />
      ) : imports.data.length === 0 ? (
        <EmptyState title="No imports yet" description="Imports appear here as they start." />
      ) : (
        <Table label="Recent imports" minWidth="40rem">
          <TableHead>
            <tr>
              <Th>Source</Th>
              <Th>Status</Th>
              <Th>Started</Th>
              <Th>By</Th>
            </tr>
          </TableHead>
          <TableBody>
            {imports.data.map((row) => (
              <Tr key={row.id}>
                <Td className="min-w-56">
                  <Link
                    to={`/inventory/imports/${row.id}`}
                    className={linkClasses}
                    aria-label={`${row.status === "running" ? "Progress" : "Report"} of the import of ${row.source}, ${formatDateTime(row.startedAt)}`}
                  >
                    {row.source}
                  </Link>
                </Td>
                <Td>
                  <ImportStatusBadge status={row.status} />
                </Td>
                <Td className="whitespace-nowrap">
                  {formatDateTime(row.startedAt)}
                  <div className="text-xs text-slate-500">{formatRelative(row.startedAt)}</div>
                </Td>
                <Td className="whitespace-nowrap">
                  <ActorName actor={row.startedBy} name={row.startedByName} />
                </Td>
              </Tr>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
