import type { ComponentProps, ReactNode } from "react";
import { cx } from "@/lib/cx";

/** A table that scrolls sideways inside its card when the window is narrower than its columns. */
export function Table({
  children,
  label,
  minWidth = "56rem",
  className,
  scrollFocusable = false,
}: {
  children: ReactNode;
  /** Accessible name of the table (what it lists). */
  label: string;
  minWidth?: string;
  className?: string;
  /**
   * For a table with nothing focusable in it: the scrolling box takes focus, so a keyboard can
   * scroll it sideways on a narrow window.
   */
  scrollFocusable?: boolean;
}) {
  return (
    <div className="overflow-x-auto" tabIndex={scrollFocusable ? 0 : undefined}>
      <table
        aria-label={label}
        style={{ minWidth }}
        className={cx("w-full border-collapse text-left text-sm", className)}
      >
        {children}
      </table>
    </div>
  );
}

export function TableHead({ children }: { children: ReactNode }) {
  return (
    <thead className="border-b border-slate-200 bg-slate-50/80 text-xs font-medium text-slate-600">
      {children}
    </thead>
  );
}

export function TableBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-slate-100 text-slate-700">{children}</tbody>;
}

export function Th({ className, scope = "col", ...props }: ComponentProps<"th">) {
  return (
    <th
      scope={scope}
      className={cx("px-4 py-2.5 font-medium whitespace-nowrap first:pl-4", className)}
      {...props}
    />
  );
}

export function Tr({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cx("group align-top hover:bg-slate-50", className)} {...props} />;
}

export function Td({ className, ...props }: ComponentProps<"td">) {
  return <td className={cx("px-4 py-3", className)} {...props} />;
}

/** Right-aligned tabular numbers for count columns. */
export const numericCell = "text-right tabular-nums";
