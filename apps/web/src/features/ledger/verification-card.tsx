import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Button } from "@/components/button";
import { Card } from "@/components/card";
import { AlertIcon, ShieldCheckIcon, SpinnerIcon } from "@/components/icons";
import { asSentence, formatCount, plural } from "@/features/ledger/ledger-format";
import { formatRelative, formatUtcTimestamp } from "@/lib/dates";
import { describeError } from "@/lib/errors";
import { type RouterOutputs, useTRPC } from "@/lib/trpc";

type Verification = RouterOutputs["ledger"]["verification"];

/**
 * "Verify now": recomputes the live chain on the server. A query rather than a mutation on
 * purpose: it changes nothing, and auditors (who may not call mutations) run it too. It only
 * runs when asked, since it reads every event.
 */
export function VerificationCard({ length }: { length: number }) {
  const trpc = useTRPC();
  const verification = useQuery({
    ...trpc.ledger.verification.queryOptions(),
    enabled: false,
  });
  const running = verification.isFetching;

  return (
    <Card
      title="Verify the chain"
      description="Recomputes every event hash, every link and every signed checkpoint on the server. Nothing is changed."
      actions={
        <Button variant="primary" onClick={() => void verification.refetch()} disabled={running}>
          {running ? (
            <SpinnerIcon className="size-4 animate-spin" />
          ) : (
            <ShieldCheckIcon className="size-4" />
          )}
          Verify now
        </Button>
      }
    >
      <div role="status" aria-live="polite" aria-busy={running} className="p-4">
        {running ? (
          <Panel tone="progress">
            <SpinnerIcon className="mt-0.5 size-5 shrink-0 animate-spin text-accent-600" />
            <div>
              <p className="font-medium text-slate-900">Verifying {plural(length, "event")}…</p>
              <p className="mt-0.5 text-slate-600">
                Every event is rehashed and every checkpoint signature checked.
              </p>
            </div>
          </Panel>
        ) : verification.status === "error" ? (
          <Panel tone="failure">
            <AlertIcon className="mt-0.5 size-5 shrink-0 text-red-600" />
            <div>
              <p className="font-medium text-red-800">The verification could not run</p>
              <p className="mt-0.5 text-red-800">{describeError(verification.error).message}</p>
            </div>
          </Panel>
        ) : verification.data ? (
          <VerificationResult result={verification.data} />
        ) : (
          <Panel tone="idle">
            <ShieldCheckIcon className="mt-0.5 size-5 shrink-0 text-slate-400" />
            <div>
              <p className="font-medium text-slate-700">Not verified yet</p>
              <p className="mt-0.5 text-slate-600">
                The check reads the whole ledger, so on a long one it takes a moment.
              </p>
            </div>
          </Panel>
        )}
      </div>
    </Card>
  );
}

const panelTones = {
  idle: "border-slate-200 bg-slate-50",
  progress: "border-accent-200 bg-accent-50",
  success: "border-emerald-200 bg-emerald-50",
  failure: "border-red-200 bg-red-50",
} as const;

function Panel({ tone, children }: { tone: keyof typeof panelTones; children: ReactNode }) {
  return (
    <div
      className={`flex min-h-[4.75rem] items-start gap-3 rounded-md border px-4 py-3 ${panelTones[tone]}`}
    >
      {children}
    </div>
  );
}

function VerificationResult({ result }: { result: Verification }) {
  const checkedAt = (
    <>
      {formatUtcTimestamp(result.verifiedAt)}{" "}
      <span className="text-slate-500">({formatRelative(result.verifiedAt)})</span>
    </>
  );

  if (result.ok) {
    return (
      <Panel tone="success">
        <ShieldCheckIcon className="mt-0.5 size-5 shrink-0 text-emerald-600" />
        <div className="min-w-0 flex-1">
          <p className="font-medium text-emerald-900">
            Verified {plural(result.events, "event")} and{" "}
            {plural(result.checkpoints, "signed checkpoint")} in {formatCount(result.durationMs)} ms
          </p>
          <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="text-emerald-800">Head hash</dt>
            <dd className="min-w-0 font-mono text-xs leading-5 break-all text-slate-800">
              {result.headHash}
            </dd>
            <dt className="text-emerald-800">Verified at</dt>
            <dd className="text-slate-800 tabular-nums">{checkedAt}</dd>
          </dl>
        </div>
      </Panel>
    );
  }

  const where =
    result.seq !== undefined
      ? `at event ${formatCount(result.seq)}`
      : result.checkpoint !== undefined
        ? `at the checkpoint over ${plural(result.checkpoint, "event")}`
        : "";
  return (
    <Panel tone="failure">
      <AlertIcon className="mt-0.5 size-5 shrink-0 text-red-600" />
      <div className="min-w-0 flex-1">
        <p className="font-medium text-red-900">Verification failed{where ? ` ${where}` : ""}</p>
        <p className="mt-1 text-red-800">{asSentence(result.reason)}</p>
        <p className="mt-2 text-sm text-slate-700">
          Checked in {formatCount(result.durationMs)} ms at {checkedAt}. Recorded history no longer
          matches its hashes or signatures: treat this as a security incident.
        </p>
      </div>
    </Panel>
  );
}
