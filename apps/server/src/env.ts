import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** Read and validated once at start-up; nothing else in the server reads process.env. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("localhost"),
  DATABASE_URL: z.string().url().optional(),
  ATTEST_DATA_DIR: z.string().default("./data"),
  ATTEST_DEV_LOGIN: z.enum(["0", "1"]).default("0"),
  ATTEST_SEED_DEMO: z.enum(["0", "1"]).default("0"),
  ATTEST_SESSION_SECRET: z.string().min(32).optional(),
  ATTEST_PUBLIC_URL: z.string().url().optional(),
  ATTEST_WEB_DIST: z.string().optional(),
  ATTEST_LOG_FILE: z.string().optional(),
  ATTEST_EVIDENCE_KEY_FILE: z.string().optional(),
  ATTEST_LEDGER_ORIGIN: z
    .string()
    .regex(/^[^\s]+$/, "must be one word, e.g. attest.example.com/ledger")
    .default("attest.localhost/ledger"),
  ATTEST_ANCHOR_DIR: z.string().optional(),
  ATTEST_CHECKPOINT_EVERY_EVENTS: z.coerce.number().int().min(1).default(1000),
  ATTEST_CHECKPOINT_EVERY_MINUTES: z.coerce.number().min(0.05).default(10),
  ATTEST_SCIM_ROLL_UP_QUIET_MINUTES: z.coerce.number().min(0).default(10),
  // Notification mail. Without a host, mail goes to an SMTP sink inside the server (development).
  ATTEST_SMTP_HOST: z.string().min(1).optional(),
  ATTEST_SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  ATTEST_SMTP_SECURE: z.enum(["0", "1"]).default("0"),
  ATTEST_SMTP_USER: z.string().min(1).optional(),
  ATTEST_SMTP_PASSWORD: z.string().min(1).optional(),
  ATTEST_MAIL_FROM: z.string().min(3).default("Attest <attest@localhost>"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  auth: { user: string; pass: string } | undefined;
}

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  devLogin: boolean;
  seedDemoWhenEmpty: boolean;
  sessionSecret: string | undefined;
  secureCookies: boolean;
  webDist: string;
  logFile: string | undefined;
  evidenceKeyFile: string | undefined;
  ledgerOrigin: string;
  anchorDir: string;
  checkpointEveryEvents: number;
  checkpointEveryMinutes: number;
  /** A SCIM directory quiet this long after a change is rolled up into a snapshot. */
  scimRollUpQuietMinutes: number;
  /** The public URL of the app (ATTEST_PUBLIC_URL), for links in mails; else the local one. */
  publicUrl: string | undefined;
  /** The SMTP server for notification mail; undefined: the in-process sink (development). */
  smtp: SmtpConfig | undefined;
  mailFrom: string;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
}

export function readServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".")}: ${issue.message}`,
    );
    throw new Error(`Invalid configuration — ${problems.join("; ")}`);
  }
  const values = parsed.data;
  if (Boolean(values.ATTEST_SMTP_USER) !== Boolean(values.ATTEST_SMTP_PASSWORD))
    throw new Error(
      "Invalid configuration — ATTEST_SMTP_USER and ATTEST_SMTP_PASSWORD go together: set both or neither",
    );
  if (!values.ATTEST_SMTP_HOST && (values.ATTEST_SMTP_USER || values.ATTEST_SMTP_PORT))
    throw new Error(
      "Invalid configuration — ATTEST_SMTP_PORT and ATTEST_SMTP_USER need ATTEST_SMTP_HOST",
    );
  const secure = values.ATTEST_SMTP_SECURE === "1";
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    dataDir: values.ATTEST_DATA_DIR,
    devLogin: values.ATTEST_DEV_LOGIN === "1",
    seedDemoWhenEmpty: values.ATTEST_SEED_DEMO === "1",
    sessionSecret: values.ATTEST_SESSION_SECRET,
    secureCookies: values.ATTEST_PUBLIC_URL?.startsWith("https:") ?? false,
    webDist: values.ATTEST_WEB_DIST ?? fileURLToPath(new URL("../../web/dist", import.meta.url)),
    logFile: values.ATTEST_LOG_FILE,
    evidenceKeyFile: values.ATTEST_EVIDENCE_KEY_FILE,
    ledgerOrigin: values.ATTEST_LEDGER_ORIGIN,
    anchorDir: values.ATTEST_ANCHOR_DIR ?? join(values.ATTEST_DATA_DIR, "anchors"),
    checkpointEveryEvents: values.ATTEST_CHECKPOINT_EVERY_EVENTS,
    checkpointEveryMinutes: values.ATTEST_CHECKPOINT_EVERY_MINUTES,
    scimRollUpQuietMinutes: values.ATTEST_SCIM_ROLL_UP_QUIET_MINUTES,
    publicUrl: values.ATTEST_PUBLIC_URL?.replace(/\/+$/, ""),
    smtp: values.ATTEST_SMTP_HOST
      ? {
          host: values.ATTEST_SMTP_HOST,
          port: values.ATTEST_SMTP_PORT ?? (secure ? 465 : 587),
          secure,
          auth:
            values.ATTEST_SMTP_USER && values.ATTEST_SMTP_PASSWORD
              ? { user: values.ATTEST_SMTP_USER, pass: values.ATTEST_SMTP_PASSWORD }
              : undefined,
        }
      : undefined,
    mailFrom: values.ATTEST_MAIL_FROM,
    logLevel: values.LOG_LEVEL,
  };
}
