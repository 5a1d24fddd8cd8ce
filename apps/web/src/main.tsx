import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { AppProviders, createClients } from "@/app/providers";
import { routes } from "@/app/routes";
import { warmStart } from "@/app/warm-start";
import "@/index.css";

async function start() {
  // `npm run dev:mock`: the whole API is answered in the browser by MSW, no server needed.
  if (import.meta.env.MODE === "mock") {
    const { startMockWorker } = await import("@/mocks/browser");
    await startMockWorker();
  }
  const root = document.getElementById("root");
  if (!root) throw new Error("index.html has no #root element");
  const clients = createClients();
  warmStart(window.location.pathname, clients);
  const router = createBrowserRouter(routes);
  createRoot(root).render(
    <StrictMode>
      <AppProviders clients={clients}>
        <RouterProvider router={router} />
      </AppProviders>
    </StrictMode>,
  );
}

void start();
