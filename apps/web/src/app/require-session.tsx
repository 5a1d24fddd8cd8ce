import { Navigate, Outlet, useLocation } from "react-router";
import { ErrorState } from "@/components/error-state";
import { ShieldCheckIcon } from "@/components/icons";
import { useSession } from "@/lib/use-session";

/** Pages behind it need a signed-in user; anyone else goes to sign in and comes back after. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();

  if (session.isPending) {
    return (
      <div
        role="status"
        className="flex min-h-screen items-center justify-center gap-2 text-slate-500"
      >
        <ShieldCheckIcon className="size-5 animate-pulse text-accent-600" />
        <span>Loading Attest…</span>
      </div>
    );
  }
  if (session.isError) {
    return (
      <div className="mx-auto mt-24 max-w-lg rounded-lg border border-slate-200 bg-white">
        <ErrorState
          title="Attest could not reach its server"
          error={session.error}
          onRetry={() => session.refetch()}
        />
      </div>
    );
  }
  if (!session.data) {
    const next = `${location.pathname}${location.search}${location.hash}`;
    const search = next === "/" ? "" : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/sign-in${search}`} replace />;
  }
  return <Outlet />;
}
