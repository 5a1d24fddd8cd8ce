import { cx } from "@/lib/cx";

export function ProgressBar({
  value,
  label,
  className,
}: {
  /** Whole percent, 0–100. */
  value: number;
  label: string;
  className?: string;
}) {
  const clamped = Math.max(0, Math.min(100, value));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped}
      className={cx("h-1.5 w-full overflow-hidden rounded-full bg-slate-200", className)}
    >
      <div
        className={cx("h-full rounded-full", clamped === 100 ? "bg-emerald-500" : "bg-accent-600")}
        style={{ width: `${clamped}%` }}
      />
    </div>
  );
}
