import type { ErrorDescription } from "@/lib/errors";

/** The schema's messages start in lower case ("use 1 to 63 …"); beside a field they read as sentences. */
function asSentence(message: string): string {
  const trimmed = message.trim();
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

/** The issues of a failed safeParse, one sentence per field. */
export function localFieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "input");
    errors[field] ??= asSentence(issue.message);
  }
  return errors;
}

/**
 * Splits the server's refusal into messages beside the form's own fields and one sentence for
 * everything else (a refusal, a lost connection).
 */
export function serverErrors<Field extends string>(
  error: ErrorDescription | null,
  fields: readonly Field[],
): { fieldErrors: FieldErrors<Field>; general: string | null } {
  if (!error) return { fieldErrors: {}, general: null };
  const fieldErrors: FieldErrors<Field> = {};
  for (const field of fields) {
    const messages = error.fieldErrors[field];
    if (messages && messages.length > 0) fieldErrors[field] = messages.map(asSentence).join(" ");
  }
  return { fieldErrors, general: Object.keys(fieldErrors).length > 0 ? null : error.message };
}
