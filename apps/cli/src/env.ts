/** The CLI's configuration, read once: the same database settings as the server. */
export interface CliConfig {
  databaseUrl: string | undefined;
  dataDir: string;
}

export function readCliConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.ATTEST_DATA_DIR || "./data",
  };
}
