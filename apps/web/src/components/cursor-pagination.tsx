import { Button } from "@/components/button";
import { ChevronLeftIcon, ChevronRightIcon } from "@/components/icons";

const numberFormat = new Intl.NumberFormat("en-GB");

/** "10,000+" when the server stopped counting at its cap. */
export function formatTotal(total: number, capped: boolean): string {
  return `${numberFormat.format(total)}${capped ? "+" : ""}`;
}

/**
 * Previous/next paging over a keyset-paged list: the server hands out a cursor for the next
 * page only, so the page keeps the cursors it has used to go back.
 */
export function CursorPagination({
  pageIndex,
  pageSize,
  rowCount,
  total,
  totalCapped,
  hasNext,
  onPrevious,
  onNext,
  label = "Pages",
}: {
  pageIndex: number;
  pageSize: number;
  /** Rows on this page. */
  rowCount: number;
  total: number;
  totalCapped: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  label?: string;
}) {
  if (rowCount === 0 && pageIndex === 0) return null;
  const first = pageIndex * pageSize + 1;
  const last = pageIndex * pageSize + rowCount;
  return (
    <nav
      aria-label={label}
      className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-2.5"
    >
      <p className="text-sm text-slate-600 tabular-nums">
        {numberFormat.format(first)}–{numberFormat.format(last)} of{" "}
        {formatTotal(Math.max(total, last), totalCapped)}
      </p>
      <div className="flex gap-2">
        <Button size="sm" disabled={pageIndex === 0} onClick={onPrevious}>
          <ChevronLeftIcon className="size-4" />
          Previous
        </Button>
        <Button size="sm" disabled={!hasNext} onClick={onNext}>
          Next
          <ChevronRightIcon className="size-4" />
        </Button>
      </div>
    </nav>
  );
}
