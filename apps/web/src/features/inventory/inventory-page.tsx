import { identityKindLabels, isNonHuman } from "@attest/domain/inventory/identity-kinds";
import { useQuery } from "@tanstack/react-query";
import { ButtonLink } from "@/components/button";
import { Card, StatCard } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { UploadIcon } from "@/components/icons";
import { LoadingState, StatsLoadingState } from "@/components/loading-state";
import { PageHeader } from "@/components/page-header";
import { numericCell, Table, TableBody, TableHead, Td, Th, Tr } from "@/components/table";
import { ActorName } from "@/features/inventory/actor";
import { RecentImportsCard, SnapshotHistoryCard } from "@/features/inventory/inventory-history";
import { formatDateTime, formatRelative } from "@/lib/dates";
import { hasAnyRole } from "@/lib/roles";
import { type RouterOutputs, useTRPC } from "@/lib/trpc";
import { useSignedInUser } from "@/lib/use-session";

type InventorySummary = RouterOutputs["inventory"]["summary"];

const count = (value: number) => value.toLocaleString("en-GB");

export function InventoryPage() {
  const trpc = useTRPC();
  const user = useSignedInUser();
  const canImport = hasAnyRole(user.roles, ["admin"]);
  const canSeeImports = hasAnyRole(user.roles, ["admin", "auditor"]);
  const summary = useQuery(trpc.inventory.summary.queryOptions());
  const hasSnapshot = Boolean(summary.data?.snapshot);

  return (
    <>
      <PageHeader
        title="Inventory"
        description="What the latest import holds. Campaigns review a frozen snapshot, so these are the numbers the next campaign starts from."
        actions={
          <>
            {hasSnapshot && <ButtonLink to="/inventory/browse">Browse inventory</ButtonLink>}
            {canImport && (
              <ButtonLink to="/inventory/identity-providers">Identity providers</ButtonLink>
            )}
            {canImport && (
              <ButtonLink to="/inventory/import" variant="primary">
                <UploadIcon className="size-4" />
                Import
              </ButtonLink>
            )}
          </>
        }
      />
      {summary.isPending ? (
        <div className="space-y-6">
          <StatsLoadingState label="Loading inventory" count={5} />
          <Card title="Identities by kind">
            <LoadingState label="Loading identities" rows={7} columns={4} rowClassName="h-11" />
          </Card>
        </div>
      ) : summary.isError ? (
        <Card>
          <ErrorState
            title="The inventory summary could not be loaded"
            error={summary.error}
            onRetry={() => summary.refetch()}
          />
        </Card>
      ) : !summary.data.snapshot && summary.data.scopeNotice ? (
        // The same bounds leave no import to list: an empty "Recent imports" would read as none.
        <Card>
          <EmptyState
            title="No snapshot within your audit engagement"
            description={summary.data.scopeNotice}
          />
        </Card>
      ) : !summary.data.snapshot ? (
        <div className="space-y-6">
          <Card>
            <EmptyState
              title="No inventory imported yet"
              description={
                <>
                  Import identities, systems, entitlements, accounts and grants to start reviewing
                  access:{" "}
                  {canImport
                    ? "upload CSV or JSON Lines exports with Import, or run"
                    : "an administrator uploads the exports, or runs"}{" "}
                  <code className="font-mono text-xs">npx attest import FILE… --source NAME</code>.
                </>
              }
              action={
                canImport ? (
                  <ButtonLink to="/inventory/import" variant="primary">
                    Import inventory
                  </ButtonLink>
                ) : undefined
              }
            />
          </Card>
          {canSeeImports && <RecentImportsCard />}
        </div>
      ) : (
        <div className="space-y-6">
          <InventoryDetails summary={summary.data} snapshot={summary.data.snapshot} />
          <SnapshotHistoryCard latestId={summary.data.snapshot.id} />
          {canSeeImports && <RecentImportsCard />}
        </div>
      )}
    </>
  );
}

function InventoryDetails({
  summary,
  snapshot,
}: {
  summary: InventorySummary;
  snapshot: NonNullable<InventorySummary["snapshot"]>;
}) {
  const people = summary.identitiesByKind.filter((row) => !isNonHuman(row.kind));
  const nonHuman = summary.identitiesByKind.filter((row) => isNonHuman(row.kind));
  const identities = summary.identitiesByKind.reduce(
    (sum, row) => sum + row.active + row.terminated,
    0,
  );
  const terminated = summary.identitiesByKind.reduce((sum, row) => sum + row.terminated, 0);

  return (
    <div className="space-y-6">
      <Card>
        <dl className="flex flex-wrap gap-x-10 gap-y-3 px-4 py-3 text-sm">
          <div>
            <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">
              Snapshot source
            </dt>
            <dd className="mt-0.5 font-medium text-slate-900">{snapshot.source}</dd>
          </div>
          <div>
            <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Imported</dt>
            <dd className="mt-0.5 text-slate-900">
              {formatDateTime(snapshot.importedAt)}{" "}
              <span className="text-slate-500">({formatRelative(snapshot.importedAt)})</span>
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">
              Imported by
            </dt>
            <dd className="mt-0.5 text-slate-900">
              <ActorName actor={snapshot.importedBy} name={snapshot.importedByName} />
            </dd>
          </div>
          <div className="min-w-0">
            <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">
              Snapshot id
            </dt>
            <dd className="mt-0.5 truncate font-mono text-xs text-slate-600">{snapshot.id}</dd>
          </div>
          <div className="ml-auto self-center">
            <ButtonLink to={`/inventory/snapshots/${snapshot.id}`} size="sm">
              Population report
            </ButtonLink>
          </div>
        </dl>
      </Card>

      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
        <StatCard
          label="Identities"
          value={count(identities)}
          hint={`${count(terminated)} terminated`}
        />
        <StatCard
          label="Systems"
          value={count(summary.systems)}
          hint={`${count(summary.soxSystems)} in SOX scope`}
        />
        <StatCard
          label="Entitlements"
          value={count(summary.entitlements)}
          hint={`${count(summary.privilegedEntitlements)} privileged`}
        />
        <StatCard
          label="Accounts"
          value={count(summary.accounts)}
          hint={
            <span className={summary.orphanAccounts > 0 ? "font-medium text-amber-700" : undefined}>
              {count(summary.orphanAccounts)} orphaned (no identity)
            </span>
          }
        />
        <StatCard
          label="Grants"
          value={count(summary.grants)}
          hint={`${count(summary.privilegedGrants)} privileged`}
        />
      </div>

      <Card
        title="Identities by kind"
        description="Active and terminated identities in the snapshot."
      >
        <Table label="Identities by kind" minWidth="32rem">
          <TableHead>
            <tr>
              <Th>Kind</Th>
              <Th className="text-right">Active</Th>
              <Th className="text-right">Terminated</Th>
              <Th className="text-right">Total</Th>
            </tr>
          </TableHead>
          <TableBody>
            {[
              { title: "People", rows: people },
              { title: "Non-human identities", rows: nonHuman },
            ].map(
              (group) =>
                group.rows.length > 0 && (
                  <KindGroup key={group.title} title={group.title} rows={group.rows} />
                ),
            )}
          </TableBody>
        </Table>
      </Card>
    </div>
  );
}

function KindGroup({ title, rows }: { title: string; rows: InventorySummary["identitiesByKind"] }) {
  return (
    <>
      <tr className="bg-slate-50/60">
        <th
          scope="colgroup"
          colSpan={4}
          className="px-4 py-1.5 text-left text-xs font-medium tracking-wide text-slate-500 uppercase"
        >
          {title}
        </th>
      </tr>
      {rows.map((row) => (
        <Tr key={row.kind}>
          <Th scope="row" className="py-3 font-normal text-slate-900">
            {identityKindLabels[row.kind]}
          </Th>
          <Td className={numericCell}>{count(row.active)}</Td>
          <Td className={numericCell}>
            {row.terminated > 0 ? (
              <span className="text-amber-700">{count(row.terminated)}</span>
            ) : (
              <span className="text-slate-400">0</span>
            )}
          </Td>
          <Td className={`${numericCell} font-medium text-slate-900`}>
            {count(row.active + row.terminated)}
          </Td>
        </Tr>
      ))}
    </>
  );
}
