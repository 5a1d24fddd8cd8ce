#!/usr/bin/env node
// The CLI runs its TypeScript sources through tsx, so `npx attest` works right after install.
//
// It runs with a bounded heap: an import of a million grants keeps ~150 MB alive but, left
// alone, V8 lets garbage pile up to well over the 512 MB an import may use. With a limit it
// collects sooner. When started without one, the CLI starts itself again with it.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { getHeapStatistics } from "node:v8";

const heapLimitMegabytes = 384;
if (getHeapStatistics().heap_size_limit > 512 * 1024 * 1024) {
  const child = spawnSync(
    process.execPath,
    [
      `--max-old-space-size=${heapLimitMegabytes}`,
      ...process.execArgv,
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: "inherit" },
  );
  process.exit(child.status ?? 1);
}

const { register } = await import("tsx/esm/api");
register();
await import("../src/main.ts");
