import {
  type RoutingReason,
  routingReasonLabels,
  routingReasons,
} from "@attest/domain/campaigns/campaign-definition";
import { type ReactNode, useId } from "react";
import { Button } from "@/components/button";
import { AlertIcon, SpinnerIcon } from "@/components/icons";
import { cx } from "@/lib/cx";
import { formatDate } from "@/lib/dates";
import { describeError } from "@/lib/errors";
import type { RouterOutputs } from "@/lib/trpc";

export type CampaignPreview = RouterOutputs["campaigns"]["definitions"]["preview"];

const count = (value: number) => value.toLocaleString("en-GB");
const plural = (value: number, one: string, many = `${one}s`) =>
  `${count(value)} ${value === 1 ? one : many}`;

/** Reviewers shown in the load chart; the API sends the 20 busiest. */
const shownReviewers = 8;

function Stat({
  label,
  value,
  hint,
  tone = "neutral",
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  tone?: "neutral" | "warning";
}) {
  const labelId = useId();
  return (
    // A named group of plain text, as StatCard: found by what it says.
    // biome-ignore lint/a11y/useSemanticElements: see above
    <div role="group" aria-labelledby={labelId} className="rounded-md bg-slate-50 px-3 py-2.5">
      <div id={labelId} className="text-xs font-medium text-slate-500">
        {label}
      </div>
      <div
        className={cx(
          "mt-0.5 text-xl font-semibold tabular-nums",
          tone === "warning" ? "text-amber-700" : "text-slate-900",
        )}
      >
        {value}
      </div>
      {hint && <div className="text-xs text-slate-500">{hint}</div>}
    </div>
  );
}

/** The busiest reviewers as bars: how the work spreads matters more than the exact numbers. */
function ReviewerLoad({ preview }: { preview: CampaignPreview }) {
  const rows = preview.reviewerLoad.slice(0, shownReviewers);
  const most = rows[0]?.items ?? 1;
  const others = preview.reviewerCount - rows.length;
  const headingId = useId();
  return (
    <div>
      <h3 id={headingId} className="text-xs font-medium tracking-wide text-slate-500 uppercase">
        Reviewer load
      </h3>
      <ol aria-labelledby={headingId} className="mt-2 space-y-1.5">
        {rows.map((row) => {
          const isFallback = row.reviewerId === preview.fallback.reviewerId;
          return (
            <li
              key={row.reviewerId}
              className="grid grid-cols-[minmax(0,9rem)_1fr_auto] items-center gap-2 text-sm"
            >
              <span className="truncate text-slate-800" title={row.reviewerName}>
                {row.reviewerName}
                {isFallback && <span className="sr-only"> (fallback reviewer)</span>}
              </span>
              <span className="h-2 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
                <span
                  className={cx(
                    "block h-full rounded-full",
                    isFallback ? "bg-amber-400" : "bg-accent-500",
                  )}
                  style={{ width: `${Math.max(2, Math.round((row.items / most) * 100))}%` }}
                />
              </span>
              <span className="w-12 text-right text-slate-700 tabular-nums">
                {count(row.items)}
                <span className="sr-only"> items</span>
              </span>
            </li>
          );
        })}
      </ol>
      {others > 0 && (
        <p className="mt-1.5 text-xs text-slate-500">
          and {plural(others, "more reviewer")} with fewer items.
        </p>
      )}
      {rows.some((row) => row.reviewerId === preview.fallback.reviewerId) && (
        <p className="mt-1 flex items-center gap-1.5 text-xs text-slate-500">
          <span className="inline-block size-2 rounded-full bg-amber-400" aria-hidden="true" />
          Fallback reviewer
        </p>
      )}
    </div>
  );
}

function Rerouting({ preview }: { preview: CampaignPreview }) {
  const reasons = routingReasons.filter(
    (reason: RoutingReason) => (preview.rerouted[reason] ?? 0) > 0,
  );
  const headingId = useId();
  return (
    <div>
      <h3 id={headingId} className="text-xs font-medium tracking-wide text-slate-500 uppercase">
        Why items are re-routed
      </h3>
      {reasons.length === 0 ? (
        <p className="mt-1.5 text-sm text-slate-600">
          None: every item goes to the reviewer the strategy names.
        </p>
      ) : (
        <dl aria-labelledby={headingId} className="mt-1.5 space-y-1 text-sm">
          {reasons.map((reason) => (
            <div key={reason} className="flex justify-between gap-3">
              <dt className="text-slate-700">{routingReasonLabels[reason]}</dt>
              <dd className="font-medium text-slate-900 tabular-nums">
                {count(preview.rerouted[reason] ?? 0)}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <p className="mt-2 text-sm text-slate-600">
        {preview.fallback.items === 0 ? (
          <>The fallback reviewer, {preview.fallback.reviewerName}, takes no items.</>
        ) : (
          <>
            The fallback reviewer, {preview.fallback.reviewerName}, takes{" "}
            <span className="font-medium text-slate-900">
              {plural(preview.fallback.items, "item")}
            </span>
            .
          </>
        )}
      </p>
    </div>
  );
}

function Notice({ tone, children }: { tone: "danger" | "warning" | "info"; children: ReactNode }) {
  return (
    <div
      className={cx(
        "flex gap-2 rounded-md px-3 py-2 text-sm",
        tone === "danger" && "bg-red-50 text-red-800",
        tone === "warning" && "bg-amber-50 text-amber-900",
        tone === "info" && "bg-slate-50 text-slate-700",
      )}
    >
      <AlertIcon className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0">{children}</div>
    </div>
  );
}

function Notices({ preview }: { preview: CampaignPreview }) {
  const { unassignable, unmatchedScopeKeys, orphanGrants } = preview;
  const unmatched = [...unmatchedScopeKeys.systemKeys, ...unmatchedScopeKeys.entitlementKeys];
  if (
    preview.populationSize > 0 &&
    unassignable.count === 0 &&
    unmatched.length === 0 &&
    orphanGrants === 0
  )
    return null;
  return (
    <div className="space-y-2">
      {preview.populationSize === 0 && unassignable.count === 0 && (
        <Notice tone="warning">
          The scope selects no grants of this snapshot: there would be nothing to review.
        </Notice>
      )}
      {unassignable.count > 0 && (
        <Notice tone="danger">
          {plural(unassignable.count, "item has", "items have")} no reviewer free of conflict, so
          launching is refused. Choose another fallback reviewer.
          {unassignable.examples[0] && (
            <span className="mt-0.5 block text-xs">{unassignable.examples[0]}</span>
          )}
        </Notice>
      )}
      {unmatched.length > 0 && (
        <Notice tone="warning">
          Not in this snapshot: <span className="font-mono text-xs">{unmatched.join(", ")}</span>
        </Notice>
      )}
      {orphanGrants > 0 && (
        <Notice tone="info">
          {orphanGrants === 1
            ? "1 grant in scope is on an orphan account: with no identity to review, it is not an item."
            : `${count(orphanGrants)} grants in scope are on orphan accounts: with no identity to review, they are not items.`}{" "}
          Follow them up in the inventory.
        </Notice>
      )}
    </div>
  );
}

function PreviewBody({ preview }: { preview: CampaignPreview }) {
  const rerouted = Object.values(preview.rerouted).reduce((sum, value) => sum + (value ?? 0), 0);
  return (
    <div className="space-y-5">
      <div className="grid grid-cols-2 gap-2">
        <Stat label="Items" value={count(preview.populationSize)} hint="grants to review" />
        <Stat label="Reviewers" value={count(preview.reviewerCount)} />
        <Stat label="Re-routed" value={count(rerouted)} hint="to another reviewer" />
        <Stat
          label="Independence flags"
          value={count(preview.independenceFlags)}
          hint="reviewer holds privileged access"
          tone={preview.independenceFlags > 0 ? "warning" : "neutral"}
        />
      </div>
      <Notices preview={preview} />
      {preview.reviewerLoad.length > 0 && <ReviewerLoad preview={preview} />}
      {preview.populationSize > 0 && <Rerouting preview={preview} />}
    </div>
  );
}

function PreviewSkeleton() {
  return (
    <div className="space-y-5" aria-hidden="true">
      <div className="grid grid-cols-2 gap-2">
        {["a", "b", "c", "d"].map((key) => (
          <div key={key} className="h-[4.25rem] animate-pulse rounded-md bg-slate-100" />
        ))}
      </div>
      <div className="space-y-2.5">
        <div className="h-3 w-28 animate-pulse rounded bg-slate-200/80" />
        {[90, 70, 55, 40, 30].map((width) => (
          <div key={width} className="flex items-center gap-2">
            <div className="h-3 w-28 animate-pulse rounded bg-slate-200/80" />
            <div
              className="h-2 animate-pulse rounded-full bg-slate-200/80"
              style={{ width: `${width / 2}%` }}
            />
          </div>
        ))}
      </div>
    </div>
  );
}

/**
 * What launching now would produce: population, reviewers, the load on the busiest, what
 * separation of duties moves and why. Refreshes as the definition changes; the last answer
 * stays (dimmed) while the next loads, so nothing jumps.
 */
export function PreviewPanel({
  preview,
  isLoading,
  isRefreshing,
  error,
  onRetry,
  missing,
  className,
}: {
  preview: CampaignPreview | undefined;
  isLoading: boolean;
  isRefreshing: boolean;
  error: unknown;
  onRetry: () => void;
  /** What must be chosen before there is anything to preview; null when the preview can run. */
  missing: string | null;
  className?: string;
}) {
  const titleId = useId();
  return (
    <section
      aria-labelledby={titleId}
      aria-busy={isLoading || isRefreshing}
      className={cx(
        "flex flex-col rounded-lg border border-slate-200 bg-white shadow-xs",
        // Beside the form it stays in view; taller than the window, its body scrolls.
        "scroll-mt-20 lg:sticky lg:top-20 lg:max-h-[calc(100dvh-11rem)]",
        className,
      )}
    >
      <header className="flex shrink-0 items-start justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <div className="min-w-0">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            Preview
          </h2>
          <p className="mt-0.5 text-xs text-slate-500">
            {preview
              ? `If launched now, from snapshot ${preview.snapshot.source} of ${formatDate(preview.snapshot.importedAt)}.`
              : "If launched now, from the latest snapshot."}
          </p>
        </div>
        <span
          role="status"
          className={cx(
            "inline-flex h-6 shrink-0 items-center gap-1 text-xs text-slate-500 transition-opacity",
            isRefreshing || isLoading ? "opacity-100" : "opacity-0",
          )}
        >
          <SpinnerIcon className="size-3.5 animate-spin" />
          {isRefreshing || isLoading ? "Updating…" : ""}
        </span>
      </header>
      <div className="min-h-[24rem] overflow-y-auto px-4 py-4">
        {missing ? (
          <p className="py-10 text-center text-sm text-slate-600">{missing}</p>
        ) : error && !preview ? (
          <div role="alert" className="py-8 text-center">
            <AlertIcon className="mx-auto size-6 text-red-500" />
            <p className="mt-2 text-sm font-medium text-slate-900">The preview could not be made</p>
            <p className="mt-1 text-sm text-slate-600">{describeError(error).message}</p>
            <Button className="mt-3" size="sm" onClick={onRetry}>
              Retry
            </Button>
          </div>
        ) : !preview ? (
          <PreviewSkeleton />
        ) : (
          <div className="space-y-3">
            {error ? (
              <Notice tone="danger">
                This is the last preview that worked. {describeError(error).message}
              </Notice>
            ) : null}
            <div className={cx("transition-opacity", isRefreshing && "opacity-60")}>
              <PreviewBody preview={preview} />
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
