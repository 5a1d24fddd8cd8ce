import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";

const port = process.env.ATTEST_E2E_PORT;
const dataDir = process.env.ATTEST_E2E_DATA_DIR;
const serverUrl = process.env.TEST_DATABASE_URL;

async function waitForReady(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server was not ready at ${url} within ${timeoutMs} ms`);
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Problems the server logged during the run: any error, and any response with a 5xx status. */
function serverErrors(log: string): string[] {
  return log
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .filter((line) => {
      try {
        const entry = JSON.parse(line) as { level?: number; res?: { statusCode?: number } };
        return (entry.level ?? 0) >= 50 || (entry.res?.statusCode ?? 0) >= 500;
      } catch {
        return true; // anything that is not a JSON log line is unexpected output
      }
    });
}

/**
 * Starts the real server on a fresh data directory (and a fresh PostgreSQL database when
 * TEST_DATABASE_URL is set), with the demo organisation loaded. The teardown stops it and fails
 * the run if the server logged an error or answered with a 5xx.
 */
export default async function globalSetup() {
  if (!port || !dataDir)
    throw new Error("playwright.config.ts sets ATTEST_E2E_PORT and ATTEST_E2E_DATA_DIR");
  const logFile = join(dataDir, "server.log");
  let databaseUrl: string | undefined;
  let databaseName: string | undefined;
  if (serverUrl) {
    databaseName = `attest_e2e_${Date.now().toString(36)}`;
    await withAdmin((admin) => admin.query(`create database "${databaseName}"`));
    const url = new URL(serverUrl);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
  }

  const server = spawn(process.execPath, ["--import", "tsx", "apps/server/src/main.ts"], {
    env: {
      ...process.env,
      PORT: port,
      HOST: "127.0.0.1",
      ATTEST_DATA_DIR: join(dataDir, "db"),
      ATTEST_DEV_LOGIN: "1",
      ATTEST_SEED_DEMO: "1",
      ATTEST_LOG_FILE: logFile,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForReady(`http://127.0.0.1:${port}/readyz`, server, 120_000);
  // Readiness means migrated; the demo organisation is loaded in the same start-up step.

  return async () => {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    if (databaseName) {
      await withAdmin((admin) =>
        admin.query(`drop database if exists "${databaseName}" with (force)`),
      );
    }
    const problems = serverErrors(await readFile(logFile, "utf8").catch(() => ""));
    if (problems.length > 0) {
      throw new Error(
        `The server logged ${problems.length} error(s) during the e2e run:\n${problems.slice(0, 20).join("\n")}`,
      );
    }
  };
}
