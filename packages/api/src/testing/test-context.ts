import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Database } from "@attest/db/database";
import type { Role } from "@attest/domain/access/roles";
import { generateSigningKey, publicKeyFingerprint } from "@attest/evidence/checkpoint";
import { createCaller } from "../app-router";
import type { Context, Logger, SessionUser } from "../context";
import type { EvidenceSigner } from "../services/evidence/evidence-signer";
import { ImportJobs } from "../services/inventory/import-jobs";
import type { Mailer } from "../services/notifications/mailer";

const silentLogger: Logger = { info() {}, warn() {}, error() {} };

let testLedger: Context["ledger"] | undefined;

/** One signing key and anchor directory per test process, as a server would have. */
export function testLedgerConfig(): Context["ledger"] {
  if (!testLedger) {
    const key = generateSigningKey();
    const signer: EvidenceSigner = {
      origin: "attest.test/ledger",
      ...key,
      fingerprint: publicKeyFingerprint(key.publicKeyPem),
    };
    testLedger = {
      signer,
      anchorDir: join(mkdtempSync(join(tmpdir(), "attest-anchors-")), "anchors"),
    };
  }
  return testLedger;
}

export interface TestContextOptions {
  db: Database;
  user?: SessionUser | null;
  devLogin?: boolean;
  now?: Date;
  /** Where mail goes; by default none may be sent (a test that sends uses an SMTP sink). */
  mailer?: Mailer;
}

/** Links in test mails point here. */
export const testAppUrl = "http://attest.test";

const noMailer: Mailer = {
  domain: "attest.test",
  async send() {
    throw new Error("this test has no mail server: pass a mailer to the test context");
  },
  async close() {},
};

export function createTestContext(options: TestContextOptions): Context {
  const now = options.now;
  return {
    db: options.db,
    user: options.user ?? null,
    config: { devLogin: options.devLogin ?? false, appUrl: testAppUrl },
    now: () => (now ? new Date(now) : new Date()),
    log: silentLogger,
    ledger: testLedgerConfig(),
    importJobs: new ImportJobs(
      options.db,
      () => (now ? new Date(now) : new Date()),
      () => {},
    ),
    mailer: options.mailer ?? noMailer,
  };
}

export function createTestCaller(options: TestContextOptions) {
  return createCaller(createTestContext(options));
}

/** A session user that exists only in the context: enough for authorisation checks. */
export function sessionUserWithRoles(roles: Role[]): SessionUser {
  return {
    id: randomUUID(),
    email: `${roles.join("-") || "nobody"}@example.test`,
    displayName: `Test ${roles.join(", ")}`,
    identityKey: null,
    roles,
  };
}
