import { cx } from "@/lib/cx";

export interface FilterTab<T extends string> {
  value: T;
  label: string;
  count?: number | undefined;
}

/**
 * A row of mutually exclusive filters. Buttons with aria-pressed rather than ARIA tabs: they
 * filter one list instead of switching panels.
 */
export function FilterTabs<T extends string>({
  label,
  tabs,
  value,
  onChange,
}: {
  label: string;
  tabs: readonly FilterTab<T>[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset className="inline-flex min-w-0 rounded-md bg-slate-100 p-0.5">
      <legend className="sr-only">{label}</legend>
      {tabs.map((tab) => {
        const selected = tab.value === value;
        return (
          <button
            key={tab.value}
            type="button"
            aria-pressed={selected}
            onClick={() => onChange(tab.value)}
            className={cx(
              "inline-flex h-8 items-center gap-1.5 rounded px-3 text-sm font-medium transition-colors",
              selected
                ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200"
                : "text-slate-600 hover:text-slate-900",
            )}
          >
            {tab.label}
            {tab.count !== undefined && (
              <span
                className={cx(
                  "rounded-full px-1.5 text-xs tabular-nums",
                  selected ? "bg-accent-50 text-accent-700" : "bg-slate-200/70 text-slate-600",
                )}
              >
                {tab.count.toLocaleString("en-GB")}
              </span>
            )}
          </button>
        );
      })}
    </fieldset>
  );
}
