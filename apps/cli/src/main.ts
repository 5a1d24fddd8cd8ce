import { readCliConfig } from "./env";
import { processOutput } from "./output";
import { runCli } from "./run-cli";

try {
  process.exitCode = await runCli(process.argv.slice(2), readCliConfig(), processOutput);
} catch (error) {
  processOutput.error(`attest: ${(error as Error).message}`);
  process.exitCode = 1;
}
