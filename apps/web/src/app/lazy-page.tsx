import { type ComponentType, type LazyExoticComponent, lazy, Suspense, useState } from "react";
import { Card } from "@/components/card";
import { LoadingState } from "@/components/loading-state";

/** A page's chunk: its component once loaded, and a lazy component that loads it. */
interface PageChunk {
  loaded: ComponentType | undefined;
  Lazy: LazyExoticComponent<ComponentType>;
}

function ChunkPage({ chunk }: { chunk: PageChunk }) {
  // Code already here renders at once: suspending would flash the skeleton, and React keeps a
  // shown fallback up for a moment. Decided once per mount, so a page never remounts.
  const [Loaded] = useState(() => chunk.loaded);
  if (Loaded) return <Loaded />;
  return (
    <Suspense fallback={<PageSkeleton />}>
      <chunk.Lazy />
    </Suspense>
  );
}

/**
 * A page that loads in its own chunk when its route is first visited, so the first JavaScript a
 * person downloads holds the shell and one page, not every page (and not recharts). `preload`
 * fetches the chunk early (the warm start does, for the page in the address bar).
 */
export function pageLoader<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
) {
  let loading: Promise<ComponentType> | undefined;
  const preload = () => {
    loading ??= load().then((module) => {
      chunk.loaded = module[name];
      return module[name];
    });
    return loading;
  };
  const chunk: PageChunk = {
    loaded: undefined,
    Lazy: lazy(() => preload().then((component) => ({ default: component }))),
  };
  // Keyed by page: routes render their elements in one place, and another page's state must not
  // carry over to this one.
  return { element: <ChunkPage key={name} chunk={chunk} />, preload };
}

/** A route's element for a page in its own chunk. */
export function lazyPage<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
) {
  return pageLoader(load, name).element;
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
