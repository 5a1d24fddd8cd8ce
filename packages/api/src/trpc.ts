import type { Role } from "@attest/domain/access/roles";
import { initTRPC } from "@trpc/server";
import { ZodError } from "zod";
import { AppError } from "./app-error";
import type { Context } from "./context";

function describeZodError(error: ZodError): {
  message: string;
  fieldErrors: Record<string, string[]>;
} {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    // An unknown key is a problem with that key, not with the input as a whole.
    const fields =
      issue.code === "unrecognized_keys"
        ? issue.keys.map((key) => [...issue.path, key].join("."))
        : [issue.path.length > 0 ? issue.path.join(".") : "input"];
    for (const field of fields) {
      fieldErrors[field] ??= [];
      fieldErrors[field].push(
        issue.code === "unrecognized_keys" ? `${field} is not a known field` : issue.message,
      );
    }
  }
  const message = Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${messages.join("; ")}`)
    .join(". ");
  return { message: `Invalid input — ${message}`, fieldErrors };
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    if (error.cause instanceof ZodError) {
      const { message, fieldErrors } = describeZodError(error.cause);
      return { ...shape, message, data: { ...shape.data, fieldErrors } };
    }
    if (error instanceof AppError && error.field) {
      return { ...shape, data: { ...shape.data, fieldErrors: { [error.field]: [error.message] } } };
    }
    if (shape.data.code === "INTERNAL_SERVER_ERROR") {
      // Users see a sentence, not a stack; the server log has the details.
      return { ...shape, message: "Something went wrong on our side. Try again in a moment." };
    }
    return shape;
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure;

const signedInProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new AppError("unauthenticated", "Sign in to continue.");
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** A procedure that any of the given roles may call; everyone else is refused before input is read. */
export function procedureFor(...allowed: Role[]) {
  return signedInProcedure.use(({ ctx, next }) => {
    if (!allowed.some((role) => ctx.user.roles.includes(role))) {
      throw new AppError("forbidden", "Your role does not allow this.");
    }
    return next();
  });
}

export const reviewerProcedure = procedureFor("reviewer");
export const controlOwnerProcedure = procedureFor("control_owner");
export const auditorProcedure = procedureFor("auditor");
export const adminProcedure = procedureFor("admin");
/** Read-only oversight of campaigns: control owners, auditors and administrators. */
export const oversightProcedure = procedureFor("control_owner", "auditor", "admin");
