import "@testing-library/jest-dom/vitest";
import { format } from "node:util";
import { cleanup, configure } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, beforeEach, vi } from "vitest";
import { resetMockApi, server } from "@/mocks/server";

// jsdom has no modal dialogs yet; this is the part of <dialog> the app relies on.
if (typeof HTMLDialogElement !== "undefined" && !HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute("open");
    this.dispatchEvent(new Event("close"));
  };
}

// Role queries over long lists (60 demo users, 100 review items) are slow in jsdom.
configure({ asyncUtilTimeout: 4000 });

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

// Console errors and warnings during a test fail it: they are how React, the router and MSW
// report mistakes (unhandled requests, act() warnings, key warnings) that assertions miss.
let consoleMessages: string[] = [];

beforeEach(() => {
  consoleMessages = [];
  for (const method of ["error", "warn"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleMessages.push(`console.${method}: ${format(...args)}`);
    });
  }
});

afterEach(() => {
  cleanup();
  resetMockApi();
  vi.restoreAllMocks();
  if (consoleMessages.length > 0) {
    const messages = consoleMessages.join("\n\n");
    consoleMessages = [];
    throw new Error(`The test wrote to the console:\n${messages}`);
  }
});
