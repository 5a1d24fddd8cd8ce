import {
  humanIdentityKinds,
  type IdentityKind,
  type IdentityStatus,
  identityKindLabels,
  identityKinds,
  identityStatuses,
  isNonHuman,
  nonHumanIdentityKinds,
} from "@attest/domain/inventory/identity-kinds";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Card } from "@/components/card";
import { CursorPagination, formatTotal } from "@/components/cursor-pagination";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { SelectField, TextField } from "@/components/form-fields";
import { LoadingState } from "@/components/loading-state";
import { SearchInput } from "@/components/search-input";
import { numericCell, Table, TableBody, TableHead, Td, Th, Tr } from "@/components/table";
import { FilterBar, SystemFilter } from "@/features/inventory/browser/browser-parts";
import {
  useCursorPages,
  useDebouncedParam,
  useFilterParams,
} from "@/features/inventory/browser/browser-state";
import { IdentityKindBadge, IdentityStatusBadge } from "@/features/inventory/inventory-badges";
import { formatCount, snapshotParam } from "@/features/inventory/inventory-format";
import { cx } from "@/lib/cx";
import { formatDate, formatRelative } from "@/lib/dates";
import { type RouterInputs, type RouterOutputs, useTRPC } from "@/lib/trpc";

type IdentityRow = RouterOutputs["inventory"]["identities"]["rows"][number];
type KindFilter = NonNullable<RouterInputs["inventory"]["identities"]["kind"]>;

const pageSize = 50;
const dayMs = 86_400_000;

const kindFilters: readonly string[] = ["human", "non_human", ...identityKinds];

function parseKind(value: string): KindFilter | undefined {
  return kindFilters.includes(value) ? (value as KindFilter) : undefined;
}

function parseStatus(value: string): IdentityStatus | undefined {
  return (identityStatuses as readonly string[]).includes(value)
    ? (value as IdentityStatus)
    : undefined;
}

export function IdentitiesTab({ snapshotId }: { snapshotId: string }) {
  const trpc = useTRPC();
  const params = useFilterParams();
  const [search, setSearch] = useDebouncedParam("q", params);
  const [owner, setOwner] = useDebouncedParam("owner", params);
  const filters = {
    kind: parseKind(params.get("kind")),
    status: parseStatus(params.get("status")),
    systemKey: params.get("system") || undefined,
    ownerOrManager: params.get("owner") || undefined,
    search: params.get("q") || undefined,
  };
  const filtered = Object.values(filters).some((value) => value !== undefined);
  const pages = useCursorPages(JSON.stringify([snapshotId, filters]));
  const query = useQuery({
    ...trpc.inventory.identities.queryOptions({
      snapshotId,
      ...filters,
      limit: pageSize,
      after: pages.after,
    }),
    placeholderData: keepPreviousData,
  });
  const snapshot = useQuery(trpc.inventory.snapshots.queryOptions({ limit: 50 }));
  const rotationDays = Number(
    snapshot.data?.find((row) => row.id === snapshotId)?.parameters.rotationPolicyDays ?? 365,
  );

  return (
    <Card
      title="Identities"
      description={
        query.data
          ? `${formatTotal(query.data.total, query.data.totalCapped)} ${filtered ? "matching " : ""}${query.data.total === 1 && !query.data.totalCapped ? "identity" : "identities"}`
          : "People and non-human identities in the snapshot."
      }
    >
      <FilterBar
        onClear={
          filtered || search || owner
            ? () => {
                setSearch("");
                setOwner("");
                params.set({ kind: null, status: null, system: null, owner: null, q: null });
              }
            : undefined
        }
      >
        <SearchInput
          label="Search identities"
          placeholder="Name, id or email starts with…"
          value={search}
          onChange={setSearch}
        />
        <SelectField
          label="Kind"
          value={filters.kind ?? ""}
          onChange={(kind) => params.set({ kind })}
          className="w-full sm:w-48"
        >
          <option value="">All kinds</option>
          <option value="human">People (all kinds)</option>
          <option value="non_human">Non-human (all kinds)</option>
          <optgroup label="People">
            {humanIdentityKinds.map((kind) => (
              <option key={kind} value={kind}>
                {identityKindLabels[kind]}
              </option>
            ))}
          </optgroup>
          <optgroup label="Non-human">
            {nonHumanIdentityKinds.map((kind) => (
              <option key={kind} value={kind}>
                {identityKindLabels[kind]}
              </option>
            ))}
          </optgroup>
        </SelectField>
        <SelectField
          label="Status"
          value={filters.status ?? ""}
          onChange={(status) => params.set({ status })}
          className="w-full sm:w-36"
        >
          <option value="">Any status</option>
          <option value="active">Active</option>
          <option value="suspended">Suspended</option>
          <option value="terminated">Terminated</option>
        </SelectField>
        <SystemFilter
          snapshotId={snapshotId}
          value={filters.systemKey ?? ""}
          onChange={(system) => params.set({ system })}
        />
        <TextField
          label="Owner or manager (external id)"
          value={owner}
          onChange={(event) => setOwner(event.target.value)}
          placeholder="e.g. E2001"
          autoComplete="off"
          className="w-full sm:w-52"
        />
      </FilterBar>
      {query.isPending ? (
        <LoadingState label="Loading identities" rows={10} columns={6} />
      ) : query.isError ? (
        <ErrorState
          title="The identities could not be loaded"
          error={query.error}
          onRetry={() => query.refetch()}
        />
      ) : query.data.rows.length === 0 ? (
        <EmptyState
          title={filtered ? "No identity matches these filters" : "No identities in this snapshot"}
          description={
            filtered
              ? "Search matches the start of a name, external id or email. Clear a filter to see more."
              : "The import had no identities file."
          }
        />
      ) : (
        <div className={cx(query.isPlaceholderData && "opacity-60 transition-opacity")}>
          <Table label="Identities" minWidth="64rem">
            <TableHead>
              <tr>
                <Th>Identity</Th>
                <Th>Kind</Th>
                <Th>Status</Th>
                <Th>Department</Th>
                <Th>Manager or owner</Th>
                <Th>Credential rotated</Th>
                <Th className="text-right">Grants</Th>
              </tr>
            </TableHead>
            <TableBody>
              {query.data.rows.map((row) => (
                <IdentityRowView
                  key={row.id}
                  row={row}
                  snapshotId={snapshotId}
                  rotationDays={rotationDays}
                />
              ))}
            </TableBody>
          </Table>
          <CursorPagination
            label="Identities pages"
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

function IdentityRowView({
  row,
  snapshotId,
  rotationDays,
}: {
  row: IdentityRow;
  snapshotId: string;
  rotationDays: number;
}) {
  const kind: IdentityKind = row.kind;
  const nonHuman = isNonHuman(kind);
  const rotationOverdue =
    nonHuman &&
    (row.lastRotatedAt === null ||
      Date.now() - new Date(row.lastRotatedAt).getTime() > rotationDays * dayMs);
  const grantsHref = `/inventory/browse/grants?${new URLSearchParams({
    [snapshotParam]: snapshotId,
    identity: row.externalId,
  })}`;
  return (
    <Tr>
      <Td className="min-w-56">
        <div className="font-medium text-slate-900">{row.displayName}</div>
        <div className="mt-0.5 text-xs text-slate-500">
          <span className="font-mono">{row.externalId}</span>
          {row.email ? ` · ${row.email}` : ""}
        </div>
      </Td>
      <Td>
        <IdentityKindBadge kind={kind} />
      </Td>
      <Td>
        <IdentityStatusBadge status={row.status} />
      </Td>
      <Td className="text-slate-700">
        {row.department ?? <span className="text-slate-400">—</span>}
      </Td>
      <Td className="whitespace-nowrap">
        {nonHuman ? (
          row.ownerName ? (
            <>
              <span className="text-xs text-slate-500">Owner </span>
              {row.ownerName}
            </>
          ) : (
            <span className="text-amber-700">No owner</span>
          )
        ) : row.managerName ? (
          <>
            <span className="text-xs text-slate-500">Manager </span>
            {row.managerName}
          </>
        ) : (
          <span className="text-slate-400">—</span>
        )}
      </Td>
      <Td className="whitespace-nowrap">
        {!nonHuman ? (
          <span className="text-slate-400">—</span>
        ) : row.lastRotatedAt ? (
          <span
            className={cx(rotationOverdue ? "font-medium text-amber-700" : "text-slate-700")}
            title={`${formatDate(row.lastRotatedAt)}${rotationOverdue ? ` — older than the ${rotationDays}-day policy` : ""}`}
          >
            {formatRelative(row.lastRotatedAt)}
          </span>
        ) : (
          <span className="font-medium text-amber-700">Never recorded</span>
        )}
      </Td>
      <Td className={numericCell}>
        {row.grants > 0 ? (
          <Link
            to={grantsHref}
            className="font-medium text-accent-700 hover:underline"
            aria-label={`${formatCount(row.grants)} grants of ${row.displayName}`}
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
