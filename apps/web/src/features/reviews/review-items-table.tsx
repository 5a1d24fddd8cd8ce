import type { Decision } from "@attest/domain/campaigns/campaign";
import { identityKindLabels, isNonHuman } from "@attest/domain/inventory/identity-kinds";
import { Badge } from "@/components/badge";
import { Button } from "@/components/button";
import { DecisionBadge, PrivilegedBadge, RiskBadge } from "@/components/status-badges";
import { Table, TableBody, TableHead, Td, Th, Tr } from "@/components/table";
import type { ReviewItem } from "@/features/reviews/review-item";
import { cx } from "@/lib/cx";
import { formatCalendarDate, formatDate, formatRelative } from "@/lib/dates";

const staleAfterDays = 90;

// The decision buttons stay in view when a narrow window scrolls the table sideways.
const stickyEnd = "sticky right-0 shadow-[-8px_0_8px_-8px_rgb(15_23_42/0.15)]";

const decisionButtons: { decision: Decision; label: string; className?: string }[] = [
  { decision: "approve", label: "Approve" },
  { decision: "revoke", label: "Revoke", className: "text-red-700" },
  { decision: "exception", label: "Exception" },
];

export function ReviewItemsTable({
  items,
  canDecide,
  savingItemId,
  onDecide,
}: {
  items: ReviewItem[];
  /** False once the campaign is closed: decisions can no longer change. */
  canDecide: boolean;
  savingItemId: string | null;
  onDecide: (item: ReviewItem, decision: Decision, trigger: HTMLButtonElement) => void;
}) {
  return (
    <Table label="Review items" minWidth="74rem">
      <TableHead>
        <tr>
          <Th>Person</Th>
          <Th>Account</Th>
          <Th>Entitlement</Th>
          <Th>Last used</Th>
          <Th>Granted</Th>
          <Th>Status</Th>
          {canDecide && (
            <Th className={cx("text-right", stickyEnd, "bg-slate-50")}>
              <span className="sr-only">Decision</span>
            </Th>
          )}
        </tr>
      </TableHead>
      <TableBody>
        {items.map((item) => (
          <ReviewItemRow
            key={item.id}
            item={item}
            canDecide={canDecide}
            saving={savingItemId === item.id}
            onDecide={onDecide}
          />
        ))}
      </TableBody>
    </Table>
  );
}

function lastUsedAt(item: ReviewItem): string | null {
  return item.context.grant.lastUsedAt ?? item.context.account.lastLoginAt;
}

function ReviewItemRow({
  item,
  canDecide,
  saving,
  onDecide,
}: {
  item: ReviewItem;
  canDecide: boolean;
  saving: boolean;
  onDecide: (item: ReviewItem, decision: Decision, trigger: HTMLButtonElement) => void;
}) {
  const { identity, nonHuman, account, system, entitlement, grant } = item.context;
  const used = lastUsedAt(item);
  const stale =
    used === null || Date.now() - new Date(used).getTime() > staleAfterDays * 86_400_000;

  return (
    <Tr>
      <Td className="min-w-48">
        <div className="font-medium whitespace-nowrap text-slate-900">{identity.displayName}</div>
        <div className="text-xs text-slate-500">
          {identityKindLabels[identity.kind]}
          {identity.department ? ` · ${identity.department}` : ""}
        </div>
        {identity.status !== "active" && (
          <div className="mt-1">
            <Badge tone={identity.status === "terminated" ? "danger" : "warning"}>
              {identity.status === "terminated" ? "Terminated" : "Suspended"}
              {identity.terminatedOn ? ` ${formatCalendarDate(identity.terminatedOn)}` : ""}
            </Badge>
          </div>
        )}
        {isNonHuman(identity.kind) && nonHuman && (
          <div className="text-xs text-slate-500">Owner: {nonHuman.ownerName}</div>
        )}
      </Td>
      <Td className="min-w-40">
        <div className="whitespace-nowrap text-slate-900">{system.name}</div>
        <div className="font-mono text-xs break-all text-slate-500">{account.username}</div>
      </Td>
      <Td>
        <div className="text-slate-900">{entitlement.name}</div>
        <div className="mt-1 flex flex-wrap gap-1">
          {entitlement.privileged && <PrivilegedBadge />}
          <RiskBadge risk={entitlement.risk} />
        </div>
      </Td>
      <Td className="whitespace-nowrap">
        <span
          className={cx(stale ? "font-medium text-amber-700" : "text-slate-700")}
          title={used ? formatDate(used) : undefined}
        >
          {used ? formatRelative(used) : "Never"}
        </span>
      </Td>
      <Td className="whitespace-nowrap">
        <div>{grant.grantedAt ? formatDate(grant.grantedAt) : "Unknown"}</div>
        {grant.ticket ? (
          <div className="font-mono text-xs text-slate-500">{grant.ticket}</div>
        ) : (
          <div className="text-xs text-amber-700">No ticket</div>
        )}
      </Td>
      <Td className="min-w-44">
        <DecisionBadge decision={item.decision} />
        {item.decision === "exception" && item.exceptionExpiresOn && (
          <div className="mt-1 text-xs text-slate-600">
            until {formatCalendarDate(item.exceptionExpiresOn)}
          </div>
        )}
        {item.decidedAt && (
          <div className="mt-1 text-xs text-slate-500">
            {item.decidedByName ? `${item.decidedByName}, ` : ""}
            {formatRelative(item.decidedAt)}
          </div>
        )}
      </Td>
      {canDecide && (
        <Td
          className={cx(
            "text-right whitespace-nowrap",
            stickyEnd,
            "bg-white group-hover:bg-slate-50",
          )}
        >
          <div className="inline-flex items-center gap-1.5">
            {saving && (
              <span role="status" className="mr-1 text-xs text-slate-500">
                Saving…
              </span>
            )}
            {decisionButtons.map(({ decision, label, className }) => {
              // aria-disabled rather than disabled keeps focus on the button that was pressed.
              const inactive = saving || item.decision === decision;
              return (
                <Button
                  key={decision}
                  size="sm"
                  className={className}
                  aria-disabled={inactive || undefined}
                  onClick={(event) => {
                    if (!inactive) onDecide(item, decision, event.currentTarget);
                  }}
                >
                  {label}
                </Button>
              );
            })}
          </div>
        </Td>
      )}
    </Tr>
  );
}
