import { lazy, type ReactNode, Suspense } from "react";
import { Card } from "@/components/card";
import { LoadingState } from "@/components/loading-state";

/*
 * The inventory's heavier pages (upload with client-side parsing, the report, the browser) load
 * apart from the first page; a skeleton the size of a page header and card holds their place.
 */

const ImportPage = lazy(() =>
  import("@/features/inventory/import/import-page").then((module) => ({
    default: module.ImportPage,
  })),
);
const ImportReportPage = lazy(() =>
  import("@/features/inventory/import/import-report-page").then((module) => ({
    default: module.ImportReportPage,
  })),
);
const SnapshotPage = lazy(() =>
  import("@/features/inventory/snapshot/snapshot-page").then((module) => ({
    default: module.SnapshotPage,
  })),
);
const IdentityProvidersPage = lazy(() =>
  import("@/features/inventory/scim/identity-providers-page").then((module) => ({
    default: module.IdentityProvidersPage,
  })),
);
const InventoryBrowser = lazy(() =>
  import("@/features/inventory/browser/inventory-browser").then((module) => ({
    default: module.InventoryBrowser,
  })),
);

function PageSuspense({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageSkeleton />}>{children}</Suspense>;
}

function PageSkeleton() {
  return (
    <div>
      <div className="mb-6" aria-hidden="true">
        <div className="mb-3 h-4 w-24 animate-pulse rounded bg-slate-200/80" />
        <div className="h-7 w-72 animate-pulse rounded bg-slate-200/80" />
      </div>
      <Card>
        <LoadingState label="Loading page" rows={6} columns={5} />
      </Card>
    </div>
  );
}

export function ImportPageRoute() {
  return (
    <PageSuspense>
      <ImportPage />
    </PageSuspense>
  );
}

export function ImportReportPageRoute() {
  return (
    <PageSuspense>
      <ImportReportPage />
    </PageSuspense>
  );
}

export function SnapshotPageRoute() {
  return (
    <PageSuspense>
      <SnapshotPage />
    </PageSuspense>
  );
}

export function InventoryBrowserRoute() {
  return (
    <PageSuspense>
      <InventoryBrowser />
    </PageSuspense>
  );
}

export function IdentityProvidersPageRoute() {
  return (
    <PageSuspense>
      <IdentityProvidersPage />
    </PageSuspense>
  );
}
