import { identityKindLabels } from "@attest/domain/inventory/identity-kinds";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { LoadingState } from "@/components/loading-state";
import { Pagination } from "@/components/pagination";
import { SearchInput } from "@/components/search-input";
import { DecisionBadge, PrivilegedBadge } from "@/components/status-badges";
import { Table, TableBody, TableHead, Td, Th, Tr } from "@/components/table";
import { cx } from "@/lib/cx";
import { formatCalendarDate, formatUtcTimestamp } from "@/lib/dates";
import { type RouterOutputs, useTRPC } from "@/lib/trpc";
import { useDebouncedValue } from "@/lib/use-debounced-value";

type DecidedItem = RouterOutputs["audit"]["campaignDecisions"]["items"][number];

const pageSize = 100;

/**
 * The decided items of one campaign, read-only: the record control owners and auditors share.
 * There are deliberately no decision controls here.
 */
export function CampaignDecisions({ campaignId }: { campaignId: string }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [offset, setOffset] = useState(0);
  const debouncedSearch = useDebouncedValue(search.trim());
  const query = useQuery({
    ...trpc.audit.campaignDecisions.queryOptions({
      campaignId,
      search: debouncedSearch || undefined,
      limit: pageSize,
      offset,
    }),
    placeholderData: keepPreviousData,
  });

  const handleSearch = (value: string) => {
    setSearch(value);
    setOffset(0);
  };

  return (
    <Card
      title="Decided items"
      description={
        query.isPlaceholderData
          ? "Searching…"
          : query.data
            ? `${query.data.total.toLocaleString("en-GB")} ${debouncedSearch ? "matching " : ""}decisions recorded`
            : "Every recorded decision, with who decided, when and why."
      }
      actions={
        <SearchInput
          label="Search decisions"
          placeholder="Search decisions"
          value={search}
          onChange={handleSearch}
        />
      }
    >
      {query.isPending ? (
        <LoadingState label="Loading decisions" columns={7} />
      ) : query.isError ? (
        <ErrorState
          title="Decisions could not be loaded"
          error={query.error}
          onRetry={() => query.refetch()}
        />
      ) : query.data.items.length === 0 ? (
        <EmptyState
          title={debouncedSearch ? "No decisions match your search" : "No decisions yet"}
          description={
            debouncedSearch
              ? "Try a person's name, a system or an entitlement."
              : "Decisions appear here as reviewers record them."
          }
        />
      ) : (
        <div className={cx(query.isPlaceholderData && "opacity-60 transition-opacity")}>
          <Table label="Decided items" minWidth="72rem" scrollFocusable>
            <TableHead>
              <tr>
                <Th>Person</Th>
                <Th>System</Th>
                <Th>Entitlement</Th>
                <Th>Decision</Th>
                <Th>Decided by</Th>
                <Th>Decided at (UTC)</Th>
                <Th>Justification</Th>
                <Th>Exception until</Th>
              </tr>
            </TableHead>
            <TableBody>
              {query.data.items.map((item) => (
                <DecidedItemRow key={item.id} item={item} />
              ))}
            </TableBody>
          </Table>
          <Pagination
            label="Decided items pages"
            offset={offset}
            limit={pageSize}
            total={query.data.total}
            onOffsetChange={setOffset}
          />
        </div>
      )}
    </Card>
  );
}

function DecidedItemRow({ item }: { item: DecidedItem }) {
  const { identity, system, entitlement, account } = item.context;
  return (
    <Tr>
      <Td className="min-w-44">
        <div className="font-medium whitespace-nowrap text-slate-900">{identity.displayName}</div>
        <div className="text-xs text-slate-500">
          {identityKindLabels[identity.kind]}
          {identity.department ? ` · ${identity.department}` : ""}
        </div>
      </Td>
      <Td className="min-w-40">
        <div className="whitespace-nowrap text-slate-900">{system.name}</div>
        <div className="font-mono text-xs break-all text-slate-500">{account.username}</div>
      </Td>
      <Td>
        <div className="text-slate-900">{entitlement.name}</div>
        {entitlement.privileged && (
          <div className="mt-1">
            <PrivilegedBadge />
          </div>
        )}
      </Td>
      <Td>
        <DecisionBadge decision={item.decision} />
      </Td>
      <Td className="whitespace-nowrap">{item.decidedByName ?? "—"}</Td>
      <Td className="font-mono text-xs whitespace-nowrap text-slate-600 tabular-nums">
        {item.decidedAt ? formatUtcTimestamp(item.decidedAt) : "—"}
      </Td>
      <Td className="max-w-xs min-w-56">
        {item.justification ? (
          <p className="line-clamp-3 text-slate-700" title={item.justification}>
            {item.justification}
          </p>
        ) : (
          <span className="text-slate-500">None given</span>
        )}
      </Td>
      <Td className="whitespace-nowrap tabular-nums">
        {item.exceptionExpiresOn ? formatCalendarDate(item.exceptionExpiresOn) : "—"}
      </Td>
    </Tr>
  );
}
