import { decisionLabels } from "@attest/domain/campaigns/campaign";
import { routingReasonLabels, routingReasons } from "@attest/domain/campaigns/campaign-definition";
import { identityKindLabels, isNonHuman } from "@attest/domain/inventory/identity-kinds";
import type { ReviewItemContext } from "@attest/domain/reviews/review-item-context";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useParams, useSearchParams } from "react-router";
import { Badge } from "@/components/badge";
import { Card } from "@/components/card";
import { CopyButton } from "@/components/copy-button";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { LoadingState } from "@/components/loading-state";
import { PageHeader } from "@/components/page-header";
import { PrivilegedBadge, RiskBadge } from "@/components/status-badges";
import { OutcomeBadge, outcomeLabel, type Reperformance } from "@/features/audit/audit-format";
import { formatCalendarDate, formatUtcTimestamp } from "@/lib/dates";
import { trpcErrorCode, useTRPC } from "@/lib/trpc";

/** Re-performing one review: what the reviewer saw, what was decided, and the ledger's proof. */
export function AuditReperformancePage() {
  const { itemId = "" } = useParams();
  const [params] = useSearchParams();
  const sampleId = params.get("sampleId");
  const back = sampleId
    ? { to: `/audit/samples/${sampleId}`, label: "Sample" }
    : { to: "/audit", label: "Audit" };
  const trpc = useTRPC();
  const view = useQuery(trpc.audit.reperformance.queryOptions({ itemId }));

  if (view.isError) {
    return (
      <>
        <PageHeader back={back} title="Re-performance" />
        <Card>
          {trpcErrorCode(view.error) === "NOT_FOUND" ? (
            <EmptyState title="Review item not found" description="The address may be wrong." />
          ) : (
            <ErrorState
              title="The review item could not be loaded"
              error={view.error}
              onRetry={() => view.refetch()}
            />
          )}
        </Card>
      </>
    );
  }
  const data = view.data;
  if (!data) {
    return (
      <>
        <PageHeader back={back} title="Re-performance" />
        <Card>
          <LoadingState label="Loading the review item" rows={6} columns={3} />
        </Card>
      </>
    );
  }
  const { identity, system, entitlement } = data.item.context;
  return (
    <>
      <PageHeader
        back={back}
        title={`Re-performance: ${identity.displayName}`}
        description={`${system.name} · ${entitlement.name}`}
        meta={
          <>
            <span>
              {data.campaign.name} (<span className="font-mono">{data.campaign.controlId}</span>)
            </span>
            <span>Stage {data.item.stage}</span>
            <span>Reviewer: {data.reviewer.name}</span>
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
        <Card
          title="What the reviewer saw"
          description="The context frozen when the item was generated, as the reviewer's panel showed it."
        >
          <FrozenContext context={data.item.context} />
        </Card>
        <div className="min-w-0 space-y-6">
          <DecisionCard view={data} />
          <HistoryCard view={data} />
        </div>
      </div>
      <div className="mt-6">
        <LedgerEventCard view={data} />
      </div>
    </>
  );
}

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

function FrozenContext({ context }: { context: ReviewItemContext }) {
  const { identity, nonHuman, account, system, entitlement, grant } = context;
  const share = context.version === 2 ? (context.peers.department ?? context.peers.manager) : null;
  const lastUsed = grant.lastUsedAt ?? account.lastLoginAt;
  return (
    <div>
      <div className="px-4 py-3">
        <div className="text-base font-semibold text-slate-900">{identity.displayName}</div>
        <div className="text-sm text-slate-600">
          {system.name} · {entitlement.name}
        </div>
        <div className="mt-2 flex flex-wrap gap-1.5">
          {entitlement.privileged && <PrivilegedBadge />}
          <RiskBadge risk={entitlement.risk} />
          {isNonHuman(identity.kind) && <Badge tone="info">Non-human</Badge>}
          {identity.status === "terminated" && <Badge tone="danger">Terminated</Badge>}
        </div>
      </div>
      <Section title="Who">
        <dl>
          <Fact label="Type">{identityKindLabels[identity.kind]}</Fact>
          <Fact label="External id">
            <span className="font-mono text-xs">{identity.externalId}</span>
          </Fact>
          {identity.title && <Fact label="Title">{identity.title}</Fact>}
          <Fact label="Department">{identity.department ?? "None recorded"}</Fact>
          <Fact label="Manager">{identity.managerName ?? "None recorded"}</Fact>
          <Fact label="Status">
            {identity.status === "active"
              ? "Active"
              : `${identity.status === "terminated" ? "Terminated" : "Suspended"}${identity.terminatedOn ? ` ${formatCalendarDate(identity.terminatedOn)}` : ""}`}
          </Fact>
          {identity.email && <Fact label="Email">{identity.email}</Fact>}
          {nonHuman && (
            <>
              <Fact label="Owner">
                {nonHuman.ownerName}
                {nonHuman.ownerStatus !== "active" ? ` (${nonHuman.ownerStatus})` : ""}
              </Fact>
              <Fact label="Credential rotated">
                {nonHuman.lastRotatedAt ? formatUtcTimestamp(nonHuman.lastRotatedAt) : "Never"}
              </Fact>
            </>
          )}
        </dl>
      </Section>
      <Section title="Access">
        <dl>
          <Fact label="System">
            {system.name}
            {system.soxInScope ? " · SOX in scope" : ""} · {system.criticality} criticality
          </Fact>
          <Fact label="Account">
            <span className="font-mono">{account.username}</span>
            {account.status === "disabled" ? " (disabled)" : ""}
          </Fact>
          <Fact label="Entitlement">{entitlement.name}</Fact>
          {entitlement.description && <Fact label="Grants">{entitlement.description}</Fact>}
          <Fact label="Granted">
            {grant.grantedAt ? formatCalendarDate(grant.grantedAt) : "Unknown date"}
            {grant.grantedBy ? ` by ${grant.grantedBy}` : ""}
            {grant.ticket ? ` · ${grant.ticket}` : " · no ticket"}
          </Fact>
          {grant.expiresAt && <Fact label="Expires">{formatCalendarDate(grant.expiresAt)}</Fact>}
          <Fact label="Last used">{lastUsed ? formatUtcTimestamp(lastUsed) : "Never"}</Fact>
          {share && (
            <Fact label="Peers">
              {share.holding} of {share.peers}{" "}
              {context.version === 2 && context.peers.department
                ? `in ${share.name}`
                : `reporting to ${share.name}`}{" "}
              hold this
            </Fact>
          )}
        </dl>
      </Section>
    </div>
  );
}

function DecisionCard({ view }: { view: Reperformance }) {
  const decision = view.decision;
  return (
    <Card title="Decision">
      {decision ? (
        <dl className="px-4 py-3">
          <Fact label="Decision">
            <OutcomeBadge outcome={decision.decision} />
          </Fact>
          <Fact label="By">{decision.actorName ?? "Unknown"}</Fact>
          <Fact label="At">
            <span className="tabular-nums">
              {decision.decidedAt ? formatUtcTimestamp(decision.decidedAt) : "—"}
            </span>
          </Fact>
          <Fact label="Justification">
            {decision.justification ? (
              `“${decision.justification}”`
            ) : (
              <span className="text-slate-500">None given</span>
            )}
          </Fact>
          {decision.exceptionExpiresOn && (
            <Fact label="Exception until">{formatCalendarDate(decision.exceptionExpiresOn)}</Fact>
          )}
          {decision.compensatingControl && (
            <Fact label="Compensating control">{decision.compensatingControl}</Fact>
          )}
        </dl>
      ) : (
        <p className="px-4 py-3 text-sm text-slate-700">
          The reviewer did not decide this item.{" "}
          {view.closeOutcome
            ? `Closing the campaign recorded: ${outcomeLabel(view.closeOutcome)}.`
            : "The campaign has not closed yet."}
        </p>
      )}
    </Card>
  );
}

function routingLabel(reason: string | null): string | null {
  const known = routingReasons.find((candidate) => candidate === reason);
  return known ? routingReasonLabels[known] : reason;
}

function HistoryCard({ view }: { view: Reperformance }) {
  const latestSeq = view.decisionHistory.at(-1)?.seq;
  return (
    <Card title="History">
      <Section title="Stages">
        {view.stageHistory.length === 0 ? (
          <p className="text-sm text-slate-600">One stage.</p>
        ) : (
          <ol className="space-y-2 text-sm">
            {view.stageHistory.map((stage) => (
              <li key={stage.itemId}>
                <span className="font-medium">Stage {stage.stage}</span>: {stage.reviewerName}
                {" · "}
                {stage.decision
                  ? `${outcomeLabel(stage.decision)} by ${stage.decidedByName ?? "unknown"}${stage.decidedAt ? `, ${formatUtcTimestamp(stage.decidedAt)}` : ""}`
                  : stage.closeOutcome
                    ? outcomeLabel(stage.closeOutcome)
                    : "not decided"}
                {stage.routingReason && (
                  <div className="text-slate-600">
                    Routed from {stage.routedFromName ?? "the first choice"}:{" "}
                    {routingLabel(stage.routingReason)}
                    {stage.routingNote ? ` (${stage.routingNote})` : ""}
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
      </Section>
      {view.reassignments.length > 0 && (
        <Section title="Reassignments">
          <ol className="space-y-2 text-sm">
            {view.reassignments.map((reassignment) => (
              <li key={reassignment.seq}>
                {reassignment.fromReviewerName} → {reassignment.toReviewerName}, by{" "}
                {reassignment.actorName}, {formatUtcTimestamp(reassignment.recordedAt)}
                <div className="text-slate-600">“{reassignment.reason}”</div>
              </li>
            ))}
          </ol>
        </Section>
      )}
      <Section title="Decisions recorded">
        {view.decisionHistory.length === 0 ? (
          <p className="text-sm text-slate-600">No decision was recorded.</p>
        ) : (
          <ol className="space-y-2 text-sm" aria-label="Decisions recorded">
            {view.decisionHistory.map((entry) => (
              <li
                key={entry.seq}
                className={entry.seq === latestSeq ? undefined : "text-slate-500"}
              >
                <span className="font-medium">{decisionLabels[entry.decision]}</span> by{" "}
                {entry.actorName}, {formatUtcTimestamp(entry.decidedAt)}{" "}
                <span className="text-xs text-slate-500">(event {entry.seq})</span>
                {entry.seq !== latestSeq && (
                  <Badge tone="neutral" className="ml-2">
                    Superseded
                  </Badge>
                )}
                {entry.justification && <div>“{entry.justification}”</div>}
              </li>
            ))}
          </ol>
        )}
      </Section>
    </Card>
  );
}

function Hash({ label, value }: { label: string; value: string }) {
  return (
    <span className="flex items-center gap-1">
      <code className="min-w-0 font-mono text-xs break-all">{value}</code>
      <CopyButton value={value} label={`Copy ${label}`} iconOnly />
    </span>
  );
}

function LedgerEventCard({ view }: { view: Reperformance }) {
  const event = view.ledgerEvent;
  if (!event) {
    return (
      <Card title="Ledger event">
        <p className="px-4 py-3 text-sm text-slate-700">
          No decision.recorded event exists for this item: the reviewer did not decide it.
        </p>
      </Card>
    );
  }
  return (
    <Card
      title="Ledger event"
      description="The decision's event on the evidence ledger, with its inclusion proof against a signed checkpoint, checked on the server with the ledger's public key."
      actions={
        event.verified ? (
          <Badge tone="success">✓ Verified</Badge>
        ) : (
          <Badge tone={event.checkpoint ? "danger" : "warning"}>
            {event.checkpoint ? "✗ Does not verify" : "Not yet checkpointed"}
          </Badge>
        )
      }
    >
      <dl className="divide-y divide-slate-100 px-4 py-2">
        <LedgerFact label="Result">
          <p role="status">{event.message}</p>
        </LedgerFact>
        <LedgerFact label="Sequence">
          <span className="tabular-nums">
            {event.seq} (leaf {event.leafIndex})
          </span>
        </LedgerFact>
        <LedgerFact label="Event hash">
          <Hash label="event hash" value={event.hash} />
        </LedgerFact>
        <LedgerFact label="Canonical JSON">
          <div className="flex items-start gap-1">
            <pre className="max-h-48 min-w-0 flex-1 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs whitespace-pre-wrap break-all">
              {event.canonicalJson}
            </pre>
            <CopyButton value={event.canonicalJson} label="Copy canonical JSON" iconOnly />
          </div>
        </LedgerFact>
        {event.checkpoint && (
          <>
            <LedgerFact label="Checkpoint">
              <span className="tabular-nums">Tree of {event.checkpoint.treeSize} events</span>
            </LedgerFact>
            <LedgerFact label="Root hash">
              <Hash label="root hash" value={event.checkpoint.rootHash} />
            </LedgerFact>
            <LedgerFact label={`Inclusion proof (${event.inclusionProof.length})`}>
              <ol className="space-y-1">
                {event.inclusionProof.map((hash, index) => (
                  <li key={hash} className="flex items-center gap-2">
                    <span className="w-5 text-right text-xs text-slate-500 tabular-nums">
                      {index + 1}
                    </span>
                    <Hash label={`proof hash ${index + 1}`} value={hash} />
                  </li>
                ))}
              </ol>
            </LedgerFact>
            <LedgerFact label="Signed note">
              <div className="flex items-start gap-1">
                <pre className="min-w-0 flex-1 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs whitespace-pre-wrap break-all">
                  {event.checkpoint.signedNote}
                </pre>
                <CopyButton value={event.checkpoint.signedNote} label="Copy signed note" iconOnly />
              </div>
            </LedgerFact>
          </>
        )}
      </dl>
    </Card>
  );
}

function LedgerFact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2 text-sm sm:grid-cols-[11rem_1fr] sm:gap-4">
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="min-w-0 text-slate-900">{children}</dd>
    </div>
  );
}
