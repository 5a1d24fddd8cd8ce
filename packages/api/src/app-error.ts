import { TRPCError } from "@trpc/server";

/**
 * The one error type services throw. Its code says what went wrong in domain terms; the
 * mapping to tRPC (and so HTTP) codes lives here and nowhere else.
 */
export const appErrorCodes = {
  unauthenticated: "UNAUTHORIZED",
  forbidden: "FORBIDDEN",
  not_found: "NOT_FOUND",
  invalid_input: "BAD_REQUEST",
  conflict: "CONFLICT",
  precondition_failed: "PRECONDITION_FAILED",
} as const;

export type AppErrorCode = keyof typeof appErrorCodes;

export class AppError extends TRPCError {
  readonly appCode: AppErrorCode;
  /** The input field the error is about, when there is one. */
  readonly field: string | undefined;

  constructor(appCode: AppErrorCode, message: string, options: { field?: string } = {}) {
    super({ code: appErrorCodes[appCode], message });
    this.name = "AppError";
    this.appCode = appCode;
    this.field = options.field;
  }
}
