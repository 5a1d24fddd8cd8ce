import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { type FilterTab, FilterTabs } from "@/components/filter-tabs";
import { LoadingState } from "@/components/loading-state";
import { Pagination } from "@/components/pagination";
import { PrivilegedBadge } from "@/components/status-badges";
import { Table, TableBody, TableHead, Td, Th, Tr } from "@/components/table";
import { ChangeBadge, type ChangeKind } from "@/features/inventory/inventory-badges";
import type { Snapshot } from "@/features/inventory/inventory-format";
import { cx } from "@/lib/cx";
import { formatDate, formatDateTime } from "@/lib/dates";
import { type RouterOutputs, useTRPC } from "@/lib/trpc";

type GrantChange = RouterOutputs["inventory"]["snapshotDiff"]["changes"][number];
type GrantFacts = NonNullable<GrantChange["after"]>;
type ChangeFilter = "all" | ChangeKind;

const pageSize = 25;

/** What changed in access since the previous snapshot of the same source. */
export function SnapshotDiffCard({ snapshot }: { snapshot: Snapshot }) {
  const trpc = useTRPC();
  const [change, setChange] = useState<ChangeFilter>("all");
  const [offset, setOffset] = useState(0);
  const diff = useQuery({
    ...trpc.inventory.snapshotDiff.queryOptions({
      snapshotId: snapshot.id,
      ...(change === "all" ? {} : { change }),
      limit: pageSize,
      offset,
    }),
    placeholderData: keepPreviousData,
  });

  const chooseChange = (value: ChangeFilter) => {
    setChange(value);
    setOffset(0);
  };

  const previous = diff.data?.previous ?? null;
  const counts = diff.data?.counts ?? null;
  const total = counts ? counts.added + counts.removed + counts.changed : 0;
  const tabs: FilterTab<ChangeFilter>[] = [
    { value: "all", label: "All", count: counts ? total : undefined },
    { value: "added", label: "Added", count: counts?.added },
    { value: "removed", label: "Removed", count: counts?.removed },
    { value: "changed", label: "Changed", count: counts?.changed },
  ];

  return (
    <Card
      title="Changes since the previous snapshot"
      description={
        diff.isPending ? (
          "Comparing grants by system, account and entitlement…"
        ) : previous ? (
          <>
            Compared with the snapshot of {snapshot.source} imported{" "}
            <Link
              to={`/inventory/snapshots/${previous.id}`}
              className="font-medium text-accent-700 hover:underline"
            >
              {formatDateTime(previous.importedAt)}
            </Link>
            . Grants are matched by system, account and entitlement.
          </>
        ) : (
          "Grants are matched by system, account and entitlement."
        )
      }
    >
      {diff.isPending ? (
        <LoadingState label="Comparing snapshots" rows={5} columns={5} />
      ) : diff.isError ? (
        <ErrorState
          title="The changes could not be loaded"
          error={diff.error}
          onRetry={() => diff.refetch()}
        />
      ) : !previous || !counts ? (
        <EmptyState
          title="The first snapshot of this source"
          description={`No earlier snapshot of ${snapshot.source} exists, so there is nothing to compare it with. The next import of the same source will show what changed.`}
        />
      ) : (
        <>
          <div className="border-b border-slate-200 px-4 py-3">
            <FilterTabs label="Change" tabs={tabs} value={change} onChange={chooseChange} />
          </div>
          {diff.data.changes.length === 0 ? (
            <EmptyState
              title={total === 0 ? "No changes" : "None of this kind"}
              description={
                total === 0
                  ? "The grants are the same as in the previous snapshot."
                  : "Choose another kind of change."
              }
            />
          ) : (
            <div className={cx(diff.isPlaceholderData && "opacity-60 transition-opacity")}>
              <Table label="Changed grants" minWidth="64rem">
                <TableHead>
                  <tr>
                    <Th>Change</Th>
                    <Th>System</Th>
                    <Th>Account</Th>
                    <Th>Entitlement</Th>
                    <Th>Identity</Th>
                    <Th>Details</Th>
                  </tr>
                </TableHead>
                <TableBody>
                  {diff.data.changes.map((row) => (
                    <Tr key={`${row.systemKey}\u0000${row.username}\u0000${row.entitlementKey}`}>
                      <Td>
                        <ChangeBadge change={row.change} />
                      </Td>
                      <Td className="font-mono text-xs whitespace-nowrap">{row.systemKey}</Td>
                      <Td className="font-mono text-xs break-all">{row.username}</Td>
                      <Td>
                        <div className="font-mono text-xs">{row.entitlementKey}</div>
                        {(row.after ?? row.before)?.privileged && (
                          <div className="mt-1">
                            <PrivilegedBadge />
                          </div>
                        )}
                      </Td>
                      <Td className="font-mono text-xs whitespace-nowrap">
                        {row.identityKey ?? <span className="font-sans text-amber-700">None</span>}
                      </Td>
                      <Td className="min-w-64">
                        <ChangeDetails row={row} />
                      </Td>
                    </Tr>
                  ))}
                </TableBody>
              </Table>
              <Pagination
                label="Changed grants pages"
                offset={offset}
                limit={pageSize}
                total={change === "all" ? total : counts[change]}
                onOffsetChange={setOffset}
              />
            </div>
          )}
        </>
      )}
    </Card>
  );
}

const factLabels: { key: keyof GrantFacts; label: string }[] = [
  { key: "identityKey", label: "Identity" },
  { key: "privileged", label: "Privileged" },
  { key: "ticket", label: "Ticket" },
  { key: "grantedBy", label: "Granted by" },
  { key: "grantedAt", label: "Granted" },
  { key: "expiresAt", label: "Expires" },
];

function factText(key: keyof GrantFacts, value: GrantFacts[keyof GrantFacts]): string {
  if (value === null || value === undefined || value === "") return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (key === "grantedAt" || key === "expiresAt") return formatDate(value);
  return value;
}

function ChangeDetails({ row }: { row: GrantChange }) {
  if (row.change === "changed" && row.before && row.after) {
    const { before, after } = row;
    const differences = factLabels.filter(({ key }) => before[key] !== after[key]);
    return (
      <ul className="space-y-0.5 text-xs">
        {differences.map(({ key, label }) => (
          <li key={key}>
            <span className="text-slate-500">{label}:</span>{" "}
            <span className="text-slate-500 line-through">{factText(key, before[key])}</span> →{" "}
            <span className="font-medium text-slate-900">{factText(key, after[key])}</span>
          </li>
        ))}
      </ul>
    );
  }
  const facts = row.after ?? row.before;
  if (!facts) return <span className="text-slate-400">—</span>;
  return (
    <div className="text-xs text-slate-600">
      {facts.grantedAt ? `Granted ${formatDate(facts.grantedAt)}` : "Grant date unknown"}
      {facts.grantedBy ? ` by ${facts.grantedBy}` : ""}
      {" · "}
      {facts.ticket ? (
        <span className="font-mono">{facts.ticket}</span>
      ) : (
        <span className="text-amber-700">no ticket</span>
      )}
    </div>
  );
}
