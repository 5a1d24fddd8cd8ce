import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { CheckboxField } from "@/components/form-fields";
import { LoadingState } from "@/components/loading-state";
import { Pagination } from "@/components/pagination";
import { SearchInput } from "@/components/search-input";
import { PrivilegedBadge, RiskBadge } from "@/components/status-badges";
import { numericCell, Table, TableBody, TableHead, Td, Th, Tr } from "@/components/table";
import { FilterBar, SystemFilter } from "@/features/inventory/browser/browser-parts";
import { useDebouncedParam, useFilterParams } from "@/features/inventory/browser/browser-state";
import { formatCount, plural, snapshotParam } from "@/features/inventory/inventory-format";
import { cx } from "@/lib/cx";
import { type RouterOutputs, useTRPC } from "@/lib/trpc";

type EntitlementRow = RouterOutputs["inventory"]["entitlements"]["entitlements"][number];

const pageSize = 50;
/** The API returns at most this many entitlements for one filter. */
const serverLimit = 2000;

export function EntitlementsTab({ snapshotId }: { snapshotId: string }) {
  const trpc = useTRPC();
  const params = useFilterParams();
  const systemKey = params.get("system") || undefined;
  const privileged = params.get("privileged") === "1" ? true : undefined;
  const [search, setSearch] = useDebouncedParam("q", params);
  const needle = params.get("q").toLowerCase();
  const [offset, setOffset] = useState(0);
  const [pageKey, setPageKey] = useState("");
  const key = JSON.stringify([snapshotId, systemKey, privileged, needle]);
  if (key !== pageKey) {
    setPageKey(key);
    setOffset(0);
  }

  const query = useQuery({
    ...trpc.inventory.entitlements.queryOptions({ snapshotId, systemKey, privileged }),
    placeholderData: keepPreviousData,
  });
  // Entitlements are few enough (per snapshot) to search and page in the browser.
  const rows =
    query.data?.entitlements.filter(
      (row) =>
        !needle ||
        row.name.toLowerCase().startsWith(needle) ||
        row.key.toLowerCase().startsWith(needle),
    ) ?? [];
  const filtered = systemKey !== undefined || privileged !== undefined || needle !== "";

  return (
    <Card
      title="Entitlements"
      description={
        query.data
          ? `${plural(rows.length, filtered ? "matching entitlement" : "entitlement")}`
          : "Roles, groups and permissions per system."
      }
    >
      <FilterBar
        onClear={
          filtered || search
            ? () => {
                setSearch("");
                params.set({ system: null, privileged: null, q: null });
              }
            : undefined
        }
      >
        <SearchInput
          label="Search entitlements"
          placeholder="Name or key starts with…"
          value={search}
          onChange={setSearch}
        />
        <SystemFilter
          snapshotId={snapshotId}
          value={systemKey ?? ""}
          onChange={(system) => params.set({ system })}
        />
        <CheckboxField
          label="Privileged only"
          checked={privileged === true}
          onChange={(checked) => params.set({ privileged: checked ? "1" : null })}
        />
      </FilterBar>
      {query.isPending ? (
        <LoadingState label="Loading entitlements" rows={10} columns={5} />
      ) : query.isError ? (
        <ErrorState
          title="The entitlements could not be loaded"
          error={query.error}
          onRetry={() => query.refetch()}
        />
      ) : rows.length === 0 ? (
        <EmptyState
          title={filtered ? "No entitlement matches these filters" : "No entitlements"}
          description={filtered ? "Clear a filter to see more." : undefined}
        />
      ) : (
        <div className={cx(query.isPlaceholderData && "opacity-60 transition-opacity")}>
          {query.data.entitlements.length >= serverLimit && (
            <p className="border-b border-slate-200 bg-amber-50 px-4 py-2 text-sm text-amber-800">
              Showing the first {formatCount(serverLimit)} entitlements. Choose a system to see all
              of its entitlements.
            </p>
          )}
          <Table label="Entitlements" minWidth="44rem">
            <TableHead>
              <tr>
                <Th>Entitlement</Th>
                <Th>System</Th>
                <Th>Risk</Th>
                <Th>Owner</Th>
                <Th className="text-right">Grants</Th>
              </tr>
            </TableHead>
            <TableBody>
              {rows.slice(offset, offset + pageSize).map((row) => (
                <EntitlementRowView
                  key={`${row.systemKey}\u0000${row.key}`}
                  row={row}
                  snapshotId={snapshotId}
                />
              ))}
            </TableBody>
          </Table>
          <Pagination
            label="Entitlements pages"
            offset={offset}
            limit={pageSize}
            total={rows.length}
            onOffsetChange={setOffset}
          />
        </div>
      )}
    </Card>
  );
}

function EntitlementRowView({ row, snapshotId }: { row: EntitlementRow; snapshotId: string }) {
  const grantsHref = `/inventory/browse/grants?${new URLSearchParams({
    [snapshotParam]: snapshotId,
    system: row.systemKey,
    q: row.key,
  })}`;
  return (
    <Tr>
      <Td className="min-w-64">
        <div className="font-medium text-slate-900">{row.name}</div>
        <div className="mt-0.5 font-mono text-xs text-slate-500">{row.key}</div>
        {row.description && (
          <p className="mt-1 line-clamp-2 max-w-md text-xs text-slate-600" title={row.description}>
            {row.description}
          </p>
        )}
      </Td>
      <Td className="whitespace-nowrap">{row.systemName}</Td>
      <Td>
        <div className="flex flex-wrap gap-1">
          {row.privileged && <PrivilegedBadge />}
          <RiskBadge risk={row.risk} />
        </div>
      </Td>
      <Td className="whitespace-nowrap">
        {row.ownerName ?? <span className="text-slate-400">—</span>}
      </Td>
      <Td className={numericCell}>
        {row.grants > 0 ? (
          <Link
            to={grantsHref}
            className="font-medium text-accent-700 hover:underline"
            aria-label={`Grants of ${row.name} on ${row.systemName}`}
          >
            {formatCount(row.grants)}
          </Link>
        ) : (
          <span className="text-slate-400">0</span>
        )}
      </Td>
    </Tr>
  );
}
