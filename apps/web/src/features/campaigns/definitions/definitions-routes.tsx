import { lazy, type ReactNode, Suspense } from "react";
import { Card } from "@/components/card";
import { LoadingState } from "@/components/loading-state";

/*
 * The definitions pages load apart from the campaign list: the editor brings the cron reader
 * and the scope pickers, which a control owner watching campaigns does not need.
 */

const DefinitionsPage = lazy(() =>
  import("@/features/campaigns/definitions/definitions-page").then((module) => ({
    default: module.DefinitionsPage,
  })),
);
const DefinitionEditorPage = lazy(() =>
  import("@/features/campaigns/definitions/definition-editor-page").then((module) => ({
    default: module.DefinitionEditorPage,
  })),
);

function PageSuspense({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <div>
          <div className="mb-6" aria-hidden="true">
            <div className="mb-3 h-4 w-24 animate-pulse rounded bg-slate-200/80" />
            <div className="h-7 w-72 animate-pulse rounded bg-slate-200/80" />
          </div>
          <Card>
            <LoadingState label="Loading page" rows={6} columns={5} />
          </Card>
        </div>
      }
    >
      {children}
    </Suspense>
  );
}

export function DefinitionsPageRoute() {
  return (
    <PageSuspense>
      <DefinitionsPage />
    </PageSuspense>
  );
}

export function DefinitionEditorPageRoute() {
  return (
    <PageSuspense>
      <DefinitionEditorPage />
    </PageSuspense>
  );
}
