import { endSession, resolveSessionUser } from "@attest/api/services/session/resolve-session";
import { sessionLifetimeHours, startSession } from "@attest/api/services/session/start-session";
import type { Database } from "@attest/db/database";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { clearSessionCookie, readSessionToken, setSessionCookie } from "./session-cookie";

const devSignInBody = z.object({ userId: z.uuid({ error: "userId must be a user id" }) });

export interface AuthRoutesOptions {
  db: Database;
  devLogin: boolean;
  secureCookies: boolean;
  now: () => Date;
}

/** Sign-in and sign-out. OpenID Connect will add its routes beside the development sign-in. */
export function registerAuthRoutes(app: FastifyInstance, options: AuthRoutesOptions): void {
  const { db, secureCookies, now } = options;

  if (options.devLogin) {
    app.post("/auth/dev/sign-in", async (request, reply) => {
      const body = devSignInBody.safeParse(request.body);
      if (!body.success) {
        return reply
          .code(400)
          .send({ error: "invalid_input", message: "userId: must be a user id" });
      }
      const token = await startSession(db, {
        userId: body.data.userId,
        authMethod: "dev",
        now: now(),
      });
      setSessionCookie(reply, token, {
        secure: secureCookies,
        maxAgeSeconds: sessionLifetimeHours * 3600,
      });
      const user = await resolveSessionUser(db, token, now());
      request.log.info({ userId: body.data.userId, method: "dev" }, "signed in");
      return reply.send({ user });
    });
  }

  app.post("/auth/sign-out", async (request, reply) => {
    const token = readSessionToken(request);
    if (token) await endSession(db, token, now());
    clearSessionCookie(reply, secureCookies);
    return reply.send({ signedOut: true });
  });
}
