import type { ReactNode } from "react";
import { InboxIcon } from "@/components/icons";

export function EmptyState({
  title,
  description,
  action,
  headingLevel = 2,
}: {
  /** 1 when the empty state is the whole page (not found, no access). */
  headingLevel?: 1 | 2;
  title: string;
  description?: ReactNode;
  action?: ReactNode;
}) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <div className="flex flex-col items-center px-6 py-12 text-center">
      <InboxIcon className="size-8 text-slate-400" />
      <Heading className="mt-3 text-base font-semibold text-slate-900">{title}</Heading>
      {description && <p className="mt-1 max-w-md text-sm text-slate-600">{description}</p>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}
