import { useQuery } from "@tanstack/react-query";
import { Link, Navigate, NavLink, Route, Routes, useLocation, useSearchParams } from "react-router";
import { ButtonLink } from "@/components/button";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { SelectField } from "@/components/form-fields";
import { LoadingState } from "@/components/loading-state";
import { PageHeader } from "@/components/page-header";
import { ActorName } from "@/features/inventory/actor";
import { EntitlementsTab } from "@/features/inventory/browser/entitlements-tab";
import { GrantsTab } from "@/features/inventory/browser/grants-tab";
import { IdentitiesTab } from "@/features/inventory/browser/identities-tab";
import { SystemsTab } from "@/features/inventory/browser/systems-tab";
import { type Snapshot, snapshotParam } from "@/features/inventory/inventory-format";
import { cx } from "@/lib/cx";
import { formatDateTime, formatRelative } from "@/lib/dates";
import { hasAnyRole } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc";
import { useSignedInUser } from "@/lib/use-session";

const tabs = [
  { path: "identities", label: "Identities" },
  { path: "systems", label: "Systems" },
  { path: "entitlements", label: "Entitlements" },
  { path: "grants", label: "Grants" },
] as const;

/** The inventory of one snapshot, a tab per record type; the snapshot defaults to the latest. */
export function InventoryBrowser() {
  const trpc = useTRPC();
  const user = useSignedInUser();
  const [params, setParams] = useSearchParams();
  const snapshots = useQuery(trpc.inventory.snapshots.queryOptions({ limit: 50 }));
  // With nothing to browse, the summary says why when an audit engagement is the reason.
  const summary = useQuery({
    ...trpc.inventory.summary.queryOptions(),
    enabled: snapshots.data?.length === 0,
  });
  const requested = params.get(snapshotParam);

  const header = (
    <PageHeader
      back={{ to: "/inventory", label: "Inventory" }}
      title="Inventory browser"
      description="Who has what in a snapshot: identities, systems, entitlements and grants."
    />
  );

  if (snapshots.isPending || (snapshots.data?.length === 0 && summary.isPending)) {
    return (
      <>
        {header}
        <Card>
          <LoadingState label="Loading snapshots" rows={8} columns={6} />
        </Card>
      </>
    );
  }
  if (snapshots.isError) {
    return (
      <>
        {header}
        <Card>
          <ErrorState
            title="The snapshots could not be loaded"
            error={snapshots.error}
            onRetry={() => snapshots.refetch()}
          />
        </Card>
      </>
    );
  }
  const latest = snapshots.data[0];
  if (!latest && summary.data?.scopeNotice) {
    return (
      <>
        {header}
        <Card>
          <EmptyState
            title="No snapshot within your audit engagement"
            description={summary.data.scopeNotice}
          />
        </Card>
      </>
    );
  }
  if (!latest) {
    return (
      <>
        {header}
        <Card>
          <EmptyState
            title="No inventory imported yet"
            description={
              <>
                The browser shows a snapshot once one is imported: upload CSV or JSON Lines exports
                on the Import page, or run{" "}
                <code className="font-mono text-xs">npx attest import FILE… --source NAME</code>.
              </>
            }
            action={
              hasAnyRole(user.roles, ["admin"]) ? (
                <ButtonLink to="/inventory/import" variant="primary">
                  Import inventory
                </ButtonLink>
              ) : undefined
            }
          />
        </Card>
      </>
    );
  }

  const selected = snapshots.data.find((snapshot) => snapshot.id === requested) ?? null;
  const snapshotId = requested ?? latest.id;

  const chooseSnapshot = (id: string) => {
    // Filters name keys of one snapshot; they are kept, the page starts again at the top.
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (id === latest.id) next.delete(snapshotParam);
        else next.set(snapshotParam, id);
        return next;
      },
      { replace: true },
    );
  };

  return (
    <>
      {header}
      <div className="space-y-4">
        <SnapshotBar
          snapshots={snapshots.data}
          snapshotId={snapshotId}
          selected={selected ?? (requested ? null : latest)}
          latestId={latest.id}
          onChoose={chooseSnapshot}
        />
        <BrowserTabs snapshotId={requested} />
        <Routes>
          <Route index element={<FirstTab />} />
          <Route path="identities" element={<IdentitiesTab snapshotId={snapshotId} />} />
          <Route path="systems" element={<SystemsTab snapshotId={snapshotId} />} />
          <Route path="entitlements" element={<EntitlementsTab snapshotId={snapshotId} />} />
          <Route path="grants" element={<GrantsTab snapshotId={snapshotId} />} />
          <Route path="*" element={<FirstTab />} />
        </Routes>
      </div>
    </>
  );
}

/** /inventory/browse opens the first tab, keeping the chosen snapshot. */
function FirstTab() {
  const location = useLocation();
  return (
    <Navigate to={{ pathname: "/inventory/browse/identities", search: location.search }} replace />
  );
}

function SnapshotBar({
  snapshots,
  snapshotId,
  selected,
  latestId,
  onChoose,
}: {
  snapshots: Snapshot[];
  snapshotId: string;
  selected: Snapshot | null;
  latestId: string;
  onChoose: (id: string) => void;
}) {
  return (
    <Card bodyClassName="flex flex-wrap items-end gap-x-6 gap-y-3 px-4 py-3">
      <SelectField
        label="Snapshot"
        value={snapshotId}
        onChange={onChoose}
        className="w-full lg:w-[30rem]"
      >
        {!selected && <option value={snapshotId}>Snapshot {snapshotId.slice(0, 8)}…</option>}
        {snapshots.map((snapshot) => (
          <option key={snapshot.id} value={snapshot.id}>
            {formatDateTime(snapshot.importedAt)} · {snapshot.source}
            {snapshot.id === latestId ? " (latest)" : ""}
          </option>
        ))}
      </SelectField>
      {selected && (
        <p className="min-w-0 flex-1 pb-2 text-sm text-slate-600">
          Imported {formatRelative(selected.importedAt)} by{" "}
          <ActorName actor={selected.importedBy} name={selected.importedByName} /> ·{" "}
          <Link
            to={`/inventory/snapshots/${selected.id}`}
            className="font-medium text-accent-700 hover:underline"
          >
            Population report
          </Link>
        </p>
      )}
    </Card>
  );
}

function BrowserTabs({ snapshotId }: { snapshotId: string | null }) {
  const location = useLocation();
  const search = snapshotId ? `?${snapshotParam}=${encodeURIComponent(snapshotId)}` : "";
  return (
    <nav aria-label="Inventory browser" className="border-b border-slate-200">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {tabs.map((tab) => {
          const to = `/inventory/browse/${tab.path}`;
          return (
            <li key={tab.path}>
              <NavLink
                to={`${to}${search}`}
                className={cx(
                  "inline-flex h-10 items-center border-b-2 px-3 text-sm font-medium whitespace-nowrap transition-colors",
                  location.pathname === to
                    ? "border-accent-600 text-accent-700"
                    : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                )}
              >
                {tab.label}
              </NavLink>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
