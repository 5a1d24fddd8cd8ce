import { type DragEvent, useId, useRef, useState } from "react";
import { Button } from "@/components/button";
import { UploadIcon } from "@/components/icons";
import { cx } from "@/lib/cx";

/**
 * Files dragged onto it, or chosen with its button (the keyboard way in): both hand the files
 * over the same way.
 */
export function DropZone({
  onFiles,
  disabled = false,
}: {
  onFiles: (files: File[]) => void;
  disabled?: boolean;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const inputId = useId();
  // dragenter/dragleave fire for every child crossed; count them so the highlight does not flicker.
  const [dragDepth, setDragDepth] = useState(0);
  const dragging = dragDepth > 0 && !disabled;

  const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes("Files");

  return (
    // A drop target for the mouse; the button inside is how the keyboard chooses files.
    // biome-ignore lint/a11y/noStaticElementInteractions: see above
    <div
      onDragEnter={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDragDepth((depth) => depth + 1);
      }}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = disabled ? "none" : "copy";
      }}
      onDragLeave={() => setDragDepth((depth) => Math.max(0, depth - 1))}
      onDrop={(event) => {
        event.preventDefault();
        setDragDepth(0);
        if (disabled) return;
        const files = Array.from(event.dataTransfer.files);
        if (files.length > 0) onFiles(files);
      }}
      data-testid="drop-zone"
      className={cx(
        "flex flex-col items-center justify-center gap-3 rounded-lg border-2 border-dashed px-6 py-8 text-center transition-colors",
        dragging ? "border-accent-500 bg-accent-50" : "border-slate-300 bg-slate-50/60",
        disabled && "opacity-60",
      )}
    >
      <UploadIcon
        className={cx("size-8", dragging ? "text-accent-600" : "text-slate-400")}
        aria-hidden="true"
      />
      <div>
        <p className="font-medium text-slate-900">
          {dragging ? "Drop the files to add them" : "Drag inventory files here"}
        </p>
        <p id={hintId} className="mt-0.5 text-sm text-slate-600">
          CSV (.csv) or JSON Lines (.jsonl), one or more files per import.
        </p>
      </div>
      <Button
        variant="secondary"
        disabled={disabled}
        aria-describedby={hintId}
        onClick={() => inputRef.current?.click()}
      >
        Choose files
      </Button>
      <label htmlFor={inputId} className="sr-only">
        Choose files to import
      </label>
      <input
        ref={inputRef}
        id={inputId}
        type="file"
        multiple
        accept=".csv,.jsonl,.ndjson,text/csv,application/jsonl"
        tabIndex={-1}
        className="sr-only"
        disabled={disabled}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          // Cleared so choosing the same file again (after removing it) still counts as a change.
          event.target.value = "";
          if (files.length > 0) onFiles(files);
        }}
      />
    </div>
  );
}
