import { type ReactNode, useEffect, useRef, useState } from "react";

/**
 * Tailwind's palette as SVG fills (recharts draws SVG, where utility classes do not reach):
 * one accent for progress, the decision badges' colours for decisions, slate for what is open.
 */
export const chartColors = {
  progress: "#4f46e5", // indigo-600, the app's accent
  progressFill: "#e0e7ff", // indigo-100
  open: "#e2e8f0", // slate-200
  approve: "#10b981", // emerald-500
  revoke: "#ef4444", // red-500
  exception: "#f59e0b", // amber-500
  undecided: "#cbd5e1", // slate-300
  kept: "#6ee7b7", // emerald-300
  revokedAtClose: "#fca5a5", // red-300
  notReviewed: "#94a3b8", // slate-400
  grid: "#e2e8f0", // slate-200
  axis: "#64748b", // slate-500
  due: "#b91c1c", // red-700
} as const;

export const axisTick = { fill: chartColors.axis, fontSize: 12 } as const;

/**
 * Draws a chart at the width its box measures, at a fixed height, so the page never jumps when
 * data or the window changes. Until the box has a width (and in tests, where nothing is laid
 * out) only the box is there; the chart's table beside it carries the numbers for everyone.
 */
export function ChartFrame({
  height,
  children,
}: {
  height: number;
  children: (width: number) => ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.floor(element.getBoundingClientRect().width));
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} aria-hidden="true" style={{ height }} className="w-full min-w-0">
      {width > 0 && children(width)}
    </div>
  );
}

/** The numbers behind a chart as a table screen readers can walk; hidden from sight. */
export function ChartTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: string[];
  rows: { key: string; cells: (string | number)[] }[];
}) {
  return (
    <table className="sr-only">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            {row.cells.map((cell, index) => (
              <td key={columns[index]}>
                {typeof cell === "number" ? cell.toLocaleString("en-GB") : cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
