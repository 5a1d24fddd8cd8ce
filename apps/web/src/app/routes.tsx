import type { RouteObject } from "react-router";
import { AppLayout } from "@/app/app-layout";
import { LandingRedirect } from "@/app/landing-redirect";
import { lazyPage, pageLoader } from "@/app/lazy-page";
import { NoAccessPage, NotFoundPage } from "@/app/not-found-page";
import { RequireRole } from "@/app/require-role";
import { RequireSession } from "@/app/require-session";
import { SignInPage } from "@/features/auth/sign-in-page";
import {
  DefinitionEditorPageRoute,
  DefinitionsPageRoute,
} from "@/features/campaigns/definitions/definitions-routes";
import {
  IdentityProvidersPageRoute,
  ImportPageRoute,
  ImportReportPageRoute,
  InventoryBrowserRoute,
  SnapshotPageRoute,
} from "@/features/inventory/inventory-routes";

/** A reviewer's queue: the warm start fetches its code with its data on a cold navigation. */
export const campaignQueuePage = pageLoader(
  () => import("@/features/reviews/campaign-queue-page"),
  "CampaignQueuePage",
);

/** Every route of the app; main.tsx puts them in a browser router, tests in a memory router. */
export const routes: RouteObject[] = [
  { path: "/sign-in", element: <SignInPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <LandingRedirect /> },
          {
            element: <RequireRole roles={["reviewer"]} />,
            children: [
              {
                path: "reviews",
                element: lazyPage(
                  () => import("@/features/reviews/my-reviews-page"),
                  "MyReviewsPage",
                ),
              },
              { path: "reviews/:campaignId", element: campaignQueuePage.element },
            ],
          },
          {
            element: <RequireRole roles={["control_owner", "admin"]} />,
            children: [
              {
                path: "campaigns",
                element: lazyPage(
                  () => import("@/features/campaigns/campaigns-page"),
                  "CampaignsPage",
                ),
              },
              { path: "campaigns/definitions/new", element: <DefinitionEditorPageRoute /> },
              {
                path: "campaigns/:campaignId",
                element: lazyPage(
                  () => import("@/features/campaigns/campaign-detail-page"),
                  "CampaignDetailPage",
                ),
              },
            ],
          },
          {
            element: <RequireRole roles={["control_owner", "admin", "auditor"]} />,
            children: [
              { path: "campaigns/definitions", element: <DefinitionsPageRoute /> },
              {
                path: "campaigns/definitions/:definitionId",
                element: <DefinitionEditorPageRoute />,
              },
            ],
          },
          {
            element: <RequireRole roles={["auditor"]} />,
            children: [
              {
                path: "audit",
                element: lazyPage(() => import("@/features/audit/audit-page"), "AuditPage"),
              },
              {
                path: "audit/campaigns/:campaignId",
                element: lazyPage(
                  () => import("@/features/audit/audit-campaign-page"),
                  "AuditCampaignPage",
                ),
              },
              {
                path: "audit/population",
                element: lazyPage(
                  () => import("@/features/audit/audit-population-page"),
                  "AuditPopulationPage",
                ),
              },
              {
                path: "audit/sample",
                element: lazyPage(
                  () => import("@/features/audit/audit-sample-page"),
                  "AuditSamplePage",
                ),
              },
              {
                path: "audit/samples/:sampleId",
                element: lazyPage(
                  () => import("@/features/audit/audit-sample-detail-page"),
                  "AuditSampleDetailPage",
                ),
              },
              {
                path: "audit/items/:itemId",
                element: lazyPage(
                  () => import("@/features/audit/audit-reperformance-page"),
                  "AuditReperformancePage",
                ),
              },
            ],
          },
          {
            element: <RequireRole roles={["admin"]} />,
            children: [
              {
                path: "audit/engagements",
                element: lazyPage(
                  () => import("@/features/audit/audit-engagements-page"),
                  "AuditEngagementsPage",
                ),
              },
            ],
          },
          {
            element: <RequireRole roles={["admin", "auditor", "control_owner"]} />,
            children: [
              {
                path: "inventory",
                element: lazyPage(
                  () => import("@/features/inventory/inventory-page"),
                  "InventoryPage",
                ),
              },
              { path: "inventory/snapshots/:snapshotId", element: <SnapshotPageRoute /> },
              { path: "inventory/browse/*", element: <InventoryBrowserRoute /> },
            ],
          },
          {
            element: <RequireRole roles={["admin", "auditor"]} />,
            children: [{ path: "inventory/imports/:importId", element: <ImportReportPageRoute /> }],
          },
          {
            element: <RequireRole roles={["admin"]} />,
            children: [
              { path: "inventory/import", element: <ImportPageRoute /> },
              { path: "inventory/identity-providers", element: <IdentityProvidersPageRoute /> },
            ],
          },
          {
            element: <RequireRole roles={["admin", "auditor"]} />,
            children: [
              {
                path: "ledger",
                element: lazyPage(() => import("@/features/ledger/ledger-page"), "LedgerPage"),
              },
            ],
          },
          { path: "no-access", element: <NoAccessPage /> },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
