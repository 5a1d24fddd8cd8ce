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
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

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
    logLevel: values.LOG_LEVEL,
  };
}
