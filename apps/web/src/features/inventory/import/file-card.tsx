import type { ReactNode } from "react";
import { Badge } from "@/components/badge";
import { Button } from "@/components/button";
import { AlertIcon, CheckIcon, FileIcon, SpinnerIcon, XIcon } from "@/components/icons";
import {
  type FilePreview,
  formatLabels,
  formatOf,
  previewRowCount,
  requiredColumns,
} from "@/features/inventory/import/file-preview";
import { formatBytes, formatCount } from "@/features/inventory/inventory-format";
import { cx } from "@/lib/cx";

export interface ChosenFile {
  id: number;
  file: File;
  /** null while the first rows are being read. */
  preview: FilePreview | null;
  /** Another chosen file has the same name; the server refuses that. */
  duplicate: boolean;
}

/** Why a file stops the import from starting, or null when it may go. */
export function fileBlocker({ file, preview, duplicate }: ChosenFile): string | null {
  if (duplicate) return `${file.name}: another file has the same name`;
  if (!preview) return `${file.name}: still being read`;
  if (preview.status === "unsupported") return `${file.name}: not a CSV or JSON Lines file`;
  if (preview.status === "unreadable") return `${file.name}: ${preview.message}`;
  if (!preview.layout) return `${file.name}: its columns match no import layout`;
  return null;
}

export function FileCard({
  chosen,
  onRemove,
  disabled,
}: {
  chosen: ChosenFile;
  onRemove: () => void;
  disabled: boolean;
}) {
  const { file, preview, duplicate } = chosen;
  const format = formatOf(file.name);
  const blocked = fileBlocker(chosen) !== null && preview !== null;

  return (
    <li
      aria-label={file.name}
      className={cx(
        "overflow-hidden rounded-lg border bg-white",
        blocked ? "border-red-300" : "border-slate-200",
      )}
    >
      <div className="flex flex-wrap items-start gap-3 px-4 py-3">
        <FileIcon className="mt-0.5 size-5 shrink-0 text-slate-400" />
        <div className="min-w-0 flex-1">
          <div className="font-medium break-all text-slate-900">{file.name}</div>
          <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
            <span className="tabular-nums" title={`${formatCount(file.size)} bytes`}>
              {formatBytes(file.size)}
            </span>
            {format ? (
              <Badge tone="neutral">{formatLabels[format]}</Badge>
            ) : (
              <Badge tone="danger">Unsupported format</Badge>
            )}
            <LayoutStatus preview={preview} />
          </div>
        </div>
        <Button
          variant="ghost"
          size="sm"
          onClick={onRemove}
          disabled={disabled}
          aria-label={`Remove ${file.name}`}
          className="text-slate-600"
        >
          <XIcon className="size-4" />
          Remove
        </Button>
      </div>
      {duplicate && (
        <Problem>
          Another file has the same name. The server keeps files by name: remove one of them.
        </Problem>
      )}
      {preview?.status === "unsupported" && <Problem>This file {preview.message}</Problem>}
      {preview?.status === "unreadable" && <Problem>This file {preview.message}</Problem>}
      {preview?.status === "read" && preview.mismatch && <Problem>{preview.mismatch}</Problem>}
      {preview?.status === "read" && <PreviewTable preview={preview} />}
    </li>
  );
}

function LayoutStatus({ preview }: { preview: FilePreview | null }) {
  if (!preview) {
    return (
      <span className="inline-flex items-center gap-1 text-slate-500">
        <SpinnerIcon className="size-3.5 animate-spin" />
        Reading the first rows…
      </span>
    );
  }
  if (preview.status !== "read") return null;
  if (!preview.layout) {
    return <Badge tone="danger">Unknown layout</Badge>;
  }
  return (
    <span className="inline-flex items-center gap-1 text-emerald-800">
      <CheckIcon className="size-3.5" />
      Layout: <Badge tone="success">{preview.layout}</Badge>
    </span>
  );
}

function Problem({ children }: { children: ReactNode }) {
  return (
    <p className="flex items-start gap-2 border-t border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
      <AlertIcon className="mt-0.5 size-4 shrink-0" />
      <span>{children}</span>
    </p>
  );
}

function PreviewTable({ preview }: { preview: Extract<FilePreview, { status: "read" }> }) {
  const required = preview.layout ? requiredColumns(preview.layout) : new Set<string>();
  const problemAt = new Map(
    preview.problems.map((problem) => [`${problem.row}:${problem.column}`, problem.message]),
  );
  const rowLabel = preview.format === "csv" ? "Row" : "Line";
  return (
    <div className="border-t border-slate-200">
      <div className="overflow-x-auto">
        <table
          aria-label={`First rows of ${preview.format === "csv" ? "the CSV" : "the JSON Lines"} file`}
          className="w-full border-collapse text-left text-xs"
        >
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap text-slate-400">
                {rowLabel}
              </th>
              {preview.columns.map((column, index) => (
                <th
                  // Columns may repeat in a malformed header; the position keeps keys unique.
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above
                  key={`${column}-${index}`}
                  scope="col"
                  title={required.has(column) ? "Required column" : undefined}
                  className={cx(
                    "px-3 py-2 font-mono font-medium whitespace-nowrap",
                    required.has(column) && "text-slate-900",
                  )}
                >
                  {column || <span className="text-red-700">(empty)</span>}
                  {required.has(column) && <span className="text-accent-600">*</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 text-slate-700">
            {preview.rows.map((row) => (
              <tr key={row.row}>
                <td className="px-3 py-1.5 text-slate-400 tabular-nums">{row.row}</td>
                {preview.columns.map((column, index) => {
                  const problem = problemAt.get(`${row.row}:${column}`);
                  const value = row.cells[index] ?? "";
                  return (
                    <td
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                      key={`${column}-${index}`}
                      title={problem ?? (value.length > 40 ? value : undefined)}
                      className={cx(
                        "max-w-64 truncate px-3 py-1.5 whitespace-nowrap",
                        problem && "bg-red-50 text-red-800 ring-1 ring-red-200 ring-inset",
                      )}
                    >
                      {value || <span className="text-slate-300">—</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="space-y-1 border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
        <p>
          {preview.rows.length === 0
            ? "The file has a header and no rows yet."
            : `The first ${Math.min(preview.rows.length, previewRowCount)} ${preview.rows.length === 1 ? "row" : "rows"}, read in your browser.${preview.layout ? " Columns marked * are required." : ""}`}
        </p>
        {preview.problems.length > 0 && (
          <ul className="space-y-0.5 text-red-700">
            {preview.problems.slice(0, 5).map((problem) => (
              <li key={`${problem.row}:${problem.column}`}>
                {rowLabel} {problem.row}, {problem.column}: {problem.message}
              </li>
            ))}
          </ul>
        )}
        {preview.notes.map((note) => (
          <p key={note} className="text-amber-700">
            {note}
          </p>
        ))}
      </div>
    </div>
  );
}
