import { importLayouts, layoutColumns } from "@attest/domain/inventory/import-layouts";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { Button } from "@/components/button";
import { Card } from "@/components/card";
import { InlineAlert } from "@/components/error-state";
import { TextField } from "@/components/form-fields";
import { SpinnerIcon, UploadIcon } from "@/components/icons";
import { PageHeader } from "@/components/page-header";
import { ProgressBar } from "@/components/progress-bar";
import { DropZone } from "@/features/inventory/import/drop-zone";
import { type ChosenFile, FileCard, fileBlocker } from "@/features/inventory/import/file-card";
import { previewFile } from "@/features/inventory/import/file-preview";
import { formatBytes, plural } from "@/features/inventory/inventory-format";
import { isAbortError, TransferError, uploadForm } from "@/lib/file-transfer";
import { useTRPC } from "@/lib/trpc";

const sourceStorageKey = "attest.inventory.lastSource";
/** What the server accepts as a source name (inventory-routes.ts). */
const sourcePattern = /^[A-Za-z0-9][A-Za-z0-9 ._:-]{0,99}$/;

function rememberedSource(): string {
  try {
    return window.localStorage.getItem(sourceStorageKey) ?? "";
  } catch {
    return "";
  }
}

function rememberSource(source: string): void {
  try {
    window.localStorage.setItem(sourceStorageKey, source);
  } catch {
    // Private browsing may refuse storage; the field is then simply empty next time.
  }
}

function sourceProblem(source: string): string | null {
  const trimmed = source.trim();
  if (trimmed === "") return null;
  return sourcePattern.test(trimmed)
    ? null
    : "Use up to 100 letters, digits, spaces and . _ : - starting with a letter or digit.";
}

function rotationProblem(value: string): string | null {
  if (value.trim() === "") return null;
  const days = Number(value);
  return Number.isInteger(days) && days >= 1 && days <= 3650
    ? null
    : "A whole number of days between 1 and 3650.";
}

type UploadState =
  | { status: "idle" }
  | { status: "uploading"; loaded: number; total: number }
  | { status: "failed"; message: string };

/** What the import progress page shows about the upload that started it. */
export interface UploadSummary {
  files: number;
  bytes: number;
}

let nextFileId = 1;

function markDuplicates(files: ChosenFile[]): ChosenFile[] {
  const counts = new Map<string, number>();
  for (const { file } of files) counts.set(file.name, (counts.get(file.name) ?? 0) + 1);
  return files.map((chosen) => ({
    ...chosen,
    duplicate: (counts.get(chosen.file.name) ?? 0) > 1,
  }));
}

export function ImportPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const reasonsId = useId();
  const [source, setSource] = useState(rememberedSource);
  const [rotationDays, setRotationDays] = useState("");
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [upload, setUpload] = useState<UploadState>({ status: "idle" });
  const abortRef = useRef<AbortController | null>(null);
  const uploading = upload.status === "uploading";

  // Leaving the page cancels an upload in flight.
  useEffect(() => () => abortRef.current?.abort(), []);

  const addFiles = (added: File[]) => {
    const chosen = added.map((file) => ({
      id: nextFileId++,
      file,
      preview: null,
      duplicate: false,
    }));
    setFiles((current) => markDuplicates([...current, ...chosen]));
    if (upload.status === "failed") setUpload({ status: "idle" });
    for (const { id, file } of chosen) {
      void previewFile(file)
        .catch(
          () =>
            ({
              status: "unsupported",
              message: "could not be read by the browser.",
            }) as const,
        )
        .then((preview) => {
          setFiles((current) => current.map((f) => (f.id === id ? { ...f, preview } : f)));
        });
    }
  };

  const removeFile = (id: number) => {
    setFiles((current) => markDuplicates(current.filter((f) => f.id !== id)));
  };

  const sourceError = sourceProblem(source);
  const rotationError = rotationProblem(rotationDays);
  const reasons = [
    source.trim() === "" ? "Name the source of these files." : null,
    sourceError ? "Correct the source name." : null,
    rotationError ? "Correct the rotation policy." : null,
    files.length === 0 ? "Add at least one file." : null,
    ...files.map(fileBlocker),
  ].filter((reason): reason is string => reason !== null);
  const canSubmit = reasons.length === 0 && !uploading;
  const totalBytes = files.reduce((sum, { file }) => sum + file.size, 0);

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canSubmit) return;
    const form = new FormData();
    const name = source.trim();
    form.append("source", name);
    if (rotationDays.trim()) form.append("rotationDays", rotationDays.trim());
    for (const { file } of files) form.append("files", file, file.name);
    const controller = new AbortController();
    abortRef.current = controller;
    setUpload({ status: "uploading", loaded: 0, total: totalBytes });
    try {
      const { importId } = await uploadForm<{ importId: string }>("/api/inventory/imports", form, {
        signal: controller.signal,
        onProgress: ({ loaded, total }) =>
          setUpload({ status: "uploading", loaded, total: total ?? totalBytes }),
      });
      rememberSource(name);
      void queryClient.invalidateQueries({ queryKey: trpc.inventory.imports.queryKey() });
      const summary: UploadSummary = { files: files.length, bytes: totalBytes };
      navigate(`/inventory/imports/${importId}`, { state: { upload: summary } });
    } catch (error) {
      if (isAbortError(error)) {
        setUpload({ status: "idle" });
        return;
      }
      if (error instanceof TransferError && error.status === 401) {
        // The session ended: the guard sends the person to sign in and back here.
        void queryClient.invalidateQueries({ queryKey: trpc.session.current.queryKey() });
      }
      setUpload({
        status: "failed",
        message: error instanceof TransferError ? error.message : "The upload failed. Try again.",
      });
    } finally {
      abortRef.current = null;
    }
  };

  return (
    <>
      <PageHeader
        back={{ to: "/inventory", label: "Inventory" }}
        title="Import inventory"
        description="Upload the exports of the systems in scope. They become one frozen, hashed snapshot, or — if any row has an error — nothing at all."
      />
      <form
        onSubmit={handleSubmit}
        noValidate
        className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]"
      >
        <div className="min-w-0 space-y-6">
          <Card title="Source" bodyClassName="grid gap-4 p-4 sm:grid-cols-2">
            <TextField
              label="Source name (required)"
              name="source"
              value={source}
              onChange={(event) => setSource(event.target.value)}
              placeholder="sox-population"
              autoComplete="off"
              maxLength={100}
              required
              disabled={uploading}
              error={sourceError}
              hint="Snapshots of the same source are compared with each other."
            />
            <TextField
              label="Rotation policy (days, optional)"
              name="rotationDays"
              type="number"
              inputMode="numeric"
              min={1}
              max={3650}
              value={rotationDays}
              onChange={(event) => setRotationDays(event.target.value)}
              placeholder="365"
              disabled={uploading}
              error={rotationError}
              hint="Non-human credentials not rotated within this many days are flagged."
            />
          </Card>

          <Card
            title="Files"
            description={
              files.length > 0
                ? `${plural(files.length, "file")}, ${formatBytes(totalBytes)}`
                : "Each file's layout is recognised from its columns."
            }
            bodyClassName="space-y-4 p-4"
          >
            <DropZone onFiles={addFiles} disabled={uploading} />
            {files.length > 0 && (
              <ul className="space-y-4" aria-label="Chosen files">
                {files.map((chosen) => (
                  <FileCard
                    key={chosen.id}
                    chosen={chosen}
                    disabled={uploading}
                    onRemove={() => removeFile(chosen.id)}
                  />
                ))}
              </ul>
            )}
          </Card>

          <Card className="sticky bottom-3 z-10 shadow-md" bodyClassName="space-y-3 p-4">
            {upload.status === "failed" && (
              <InlineAlert onDismiss={() => setUpload({ status: "idle" })}>
                The import did not start: {upload.message}
              </InlineAlert>
            )}
            {uploading ? (
              <UploadProgress
                loaded={upload.loaded}
                total={upload.total}
                files={files.length}
                onCancel={() => abortRef.current?.abort()}
              />
            ) : (
              <div className="flex flex-wrap items-start gap-4">
                <Button
                  type="submit"
                  variant="primary"
                  disabled={!canSubmit}
                  aria-describedby={reasons.length > 0 ? reasonsId : undefined}
                >
                  <UploadIcon className="size-4" />
                  {files.length > 0 ? `Import ${plural(files.length, "file")}` : "Import"}
                </Button>
                {reasons.length > 0 ? (
                  <div id={reasonsId} className="min-w-0 flex-1 text-sm text-slate-600">
                    <p className="font-medium text-slate-700">Before importing:</p>
                    <ul className="mt-0.5 list-inside list-disc">
                      {reasons.slice(0, 6).map((reason) => (
                        <li key={reason} className="break-words">
                          {reason}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : (
                  <p className="min-w-0 flex-1 pt-2 text-sm text-slate-600">
                    Every row is checked on the server before anything is written.
                  </p>
                )}
              </div>
            )}
          </Card>
        </div>

        <LayoutReference />
      </form>
    </>
  );
}

function UploadProgress({
  loaded,
  total,
  files,
  onCancel,
}: {
  loaded: number;
  total: number;
  files: number;
  onCancel: () => void;
}) {
  const percent = total > 0 ? Math.floor((Math.min(loaded, total) / total) * 100) : 0;
  return (
    <div className="flex flex-wrap items-center gap-4">
      <div className="min-w-0 flex-1">
        <div className="mb-1.5 flex flex-wrap items-center justify-between gap-2 text-sm">
          <span className="inline-flex items-center gap-2 font-medium text-slate-900">
            <SpinnerIcon className="size-4 animate-spin text-accent-600" />
            Uploading {plural(files, "file")}
          </span>
          <span className="text-slate-600 tabular-nums" role="status">
            {formatBytes(Math.min(loaded, total))} of {formatBytes(total)} ({percent}%)
          </span>
        </div>
        <ProgressBar value={percent} label="Upload progress" className="h-2" />
      </div>
      <Button onClick={onCancel}>Cancel upload</Button>
    </div>
  );
}

function LayoutReference() {
  return (
    <aside className="space-y-4 lg:sticky lg:top-20">
      <Card title="Layouts" bodyClassName="p-4 text-sm text-slate-700">
        <p>
          A file&apos;s layout is recognised from its header. Required columns are in bold; any
          other column must be one the layout knows.
        </p>
        <dl className="mt-3 space-y-3">
          {importLayouts.map((layout) => (
            <div key={layout}>
              <dt className="font-medium text-slate-900">{layout}</dt>
              <dd className="mt-0.5 font-mono text-xs leading-5 break-words text-slate-500">
                {layoutColumns[layout].map((spec, index) => (
                  <span key={spec.name}>
                    {index > 0 && ", "}
                    <span className={spec.required ? "font-semibold text-slate-800" : undefined}>
                      {spec.name}
                    </span>
                  </span>
                ))}
              </dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card bodyClassName="p-4 text-sm text-slate-600">
        <p>
          All or nothing: any error leaves the inventory as it was, and the report lists every error
          with its file, row and column. Warnings never block an import.
        </p>
        <p className="mt-2">From a terminal:</p>
        <code className="mt-1 block rounded bg-slate-50 px-2 py-1 font-mono text-xs break-words text-slate-800 ring-1 ring-slate-200 ring-inset">
          npx attest import FILE… --source NAME
        </code>
      </Card>
    </aside>
  );
}
