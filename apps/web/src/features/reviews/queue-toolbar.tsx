import { riskLevels } from "@attest/domain/inventory/identity-kinds";
import { memo, type RefObject } from "react";
import { type FilterTab, FilterTabs } from "@/components/filter-tabs";
import { SearchInput } from "@/components/search-input";
import type { GroupBy, QueueFilters, QueuePage, QueueStatus } from "@/features/reviews/queue-types";
import { cx } from "@/lib/cx";

const toggles: { key: "privileged" | "nonHuman" | "unused90" | "flagged"; label: string }[] = [
  { key: "privileged", label: "Privileged" },
  { key: "nonHuman", label: "Non-human" },
  { key: "unused90", label: "Unused > 90 days" },
  { key: "flagged", label: "Flagged" },
];

const riskLabels = { low: "Low", medium: "Medium", high: "High", critical: "Critical" } as const;

/** Status with counts, attention filters, risk, grouping and search: what the queue shows. Memoised: the page re-renders on every scroll frame, the toolbar need not. */
export const QueueToolbar = memo(function QueueToolbar({
  status,
  onStatusChange,
  counts,
  filters,
  onFiltersChange,
  groupBy,
  onGroupByChange,
  search,
  onSearchChange,
  searchRef,
}: {
  status: QueueStatus;
  onStatusChange: (status: QueueStatus) => void;
  counts: QueuePage["counts"] | undefined;
  filters: QueueFilters;
  onFiltersChange: (filters: QueueFilters) => void;
  groupBy: GroupBy;
  onGroupByChange: (groupBy: GroupBy) => void;
  search: string;
  onSearchChange: (search: string) => void;
  searchRef: RefObject<HTMLDivElement | null>;
}) {
  const tabs: FilterTab<QueueStatus>[] = [
    { value: "pending", label: "Pending", count: counts?.pending },
    { value: "decided", label: "Decided", count: counts?.decided },
    { value: "all", label: "All", count: counts?.all },
  ];
  return (
    <div className="space-y-3 border-b border-slate-200 px-4 py-3">
      <div className="flex flex-wrap items-center gap-3">
        <FilterTabs label="Show items" tabs={tabs} value={status} onChange={onStatusChange} />
        <div ref={searchRef} className="min-w-0 flex-1 sm:flex-none">
          <SearchInput
            label="Search items"
            placeholder="Search (press /)"
            value={search}
            onChange={onSearchChange}
          />
        </div>
        <FilterTabs
          label="Group by"
          tabs={[
            { value: "person", label: "By person" },
            { value: "entitlement", label: "By entitlement" },
          ]}
          value={groupBy}
          onChange={onGroupByChange}
        />
      </div>
      <fieldset className="flex flex-wrap items-center gap-2">
        <legend className="sr-only">Filters</legend>
        {toggles.map(({ key, label }) => {
          const on = filters[key] === true;
          return (
            <button
              key={key}
              type="button"
              aria-pressed={on}
              onClick={() => {
                const { [key]: _removed, ...rest } = filters;
                onFiltersChange(on ? rest : { ...rest, [key]: true });
              }}
              className={cx(
                "inline-flex h-8 items-center rounded-full px-3 text-sm font-medium ring-1 ring-inset transition-colors",
                on
                  ? "bg-accent-600 text-white ring-accent-600"
                  : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
              )}
            >
              {label}
            </button>
          );
        })}
        <label className="inline-flex items-center gap-2 text-sm text-slate-700">
          Risk
          <select
            value={filters.risk ?? ""}
            onChange={(event) => {
              const { risk: _removed, ...rest } = filters;
              const value = event.target.value as (typeof riskLevels)[number] | "";
              onFiltersChange(value ? { ...rest, risk: value } : rest);
            }}
            className="h-8 rounded-md border-0 bg-white pr-8 pl-2 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-accent-600"
          >
            <option value="">Any</option>
            {riskLevels.map((risk) => (
              <option key={risk} value={risk}>
                {riskLabels[risk]}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
    </div>
  );
});
