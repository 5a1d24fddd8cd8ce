import { parseArgs } from "node:util";
import { appRole, type Database, openDatabase } from "@attest/db/database";
import { migrate } from "@attest/db/migrate";
import { evidenceExportCommand } from "./commands/evidence-export-command";
import { evidenceVerifyCommand } from "./commands/evidence-verify-command";
import { importCommand } from "./commands/import-command";
import { migrateCommand } from "./commands/migrate-command";
import { seedCommand } from "./commands/seed-command";
import type { CliConfig } from "./env";
import type { Output } from "./output";

const usage = `Usage: attest <command> [options]

Commands:
  migrate                         Apply pending database migrations
  seed --demo [--seed N] [--anchor-date YYYY-MM-DD]
                                  Load the demo organisation into an empty database
  import FILE… --source NAME [--rotation-days N] [--report FILE.csv]
                                  Import inventory files (CSV or JSON Lines, see
                                  docs/import-format.md) as one snapshot; all or nothing
  evidence export --out FILE.zip [--from SEQ] [--to SEQ]
                                  Write an evidence package: events, signed checkpoints,
                                  consistency proofs, public key, signed manifest
  evidence verify FILE.zip [--public-key FILE]
                                  Verify a package offline; exits non-zero naming the
                                  first file or event that does not verify

Environment:
  DATABASE_URL              PostgreSQL connection string (default: embedded PGlite)
  ATTEST_DATA_DIR           PGlite data directory (default: ./data)
  ATTEST_EVIDENCE_KEY_FILE  Ed25519 private key (PEM) that signs checkpoints
                            (default: generated once into the data directory)
  ATTEST_LEDGER_ORIGIN      the ledger's name in checkpoints (default: attest.localhost/ledger)
  ATTEST_ANCHOR_DIR         where checkpoint copies are written (default: DATA_DIR/anchors)
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

type OptionsConfig = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>["options"]>;

function parse<T extends OptionsConfig>(args: string[], options: T) {
  return parseWithPositionals(args, options, false).values;
}

function parseWithPositionals<T extends OptionsConfig>(
  args: string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function optionalSeq(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const seq = Number(value);
  if (!Number.isSafeInteger(seq) || seq < 1)
    throw new UsageError(`${flag} must be a positive integer`);
  return seq;
}

const commands: Record<string, Command> = {
  import: {
    async run(args, { config, output }) {
      const { values, positionals } = parseWithPositionals(args, {
        source: { type: "string" },
        "rotation-days": { type: "string" },
        report: { type: "string" },
      });
      if (positionals.length === 0) throw new UsageError("import needs at least one file");
      if (!values.source)
        throw new UsageError("import needs --source NAME (e.g. --source sox-population)");
      const rotationDays =
        values["rotation-days"] === undefined ? undefined : Number(values["rotation-days"]);
      if (rotationDays !== undefined && (!Number.isInteger(rotationDays) || rotationDays < 1)) {
        throw new UsageError("--rotation-days must be a positive whole number");
      }
      const options = {
        files: positionals,
        source: values.source,
        rotationDays,
        reportPath: values.report,
      };
      return withDatabase(config, async (db) => {
        await migrate(db);
        await db.useRole(appRole);
        return importCommand(db, options, output);
      });
    },
  },
  evidence: {
    async run(args, { config, output }) {
      const [subcommand, ...rest] = args;
      if (subcommand === "export") {
        const values = parse(rest, {
          out: { type: "string" },
          from: { type: "string" },
          to: { type: "string" },
        });
        if (!values.out) throw new UsageError("evidence export needs --out FILE.zip");
        const out = values.out;
        const options = {
          out,
          fromSeq: optionalSeq(values.from, "--from"),
          toSeq: optionalSeq(values.to, "--to"),
        };
        return withDatabase(config, async (db) => {
          await db.useRole(appRole);
          return evidenceExportCommand(db, config, options, output);
        });
      }
      if (subcommand === "verify") {
        const { values, positionals } = parseWithPositionals(rest, {
          "public-key": { type: "string" },
        });
        const [packagePath, ...extra] = positionals;
        if (!packagePath || extra.length > 0)
          throw new UsageError("evidence verify needs exactly one package file");
        return evidenceVerifyCommand(packagePath, values["public-key"], output);
      }
      throw new UsageError(
        subcommand
          ? `Unknown evidence command "${subcommand}".`
          : "evidence needs export or verify.",
      );
    },
  },
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
