import { readCliConfig } from "./env";
import { processOutput } from "./output";
import { runCli } from "./run-cli";

// `attest … | head` closes stdout early; that is not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  process.exitCode = await runCli(process.argv.slice(2), readCliConfig(), processOutput);
} catch (error) {
  processOutput.error(`attest: ${(error as Error).message}`);
  process.exitCode = 1;
}
