import { cx } from "@/lib/cx";

function Bar({ className }: { className?: string }) {
  return <div className={cx("h-3 animate-pulse rounded bg-slate-200/80", className)} />;
}

/** Stable keys for placeholder elements, which have no identity of their own. */
function skeletonKeys(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `skeleton-${index}`);
}

const widths = ["w-40", "w-28", "w-52", "w-24", "w-32", "w-20"];

/**
 * Skeleton rows the height of real table rows, so the page does not jump when data arrives.
 * Announced once to screen readers as "Loading …".
 */
export function LoadingState({
  label = "Loading",
  rows = 6,
  columns = 5,
  rowClassName = "h-14",
}: {
  label?: string;
  rows?: number;
  columns?: number;
  rowClassName?: string;
}) {
  return (
    <div role="status" aria-live="polite" className="divide-y divide-slate-100">
      <span className="sr-only">{label}…</span>
      {skeletonKeys(rows).map((rowKey, row) => (
        <div
          key={rowKey}
          className={cx("flex items-center gap-6 px-4", rowClassName)}
          aria-hidden="true"
        >
          {skeletonKeys(columns).map((columnKey, column) => (
            <Bar
              key={columnKey}
              className={cx(widths[(row + column) % widths.length], column === 0 && "w-44")}
            />
          ))}
        </div>
      ))}
    </div>
  );
}

/** Skeleton stat cards for pages whose first content is a row of numbers. */
export function StatsLoadingState({
  count = 6,
  label = "Loading",
}: {
  count?: number;
  label?: string;
}) {
  return (
    <div
      role="status"
      aria-live="polite"
      className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6"
    >
      <span className="sr-only">{label}…</span>
      {skeletonKeys(count).map((cardKey) => (
        <div
          key={cardKey}
          aria-hidden="true"
          className="h-[5.25rem] rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs"
        >
          <Bar className="w-20" />
          <Bar className="mt-3 h-6 w-16" />
        </div>
      ))}
    </div>
  );
}
