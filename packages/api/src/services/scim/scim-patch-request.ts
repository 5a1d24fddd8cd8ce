import {
  type ScimPatchOperation as LibraryPatchOperation,
  ScimError as LibraryScimError,
  type ScimResource,
  scimPatch,
} from "scim-patch";
import { z } from "zod";
import { ScimError, type ScimErrorType } from "./scim-error";
import { describeIssues, isJsonObject } from "./scim-user-resource";

export interface ScimPatchOperation {
  op: "add" | "remove" | "replace";
  path: string | undefined;
  value: unknown;
}

const maxOperations = 1_000;

const patchRequest = z.looseObject({
  Operations: z
    .array(
      z.looseObject({
        // Entra ID capitalises ops ("Replace"); RFC 7644 §3.5.2 spells them lower case
        op: z
          .string({ error: "must be add, remove or replace" })
          .transform((op) => op.toLowerCase())
          .pipe(z.enum(["add", "remove", "replace"], { error: "must be add, remove or replace" })),
        path: z.string({ error: "must be a string" }).trim().min(1).optional(),
        value: z.unknown().optional(),
      }),
      { error: "must be an array of operations" },
    )
    .min(1, "must hold at least one operation")
    .max(maxOperations, `may hold at most ${maxOperations} operations`),
});

// scim-patch walks paths (and the keys of a path-less value) as plain property names, so
// "__proto__.x" or "constructor.prototype.x" would write into Object.prototype of the process.
const prototypeSegments = new Set(["__proto__", "prototype", "constructor"]);

function reachesPrototype(path: string): boolean {
  const outsideQuotes = path.replace(/"(?:[^"\\]|\\.)*"/g, "");
  return outsideQuotes.split(/[.[\]:\s]+/).some((segment) => prototypeSegments.has(segment));
}

/**
 * Reads a PatchOp request body (RFC 7644 §3.5.2) into operations with lower-case ops. The
 * "schemas" member is not insisted on: it carries nothing the operations do not.
 */
export function readPatchRequest(body: unknown): ScimPatchOperation[] {
  const parsed = patchRequest.safeParse(body);
  if (!parsed.success) throw new ScimError(400, describeIssues(parsed.error), "invalidSyntax");
  return parsed.data.Operations.map((operation, index) => {
    if (operation.op === "remove" && operation.path === undefined) {
      // RFC 7644 §3.5.2.2: a remove without a path is answered 400 noTarget
      throw new ScimError(400, `Operations.${index}: remove needs a path.`, "noTarget");
    }
    if (operation.path !== undefined && reachesPrototype(operation.path)) {
      throw new ScimError(
        400,
        `Operations.${index}: "${operation.path}" is not an attribute.`,
        "invalidPath",
      );
    }
    if (
      operation.path === undefined &&
      isJsonObject(operation.value) &&
      Object.keys(operation.value).some(reachesPrototype)
    ) {
      throw new ScimError(400, `Operations.${index}: the value names no attribute.`, "invalidPath");
    }
    if (operation.op !== "remove" && operation.value === undefined) {
      throw new ScimError(
        400,
        `Operations.${index}: ${operation.op} needs a value.`,
        "invalidSyntax",
      );
    }
    return { op: operation.op, path: operation.path, value: operation.value };
  });
}

/**
 * Applies operations to a resource document (without id and meta) and returns the new document;
 * the input is left untouched. The caller reads the result like a PUT body, so a patch can never
 * store what a PUT would refuse.
 */
export function applyPatchOperations(
  document: Record<string, unknown>,
  operations: readonly ScimPatchOperation[],
): Record<string, unknown> {
  // scim-patch wants the shape of a full resource; schemas and meta are dropped again below.
  let patched = { ...document, schemas: [], meta: {} } as unknown as ScimResource;
  for (const operation of operations) {
    if (operation.op === "remove" && removesFromMissingArray(patched, operation.path)) continue;
    try {
      patched = scimPatch(patched, [operation as LibraryPatchOperation], {
        mutateDocument: false,
        // Entra ID replaces attributes that were never set; the RFC says to treat that as add
        treatMissingAsAdd: true,
      });
    } catch (error) {
      if (error instanceof LibraryScimError) {
        throw new ScimError(
          400,
          error.message,
          (error.scimCode as ScimErrorType) ?? "invalidSyntax",
        );
      }
      throw new ScimError(
        400,
        `The path "${operation.path ?? ""}" could not be applied: ${(error as Error).message}`,
        "invalidPath",
      );
    }
  }
  const {
    schemas: _schemas,
    meta: _meta,
    ...result
  } = patched as unknown as Record<string, unknown>;
  return result;
}

/**
 * `remove emails[type eq "home"]` on a user without emails removes nothing; scim-patch would
 * call it a syntax error instead.
 */
function removesFromMissingArray(resource: ScimResource, path: string | undefined): boolean {
  const attribute = /^([^[.]+)\[/.exec(path ?? "")?.[1];
  return (
    attribute !== undefined &&
    !Array.isArray((resource as unknown as Record<string, unknown>)[attribute])
  );
}
