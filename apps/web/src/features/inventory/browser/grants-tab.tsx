import { identityKindLabels } from "@attest/domain/inventory/identity-kinds";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/badge";
import { Card } from "@/components/card";
import { CursorPagination, formatTotal } from "@/components/cursor-pagination";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { CheckboxField, TextField } from "@/components/form-fields";
import { LoadingState } from "@/components/loading-state";
import { SearchInput } from "@/components/search-input";
import { PrivilegedBadge, RiskBadge } from "@/components/status-badges";
import { Table, TableBody, TableHead, Td, Th, Tr } from "@/components/table";
import { FilterBar, SystemFilter } from "@/features/inventory/browser/browser-parts";
import {
  useCursorPages,
  useDebouncedParam,
  useFilterParams,
} from "@/features/inventory/browser/browser-state";
import { cx } from "@/lib/cx";
import { formatDate, formatRelative } from "@/lib/dates";
import { type RouterOutputs, useTRPC } from "@/lib/trpc";

type GrantRow = RouterOutputs["inventory"]["grants"]["rows"][number];

const pageSize = 50;
const staleAfterDays = 90;

export function GrantsTab({ snapshotId }: { snapshotId: string }) {
  const trpc = useTRPC();
  const params = useFilterParams();
  const [search, setSearch] = useDebouncedParam("q", params);
  const [identity, setIdentity] = useDebouncedParam("identity", params);
  const filters = {
    systemKey: params.get("system") || undefined,
    privileged: params.get("privileged") === "1" ? true : undefined,
    identityKey: params.get("identity") || undefined,
    search: params.get("q") || undefined,
  };
  const filtered = Object.values(filters).some((value) => value !== undefined);
  const pages = useCursorPages(JSON.stringify([snapshotId, filters]));
  const query = useQuery({
    ...trpc.inventory.grants.queryOptions({
      snapshotId,
      ...filters,
      limit: pageSize,
      after: pages.after,
    }),
    placeholderData: keepPreviousData,
  });

  return (
    <Card
      title="Grants"
      description={
        query.data
          ? `${formatTotal(query.data.total, query.data.totalCapped)} ${filtered ? "matching " : ""}${query.data.total === 1 && !query.data.totalCapped ? "grant" : "grants"}`
          : "Who holds which entitlement on which system."
      }
    >
      <FilterBar
        onClear={
          filtered || search || identity
            ? () => {
                setSearch("");
                setIdentity("");
                params.set({ system: null, privileged: null, identity: null, q: null });
              }
            : undefined
        }
      >
        <SearchInput
          label="Search grants"
          placeholder="Account or entitlement key starts with…"
          value={search}
          onChange={setSearch}
          className="sm:w-96"
        />
        <SystemFilter
          snapshotId={snapshotId}
          value={filters.systemKey ?? ""}
          onChange={(system) => params.set({ system })}
        />
        <TextField
          label="Identity (external id)"
          value={identity}
          onChange={(event) => setIdentity(event.target.value)}
          placeholder="e.g. E2001"
          autoComplete="off"
          className="w-full sm:w-44"
        />
        <CheckboxField
          label="Privileged only"
          checked={filters.privileged === true}
          onChange={(checked) => params.set({ privileged: checked ? "1" : null })}
        />
      </FilterBar>
      {query.isPending ? (
        <LoadingState label="Loading grants" rows={10} columns={5} />
      ) : query.isError ? (
        <ErrorState
          title="The grants could not be loaded"
          error={query.error}
          onRetry={() => query.refetch()}
        />
      ) : query.data.rows.length === 0 ? (
        <EmptyState
          title={filtered ? "No grant matches these filters" : "No grants in this snapshot"}
          description={
            filtered
              ? "Search matches the start of an account name or entitlement key, exactly as written. Clear a filter to see more."
              : "The import had no grants or access files."
          }
        />
      ) : (
        <div className={cx(query.isPlaceholderData && "opacity-60 transition-opacity")}>
          <Table label="Grants" minWidth="56rem">
            <TableHead>
              <tr>
                <Th>Account</Th>
                <Th>Identity</Th>
                <Th>Entitlement</Th>
                <Th>Granted</Th>
                <Th>Last used</Th>
              </tr>
            </TableHead>
            <TableBody>
              {query.data.rows.map((row) => (
                <GrantRowView key={row.id} row={row} />
              ))}
            </TableBody>
          </Table>
          <CursorPagination
            label="Grants pages"
            pageIndex={pages.pageIndex}
            pageSize={pageSize}
            rowCount={query.data.rows.length}
            total={query.data.total}
            totalCapped={query.data.totalCapped}
            hasNext={query.data.next !== null && !query.isPlaceholderData}
            onPrevious={pages.previous}
            onNext={() => {
              if (query.data.next) pages.next(query.data.next);
            }}
          />
        </div>
      )}
    </Card>
  );
}

function GrantRowView({ row }: { row: GrantRow }) {
  const stale =
    row.lastUsedAt === null ||
    Date.now() - new Date(row.lastUsedAt).getTime() > staleAfterDays * 86_400_000;
  return (
    <Tr>
      <Td className="min-w-44">
        <div className="font-mono text-xs break-all text-slate-900">{row.username}</div>
        <div className="mt-0.5 text-xs text-slate-500">{row.systemName}</div>
      </Td>
      <Td className="min-w-52">
        {row.identityKey ? (
          <>
            <div className="text-slate-900">{row.identityName}</div>
            <div className="mt-0.5 text-xs text-slate-500">
              <span className="font-mono">{row.identityKey}</span>
              {row.identityKind ? ` · ${identityKindLabels[row.identityKind]}` : ""}
            </div>
            {row.identityStatus && row.identityStatus !== "active" && (
              <div className="mt-1">
                <Badge tone={row.identityStatus === "terminated" ? "danger" : "warning"}>
                  {row.identityStatus === "terminated" ? "Terminated" : "Suspended"}
                </Badge>
              </div>
            )}
          </>
        ) : (
          <Badge tone="warning" title="The account belongs to no identity in the snapshot">
            Orphan account
          </Badge>
        )}
      </Td>
      <Td className="min-w-52">
        <div className="text-slate-900">{row.entitlementName}</div>
        <div className="mt-0.5 font-mono text-xs text-slate-500">{row.entitlementKey}</div>
        <div className="mt-1 flex flex-wrap gap-1">
          {row.privileged && <PrivilegedBadge />}
          <RiskBadge risk={row.risk} />
        </div>
      </Td>
      <Td className="whitespace-nowrap">
        <div>{row.grantedAt ? formatDate(row.grantedAt) : "Unknown"}</div>
        {row.ticket ? (
          <div className="font-mono text-xs text-slate-500">{row.ticket}</div>
        ) : (
          <div className={cx("text-xs", row.privileged ? "text-amber-700" : "text-slate-500")}>
            No ticket
          </div>
        )}
        {row.grantedBy && <div className="text-xs text-slate-500">by {row.grantedBy}</div>}
      </Td>
      <Td className="whitespace-nowrap">
        <span
          className={cx(stale ? "font-medium text-amber-700" : "text-slate-700")}
          title={row.lastUsedAt ? formatDate(row.lastUsedAt) : undefined}
        >
          {row.lastUsedAt ? formatRelative(row.lastUsedAt) : "Never"}
        </span>
      </Td>
    </Tr>
  );
}
