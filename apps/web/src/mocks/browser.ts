import { setupWorker } from "msw/browser";
import { createHandlers, type SessionStore } from "@/mocks/handlers";
import { createMockDatabase } from "@/mocks/mock-database";

const sessionKey = "attest.mock.session";

/** Survives reloads like a cookie would; the mock data itself resets on every reload. */
const sessionStore: SessionStore = {
  get: () => window.localStorage.getItem(sessionKey),
  set: (userId) => {
    if (userId) window.localStorage.setItem(sessionKey, userId);
    else window.localStorage.removeItem(sessionKey);
  },
};

export async function startMockWorker(): Promise<void> {
  const worker = setupWorker(
    ...createHandlers({ db: createMockDatabase(), session: sessionStore, delayMs: 350 }),
  );
  await worker.start({ onUnhandledRequest: "bypass", quiet: true });
}
