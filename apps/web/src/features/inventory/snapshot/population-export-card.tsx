import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { Badge } from "@/components/badge";
import { Button } from "@/components/button";
import { Card } from "@/components/card";
import { CopyButton } from "@/components/copy-button";
import { InlineAlert } from "@/components/error-state";
import { AlertIcon, CheckIcon, DownloadIcon, SpinnerIcon } from "@/components/icons";
import { ProgressBar } from "@/components/progress-bar";
import { ActorName } from "@/features/inventory/actor";
import { formatBytes, formatCount, plural } from "@/features/inventory/inventory-format";
import { formatUtcTimestamp } from "@/lib/dates";
import {
  downloadFile,
  isAbortError,
  saveFile,
  sha256Hex,
  TransferError,
} from "@/lib/file-transfer";
import { type RouterOutputs, useTRPC } from "@/lib/trpc";

type PopulationReport = RouterOutputs["inventory"]["populationReport"];
type PopulationExport = NonNullable<PopulationReport["export"]>;

type DownloadState =
  | { status: "idle" }
  | { status: "downloading"; loaded: number }
  | {
      status: "done";
      fileName: string;
      bytes: number;
      /** What the server says the file's SHA-256 is (x-content-sha256). */
      serverSha256: string | null;
      /** What this browser computed over the bytes it received; null when it could not. */
      browserSha256: string | null;
    }
  | { status: "failed"; message: string };

/**
 * The population CSV: every grant of the snapshot, with its own SHA-256. The file is generated
 * on the first download and recorded as evidence; later downloads return the same bytes.
 */
export function PopulationExportCard({ report }: { report: PopulationReport }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { snapshot } = report;
  const recorded = report.export;
  const [download, setDownload] = useState<DownloadState>({ status: "idle" });
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => () => abortRef.current?.abort(), []);
  const grants = snapshot.rowCounts.grants;

  const handleDownload = async () => {
    const controller = new AbortController();
    abortRef.current = controller;
    setDownload({ status: "downloading", loaded: 0 });
    try {
      const file = await downloadFile(`/api/inventory/snapshots/${snapshot.id}/population.csv`, {
        signal: controller.signal,
        fallbackName: recorded?.fileName ?? `population-${snapshot.id}.csv`,
        onProgress: ({ loaded }) => setDownload({ status: "downloading", loaded }),
      });
      saveFile(file.blob, file.fileName);
      const browserSha256 = await sha256Hex(file.blob).catch(() => null);
      setDownload({
        status: "done",
        fileName: file.fileName,
        bytes: file.blob.size,
        serverSha256: file.headers.get("x-content-sha256"),
        browserSha256,
      });
      // The first download generates and records the export: show the record.
      await queryClient.invalidateQueries({
        queryKey: trpc.inventory.populationReport.queryKey({ snapshotId: snapshot.id }),
      });
    } catch (error) {
      if (isAbortError(error)) {
        setDownload({ status: "idle" });
        return;
      }
      if (error instanceof TransferError && error.status === 401) {
        void queryClient.invalidateQueries({ queryKey: trpc.session.current.queryKey() });
      }
      setDownload({
        status: "failed",
        message: error instanceof TransferError ? error.message : "The download failed.",
      });
    } finally {
      abortRef.current = null;
    }
  };

  return (
    <Card
      title="Population export (CSV)"
      description="Every grant in the snapshot — system, account, identity, entitlement — in a fixed order, with the file's own SHA-256."
      actions={
        download.status === "downloading" ? (
          <Button onClick={() => abortRef.current?.abort()}>Cancel download</Button>
        ) : (
          <Button variant="primary" onClick={() => void handleDownload()}>
            <DownloadIcon className="size-4" />
            Download population CSV
          </Button>
        )
      }
      bodyClassName="space-y-4 p-4"
    >
      {download.status === "downloading" && (
        <div>
          <div className="mb-1.5 flex flex-wrap justify-between gap-2 text-sm">
            <span className="inline-flex items-center gap-2 font-medium text-slate-900">
              <SpinnerIcon className="size-4 animate-spin text-accent-600" />
              {recorded ? "Downloading" : "Generating and downloading"}
            </span>
            <span role="status" className="text-slate-600 tabular-nums">
              {formatBytes(download.loaded)}
              {recorded ? ` of ${formatBytes(recorded.bytes)}` : ""}
            </span>
          </div>
          <ProgressBar
            value={recorded ? Math.floor((download.loaded / Math.max(recorded.bytes, 1)) * 100) : 0}
            label="Download progress"
            className="h-2"
          />
        </div>
      )}
      {download.status === "failed" && (
        <InlineAlert onDismiss={() => setDownload({ status: "idle" })}>
          The population could not be downloaded: {download.message}
        </InlineAlert>
      )}
      {download.status === "done" && <DownloadResult result={download} />}

      {recorded ? (
        <ExportRecord record={recorded} grants={grants} />
      ) : (
        <p className="text-sm text-slate-600">
          Not exported yet. The first download generates the file
          {grants !== undefined ? ` (${plural(grants, "row")} and a header)` : ""}, records its
          SHA-256 as evidence, and returns the same bytes on every later download.
        </p>
      )}
    </Card>
  );
}

function DownloadResult({ result }: { result: Extract<DownloadState, { status: "done" }> }) {
  const { serverSha256, browserSha256 } = result;
  const matches = serverSha256 !== null && browserSha256 !== null && serverSha256 === browserSha256;
  const mismatch = serverSha256 !== null && browserSha256 !== null && !matches;
  return (
    <div
      role="status"
      className={
        mismatch
          ? "rounded-md border border-red-200 bg-red-50 px-4 py-3"
          : "rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3"
      }
    >
      <p className="flex items-center gap-2 font-medium text-slate-900">
        {mismatch ? (
          <AlertIcon className="size-4 text-red-600" />
        ) : (
          <CheckIcon className="size-4 text-emerald-600" />
        )}
        Downloaded {result.fileName} ({formatBytes(result.bytes)})
      </p>
      {serverSha256 && (
        <div className="mt-2 flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-sm">
          <span className="text-slate-600">SHA-256</span>
          <code
            data-testid="downloaded-sha256"
            className="min-w-0 font-mono text-xs break-all text-slate-900"
          >
            {serverSha256}
          </code>
          <CopyButton iconOnly label="Copy the downloaded file's SHA-256" value={serverSha256} />
        </div>
      )}
      <p className="mt-1 text-sm text-slate-700">
        {matches
          ? "Checked in this browser: the file received has exactly this SHA-256."
          : mismatch
            ? `The file received hashes to ${browserSha256}, not the SHA-256 the server sent. Download it again; if it still differs, report it.`
            : "This browser could not hash the file itself; check it with one of the commands below."}
      </p>
    </div>
  );
}

function ExportRecord({
  record,
  grants,
}: {
  record: PopulationExport;
  grants: number | undefined;
}) {
  const reconciled = grants === undefined ? null : record.rows === grants;
  // The download route names the file this way (content-disposition allows no spaces).
  const savedName = record.fileName.replace(/[^A-Za-z0-9._-]/g, "_");
  return (
    <div className="space-y-4">
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
        <Field label="File">
          <span className="font-medium break-all text-slate-900">{record.fileName}</span>
        </Field>
        <Field label="Rows">
          <span className="inline-flex flex-wrap items-center gap-2">
            <span className="text-slate-900 tabular-nums">{formatCount(record.rows)}</span>
            {reconciled === true && (
              <Badge tone="success">
                Matches the snapshot&apos;s {formatCount(grants ?? 0)} grants
              </Badge>
            )}
            {reconciled === false && (
              <Badge tone="danger">
                The snapshot has {formatCount(grants ?? 0)} grants: the counts differ
              </Badge>
            )}
          </span>
        </Field>
        <Field label="Size">
          <span className="tabular-nums">
            {formatCount(record.bytes)} bytes ({formatBytes(record.bytes)})
          </span>
        </Field>
        <Field label="SHA-256">
          <span className="-my-1.5 flex min-w-0 items-center gap-1">
            <code
              data-testid="export-sha256"
              className="min-w-0 font-mono text-xs break-all text-slate-900"
            >
              {record.sha256}
            </code>
            <CopyButton iconOnly label="Copy the export's SHA-256" value={record.sha256} />
          </span>
        </Field>
        <Field label="Generated">
          <span className="font-mono text-xs">{formatUtcTimestamp(record.createdAt)}</span> by{" "}
          <ActorName actor={record.createdBy} name={record.createdByName} />
        </Field>
      </dl>
      <div className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200 ring-inset">
        <p>
          To re-perform the hash on the downloaded file (saved as{" "}
          <span className="font-mono text-xs">{savedName}</span>):
        </p>
        <pre className="mt-1 overflow-x-auto font-mono text-xs leading-5 text-slate-800">
          {`shasum -a 256 ${savedName}\nGet-FileHash ${savedName} -Algorithm SHA256`}
        </pre>
      </div>
    </div>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 text-slate-700">{children}</dd>
    </>
  );
}
