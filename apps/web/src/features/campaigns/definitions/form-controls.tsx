import type { Role } from "@attest/domain/access/roles";
import { type ReactNode, useId } from "react";
import { inputClasses } from "@/components/form-fields";
import { cx } from "@/lib/cx";

/** Someone a definition may name, as campaigns.definitions.people lists them. */
export interface Person {
  id: string;
  displayName: string;
  email: string;
  roles: Role[];
}

/** One part of the editor (Control, Scope…): a titled block the page's sections stack. */
export function EditorSection({
  title,
  description,
  children,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <section
      aria-labelledby={titleId}
      className="rounded-lg border border-slate-200 bg-white shadow-xs"
    >
      <header className="border-b border-slate-200 px-4 py-3 md:px-5">
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        {description && <p className="mt-0.5 text-sm text-slate-600">{description}</p>}
      </header>
      <div className="space-y-5 px-4 py-4 md:px-5 md:py-5">{children}</div>
    </section>
  );
}

export function FieldMessage({
  id,
  error,
  hint,
}: {
  id: string;
  error?: string | undefined;
  hint?: ReactNode;
}) {
  if (error)
    return (
      <p id={id} className="mt-1 text-xs text-red-700">
        {error}
      </p>
    );
  if (hint)
    return (
      <p id={id} className="mt-1 text-xs text-slate-500">
        {hint}
      </p>
    );
  return null;
}

/** A group of related inputs under one small label, with its error or hint below. */
export function FieldGroup({
  legend,
  error,
  hint,
  children,
  className,
}: {
  legend: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const messageId = useId();
  return (
    <fieldset
      className={cx("min-w-0", className)}
      aria-describedby={error || hint ? messageId : undefined}
    >
      <legend className="mb-1.5 text-xs font-medium text-slate-600">{legend}</legend>
      {children}
      <FieldMessage id={messageId} error={error} hint={hint} />
    </fieldset>
  );
}

/** A radio with a bold label and one line saying what choosing it means. */
export function RadioOption({
  name,
  value,
  checked,
  onChange,
  label,
  description,
  invalid,
}: {
  name: string;
  value: string;
  checked: boolean;
  onChange: (value: string) => void;
  label: string;
  description: ReactNode;
  invalid?: boolean;
}) {
  const descriptionId = useId();
  return (
    <label
      className={cx(
        "flex cursor-pointer gap-3 rounded-md px-3 py-2.5 ring-1 ring-inset transition-colors",
        checked
          ? "bg-accent-50/60 ring-accent-600/40"
          : "ring-slate-200 hover:bg-slate-50 has-disabled:hover:bg-transparent",
        "has-disabled:cursor-default",
      )}
    >
      <input
        type="radio"
        name={name}
        value={value}
        checked={checked}
        onChange={() => onChange(value)}
        aria-describedby={descriptionId}
        aria-invalid={invalid || undefined}
        className="mt-0.5 size-4 shrink-0 accent-accent-600"
      />
      <span className="min-w-0">
        <span className="block text-sm font-medium text-slate-900">{label}</span>
        <span id={descriptionId} className="mt-0.5 block text-xs text-slate-600">
          {description}
        </span>
      </span>
    </label>
  );
}

/** A checkbox that reads as a pill: for picking a few of a short list (risk levels, kinds). */
export function ToggleChip({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label
      className={cx(
        "inline-flex h-8 cursor-pointer items-center gap-1.5 rounded-full px-3 text-sm ring-1 ring-inset transition-colors select-none has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-accent-600",
        checked
          ? "bg-accent-50 font-medium text-accent-800 ring-accent-600/40"
          : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
        "has-disabled:cursor-default has-disabled:opacity-70",
      )}
    >
      <input
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        className="sr-only"
      />
      {label}
    </label>
  );
}

/** A labelled checkbox with an optional line under its label. */
export function CheckboxOption({
  label,
  description,
  checked,
  onChange,
}: {
  label: string;
  description?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const descriptionId = useId();
  return (
    <label className="flex cursor-pointer items-start gap-2.5 has-disabled:cursor-default">
      <input
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={description ? descriptionId : undefined}
        className="mt-0.5 size-4 shrink-0 rounded accent-accent-600"
      />
      <span className="min-w-0">
        <span className="block text-sm font-medium text-slate-900">{label}</span>
        {description && (
          <span id={descriptionId} className="mt-0.5 block text-xs text-slate-600">
            {description}
          </span>
        )}
      </span>
    </label>
  );
}

/** Picks a person by name; someone already named who is no longer offered stays shown. */
export function PersonSelect({
  label,
  people,
  value,
  onChange,
  error,
  hint,
  placeholder = "Choose…",
  className,
}: {
  label: string;
  people: readonly Pick<Person, "id" | "displayName" | "email">[];
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
  placeholder?: string;
  className?: string;
}) {
  const id = useId();
  const messageId = useId();
  const missing = value !== "" && !people.some((person) => person.id === value);
  return (
    <div className={cx("min-w-0", className)}>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? messageId : undefined}
        className={cx(inputClasses, "pr-8")}
      >
        <option value="">{placeholder}</option>
        {missing && <option value={value}>A user no longer offered</option>}
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.email ? `${person.displayName} (${person.email})` : person.displayName}
          </option>
        ))}
      </select>
      <FieldMessage id={messageId} error={error} hint={hint} />
    </div>
  );
}

const narrowInputClasses = inputClasses.replace("w-full", "w-20");

/** A small whole-number input with a unit after it ("21 days"). */
export function DaysInput({
  label,
  labelHidden = false,
  before,
  value,
  onChange,
  unit = "days",
  error,
  hint,
  disabled,
  className,
}: {
  label: string;
  /** When the words around the input already say what it is (the label stays for screen readers). */
  labelHidden?: boolean;
  /** Words before the input, on its line ("after"). */
  before?: string;
  value: string;
  onChange: (value: string) => void;
  unit?: string;
  error?: string | undefined;
  hint?: ReactNode;
  disabled?: boolean;
  className?: string;
}) {
  const id = useId();
  const messageId = useId();
  return (
    <div className={cx("min-w-0", className)}>
      <label
        htmlFor={id}
        className={labelHidden ? "sr-only" : "mb-1 block text-xs font-medium text-slate-600"}
      >
        {label}
      </label>
      <div className="flex items-center gap-2">
        {before && <span className="text-sm text-slate-600">{before}</span>}
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={0}
          max={365}
          step={1}
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error || hint ? messageId : undefined}
          className={cx(narrowInputClasses, "tabular-nums")}
        />
        <span className="text-sm whitespace-nowrap text-slate-600">{unit}</span>
      </div>
      <FieldMessage id={messageId} error={error} hint={hint} />
    </div>
  );
}
