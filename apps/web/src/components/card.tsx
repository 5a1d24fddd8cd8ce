import { type ReactNode, useId } from "react";
import { cx } from "@/lib/cx";

export function Card({
  children,
  className,
  title,
  description,
  actions,
  bodyClassName,
}: {
  children: ReactNode;
  className?: string;
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  bodyClassName?: string;
}) {
  const titleId = useId();
  return (
    <section
      aria-labelledby={title ? titleId : undefined}
      className={cx("min-w-0 rounded-lg border border-slate-200 bg-white shadow-xs", className)}
    >
      {(title || actions) && (
        <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
          <div className="min-w-0">
            {title && (
              <h2 id={titleId} className="text-base font-semibold text-slate-900">
                {title}
              </h2>
            )}
            {description && <p className="mt-0.5 text-sm text-slate-600">{description}</p>}
          </div>
          {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
        </header>
      )}
      <div className={bodyClassName}>{children}</div>
    </section>
  );
}

const valueTones = {
  neutral: "text-slate-900",
  danger: "text-red-700",
  success: "text-emerald-700",
  warning: "text-amber-700",
} as const;

/** One number with its label; a group named by the label, so it can be found by what it says. */
export function StatCard({
  label,
  value,
  hint,
  tone = "neutral",
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  tone?: keyof typeof valueTones;
}) {
  const labelId = useId();
  return (
    // A named group of plain text, not of form controls, so not a <fieldset>.
    // biome-ignore lint/a11y/useSemanticElements: see above
    <div
      role="group"
      aria-labelledby={labelId}
      className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs"
    >
      <div id={labelId} className="text-xs font-medium tracking-wide text-slate-500 uppercase">
        {label}
      </div>
      <div className={cx("mt-1 text-2xl font-semibold tabular-nums", valueTones[tone])}>
        {value}
      </div>
      {hint && <div className="mt-0.5 text-xs text-slate-500">{hint}</div>}
    </div>
  );
}

export function StatGrid({ children }: { children: ReactNode }) {
  return <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">{children}</div>;
}
