import { isTrpcError } from "@/lib/trpc";

export interface ErrorDescription {
  /** One sentence a person can act on. */
  message: string;
  /** Messages per input field, when the server named the fields at fault. */
  fieldErrors: Record<string, string[]>;
}

const fallbackByCode: Record<string, string> = {
  UNAUTHORIZED: "Your session has ended. Sign in again to continue.",
  FORBIDDEN: "Your role does not allow this.",
  NOT_FOUND: "We could not find what you asked for.",
  CONFLICT: "This changed since you opened it. Reload to see its current state.",
  INTERNAL_SERVER_ERROR: "Something went wrong on our side. Try again in a moment.",
};

function readFieldErrors(data: unknown): Record<string, string[]> {
  if (typeof data !== "object" || data === null || !("fieldErrors" in data)) return {};
  const raw = (data as { fieldErrors: unknown }).fieldErrors;
  if (typeof raw !== "object" || raw === null) return {};
  const fieldErrors: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(raw)) {
    if (Array.isArray(messages)) {
      fieldErrors[field] = messages.filter((m): m is string => typeof m === "string");
    }
  }
  return fieldErrors;
}

/** Turns whatever a call threw into a sentence for the person who made it. */
export function describeError(error: unknown): ErrorDescription {
  if (isTrpcError(error)) {
    const code = error.data?.code;
    const fieldErrors = readFieldErrors(error.data);
    // The server's messages are written for people (see its errorFormatter); a network failure is not.
    if (!error.data) {
      return {
        message: "We could not reach the server. Check your connection and try again.",
        fieldErrors,
      };
    }
    const message =
      error.message || (code ? fallbackByCode[code] : undefined) || "The request failed.";
    return { message, fieldErrors };
  }
  if (error instanceof Error && error.message) {
    return { message: error.message, fieldErrors: {} };
  }
  return { message: "Something went wrong. Try again in a moment.", fieldErrors: {} };
}
