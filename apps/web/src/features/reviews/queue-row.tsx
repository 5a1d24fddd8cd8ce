import type { Decision } from "@attest/domain/campaigns/campaign";
import { identityKindLabels, isNonHuman } from "@attest/domain/inventory/identity-kinds";
import { reviewItemFlagLabels } from "@attest/domain/reviews/review-item-flags";
import { memo } from "react";
import { Badge } from "@/components/badge";
import { Button } from "@/components/button";
import { InlineAlert } from "@/components/error-state";
import { DecisionBadge, PrivilegedBadge, RiskBadge } from "@/components/status-badges";
import type { QueueItem } from "@/features/reviews/queue-types";
import { cx } from "@/lib/cx";
import { formatCalendarDate, formatRelative } from "@/lib/dates";

export const decisionButtons: { decision: Decision; label: string; key: string }[] = [
  { decision: "approve", label: "Approve", key: "a" },
  { decision: "revoke", label: "Revoke", key: "r" },
  { decision: "exception", label: "Exception", key: "e" },
];

export function describeItem(item: QueueItem): string {
  const { identity, system, entitlement } = item.context;
  return `${identity.displayName}, ${system.name} ${entitlement.name}`;
}

export function ItemBadges({ item }: { item: QueueItem }) {
  const { identity, entitlement } = item.context;
  return (
    <span className="flex flex-wrap gap-1">
      {entitlement.privileged && <PrivilegedBadge />}
      <RiskBadge risk={entitlement.risk} />
      {isNonHuman(identity.kind) && <Badge tone="info">Non-human</Badge>}
      {item.flags.map((flag) => (
        <Badge key={flag} tone="warning">
          {reviewItemFlagLabels[flag]}
        </Badge>
      ))}
    </span>
  );
}

export interface QueueRowProps {
  item: QueueItem | undefined;
  index: number;
  total: number;
  focused: boolean;
  selected: boolean;
  saving: boolean;
  groupStart: boolean;
  alert: string | null;
  onFocusRow: (index: number) => void;
  onToggleSelect: (index: number, range: boolean) => void;
  onDecide: (index: number, decision: Decision) => void;
  onOpen: (index: number) => void;
  onDismissAlert: () => void;
}

/** One item of the queue: who, which access, its badges and decision, and the decision buttons. */
export const QueueRow = memo(function QueueRow({
  item,
  index,
  total,
  focused,
  selected,
  saving,
  groupStart,
  alert,
  onFocusRow,
  onToggleSelect,
  onDecide,
  onOpen,
  onDismissAlert,
}: QueueRowProps) {
  if (!item) {
    return (
      <div
        className="flex h-[4.75rem] items-center gap-4 border-b border-slate-100 px-4"
        aria-hidden="true"
      >
        <div className="h-3 w-40 animate-pulse rounded bg-slate-200/80" />
        <div className="h-3 w-28 animate-pulse rounded bg-slate-200/80" />
        <div className="h-3 w-52 animate-pulse rounded bg-slate-200/80" />
      </div>
    );
  }
  const { identity, nonHuman, account, system, entitlement } = item.context;
  return (
    <div>
      {groupStart && (
        <div className="flex h-9 items-center border-b border-slate-200 bg-slate-50 px-4 text-sm font-semibold text-slate-800">
          {item.group.label}
        </div>
      )}
      {/* biome-ignore lint/a11y/useSemanticElements: a focusable group of one item's facts and buttons, moved through with j/k */}
      <div
        role="group"
        data-row-index={index}
        tabIndex={focused ? 0 : -1}
        aria-label={`${describeItem(item)}. ${item.decision ? "Decided" : "Pending"}. Item ${index + 1} of ${total}.`}
        onFocus={() => onFocusRow(index)}
        className={cx(
          "group relative flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-100 px-4 py-3 outline-none",
          focused ? "bg-accent-50/60" : "hover:bg-slate-50",
          "focus-visible:ring-2 focus-visible:ring-accent-600 focus-visible:ring-inset",
        )}
      >
        {focused && (
          <span aria-hidden="true" className="absolute inset-y-0 left-0 w-1 bg-accent-600" />
        )}
        <input
          type="checkbox"
          checked={selected}
          disabled={!item.canDecide}
          onChange={(event) =>
            onToggleSelect(index, (event.nativeEvent as MouseEvent).shiftKey === true)
          }
          aria-label={`Select ${describeItem(item)}`}
          className="size-4 shrink-0 rounded border-slate-400 accent-accent-600"
        />
        <div className="w-48 min-w-0 shrink-0">
          <button
            type="button"
            onClick={() => onOpen(index)}
            className="block max-w-full truncate text-left font-medium text-slate-900 hover:text-accent-700 hover:underline"
          >
            {identity.displayName}
          </button>
          <div className="truncate text-xs text-slate-600">
            {identityKindLabels[identity.kind]}
            {identity.department ? ` · ${identity.department}` : ""}
            {isNonHuman(identity.kind) && nonHuman ? ` · Owner ${nonHuman.ownerName}` : ""}
          </div>
        </div>
        <div className="w-40 min-w-0 shrink-0">
          <div className="truncate text-sm text-slate-900">{system.name}</div>
          <div className="truncate font-mono text-xs text-slate-600">{account.username}</div>
        </div>
        <div className="min-w-48 flex-1">
          <div className="truncate text-sm text-slate-900">{entitlement.name}</div>
          <div className="mt-1">
            <ItemBadges item={item} />
          </div>
        </div>
        <div className="w-36 shrink-0 text-xs">
          <DecisionBadge decision={item.decision} />
          {item.decision === "exception" && item.exceptionExpiresOn && (
            <div className="mt-1 text-slate-600">
              until {formatCalendarDate(item.exceptionExpiresOn)}
            </div>
          )}
          {item.decidedAt && (
            <div className="mt-1 truncate text-slate-600">
              {item.decidedByName ? `${item.decidedByName}, ` : ""}
              {formatRelative(item.decidedAt)}
            </div>
          )}
        </div>
        <div className="ml-auto flex shrink-0 items-center gap-1.5">
          {saving && (
            <span role="status" className="text-xs text-slate-600">
              Saving…
            </span>
          )}
          {item.canDecide ? (
            decisionButtons.map(({ decision, label }) => {
              const current = item.decision === decision;
              return (
                <Button
                  key={decision}
                  size="sm"
                  variant={current ? "primary" : "secondary"}
                  aria-pressed={current}
                  aria-disabled={saving || undefined}
                  aria-label={`${label}: ${describeItem(item)}`}
                  className={cx(!current && decision === "revoke" && "text-red-700")}
                  onClick={() => {
                    if (!saving && !current) onDecide(index, decision);
                  }}
                >
                  {label}
                </Button>
              );
            })
          ) : (
            <span className="max-w-56 text-xs text-slate-600">{item.cannotDecideReason}</span>
          )}
        </div>
        {alert && (
          <div className="basis-full">
            <InlineAlert onDismiss={onDismissAlert}>{alert}</InlineAlert>
          </div>
        )}
      </div>
    </div>
  );
});
