/** The CLI's configuration, read once: the same database and ledger settings as the server. */
export interface CliConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  evidenceKeyFile: string | undefined;
  ledgerOrigin: string;
  anchorDir: string | undefined;
}

export function readCliConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.ATTEST_DATA_DIR || "./data",
    evidenceKeyFile: env.ATTEST_EVIDENCE_KEY_FILE || undefined,
    ledgerOrigin: env.ATTEST_LEDGER_ORIGIN || "attest.localhost/ledger",
    anchorDir: env.ATTEST_ANCHOR_DIR || undefined,
  };
}
