import { parseArgs } from "node:util";
import { type Database, openDatabase } from "@attest/db/database";
import { migrateCommand } from "./commands/migrate-command";
import { seedCommand } from "./commands/seed-command";
import type { CliConfig } from "./env";
import type { Output } from "./output";

const usage = `Usage: attest <command> [options]

Commands:
  migrate                         Apply pending database migrations
  seed --demo [--seed N] [--anchor-date YYYY-MM-DD]
                                  Load the demo organisation into an empty database

Environment:
  DATABASE_URL      PostgreSQL connection string (default: embedded PGlite)
  ATTEST_DATA_DIR   PGlite data directory (default: ./data)
`;

class UsageError extends Error {}

interface Command {
  /** Parses the command's own arguments; throws UsageError on anything it does not know. */
  run(args: string[], context: { config: CliConfig; output: Output }): Promise<number>;
}

async function withDatabase<T>(config: CliConfig, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

function parse<T extends NonNullable<Parameters<typeof parseArgs>[0]>["options"]>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

const commands: Record<string, Command> = {
  migrate: {
    async run(args, { config, output }) {
      parse(args, {});
      return withDatabase(config, (db) => migrateCommand(db, output));
    },
  },
  seed: {
    async run(args, { config, output }) {
      const values = parse(args, {
        demo: { type: "boolean", default: false },
        seed: { type: "string" },
        "anchor-date": { type: "string" },
      });
      const seed = values.seed === undefined ? undefined : Number(values.seed);
      if (seed !== undefined && !Number.isInteger(seed))
        throw new UsageError("--seed must be an integer");
      const anchorDate = values["anchor-date"];
      if (anchorDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(anchorDate)) {
        throw new UsageError("--anchor-date must be a date (YYYY-MM-DD)");
      }
      return withDatabase(config, (db) =>
        seedCommand(db, { demo: values.demo === true, seed, anchorDate }, output),
      );
    },
  },
};

/** Runs one CLI invocation and returns its exit code; main.ts wires it to the process. */
export async function runCli(argv: string[], config: CliConfig, output: Output): Promise<number> {
  const [name, ...args] = argv;
  if (name === "help" || name === "--help" || name === "-h") {
    output.line(usage);
    return 0;
  }
  const command = name ? commands[name] : undefined;
  if (!command) {
    output.error(`${name ? `Unknown command "${name}".` : "No command given."}\n\n${usage}`);
    return 2;
  }
  try {
    return await command.run(args, { config, output });
  } catch (error) {
    if (error instanceof UsageError) {
      output.error(`${error.message}\n\n${usage}`);
      return 2;
    }
    throw error;
  }
}
