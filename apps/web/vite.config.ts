import { fileURLToPath } from "node:url";
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const apiTarget = "http://localhost:3000";
const apiPaths = ["/trpc", "/auth", "/api", "/healthz", "/readyz"];

export default defineConfig(({ mode }) => ({
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  server: {
    // In mock mode MSW answers every API call in the browser, so nothing is proxied.
    proxy:
      mode === "mock"
        ? undefined
        : Object.fromEntries(apiPaths.map((path) => [path, { target: apiTarget }])),
  },
  // public/ holds only MSW's service worker: served in mock mode, never shipped in a build.
  publicDir: mode === "mock" ? "public" : false,
  build: {
    outDir: "dist",
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    css: false,
    // Whole-app renders with 100-row tables are slow to query by role in jsdom.
    testTimeout: 20_000,
  },
}));
