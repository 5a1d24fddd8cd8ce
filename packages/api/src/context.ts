import type { Database } from "@attest/db/database";
import type { Role } from "@attest/domain/access/roles";
import type { EvidenceSigner } from "./services/evidence/evidence-signer";
import type { ImportJobs } from "./services/inventory/import-jobs";
import type { Mailer } from "./services/notifications/mailer";

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  identityKey: string | null;
  roles: Role[];
}

export interface Logger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface ApiConfig {
  /** The development sign-in (pick a demo user) is offered only when this is true. */
  devLogin: boolean;
  /** Where the web app is served, for links in mails (no trailing slash). */
  appUrl: string;
}

/**
 * Everything a procedure may use. The signed-in user comes from the session cookie, resolved
 * by the server before the procedure runs; no procedure takes an actor from its input.
 */
export interface Context {
  db: Database;
  user: SessionUser | null;
  config: ApiConfig;
  now: () => Date;
  log: Logger;
  /** The checkpoint signing key and where checkpoint copies are anchored outside the database. */
  ledger: { signer: EvidenceSigner; anchorDir: string };
  /** Inventory imports running in this process, for their progress. */
  importJobs: ImportJobs;
  /** Sends notification mails (SMTP, or the local sink in development and tests). */
  mailer: Mailer;
}
