import { useId } from "react";

/** A required, labelled multi-line field for a reason or a statement, with its hint and error. */
export function TextAreaField({
  label,
  hint,
  error,
  value,
  onChange,
  maxLength,
  rows = 4,
  placeholder,
}: {
  label: string;
  hint: string;
  error: string | null | undefined;
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  rows?: number;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <p id={`${id}-hint`} className="mt-0.5 text-xs text-slate-500">
        {hint}
      </p>
      <textarea
        id={id}
        data-autofocus
        rows={rows}
        required
        maxLength={maxLength}
        value={value}
        placeholder={placeholder}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        className="mt-2 block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-xs ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-accent-600 focus:outline-none aria-invalid:ring-red-500"
      />
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** The first message a zod parse gives for a field, for showing beside it. */
export function firstIssue(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  field: string,
): string | null {
  return issues.find((issue) => issue.path[0] === field)?.message ?? null;
}
