import { type Decision, decisionLabels } from "@attest/domain/campaigns/campaign";
import { identityKindLabels, isNonHuman } from "@attest/domain/inventory/identity-kinds";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Badge } from "@/components/badge";
import { Button } from "@/components/button";
import { ErrorState } from "@/components/error-state";
import { LoadingState } from "@/components/loading-state";
import { decisionButtons, ItemBadges } from "@/features/reviews/queue-row";
import type { ItemDetail, QueueItem } from "@/features/reviews/queue-types";
import { formatCalendarDate, formatDate, formatDateTime, formatRelative } from "@/lib/dates";
import { useTRPC } from "@/lib/trpc";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8.5rem_1fr] gap-2 py-1 text-sm">
      <dt className="text-slate-600">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="border-t border-slate-200 px-4 py-3 first:border-t-0">
      <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">{title}</h3>
      {children}
    </section>
  );
}

function peerSentence(detail: ItemDetail): string | null {
  if (detail.context.version !== 2) return null;
  const share = detail.context.peers.department ?? detail.context.peers.manager;
  if (!share) return null;
  const group = detail.context.peers.department ? `in ${share.name}` : `reporting to ${share.name}`;
  return `${share.holding} of ${share.peers} ${group} hold this`;
}

/** Everything frozen about one item, what earlier stages decided, and every decision on it. */
export function ContextDetails({
  itemId,
  onReassign,
  onDecide,
}: {
  itemId: string;
  onReassign: (item: QueueItem) => void;
  onDecide: (decision: Decision) => void;
}) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.reviews.item.queryOptions({ itemId }));
  if (detail.isPending)
    return <LoadingState label="Loading the item's context" rows={6} columns={2} />;
  if (detail.isError) {
    return (
      <ErrorState
        title="The item's context could not be loaded"
        error={detail.error}
        onRetry={() => detail.refetch()}
      />
    );
  }
  const item = detail.data;
  const { identity, nonHuman, account, system, entitlement, grant } = item.context;
  const peers = peerSentence(item);
  const lastUsed = grant.lastUsedAt ?? account.lastLoginAt;
  return (
    <div>
      <div className="px-4 py-3">
        <div className="text-base font-semibold text-slate-900">{identity.displayName}</div>
        <div className="text-sm text-slate-600">
          {system.name} · {entitlement.name}
        </div>
        <div className="mt-2">
          <ItemBadges item={item} />
        </div>
        {item.canDecide && (
          <div className="mt-3 flex flex-wrap gap-1.5">
            {decisionButtons.map(({ decision, label }) => (
              <Button
                key={decision}
                size="sm"
                variant={item.decision === decision ? "primary" : "secondary"}
                aria-pressed={item.decision === decision}
                onClick={() => {
                  if (item.decision !== decision) onDecide(decision);
                }}
              >
                {label}
              </Button>
            ))}
            {!item.decision && (
              <Button size="sm" variant="ghost" onClick={() => onReassign(item)}>
                Reassign…
              </Button>
            )}
          </div>
        )}
      </div>
      <Section title="Who">
        <dl>
          <Fact label="Type">{identityKindLabels[identity.kind]}</Fact>
          {identity.title && <Fact label="Title">{identity.title}</Fact>}
          <Fact label="Department">{identity.department ?? "None recorded"}</Fact>
          <Fact label="Manager">{identity.managerName ?? "None recorded"}</Fact>
          <Fact label="Status">
            {identity.status === "active" ? (
              "Active"
            ) : (
              <Badge tone={identity.status === "terminated" ? "danger" : "warning"}>
                {identity.status === "terminated" ? "Terminated" : "Suspended"}
                {identity.terminatedOn ? ` ${formatCalendarDate(identity.terminatedOn)}` : ""}
              </Badge>
            )}
          </Fact>
          {identity.email && <Fact label="Email">{identity.email}</Fact>}
          {isNonHuman(identity.kind) && nonHuman && (
            <>
              <Fact label="Owner">
                {nonHuman.ownerName}
                {nonHuman.ownerStatus !== "active" ? ` (${nonHuman.ownerStatus})` : ""}
              </Fact>
              <Fact label="Credential rotated">
                {nonHuman.lastRotatedAt
                  ? `${formatDate(nonHuman.lastRotatedAt)}${"rotationAgeDays" in nonHuman && nonHuman.rotationAgeDays !== null ? ` (${nonHuman.rotationAgeDays} days before review)` : ""}`
                  : "Never"}
              </Fact>
            </>
          )}
        </dl>
      </Section>
      <Section title="Access">
        <dl>
          <Fact label="System">
            {system.name}
            {system.soxInScope ? " · SOX in scope" : ""}
          </Fact>
          <Fact label="Account">
            <span className="font-mono">{account.username}</span>
            {account.status === "disabled" ? " (disabled)" : ""}
          </Fact>
          <Fact label="Entitlement">{entitlement.name}</Fact>
          {entitlement.description && <Fact label="Grants">{entitlement.description}</Fact>}
          <Fact label="Granted">
            {grant.grantedAt ? formatDate(grant.grantedAt) : "Unknown date"}
            {grant.grantedBy ? ` by ${grant.grantedBy}` : ""}
            {grant.ticket ? ` · ${grant.ticket}` : " · no ticket"}
          </Fact>
          <Fact label="Last used">{lastUsed ? formatRelative(lastUsed) : "Never"}</Fact>
          {peers && <Fact label="Peers">{peers}</Fact>}
        </dl>
      </Section>
      {item.stageHistory.length > 0 && (
        <Section title="Earlier stages">
          <ul className="space-y-2 text-sm">
            {item.stageHistory.map((stage) => (
              <li key={`${stage.stage}-${stage.reviewerName}`}>
                <span className="font-medium">Stage {stage.stage}</span>: {stage.reviewerName}{" "}
                {stage.decision ? decisionLabels[stage.decision].toLowerCase() : "did not decide"}
                {stage.decidedAt ? `, ${formatDate(stage.decidedAt)}` : ""}
                {stage.justification && (
                  <div className="text-slate-600">“{stage.justification}”</div>
                )}
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title="Decisions">
        {item.decisionHistory.length === 0 ? (
          <p className="text-sm text-slate-600">No decision yet.</p>
        ) : (
          <ol className="space-y-2 text-sm">
            {item.decisionHistory.map((entry) => (
              <li key={entry.seq}>
                <span className="font-medium">{decisionLabels[entry.decision]}</span> by{" "}
                {entry.actorName}, {formatDateTime(entry.decidedAt)}
                {entry.viaBulk ? " (bulk)" : ""}
                {entry.exceptionExpiresOn && (
                  <div className="text-slate-600">
                    until {formatCalendarDate(entry.exceptionExpiresOn)}
                  </div>
                )}
                {entry.justification && (
                  <div className="text-slate-600">“{entry.justification}”</div>
                )}
                {entry.compensatingControl && (
                  <div className="text-slate-600">Control: {entry.compensatingControl}</div>
                )}
              </li>
            ))}
          </ol>
        )}
      </Section>
    </div>
  );
}
