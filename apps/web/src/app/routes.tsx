import type { RouteObject } from "react-router";
import { AppLayout } from "@/app/app-layout";
import { LandingRedirect } from "@/app/landing-redirect";
import { NoAccessPage, NotFoundPage } from "@/app/not-found-page";
import { RequireRole } from "@/app/require-role";
import { RequireSession } from "@/app/require-session";
import { AuditCampaignPage } from "@/features/audit/audit-campaign-page";
import { AuditPage } from "@/features/audit/audit-page";
import { SignInPage } from "@/features/auth/sign-in-page";
import { CampaignDetailPage } from "@/features/campaigns/campaign-detail-page";
import { CampaignsPage } from "@/features/campaigns/campaigns-page";
import {
  DefinitionEditorPageRoute,
  DefinitionsPageRoute,
} from "@/features/campaigns/definitions/definitions-routes";
import { InventoryPage } from "@/features/inventory/inventory-page";
import {
  IdentityProvidersPageRoute,
  ImportPageRoute,
  ImportReportPageRoute,
  InventoryBrowserRoute,
  SnapshotPageRoute,
} from "@/features/inventory/inventory-routes";
import { LedgerPage } from "@/features/ledger/ledger-page";
import { CampaignItemsPage } from "@/features/reviews/campaign-items-page";
import { MyReviewsPage } from "@/features/reviews/my-reviews-page";

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
              { path: "reviews", element: <MyReviewsPage /> },
              { path: "reviews/:campaignId", element: <CampaignItemsPage /> },
            ],
          },
          {
            element: <RequireRole roles={["control_owner", "admin"]} />,
            children: [
              { path: "campaigns", element: <CampaignsPage /> },
              { path: "campaigns/definitions/new", element: <DefinitionEditorPageRoute /> },
              { path: "campaigns/:campaignId", element: <CampaignDetailPage /> },
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
              { path: "audit", element: <AuditPage /> },
              { path: "audit/campaigns/:campaignId", element: <AuditCampaignPage /> },
            ],
          },
          {
            element: <RequireRole roles={["admin", "auditor", "control_owner"]} />,
            children: [
              { path: "inventory", element: <InventoryPage /> },
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
            children: [{ path: "ledger", element: <LedgerPage /> }],
          },
          { path: "no-access", element: <NoAccessPage /> },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
