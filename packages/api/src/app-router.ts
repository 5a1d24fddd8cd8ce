import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { auditRouter } from "./routers/audit/audit-router";
import { campaignsRouter } from "./routers/campaigns/campaigns-router";
import { inventoryRouter } from "./routers/inventory/inventory-router";
import { ledgerRouter } from "./routers/ledger/ledger-router";
import { reviewsRouter } from "./routers/reviews/reviews-router";
import { scimRouter } from "./routers/scim/scim-router";
import { sessionRouter } from "./routers/session/session-router";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  session: sessionRouter,
  reviews: reviewsRouter,
  campaigns: campaignsRouter,
  audit: auditRouter,
  inventory: inventoryRouter,
  ledger: ledgerRouter,
  scim: scimRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export const createCaller = createCallerFactory(appRouter);
