import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useLocation, useParams } from "react-router";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { ErrorState, InlineAlert } from "@/components/error-state";
import { CheckIcon, SpinnerIcon } from "@/components/icons";
import { LoadingState, StatsLoadingState } from "@/components/loading-state";
import { PageHeader } from "@/components/page-header";
import { ProgressBar } from "@/components/progress-bar";
import { ActorName } from "@/features/inventory/actor";
import type { UploadSummary } from "@/features/inventory/import/import-page";
import { ImportReportView } from "@/features/inventory/import/import-report";
import { ImportStatusBadge } from "@/features/inventory/inventory-badges";
import {
  formatBytes,
  type ImportProgress,
  importPhaseLabels,
  plural,
  type StoredImport,
} from "@/features/inventory/inventory-format";
import { formatDateTime } from "@/lib/dates";
import { hasAnyRole } from "@/lib/roles";
import { trpcErrorCode, useTRPC } from "@/lib/trpc";
import { useSignedInUser } from "@/lib/use-session";

/** How often a running import is asked for its progress. */
const importPollMs = 1000;

export function ImportReportPage() {
  const { importId = "" } = useParams();
  const location = useLocation();
  const upload = (location.state as { upload?: UploadSummary } | null)?.upload ?? null;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const user = useSignedInUser();
  const stored = useQuery({
    ...trpc.inventory.import.queryOptions({ importId }),
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.status === "running" ? importPollMs : false),
  });

  // When an import this page watched finishes, the overview's numbers and lists are out of date.
  const status = stored.data?.status;
  const watchedRunning = useRef(false);
  useEffect(() => {
    if (status === "running") {
      watchedRunning.current = true;
    } else if (status && watchedRunning.current) {
      watchedRunning.current = false;
      for (const queryKey of [
        trpc.inventory.summary.queryKey(),
        trpc.inventory.snapshots.queryKey(),
        trpc.inventory.imports.queryKey(),
      ]) {
        void queryClient.invalidateQueries({ queryKey });
      }
    }
  }, [status, queryClient, trpc]);

  if (stored.isError && !stored.data) {
    const code = trpcErrorCode(stored.error);
    return (
      <>
        <PageHeader back={{ to: "/inventory", label: "Inventory" }} title="Import" />
        <Card>
          {code === "NOT_FOUND" || code === "BAD_REQUEST" ? (
            <EmptyState
              title="Import not found"
              description="The address may be mistyped, or the import belongs to another installation."
            />
          ) : (
            <ErrorState
              title="The import could not be loaded"
              error={stored.error}
              onRetry={() => stored.refetch()}
            />
          )}
        </Card>
      </>
    );
  }

  const data = stored.data;
  return (
    <>
      <PageHeader
        back={{ to: "/inventory", label: "Inventory" }}
        title={
          data ? (
            `Import of ${data.source}`
          ) : (
            <span className="text-slate-400">Loading import…</span>
          )
        }
        meta={data && <ImportMeta stored={data} />}
      />
      {stored.isError && data?.status === "running" && (
        <div className="mb-4">
          <InlineAlert>
            The server did not answer the last progress check; the page keeps asking.
          </InlineAlert>
        </div>
      )}
      {!data ? (
        <div className="space-y-6">
          <StatsLoadingState label="Loading the import" count={4} />
          <Card>
            <LoadingState label="Loading the report" rows={5} columns={5} />
          </Card>
        </div>
      ) : data.status === "running" ? (
        <ImportRunning stored={data} upload={upload} />
      ) : data.report ? (
        <ImportReportView
          stored={data}
          report={data.report}
          canImport={hasAnyRole(user.roles, ["admin"])}
        />
      ) : (
        <Card>
          <EmptyState
            title="This import ended without a report"
            description="The server stopped before it could write one. Start the import again; nothing was written."
          />
        </Card>
      )}
    </>
  );
}

function ImportMeta({ stored }: { stored: StoredImport }) {
  return (
    <>
      <ImportStatusBadge status={stored.status} />
      <span>
        Started {formatDateTime(stored.startedAt)} by{" "}
        <ActorName actor={stored.startedBy} name={stored.startedByName} />
      </span>
      {stored.finishedAt && <span>Finished {formatDateTime(stored.finishedAt)}</span>}
    </>
  );
}

function ImportRunning({ stored, upload }: { stored: StoredImport; upload: UploadSummary | null }) {
  const progress: ImportProgress | null = stored.progress;
  const percent = progress ? Math.floor(progress.fraction * 100) : 0;
  return (
    <Card
      title={`Importing ${stored.source}`}
      description="You may leave this page: the import carries on, and its report stays under Inventory."
      bodyClassName="divide-y divide-slate-100"
    >
      {upload && (
        <div className="flex items-start gap-3 px-4 py-4">
          <CheckIcon className="mt-0.5 size-5 shrink-0 text-emerald-600" />
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
              <span className="font-medium text-slate-900">Upload</span>
              <span className="text-slate-600 tabular-nums">
                {plural(upload.files, "file")}, {formatBytes(upload.bytes)} uploaded
              </span>
            </div>
            <ProgressBar value={100} label="Upload progress" className="mt-2 h-2" />
          </div>
        </div>
      )}
      <div className="flex items-start gap-3 px-4 py-4">
        <SpinnerIcon className="mt-0.5 size-5 shrink-0 animate-spin text-accent-600" />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
            <span className="font-medium text-slate-900">
              {progress ? importPhaseLabels[progress.phase] : "Waiting for the server"}
            </span>
            <span className="text-slate-600 tabular-nums">{percent}%</span>
          </div>
          <ProgressBar value={percent} label="Import progress" className="mt-2 h-2" />
          <p role="status" aria-live="polite" className="mt-2 min-h-5 text-sm text-slate-600">
            {progress
              ? progress.message
              : "No progress reported yet. If this does not change, the server may have restarted: start the import again."}
          </p>
        </div>
      </div>
    </Card>
  );
}
