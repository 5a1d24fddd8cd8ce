import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useRef, useState } from "react";
import { Link } from "react-router";
import { Badge } from "@/components/badge";
import { Button } from "@/components/button";
import { Card } from "@/components/card";
import { ErrorState, InlineAlert } from "@/components/error-state";
import { CheckIcon, SpinnerIcon } from "@/components/icons";
import { LoadingState } from "@/components/loading-state";
import { Table, TableBody, TableHead, Td, Th, Tr } from "@/components/table";
import { ActorName } from "@/features/inventory/actor";
import { formatCount, plural } from "@/features/inventory/inventory-format";
import { IssueTokenDialog } from "@/features/inventory/scim/issue-token-dialog";
import { RevokeTokenDialog } from "@/features/inventory/scim/revoke-token-dialog";
import { cx } from "@/lib/cx";
import { formatDateTime, formatRelative } from "@/lib/dates";
import { describeError } from "@/lib/errors";
import { type RouterOutputs, useTRPC } from "@/lib/trpc";

type ScimDirectory = RouterOutputs["scim"]["directories"][number];
type ScimToken = RouterOutputs["scim"]["tokens"][number];
type ScimSnapshot = RouterOutputs["scim"]["snapshotNow"];

const linkClasses = "font-medium text-accent-700 hover:underline";

// In a narrower card (beside the guide, on a tablet, on a phone) columns move under the name.
const issuedColumn = "@max-3xl:hidden";
const detailColumn = "@max-xl:hidden";

function When({ at, never = "Never" }: { at: string | null; never?: string }) {
  if (!at) return <span className="text-slate-400">{never}</span>;
  return <span title={formatDateTime(at)}>{formatRelative(at)}</span>;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-0.5 text-slate-900 tabular-nums">{children}</dd>
    </div>
  );
}

/**
 * One SCIM directory: what the identity provider has pushed, its tokens, and the roll-up into a
 * snapshot that campaigns review.
 */
export function ScimDirectoryCard({
  directory,
  lastSnapshotId,
}: {
  directory: ScimDirectory;
  /** The newest snapshot of this directory, when the snapshot list has it. */
  lastSnapshotId: string | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const issueButtonRef = useRef<HTMLButtonElement>(null);
  const [issuing, setIssuing] = useState(false);
  const [revoking, setRevoking] = useState<ScimToken | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [taken, setTaken] = useState<ScimSnapshot | null>(null);
  const tokens = useQuery(trpc.scim.tokens.queryOptions({ directoryId: directory.id }));
  const snapshot = useMutation(
    trpc.scim.snapshotNow.mutationOptions({
      onSuccess: (result) => {
        setTaken(result);
        void queryClient.invalidateQueries({ queryKey: trpc.scim.directories.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.inventory.pathKey() });
      },
    }),
  );

  const takeSnapshot = () => {
    setTaken(null);
    setNotice(null);
    snapshot.mutate({ directoryId: directory.id });
  };

  const systemLabel =
    directory.systemName === directory.systemKey
      ? directory.systemName
      : `${directory.systemName} (${directory.systemKey})`;

  return (
    <Card
      title={directory.name}
      description={`Group memberships become grants on ${systemLabel}.`}
      actions={
        <>
          <Button ref={issueButtonRef} onClick={() => setIssuing(true)}>
            Issue token
          </Button>
          <Button variant="primary" onClick={takeSnapshot} disabled={snapshot.isPending}>
            {snapshot.isPending ? (
              <>
                <SpinnerIcon className="size-4 animate-spin" />
                Taking snapshot…
              </>
            ) : (
              "Snapshot now"
            )}
          </Button>
        </>
      }
    >
      <div role="status" aria-live="polite" className="empty:hidden">
        {taken && (
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-emerald-200 bg-emerald-50 px-4 py-2.5 text-sm text-emerald-900">
            <CheckIcon className="size-4 shrink-0 text-emerald-600" />
            <span className="min-w-0 flex-1">
              Snapshot {taken.source} taken:{" "}
              {plural(taken.rowCounts.identities, "identity", "identities")},{" "}
              {plural(taken.rowCounts.grants, "grant")}.
            </span>
            <Link to={`/inventory/snapshots/${taken.snapshotId}`} className={linkClasses}>
              Open the population report
            </Link>
          </div>
        )}
        {notice && (
          <p className="border-b border-slate-200 bg-slate-50 px-4 py-2.5 text-sm text-slate-700">
            {notice}
          </p>
        )}
      </div>
      {snapshot.isError && (
        <div className="border-b border-slate-200 px-4 py-3">
          <InlineAlert onDismiss={() => snapshot.reset()}>
            No snapshot was taken. {describeError(snapshot.error).message}
          </InlineAlert>
        </div>
      )}

      <dl className="grid grid-cols-2 gap-x-8 gap-y-3 px-4 py-3 text-sm sm:grid-cols-3 xl:flex xl:flex-wrap xl:gap-x-10">
        <Fact label="Users">
          {formatCount(directory.users)}
          {directory.users !== directory.activeUsers && (
            <span className="text-xs text-slate-500">
              {" "}
              ({formatCount(directory.activeUsers)} active)
            </span>
          )}
        </Fact>
        <Fact label="Groups">{formatCount(directory.groups)}</Fact>
        <Fact label="Memberships">{formatCount(directory.memberships)}</Fact>
        <Fact label="Live tokens">{formatCount(directory.activeTokens)}</Fact>
        <Fact label="Last change">
          <When at={directory.lastChangeAt} never="Nothing pushed yet" />
        </Fact>
        <Fact label="Last snapshot">
          {directory.lastSnapshotAt && lastSnapshotId ? (
            <Link
              to={`/inventory/snapshots/${lastSnapshotId}`}
              className={linkClasses}
              title={formatDateTime(directory.lastSnapshotAt)}
            >
              {formatRelative(directory.lastSnapshotAt)}
            </Link>
          ) : (
            <When at={directory.lastSnapshotAt} />
          )}
        </Fact>
      </dl>

      <div className="@container border-t border-slate-200">
        <h3 className="px-4 pt-3 pb-2 text-sm font-semibold text-slate-900">Tokens</h3>
        {tokens.isPending ? (
          <LoadingState label="Loading tokens" rows={2} columns={5} rowClassName="h-12" />
        ) : tokens.isError ? (
          <ErrorState
            title="The tokens could not be loaded"
            error={tokens.error}
            onRetry={() => tokens.refetch()}
          />
        ) : tokens.data.length === 0 ? (
          <p className="px-4 pb-4 text-sm text-slate-600">
            No tokens yet. Issue one and paste it into the identity provider; without a token it
            cannot connect.
          </p>
        ) : (
          <Table label={`Tokens of ${directory.name}`} minWidth="18rem">
            <TableHead>
              <tr>
                <Th>Name</Th>
                <Th className={issuedColumn}>Issued by</Th>
                <Th className={issuedColumn}>Issued</Th>
                <Th className={detailColumn}>Last used</Th>
                <Th className={detailColumn}>Status</Th>
                {/* relative: the label's absolute box stays inside the scrolling table. */}
                <Th className="relative">
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </TableHead>
            <TableBody>
              {tokens.data.map((token) => (
                <TokenRow key={token.id} token={token} onRevoke={() => setRevoking(token)} />
              ))}
            </TableBody>
          </Table>
        )}
      </div>

      {issuing && (
        <IssueTokenDialog
          directory={directory}
          onClose={() => {
            setIssuing(false);
            setNotice(null);
          }}
        />
      )}
      {revoking && (
        <RevokeTokenDialog
          token={revoking}
          directoryName={directory.name}
          onClose={() => setRevoking(null)}
          onRevoked={() => {
            setRevoking(null);
            setNotice(`Revoked ${revoking.name}. Requests with it are refused from now on.`);
          }}
          fallbackFocus={() => issueButtonRef.current}
        />
      )}
    </Card>
  );
}

function TokenRow({ token, onRevoke }: { token: ScimToken; onRevoke: () => void }) {
  const revoked = token.revokedAt !== null;
  return (
    <Tr className={revoked ? "text-slate-500" : undefined}>
      <Th
        scope="row"
        className={cx("min-w-36 py-3 font-medium", revoked ? "text-slate-500" : "text-slate-900")}
      >
        {/* Th does not wrap; a long token name, and the details under it, may. */}
        <div className="whitespace-normal">{token.name}</div>
        <div className="mt-0.5 space-y-0.5 text-xs font-normal whitespace-normal text-slate-500 @3xl:hidden">
          <div>
            Issued <When at={token.createdAt} /> by{" "}
            <ActorName actor={token.createdBy} name={token.createdByName} />
          </div>
          <div className="@xl:hidden">
            {token.lastUsedAt ? (
              <>
                Last used <When at={token.lastUsedAt} />
              </>
            ) : (
              "Never used"
            )}
          </div>
          <div className="pt-1 @xl:hidden">
            {token.revokedAt ? (
              <>
                <Badge tone="neutral">Revoked</Badge> <When at={token.revokedAt} />
                {token.revokedBy && (
                  <>
                    {" by "}
                    <ActorName
                      actor={token.revokedBy}
                      name={token.revokedByName ?? token.revokedBy}
                    />
                  </>
                )}
              </>
            ) : (
              <Badge tone="success">Live</Badge>
            )}
          </div>
        </div>
      </Th>
      <Td className={cx("whitespace-nowrap", issuedColumn)}>
        <ActorName actor={token.createdBy} name={token.createdByName} />
      </Td>
      <Td className={cx("whitespace-nowrap", issuedColumn)}>
        <When at={token.createdAt} />
      </Td>
      <Td className={cx("whitespace-nowrap", detailColumn)}>
        <When at={token.lastUsedAt} never="Never used" />
      </Td>
      <Td className={cx("whitespace-nowrap", detailColumn)}>
        {token.revokedAt ? (
          <>
            <Badge tone="neutral">Revoked</Badge>
            <div className="mt-1 text-xs text-slate-500">
              <When at={token.revokedAt} />
            </div>
            {token.revokedBy && (
              <div className="text-xs text-slate-500">
                by{" "}
                <ActorName actor={token.revokedBy} name={token.revokedByName ?? token.revokedBy} />
              </div>
            )}
          </>
        ) : (
          <Badge tone="success">Live</Badge>
        )}
      </Td>
      <Td className="py-2.5 text-right">
        {!revoked && (
          <Button size="sm" onClick={onRevoke} aria-label={`Revoke ${token.name}`}>
            Revoke
          </Button>
        )}
      </Td>
    </Tr>
  );
}
