import { setupServer } from "msw/node";
import { createHandlers, memorySessionStore } from "@/mocks/handlers";
import { createMockDatabase } from "@/mocks/mock-database";

/** The mock API for component tests; tests reset it with `resetMockApi` between runs. */
export const mockApi = {
  db: createMockDatabase(),
  session: memorySessionStore(),
};

export const server = setupServer(...createHandlers(mockApi));

export function resetMockApi(): void {
  mockApi.db = createMockDatabase();
  mockApi.session.set(null);
  server.resetHandlers(...createHandlers(mockApi));
}
