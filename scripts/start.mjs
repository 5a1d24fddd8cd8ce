// `npm start`: install what is missing, build the web app, then run the server with the
// development sign-in on and the demo organisation loaded into an empty database.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

process.chdir(fileURLToPath(new URL("..", import.meta.url)));

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) {
    console.error(
      `\n${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal}).`,
    );
    process.exit(result.status ?? 1);
  }
}

const installedMarker = "node_modules/.package-lock.json";
const needsInstall =
  !existsSync(installedMarker) ||
  statSync("package-lock.json").mtimeMs > statSync(installedMarker).mtimeMs;
if (needsInstall) {
  console.log("Installing dependencies (npm ci)…");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
}

console.log("Building the web app…");
run("npx", ["turbo", "run", "build", "--filter=@attest/web", "--output-logs=errors-only"]);

const server = spawn(process.execPath, ["--import", "tsx", "apps/server/src/main.ts"], {
  stdio: "inherit",
  env: { LOG_LEVEL: "warn", ...process.env, ATTEST_DEV_LOGIN: "1", ATTEST_SEED_DEMO: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
