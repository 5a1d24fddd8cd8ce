import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { AppProviders, createClients } from "@/app/providers";
import { routes } from "@/app/routes";
import { warmStart } from "@/app/warm-start";
import { procedureResolvers } from "@/mocks/handlers";
import { mockApi, server } from "@/mocks/server";
import { type ProcedureResolvers, trpcHandlers } from "@/mocks/trpc-msw";

/** Signs the mock server's session in as the demo user with this name. */
export function signInAs(displayName: string) {
  const user = mockApi.db.users.find((candidate) => candidate.displayName === displayName);
  if (!user) throw new Error(`No demo user named ${displayName}`);
  mockApi.session.set(user.id);
  return user;
}

/** Replaces some procedures' answers for this test; the others keep their fixture answers. */
export function mockProcedures(overrides: ProcedureResolvers): void {
  server.use(...trpcHandlers({ ...procedureResolvers(mockApi), ...overrides }));
}

/**
 * Renders the whole app (providers, guard, layout) at a path, as a person would open it;
 * `warmStart` asks early for what the page needs, as main.tsx does in the browser.
 */
export function renderApp(path: string, options: { as?: string; warmStart?: boolean } = {}) {
  if (options.as) signInAs(options.as);
  const clients = createClients(0);
  if (options.warmStart) warmStart(path, clients);
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const user = userEvent.setup();
  const result = render(
    <AppProviders clients={clients}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...result, user, router };
}
