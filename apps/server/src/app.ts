import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "@attest/api/app-error";
import { type AppRouter, appRouter } from "@attest/api/app-router";
import type { Context } from "@attest/api/context";
import { ImportJobs } from "@attest/api/services/inventory/import-jobs";
import type { Mailer } from "@attest/api/services/notifications/mailer";
import { resolveSessionUser } from "@attest/api/services/session/resolve-session";
import type { Database } from "@attest/db/database";
import fastifyCookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { registerAuditRoutes } from "./audit/audit-routes";
import { registerAuthRoutes } from "./auth/auth-routes";
import { readSessionToken } from "./auth/session-cookie";
import { checkReadiness } from "./http/readiness";
import { registerInventoryRoutes } from "./inventory/inventory-routes";
import { registerScimRoutes } from "./scim/scim-routes";

export interface BuildServerOptions {
  db: Database;
  /** The application's data directory: uploads and exports are kept beneath it. */
  dataDir: string;
  ledger: Context["ledger"];
  sessionSecret: string;
  devLogin: boolean;
  secureCookies: boolean;
  /** Directory of the built web app; served with client-side routes falling back to index.html. */
  webDist: string | undefined;
  /** The process's pino logger, or false for none (tests). */
  logger: FastifyBaseLogger | false;
  now?: () => Date;
  /** Notification mail and the app's public URL for its links; tests may leave it out. */
  notifications?: { mailer: Mailer; appUrl: string };
}

const noMailer: Mailer = {
  domain: "attest.localhost",
  async send() {
    throw new Error("this server was built without a mailer");
  },
  async close() {},
};

const requestIdPattern = /^[A-Za-z0-9._-]{1,64}$/;
const apiPrefixes = ["/trpc", "/auth", "/healthz", "/readyz", "/api"];

export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // Keep a caller's request id when it looks like one, so logs join up across services.
    genReqId: (request) => {
      const incoming = request.headers["x-request-id"];
      return typeof incoming === "string" && requestIdPattern.test(incoming)
        ? incoming
        : randomUUID();
    },
    routerOptions: { maxParamLength: 5_000 },
  });

  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "same-origin");
  });

  // Mutations from another site are refused outright; SameSite=Lax already keeps the cookie off them.
  app.addHook("onRequest", async (request, reply) => {
    if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS")
      return;
    const origin = request.headers.origin;
    if (origin && new URL(origin).host !== request.headers.host) {
      return reply.code(403).send({ error: "forbidden", message: "Cross-site request refused." });
    }
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) {
      return reply
        .code(getHTTPStatusCodeFromError(error))
        .send({ error: error.appCode, message: error.message });
    }
    const statusCode = (error as { statusCode?: number }).statusCode;
    if (statusCode && statusCode < 500) {
      return reply
        .code(statusCode)
        .send({ error: "bad_request", message: (error as Error).message });
    }
    request.log.error({ err: error }, "request failed");
    return reply
      .code(500)
      .send({ error: "internal", message: "Something went wrong on our side." });
  });

  await app.register(fastifyCookie, { secret: options.sessionSecret });

  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_request, reply) => {
    const readiness = await checkReadiness(db);
    if (readiness.ready) return { status: "ready" };
    return reply.code(503).send({ status: "not_ready", reason: readiness.reason });
  });

  registerAuthRoutes(app, {
    db,
    devLogin: options.devLogin,
    secureCookies: options.secureCookies,
    now,
  });

  const importJobs = new ImportJobs(db, now, (error, importId) =>
    app.log.error({ err: error, importId }, "inventory import failed unexpectedly"),
  );
  await registerInventoryRoutes(app, { db, importJobs, dataDir: options.dataDir, now });
  await registerScimRoutes(app, { db, now });
  registerAuditRoutes(app, { db, dataDir: options.dataDir, ledger: options.ledger, now });

  await app.register(fastifyTRPCPlugin, {
    prefix: "/trpc",
    trpcOptions: {
      router: appRouter,
      async createContext({ req }): Promise<Context> {
        const token = readSessionToken(req);
        const user = token ? await resolveSessionUser(db, token, now()) : null;
        return {
          db,
          user,
          config: {
            devLogin: options.devLogin,
            appUrl: options.notifications?.appUrl ?? "http://localhost",
          },
          now,
          log: req.log,
          ledger: options.ledger,
          importJobs,
          mailer: options.notifications?.mailer ?? noMailer,
        };
      },
      onError({ error, path, req }) {
        if (error.code === "INTERNAL_SERVER_ERROR") {
          req.log.error({ err: error.cause ?? error, path }, "procedure failed");
        }
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"],
  });

  const webDist = options.webDist;
  const hasWebApp = webDist !== undefined && existsSync(join(webDist, "index.html"));
  if (hasWebApp) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ["index.html"] });
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = apiPrefixes.some((prefix) => request.url.startsWith(prefix));
    if (hasWebApp && request.method === "GET" && !isApi) {
      return reply.type("text/html").sendFile("index.html");
    }
    return reply
      .code(404)
      .send({ error: "not_found", message: `No route for ${request.method} ${request.url}` });
  });

  return app;
}
