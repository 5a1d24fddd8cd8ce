#!/usr/bin/env node
// The CLI runs its TypeScript sources through tsx, so `npx attest` works right after install.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
