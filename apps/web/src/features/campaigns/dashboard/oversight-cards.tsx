import { routingReasonLabels } from "@attest/domain/campaigns/campaign-definition";
import { Card } from "@/components/card";
import type { RouterOutputs } from "@/lib/trpc";

type Dashboard = RouterOutputs["campaigns"]["dashboard"];

function plural(count: number, word: string): string {
  return `${count.toLocaleString("en-GB")} ${word}${count === 1 ? "" : "s"}`;
}

function BigNumber({ value, tone }: { value: number; tone: "neutral" | "warning" | "danger" }) {
  const color =
    value === 0
      ? "text-slate-900"
      : tone === "danger"
        ? "text-red-700"
        : tone === "warning"
          ? "text-amber-700"
          : "text-slate-900";
  return (
    <div className={`text-2xl font-semibold tabular-nums ${color}`}>
      {value.toLocaleString("en-GB")}
    </div>
  );
}

/** Certifier independence: reviewers who hold privileged access on the system they review. */
export function IndependenceCard({ dashboard }: { dashboard: Dashboard }) {
  const flagged = dashboard.reviewers
    .filter((reviewer) => reviewer.independenceFlags > 0)
    .sort((a, b) => b.independenceFlags - a.independenceFlags || a.name.localeCompare(b.name));
  return (
    <Card title="Independence flags" bodyClassName="px-4 py-3">
      <BigNumber value={dashboard.independenceFlags} tone="warning" />
      <p className="mt-1 text-sm text-slate-600">
        {dashboard.independenceFlags === 0
          ? "No reviewer holds privileged access on a system they review."
          : `Items reviewed by someone who holds privileged access on the same system: ${plural(flagged.length, "reviewer")}.`}
      </p>
      {flagged.length > 0 && (
        <ul className="mt-2 space-y-1 text-sm" aria-label="Flagged reviewers">
          {flagged.slice(0, 4).map((reviewer) => (
            <li key={reviewer.reviewerId} className="flex justify-between gap-3">
              <span className="truncate text-slate-700">{reviewer.name}</span>
              <span className="text-slate-900 tabular-nums">
                {reviewer.independenceFlags.toLocaleString("en-GB")}
              </span>
            </li>
          ))}
          {flagged.length > 4 && (
            <li className="text-xs text-slate-500">
              and {flagged.length - 4} more (see Reviewers)
            </li>
          )}
        </ul>
      )}
    </Card>
  );
}

/** Items routed away from the strategy's reviewer: separation of duties, gaps, reassignment. */
export function ReroutedCard({ rerouted }: { rerouted: Dashboard["rerouted"] }) {
  const total = rerouted.reduce((sum, row) => sum + row.count, 0);
  const shown = rerouted.filter((row) => row.count > 0);
  return (
    <Card title="Re-routed items" bodyClassName="px-4 py-3">
      <BigNumber value={total} tone="neutral" />
      <p className="mt-1 text-sm text-slate-600">
        {total === 0
          ? "Every item went to the reviewer the strategy chose."
          : "Sent to someone else than the strategy's reviewer, and why:"}
      </p>
      {shown.length > 0 && (
        <ul className="mt-2 space-y-1 text-sm" aria-label="Re-routed items by reason">
          {shown.map((row) => (
            <li key={row.reason} className="flex justify-between gap-3">
              <span className="text-slate-700">{routingReasonLabels[row.reason]}</span>
              <span className="text-slate-900 tabular-nums">
                {row.count.toLocaleString("en-GB")}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Access a decision (or the close rule) took away; the API counts every revoke for now. */
export function RemediationCard({ dashboard }: { dashboard: Dashboard }) {
  const { decisionMix, revokesAwaitingRemediation } = dashboard;
  return (
    <Card title="Revokes awaiting remediation" bodyClassName="px-4 py-3">
      <BigNumber value={revokesAwaitingRemediation} tone="danger" />
      <p className="mt-1 text-sm text-slate-600">
        {plural(decisionMix.revoke, "revoke decision")}
        {decisionMix.closeOutcomes.revoked > 0 &&
          ` and ${plural(decisionMix.closeOutcomes.revoked, "item")} revoked at close`}
        .
      </p>
      <p className="mt-2 rounded-md bg-slate-50 px-2.5 py-1.5 text-xs text-slate-600">
        Remediation tracking is not built yet: every revoke counts as awaiting remediation until
        Attest can record that the access was removed.
      </p>
    </Card>
  );
}
