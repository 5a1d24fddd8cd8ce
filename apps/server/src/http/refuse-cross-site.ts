import { AppError } from "@attest/api/app-error";
import type { FastifyRequest } from "fastify";

/**
 * Refuses a download a browser says another site started (Sec-Fetch-Site: cross-site). Downloads
 * that record ledger events in the signed-in user's name call this first: SameSite=Lax still
 * sends the session cookie on a cross-site link, so a link elsewhere could record downloads as
 * them. Same-origin, same-site, a typed address ("none") and clients that send no header (the
 * CLI) are served.
 */
export function refuseCrossSite(request: FastifyRequest): void {
  if (request.headers["sec-fetch-site"] !== "cross-site") return;
  throw new AppError(
    "forbidden",
    "This download is recorded as evidence in your name, so Attest serves it only when it is started from Attest, not from a link on another site. Open it from Attest.",
  );
}
