import { warningKinds, warningLabels } from "@attest/domain/inventory/import-warnings";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Badge } from "@/components/badge";
import { ButtonLink } from "@/components/button";
import { Card, StatCard } from "@/components/card";
import { CopyButton } from "@/components/copy-button";
import { CursorPagination } from "@/components/cursor-pagination";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { type FilterTab, FilterTabs } from "@/components/filter-tabs";
import { SelectField } from "@/components/form-fields";
import { AlertIcon, CheckIcon } from "@/components/icons";
import { LoadingState } from "@/components/loading-state";
import { numericCell, Table, TableBody, TableHead, Td, Th, Tr } from "@/components/table";
import { useCursorPages } from "@/features/inventory/browser/browser-state";
import { DownloadLink } from "@/features/inventory/import/download-link";
import { SeverityBadge } from "@/features/inventory/inventory-badges";
import {
  formatBytes,
  formatCount,
  type ImportReport,
  orderedCounts,
  plural,
  type StoredImport,
  shortHash,
  snapshotParam,
  type WarningKind,
} from "@/features/inventory/inventory-format";
import { cx } from "@/lib/cx";
import { formatUtcTimestamp } from "@/lib/dates";
import { useTRPC } from "@/lib/trpc";

type Severity = "error" | "warning";

const pageSize = 50;

export function ImportReportView({
  stored,
  report,
  canImport,
}: {
  stored: StoredImport;
  report: ImportReport;
  canImport: boolean;
}) {
  const succeeded = report.status === "succeeded" && report.snapshotId !== null;
  const [filters, setFilters] = useState<IssueFilters>({ severity: "all", kind: "", file: "" });

  const showKind = (kind: WarningKind) => {
    setFilters({ severity: "warning", kind, file: "" });
    // jsdom has no scrollIntoView; browsers do.
    document.getElementById("import-problems")?.scrollIntoView?.({ block: "start" });
  };

  return (
    <div className="space-y-6">
      <Outcome report={report} canImport={canImport} />

      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
        {succeeded &&
          orderedCounts({ ...report.counts }).map(({ label, value }) => (
            <StatCard key={label} label={label} value={formatCount(value)} />
          ))}
        <StatCard
          label="Errors"
          value={formatCount(report.errorCount)}
          tone={report.errorCount > 0 ? "danger" : "neutral"}
        />
        <StatCard
          label="Warnings"
          value={formatCount(report.warningCount)}
          tone={report.warningCount > 0 ? "warning" : "neutral"}
        />
        {!succeeded && (
          <StatCard
            label="Files"
            value={formatCount(report.files.length)}
            hint={formatBytes(report.files.reduce((sum, file) => sum + file.bytes, 0))}
          />
        )}
      </div>

      <FilesCard report={report} />

      <div className="grid gap-6 lg:grid-cols-2">
        <WarningKindsCard report={report} onShowKind={showKind} />
        <DetailsCard stored={stored} report={report} />
      </div>

      <ProblemsCard
        importId={stored.id}
        report={report}
        filters={filters}
        onFiltersChange={setFilters}
      />
    </div>
  );
}

function Outcome({ report, canImport }: { report: ImportReport; canImport: boolean }) {
  if (report.status === "succeeded" && report.snapshotId) {
    return (
      <div
        role="status"
        className="flex flex-wrap items-start gap-3 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3"
      >
        <CheckIcon className="mt-0.5 size-5 shrink-0 text-emerald-600" />
        <div className="min-w-0 flex-1">
          <h2 className="font-semibold text-emerald-900">
            Imported a new snapshot of {report.source}
          </h2>
          <p className="mt-0.5 text-sm text-emerald-900/80">
            {plural(report.counts.grants, "grant")} of{" "}
            {plural(report.counts.identities, "identity", "identities")} on{" "}
            {plural(report.counts.systems, "system")}
            {report.warningCount > 0
              ? `, with ${plural(report.warningCount, "warning")}: warnings do not block an import; reviewers and auditors see them.`
              : ", with no warnings."}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <ButtonLink to={`/inventory/snapshots/${report.snapshotId}`} variant="primary" size="sm">
            Open the population report
          </ButtonLink>
          <ButtonLink
            to={`/inventory/browse/identities?${snapshotParam}=${report.snapshotId}`}
            size="sm"
          >
            Browse the snapshot
          </ButtonLink>
        </div>
      </div>
    );
  }
  return (
    <div
      role="alert"
      className="flex flex-wrap items-start gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3"
    >
      <AlertIcon className="mt-0.5 size-5 shrink-0 text-red-600" />
      <div className="min-w-0 flex-1">
        <h2 className="font-semibold text-red-900">
          Nothing was imported: {plural(report.errorCount, "error")}
        </h2>
        <p className="mt-0.5 text-sm text-red-900/80">
          An import is all or nothing, so the inventory is as it was. Correct the rows listed below
          in the source files, then import them again.
        </p>
      </div>
      {canImport && (
        <ButtonLink to="/inventory/import" size="sm">
          Import again
        </ButtonLink>
      )}
    </div>
  );
}

function FilesCard({ report }: { report: ImportReport }) {
  return (
    <Card
      title="Files"
      description={
        report.snapshotId
          ? "Each file as received, with the SHA-256 recorded in the snapshot."
          : "Each file as received, with its SHA-256."
      }
    >
      <Table label="Imported files" minWidth="48rem">
        <TableHead>
          <tr>
            <Th>File</Th>
            <Th>Layout</Th>
            <Th className="text-right">Rows</Th>
            <Th className="text-right">Size</Th>
            <Th>SHA-256</Th>
          </tr>
        </TableHead>
        <TableBody>
          {report.files.map((file) => (
            <Tr key={file.name}>
              <Td className="font-medium break-all text-slate-900">{file.name}</Td>
              <Td>
                {file.layout ? (
                  <Badge tone="success">{file.layout}</Badge>
                ) : (
                  <Badge tone="danger">Not recognised</Badge>
                )}
              </Td>
              <Td className={numericCell}>{formatCount(file.rows)}</Td>
              <Td className={cx(numericCell, "whitespace-nowrap")}>
                <span title={`${formatCount(file.bytes)} bytes`}>{formatBytes(file.bytes)}</span>
              </Td>
              <Td>
                {file.sha256 ? (
                  <div className="-my-1.5 flex items-center gap-1">
                    <code className="font-mono text-xs text-slate-700" title={file.sha256}>
                      {shortHash(file.sha256)}
                    </code>
                    <CopyButton
                      iconOnly
                      label={`Copy SHA-256 of ${file.name}`}
                      value={file.sha256}
                    />
                  </div>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </Td>
            </Tr>
          ))}
        </TableBody>
      </Table>
      {report.files.length === 0 && (
        <p className="px-4 py-3 text-sm text-slate-600">No file was read.</p>
      )}
    </Card>
  );
}

function WarningKindsCard({
  report,
  onShowKind,
}: {
  report: ImportReport;
  onShowKind: (kind: WarningKind) => void;
}) {
  return (
    <Card title="Warnings by kind" description="Counted over every row, listed or not.">
      <ul className="divide-y divide-slate-100">
        {warningKinds.map((kind) => {
          const count = report.warningCounts[kind] ?? 0;
          return (
            <li key={kind} className="flex items-center justify-between gap-3 px-4 py-2">
              <span className={cx("text-sm", count > 0 ? "text-slate-800" : "text-slate-400")}>
                {warningLabels[kind]}
              </span>
              {count > 0 ? (
                <button
                  type="button"
                  onClick={() => onShowKind(kind)}
                  aria-label={`Show ${plural(count, "warning")}: ${warningLabels[kind]}`}
                  className="rounded-full bg-amber-50 px-2 text-sm font-medium text-amber-800 tabular-nums ring-1 ring-amber-600/25 ring-inset hover:bg-amber-100"
                >
                  {formatCount(count)}
                </button>
              ) : (
                <span className="px-2 text-sm text-slate-400 tabular-nums">0</span>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

function DetailsCard({ stored, report }: { stored: StoredImport; report: ImportReport }) {
  const seconds = Math.max(
    0,
    (new Date(report.finishedAt).getTime() - new Date(report.startedAt).getTime()) / 1000,
  );
  return (
    <Card title="Parameters and timing">
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 px-4 py-3 text-sm">
        <dt className="text-slate-500">Source</dt>
        <dd className="font-medium text-slate-900">{report.source}</dd>
        <dt className="text-slate-500">Rotation policy</dt>
        <dd className="text-slate-900">
          {plural(report.parameters.rotationPolicyDays, "day")} for non-human credentials
        </dd>
        <dt className="text-slate-500">Started</dt>
        <dd className="font-mono text-xs text-slate-700">{formatUtcTimestamp(report.startedAt)}</dd>
        <dt className="text-slate-500">Finished</dt>
        <dd className="font-mono text-xs text-slate-700">
          {formatUtcTimestamp(report.finishedAt)}{" "}
          <span className="font-sans text-slate-500">
            ({seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s)
          </span>
        </dd>
        <dt className="text-slate-500">Import id</dt>
        <dd className="flex min-w-0 items-center gap-1">
          <code className="truncate font-mono text-xs text-slate-700">{stored.id}</code>
          <CopyButton iconOnly label="Copy import id" value={stored.id} className="-my-1" />
        </dd>
      </dl>
    </Card>
  );
}

interface IssueFilters {
  severity: "all" | Severity;
  kind: WarningKind | "";
  file: string;
}

/**
 * How many problems match the filters, from the report's counts (which cover every row); null
 * when a file is chosen, which the report does not count by.
 */
function matchingCount(report: ImportReport, filters: IssueFilters): number | null {
  if (filters.file) return null;
  if (filters.kind) return report.warningCounts[filters.kind] ?? 0;
  if (filters.severity === "error") return report.errorCount;
  if (filters.severity === "warning") return report.warningCount;
  return report.errorCount + report.warningCount;
}

/** The same for an import made before every problem was kept: only its lists can be paged. */
function matchingListed(report: ImportReport, filters: IssueFilters): number {
  const matches = (severity: Severity, issue: { file: string; kind?: WarningKind }) =>
    (filters.severity === "all" || filters.severity === severity) &&
    (filters.kind === "" || issue.kind === filters.kind) &&
    (filters.file === "" || issue.file === filters.file);
  return (
    report.errors.filter((error) => matches("error", error)).length +
    report.warnings.filter((warning) => matches("warning", warning)).length
  );
}

function ProblemsCard({
  importId,
  report,
  filters,
  onFiltersChange,
}: {
  importId: string;
  report: ImportReport;
  filters: IssueFilters;
  onFiltersChange: (filters: IssueFilters) => void;
}) {
  const trpc = useTRPC();
  // New filters start again at the first page.
  const pages = useCursorPages(JSON.stringify([importId, filters]));
  const query = useQuery({
    ...trpc.inventory.importIssues.queryOptions({
      importId,
      ...(filters.severity === "all" ? {} : { severity: filters.severity }),
      ...(filters.kind ? { kind: filters.kind } : {}),
      ...(filters.file ? { file: filters.file } : {}),
      limit: pageSize,
      ...(pages.after === undefined ? {} : { after: Number(pages.after) }),
    }),
    placeholderData: keepPreviousData,
  });

  const problemCount = report.errorCount + report.warningCount;
  const files = useMemo(
    () =>
      [
        ...new Set([
          ...report.files.map((file) => file.name),
          ...report.errors.map((error) => error.file),
          ...report.warnings.map((warning) => warning.file),
        ]),
      ].filter(Boolean),
    [report],
  );
  const complete = query.data?.complete !== false;
  const total = complete ? matchingCount(report, filters) : matchingListed(report, filters);
  const tabs: FilterTab<IssueFilters["severity"]>[] = [
    { value: "all", label: "All", count: problemCount },
    { value: "error", label: "Errors", count: report.errorCount },
    { value: "warning", label: "Warnings", count: report.warningCount },
  ];

  return (
    <div id="import-problems" className="scroll-mt-20">
      <Card
        title="Errors and warnings"
        description={
          complete
            ? "Every problem found, with the file, row and column to correct."
            : `This import was made before every problem was kept: the list shows the first ${formatCount(Math.max(report.errors.length, report.warnings.length))} of each; the counts above cover every row.`
        }
        actions={
          <DownloadLink
            href={`/api/inventory/imports/${importId}/report.csv`}
            fallbackName={`import-report-${importId.slice(0, 8)}.csv`}
          >
            Download report (CSV)
          </DownloadLink>
        }
      >
        <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3">
          <FilterTabs
            label="Severity"
            tabs={tabs}
            value={filters.severity}
            onChange={(severity) =>
              onFiltersChange({
                ...filters,
                severity,
                kind: severity === "error" ? "" : filters.kind,
              })
            }
          />
          <SelectField
            label="Warning kind"
            value={filters.kind}
            disabled={filters.severity === "error"}
            onChange={(kind) =>
              onFiltersChange({
                ...filters,
                kind: kind as WarningKind | "",
                severity: kind ? "warning" : filters.severity,
              })
            }
            className="w-full sm:w-72"
          >
            <option value="">Any kind</option>
            {warningKinds
              .filter((kind) => (report.warningCounts[kind] ?? 0) > 0)
              .map((kind) => (
                <option key={kind} value={kind}>
                  {warningLabels[kind]} ({formatCount(report.warningCounts[kind] ?? 0)})
                </option>
              ))}
          </SelectField>
          <SelectField
            label="File"
            value={filters.file}
            onChange={(file) => onFiltersChange({ ...filters, file })}
            className="w-full sm:w-56"
          >
            <option value="">All files</option>
            {files.map((file) => (
              <option key={file} value={file}>
                {file}
              </option>
            ))}
          </SelectField>
        </div>
        {query.isPending ? (
          <LoadingState label="Loading the errors and warnings" rows={5} columns={5} />
        ) : query.isError ? (
          <ErrorState
            title="The errors and warnings could not be loaded"
            error={query.error}
            onRetry={() => query.refetch()}
          />
        ) : query.data.rows.length === 0 ? (
          <EmptyState
            title={problemCount === 0 ? "No errors or warnings" : "Nothing matches these filters"}
            description={
              problemCount === 0
                ? "Every row of every file was read without a problem."
                : "Choose another severity, kind or file."
            }
          />
        ) : (
          <div className={cx(query.isPlaceholderData && "opacity-60 transition-opacity")}>
            <Table label="Errors and warnings" minWidth="44rem">
              <TableHead>
                <tr>
                  <Th>Severity</Th>
                  <Th>File</Th>
                  <Th className="text-right">Row</Th>
                  <Th>Column</Th>
                  <Th>Message</Th>
                </tr>
              </TableHead>
              <TableBody>
                {query.data.rows.map((issue) => (
                  <Tr key={issue.seq}>
                    <Td className="w-36">
                      <SeverityBadge severity={issue.severity} />
                      {issue.kind && (
                        <div className="mt-1 text-xs text-slate-500">
                          {warningLabels[issue.kind]}
                        </div>
                      )}
                    </Td>
                    <Td className="max-w-48 break-words text-slate-900">{issue.file || "—"}</Td>
                    <Td className={numericCell}>
                      {issue.row === null ? "—" : formatCount(issue.row)}
                    </Td>
                    <Td className="font-mono text-xs">{issue.column ?? "—"}</Td>
                    <Td className="min-w-56 text-slate-800">{issue.message}</Td>
                  </Tr>
                ))}
              </TableBody>
            </Table>
            <CursorPagination
              label="Errors and warnings pages"
              pageIndex={pages.pageIndex}
              pageSize={pageSize}
              rowCount={query.data.rows.length}
              total={total ?? 0}
              totalCapped={total === null && query.data.next !== null}
              hasNext={query.data.next !== null && !query.isPlaceholderData}
              onPrevious={pages.previous}
              onNext={() => {
                if (query.data.next !== null) pages.next(String(query.data.next));
              }}
            />
          </div>
        )}
      </Card>
    </div>
  );
}
