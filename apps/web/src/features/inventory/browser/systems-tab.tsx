import { Link } from "react-router";
import { Badge } from "@/components/badge";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { LoadingState } from "@/components/loading-state";
import { numericCell, Table, TableBody, TableHead, Td, Th, Tr } from "@/components/table";
import { useSnapshotSystems } from "@/features/inventory/browser/browser-parts";
import { CriticalityBadge } from "@/features/inventory/inventory-badges";
import { formatCount, plural, snapshotParam } from "@/features/inventory/inventory-format";
import type { RouterOutputs } from "@/lib/trpc";

type SystemRow = RouterOutputs["inventory"]["systems"]["systems"][number];

function browseHref(tab: string, snapshotId: string, filters: Record<string, string>): string {
  return `/inventory/browse/${tab}?${new URLSearchParams({ [snapshotParam]: snapshotId, ...filters })}`;
}

export function SystemsTab({ snapshotId }: { snapshotId: string }) {
  const systems = useSnapshotSystems(snapshotId);
  const rows = systems.data?.systems ?? [];
  const sox = rows.filter((system) => system.soxInScope).length;

  return (
    <Card
      title="Systems"
      description={
        systems.data
          ? `${plural(rows.length, "system")}, ${formatCount(sox)} in SOX scope`
          : "Every system in the snapshot, with its entitlements, accounts and grants."
      }
    >
      {systems.isPending ? (
        <LoadingState label="Loading systems" rows={8} columns={6} />
      ) : systems.isError ? (
        <ErrorState
          title="The systems could not be loaded"
          error={systems.error}
          onRetry={() => systems.refetch()}
        />
      ) : rows.length === 0 ? (
        <EmptyState title="No systems in this snapshot" />
      ) : (
        <Table label="Systems" minWidth="44rem">
          <TableHead>
            <tr>
              <Th>System</Th>
              <Th>Criticality</Th>
              <Th>Owner</Th>
              <Th className="text-right">Entitlements</Th>
              <Th className="text-right">Accounts</Th>
              <Th className="text-right">Grants</Th>
            </tr>
          </TableHead>
          <TableBody>
            {rows.map((system) => (
              <SystemRowView key={system.key} system={system} snapshotId={snapshotId} />
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}

const linkClasses = "font-medium text-accent-700 hover:underline";

function SystemRowView({ system, snapshotId }: { system: SystemRow; snapshotId: string }) {
  return (
    <Tr>
      <Td className="min-w-52">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium text-slate-900">{system.name}</span>
          {system.soxInScope && (
            <Badge tone="accent" title="In scope for SOX reviews">
              SOX
            </Badge>
          )}
        </div>
        <div className="mt-0.5 font-mono text-xs text-slate-500">{system.key}</div>
      </Td>
      <Td>
        <CriticalityBadge criticality={system.criticality} />
      </Td>
      <Td className="whitespace-nowrap">
        {system.ownerName ?? <span className="text-slate-400">—</span>}
      </Td>
      <Td className={numericCell}>
        <Link
          to={browseHref("entitlements", snapshotId, { system: system.key })}
          className={linkClasses}
          aria-label={`${formatCount(system.entitlements)} entitlements on ${system.name}`}
        >
          {formatCount(system.entitlements)}
        </Link>
        <div className="text-xs text-slate-500">
          {formatCount(system.privilegedEntitlements)} privileged
        </div>
      </Td>
      <Td className={numericCell}>
        <Link
          to={browseHref("identities", snapshotId, { system: system.key })}
          className={linkClasses}
          aria-label={`Identities with accounts on ${system.name}`}
        >
          {formatCount(system.accounts)}
        </Link>
        <div
          className={
            system.orphanAccounts > 0
              ? "text-xs font-medium text-amber-700"
              : "text-xs text-slate-500"
          }
        >
          {formatCount(system.orphanAccounts)} orphaned
        </div>
      </Td>
      <Td className={numericCell}>
        <Link
          to={browseHref("grants", snapshotId, { system: system.key })}
          className={linkClasses}
          aria-label={`${formatCount(system.grants)} grants on ${system.name}`}
        >
          {formatCount(system.grants)}
        </Link>
      </Td>
    </Tr>
  );
}
