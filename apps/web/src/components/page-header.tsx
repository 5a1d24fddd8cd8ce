import type { ReactNode } from "react";
import { Link } from "react-router";
import { ArrowLeftIcon } from "@/components/icons";

export function PageHeader({
  title,
  description,
  actions,
  back,
  meta,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  back?: { to: string; label: string };
  /** Small facts under the title (control id, owner, dates). */
  meta?: ReactNode;
}) {
  return (
    <header className="mb-6">
      {back && (
        <Link
          to={back.to}
          className="mb-2 inline-flex items-center gap-1 text-sm font-medium text-slate-600 hover:text-slate-900"
        >
          <ArrowLeftIcon className="size-4" />
          {back.label}
        </Link>
      )}
      <div className="flex flex-wrap items-start justify-between gap-4">
        {/* From sm up the title block shrinks (to 24rem) before the actions wrap below it, so a
            long line of facts does not push them off the right. */}
        <div className="min-w-0 sm:flex-[1_1_24rem]">
          <h1 className="text-2xl font-semibold tracking-tight text-balance text-slate-900">
            {title}
          </h1>
          {description && <p className="mt-1 max-w-3xl text-slate-600">{description}</p>}
          {meta && (
            <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-600">
              {meta}
            </div>
          )}
        </div>
        {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
      </div>
    </header>
  );
}
