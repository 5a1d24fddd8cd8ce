import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { Button, buttonClasses } from "@/components/button";
import { Card, StatCard } from "@/components/card";
import { CopyButton } from "@/components/copy-button";
import { EmptyState } from "@/components/empty-state";
import { ErrorState, InlineAlert } from "@/components/error-state";
import { CheckIcon, DownloadIcon, SpinnerIcon } from "@/components/icons";
import { LoadingState } from "@/components/loading-state";
import { PageHeader } from "@/components/page-header";
import { formatCount, plural, shortHash } from "@/features/ledger/ledger-format";
import { RecentEventsTable } from "@/features/ledger/recent-events-table";
import { VerificationCard } from "@/features/ledger/verification-card";
import { formatRelative, formatUtcTimestamp } from "@/lib/dates";
import { describeError } from "@/lib/errors";
import { hasAnyRole } from "@/lib/roles";
import { type RouterOutputs, useTRPC } from "@/lib/trpc";
import { useSignedInUser } from "@/lib/use-session";

type LedgerStatus = RouterOutputs["ledger"]["status"];
type LatestCheckpoint = NonNullable<LedgerStatus["latestCheckpoint"]>;

const exportCommand = "npx attest evidence export --out evidence.zip";
const verifyCommand = "npx attest evidence verify evidence.zip --public-key public-key.pem";

/** The evidence ledger for administrators and auditors: its head, checkpoints, key and events. */
export function LedgerPage() {
  const trpc = useTRPC();
  const user = useSignedInUser();
  const status = useQuery(trpc.ledger.status.queryOptions());
  const canSign = hasAnyRole(user.roles, ["admin"]);

  return (
    <>
      <PageHeader
        title="Evidence ledger"
        description="Every decision and change is appended to an append-only, hash-chained ledger, with signed checkpoints an auditor can verify offline without trusting this server."
      />
      {status.isPending ? (
        <LedgerSkeleton />
      ) : status.isError ? (
        <Card>
          <ErrorState
            title="The evidence ledger could not be loaded"
            error={status.error}
            onRetry={() => status.refetch()}
          />
        </Card>
      ) : (
        <LedgerDetails status={status.data} canSign={canSign} />
      )}
    </>
  );
}

function LedgerDetails({ status, canSign }: { status: LedgerStatus; canSign: boolean }) {
  const checkpoint = status.latestCheckpoint;
  return (
    <div className="space-y-6">
      <StatRow>
        <StatCard
          label="Chain length"
          value={formatCount(status.length)}
          hint={
            status.headRecordedAt
              ? `events · last ${formatRelative(status.headRecordedAt)}`
              : "events · none recorded yet"
          }
        />
        <StatCard
          label="Head hash"
          value={
            status.headHash ? (
              <span className="flex min-w-0 items-center gap-1">
                <code
                  title={status.headHash}
                  className="min-w-0 truncate font-mono text-base font-medium text-slate-900"
                >
                  {shortHash(status.headHash)}
                </code>
                <CopyButton iconOnly label="Copy head hash" value={status.headHash} />
              </span>
            ) : (
              <span className="text-slate-400">None yet</span>
            )
          }
          hint="SHA-256 of the newest event"
        />
        <StatCard
          label="Latest checkpoint"
          value={
            checkpoint ? (
              <>
                {formatCount(checkpoint.treeSize)}{" "}
                <span className="text-base font-normal text-slate-500">events</span>
              </>
            ) : (
              <span className="text-slate-400">None yet</span>
            )
          }
          hint={
            checkpoint ? (
              <span title={formatUtcTimestamp(checkpoint.createdAt)}>
                signed {formatRelative(checkpoint.createdAt)}
              </span>
            ) : (
              "No signed checkpoint yet"
            )
          }
        />
        <StatCard
          label="Not yet under a checkpoint"
          value={formatCount(status.uncheckpointedEvents)}
          tone={status.uncheckpointedEvents > 0 ? "warning" : "neutral"}
          hint={
            status.uncheckpointedEvents > 0
              ? "events not yet covered by a signature"
              : status.length > 0
                ? "every event is covered by a signature"
                : "nothing to sign yet"
          }
        />
      </StatRow>

      <VerificationCard length={status.length} />

      <div className="grid gap-6 lg:grid-cols-2">
        <SigningKeyCard status={status} />
        <CheckpointCard checkpoint={checkpoint} canSign={canSign} />
      </div>

      <VerifyOfflineCard />

      <Card
        title="Recent events"
        description={
          status.recentEvents.length > 0
            ? `The ${plural(status.recentEvents.length, "newest event")} of ${formatCount(status.length)}, newest first.`
            : undefined
        }
      >
        {status.recentEvents.length === 0 ? (
          <EmptyState
            title="No evidence recorded yet"
            description="Imports, campaign changes and review decisions are recorded here as they happen."
          />
        ) : (
          <RecentEventsTable events={status.recentEvents} />
        )}
      </Card>
    </div>
  );
}

function StatRow({ children }: { children: ReactNode }) {
  return <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">{children}</div>;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 min-w-0">{children}</dd>
    </div>
  );
}

function SigningKeyCard({ status }: { status: LedgerStatus }) {
  const pemHref = `data:application/x-pem-file;charset=utf-8,${encodeURIComponent(status.publicKeyPem)}`;
  return (
    <Card title="Signing key" description="The Ed25519 key that signs every checkpoint.">
      <div className="space-y-4 p-4">
        <dl className="space-y-4">
          <Field label="Ledger origin">
            <code className="font-mono text-sm break-all text-slate-900">{status.origin}</code>
          </Field>
          <Field label="Public key fingerprint">
            <div className="flex items-start gap-1">
              <code className="min-w-0 font-mono text-base font-semibold break-all text-slate-900">
                {status.publicKeyFingerprint}
              </code>
              <CopyButton
                iconOnly
                label="Copy fingerprint"
                value={status.publicKeyFingerprint}
                className="-mt-1"
              />
            </div>
            <p className="mt-1 text-sm text-slate-600">
              Auditors compare this fingerprint with the one{" "}
              <code className="font-mono text-xs text-slate-800">attest evidence verify</code>{" "}
              prints.
            </p>
          </Field>
        </dl>
        <div>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 className="text-xs font-medium tracking-wide text-slate-500 uppercase">
              Public key (PEM)
            </h3>
            <div className="flex flex-wrap gap-2">
              <CopyButton label="Copy" value={status.publicKeyPem} />
              <a
                href={pemHref}
                download="public-key.pem"
                className={buttonClasses("secondary", "sm")}
              >
                <DownloadIcon className="size-4" />
                Download public-key.pem
              </a>
            </div>
          </div>
          <pre className="mt-2 overflow-x-auto rounded-md bg-slate-50 px-3 py-2 font-mono text-xs leading-5 text-slate-800 ring-1 ring-slate-200 ring-inset">
            {status.publicKeyPem}
          </pre>
        </div>
      </div>
    </Card>
  );
}

function CheckpointCard({
  checkpoint,
  canSign,
}: {
  checkpoint: LatestCheckpoint | null;
  canSign: boolean;
}) {
  const sign = useSignCheckpoint(checkpoint);
  return (
    <Card
      title="Latest checkpoint"
      description={
        checkpoint
          ? `Covers the first ${plural(checkpoint.treeSize, "event")}.`
          : "A signed tree head over the ledger."
      }
      actions={
        // Administrators only; the server refuses everyone else anyway.
        canSign ? (
          <Button size="sm" onClick={sign.run} disabled={sign.isPending}>
            {sign.isPending && <SpinnerIcon className="size-4 animate-spin" />}
            {sign.isPending ? "Signing…" : "Sign checkpoint now"}
          </Button>
        ) : undefined
      }
    >
      {canSign && (
        <div role="status">
          {sign.outcome && (
            <p className="flex items-center gap-1.5 border-b border-emerald-100 bg-emerald-50 px-4 py-2 text-sm font-medium text-emerald-800">
              <CheckIcon className="size-4 shrink-0" />
              {sign.outcome}
            </p>
          )}
        </div>
      )}
      {sign.error !== null && (
        <div className="px-4 pt-4">
          <InlineAlert onDismiss={sign.dismissError}>
            The checkpoint was not signed: {describeError(sign.error).message}
          </InlineAlert>
        </div>
      )}
      {checkpoint ? (
        <div className="p-4">
          <dl className="mb-4 grid gap-4 sm:grid-cols-2">
            <Field label="Signed at">
              <div className="text-slate-900 tabular-nums">
                {formatUtcTimestamp(checkpoint.createdAt)}
              </div>
              <div className="text-xs text-slate-500">{formatRelative(checkpoint.createdAt)}</div>
            </Field>
            <Field label="Merkle root (hex)">
              <span className="flex items-center gap-1">
                <code title={checkpoint.rootHash} className="font-mono text-sm text-slate-900">
                  {shortHash(checkpoint.rootHash)}
                </code>
                <CopyButton iconOnly label="Copy root hash" value={checkpoint.rootHash} />
              </span>
            </Field>
          </dl>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 className="text-xs font-medium tracking-wide text-slate-500 uppercase">
              Signed note
            </h3>
            <CopyButton label="Copy" value={checkpoint.note} />
          </div>
          <pre className="mt-2 rounded-md bg-slate-50 px-3 py-2 font-mono text-xs leading-5 break-all whitespace-pre-wrap text-slate-800 ring-1 ring-slate-200 ring-inset">
            {checkpoint.note}
          </pre>
          <p className="mt-2 text-sm text-slate-600">
            Origin, tree size and Merkle root (base64), a blank line, then the signature. Any
            signed-note tool can check it with the public key.
          </p>
        </div>
      ) : (
        <EmptyState
          title="No checkpoint signed yet"
          description="Checkpoints are signed on a schedule once the ledger has events."
        />
      )}
    </Card>
  );
}

/**
 * "Sign checkpoint now": signs the current head, then reloads the status. The server returns
 * the existing checkpoint when the head is already signed, and nothing for an empty ledger.
 */
function useSignCheckpoint(checkpoint: LatestCheckpoint | null) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<string | null>(null);
  const mutation = useMutation(
    trpc.ledger.checkpointNow.mutationOptions({
      onSuccess: async (result) => {
        if (!result) setOutcome("No events to sign");
        else if (
          checkpoint &&
          result.treeSize === checkpoint.treeSize &&
          result.createdAt === checkpoint.createdAt
        ) {
          setOutcome(
            `No new events to sign: the checkpoint at ${plural(result.treeSize, "event")} covers them all`,
          );
        } else setOutcome(`Signed checkpoint at ${plural(result.treeSize, "event")}`);
        await queryClient.invalidateQueries({ queryKey: trpc.ledger.status.queryKey() });
      },
    }),
  );
  return {
    run: () => {
      setOutcome(null);
      mutation.mutate();
    },
    isPending: mutation.isPending,
    outcome: mutation.isPending ? null : outcome,
    error: mutation.error,
    dismissError: () => mutation.reset(),
  };
}

function VerifyOfflineCard() {
  return (
    <Card
      title="Verify offline"
      description="What an auditor runs on their own machine, trusting only the public key above."
    >
      <ol className="grid gap-4 p-4 xl:grid-cols-2">
        <li className="min-w-0">
          <p className="text-sm text-slate-700">
            <span className="font-medium text-slate-900">1.</span> An administrator exports the
            evidence package:
          </p>
          <CommandLine command={exportCommand} />
        </li>
        <li className="min-w-0">
          <p className="text-sm text-slate-700">
            <span className="font-medium text-slate-900">2.</span> The auditor verifies it against
            the downloaded public key:
          </p>
          <CommandLine command={verifyCommand} />
        </li>
      </ol>
    </Card>
  );
}

function CommandLine({ command }: { command: string }) {
  return (
    <div className="mt-2 flex items-center gap-1 rounded-md bg-slate-50 py-1 pr-1 pl-3 ring-1 ring-slate-200 ring-inset">
      <code className="min-w-0 flex-1 overflow-x-auto py-1 font-mono text-xs whitespace-nowrap text-slate-800">
        <span aria-hidden="true" className="text-slate-400 select-none">
          ${" "}
        </span>
        {command}
      </code>
      <CopyButton iconOnly label="Copy command" value={command} />
    </div>
  );
}

/** Placeholders shaped like the page, so nothing jumps when the status arrives. */
function LedgerSkeleton() {
  return (
    <div className="space-y-6">
      <div role="status" aria-live="polite">
        <span className="sr-only">Loading the evidence ledger…</span>
        <StatRow>
          {["length", "head", "checkpoint", "pending"].map((key) => (
            <div
              key={key}
              aria-hidden="true"
              className="h-24 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs"
            >
              <div className="h-3 w-24 animate-pulse rounded bg-slate-200/80" />
              <div className="mt-3 h-6 w-20 animate-pulse rounded bg-slate-200/80" />
              <div className="mt-2.5 h-3 w-36 animate-pulse rounded bg-slate-200/80" />
            </div>
          ))}
        </StatRow>
      </div>
      <Card
        title="Verify the chain"
        description="Recomputes every event hash, every link and every signed checkpoint on the server. Nothing is changed."
      >
        <div aria-hidden="true" className="p-4">
          <div className="h-[4.75rem] animate-pulse rounded-md bg-slate-100" />
        </div>
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Signing key" description="The Ed25519 key that signs every checkpoint.">
          <LoadingState
            rows={6}
            columns={2}
            rowClassName="h-[3.4rem]"
            label="Loading the signing key"
          />
        </Card>
        <Card title="Latest checkpoint" description="A signed tree head over the ledger.">
          <LoadingState
            rows={6}
            columns={2}
            rowClassName="h-[3.4rem]"
            label="Loading the checkpoint"
          />
        </Card>
      </div>
      <VerifyOfflineCard />
      <Card title="Recent events">
        <LoadingState rows={8} columns={6} rowClassName="h-[3.8rem]" label="Loading events" />
      </Card>
    </div>
  );
}
