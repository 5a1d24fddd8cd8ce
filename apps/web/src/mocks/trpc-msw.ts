import type { RouterInputs, RouterOutputs } from "@attest/api/app-router";
import { delay, type HttpHandler, HttpResponse, http } from "msw";

/** Routers nested inside another (campaigns.definitions): their procedures have three-part paths. */
type NestedRouters = { campaigns: "definitions"; audit: "engagements" | "samples" };

type TwoPartPath = {
  [R in keyof RouterOutputs & string]: `${R}.${keyof RouterOutputs[R] & string}`;
}[keyof RouterOutputs & string];

type NestedRouterPath = {
  [R in keyof NestedRouters]: `${R}.${NestedRouters[R]}`;
}[keyof NestedRouters];

type NestedProcedurePath = {
  [R in keyof NestedRouters]: {
    [N in NestedRouters[R]]: `${R}.${N}.${keyof RouterOutputs[R][N & keyof RouterOutputs[R]] & string}`;
  }[NestedRouters[R]];
}[keyof NestedRouters];

/** "reviews.myItems", "campaigns.definitions.list" and so on: every procedure of the AppRouter. */
export type ProcedurePath = Exclude<TwoPartPath, NestedRouterPath> | NestedProcedurePath;

/** The type at a dotted path of a router's inputs or outputs. */
type AtPath<T, P extends string> = P extends `${infer Head}.${infer Rest}`
  ? Head extends keyof T
    ? AtPath<T[Head], Rest>
    : never
  : P extends keyof T
    ? T[P]
    : never;

type OutputOf<P extends ProcedurePath> = AtPath<RouterOutputs, P>;

type InputOf<P extends ProcedurePath> = AtPath<RouterInputs, P>;

export type ProcedureResolver<P extends ProcedurePath> = (
  input: InputOf<P>,
) => OutputOf<P> | Promise<OutputOf<P>>;

/** Fixture answers per procedure; outputs are checked against the real router's types. */
export type ProcedureResolvers = { [P in ProcedurePath]?: ProcedureResolver<P> };

const errorCodes = {
  BAD_REQUEST: { jsonRpc: -32600, httpStatus: 400 },
  UNAUTHORIZED: { jsonRpc: -32001, httpStatus: 401 },
  FORBIDDEN: { jsonRpc: -32003, httpStatus: 403 },
  NOT_FOUND: { jsonRpc: -32004, httpStatus: 404 },
  CONFLICT: { jsonRpc: -32009, httpStatus: 409 },
  PRECONDITION_FAILED: { jsonRpc: -32012, httpStatus: 412 },
  INTERNAL_SERVER_ERROR: { jsonRpc: -32603, httpStatus: 500 },
} as const;

export type TrpcErrorCode = keyof typeof errorCodes;

/** Throw from a resolver to answer as the server's errorFormatter would. */
export class TrpcMockError extends Error {
  readonly code: TrpcErrorCode;
  readonly fieldErrors: Record<string, string[]> | undefined;

  constructor(code: TrpcErrorCode, message: string, fieldErrors?: Record<string, string[]>) {
    super(message);
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

type WireResult =
  | { result: { data: unknown } }
  | {
      error: {
        message: string;
        code: number;
        data: {
          code: TrpcErrorCode;
          httpStatus: number;
          path: string;
          fieldErrors?: Record<string, string[]>;
        };
      };
    };

function errorResult(path: string, error: TrpcMockError): WireResult {
  const { jsonRpc, httpStatus } = errorCodes[error.code];
  return {
    error: {
      message: error.message,
      code: jsonRpc,
      data: {
        code: error.code,
        httpStatus,
        path,
        ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
      },
    },
  };
}

async function resolveOne(
  resolvers: ProcedureResolvers,
  path: string,
  input: unknown,
): Promise<WireResult> {
  const resolver = resolvers[path as ProcedurePath] as
    | ((input: unknown) => unknown | Promise<unknown>)
    | undefined;
  if (!resolver) {
    console.warn(`[mocks] no fixture answers the tRPC procedure "${path}"`);
    return errorResult(path, new TrpcMockError("NOT_FOUND", `No procedure ${path}.`));
  }
  try {
    // JSON round trip: what the client gets is what a real response would carry (no Dates, no undefined).
    const data = JSON.parse(JSON.stringify((await resolver(input)) ?? null));
    return { result: { data } };
  } catch (error) {
    if (error instanceof TrpcMockError) return errorResult(path, error);
    console.error("[mocks] a fixture resolver failed", error);
    return errorResult(
      path,
      new TrpcMockError(
        "INTERNAL_SERVER_ERROR",
        "Something went wrong on our side. Try again in a moment.",
      ),
    );
  }
}

/** tRPC's batch status: the shared status when every result agrees, 207 otherwise. */
function batchStatus(results: WireResult[]): number {
  const statuses = new Set(results.map((r) => ("error" in r ? r.error.data.httpStatus : 200)));
  return statuses.size === 1 ? (statuses.values().next().value ?? 200) : 207;
}

function parseInputs(raw: string | null, count: number): unknown[] {
  const parsed = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  return Array.from({ length: count }, (_, index) => parsed[String(index)]);
}

/**
 * Answers tRPC's httpBatchLink: GET /trpc/a,b?batch=1&input={"0":…,"1":…} for queries and
 * POST /trpc/a?batch=1 with the same input object as the body for mutations. The response is an
 * array with one `{ result: { data } }` or `{ error: shape }` per procedure, in order.
 */
export function trpcHandlers(
  resolvers: ProcedureResolvers,
  options: { delayMs?: number } = {},
): HttpHandler[] {
  const answer = async (pathsParam: string, rawInput: string | null, batch: boolean) => {
    if (options.delayMs) await delay(options.delayMs);
    const paths = pathsParam.split(",");
    const inputs = batch
      ? parseInputs(rawInput, paths.length)
      : [rawInput ? JSON.parse(rawInput) : undefined];
    const results = await Promise.all(
      paths.map((path, index) => resolveOne(resolvers, path, inputs[index])),
    );
    if (!batch) {
      const [single] = results;
      return HttpResponse.json(single, { status: batchStatus(results) });
    }
    return HttpResponse.json(results, { status: batchStatus(results) });
  };

  return [
    http.get("/trpc/:paths", ({ request, params }) => {
      const url = new URL(request.url);
      return answer(
        String(params.paths),
        url.searchParams.get("input"),
        url.searchParams.get("batch") === "1",
      );
    }),
    http.post("/trpc/:paths", async ({ request, params }) => {
      const url = new URL(request.url);
      const body = await request.text();
      return answer(String(params.paths), body || null, url.searchParams.get("batch") === "1");
    }),
  ];
}
