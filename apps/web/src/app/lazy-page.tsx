import { type ComponentType, lazy, Suspense } from "react";
import { Card } from "@/components/card";
import { LoadingState } from "@/components/loading-state";

/**
 * A page that loads in its own chunk when its route is first visited, so the first JavaScript a
 * person downloads holds the shell and one page, not every page (and not recharts).
 */
export function lazyPage<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
) {
  const Page = lazy<ComponentType>(() => load().then((module) => ({ default: module[name] })));
  return (
    <Suspense fallback={<PageSkeleton />}>
      <Page />
    </Suspense>
  );
}

/** A page header and a card of rows, the size of most pages, while the page's code loads. */
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
