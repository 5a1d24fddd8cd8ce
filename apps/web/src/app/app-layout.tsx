import { roleLabels } from "@attest/domain/access/roles";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { Button } from "@/components/button";
import { InlineAlert } from "@/components/error-state";
import { MenuIcon, ShieldCheckIcon, XIcon } from "@/components/icons";
import { signOut } from "@/lib/auth";
import { cx } from "@/lib/cx";
import { describeError } from "@/lib/errors";
import { hasAnyRole, type Role } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc";
import { useSignedInUser } from "@/lib/use-session";

const navItems: { to: string; label: string; roles: Role[] }[] = [
  { to: "/reviews", label: "My reviews", roles: ["reviewer"] },
  { to: "/campaigns", label: "Campaigns", roles: ["control_owner", "admin"] },
  { to: "/audit", label: "Audit", roles: ["auditor"] },
  { to: "/inventory", label: "Inventory", roles: ["admin", "auditor", "control_owner"] },
  { to: "/ledger", label: "Ledger", roles: ["admin", "auditor"] },
  { to: "/audit/engagements", label: "Engagements", roles: ["admin"] },
];

function navLinkClasses({ isActive }: { isActive: boolean }): string {
  return cx(
    "rounded-md px-3 py-1.5 text-sm font-medium transition-colors",
    isActive
      ? "bg-accent-50 text-accent-700"
      : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
  );
}

export function AppLayout() {
  const user = useSignedInUser();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const [menuPath, setMenuPath] = useState(location.pathname);

  // Close the small-screen menu after navigating.
  if (menuPath !== location.pathname) {
    setMenuPath(location.pathname);
    setMenuOpen(false);
  }

  const items = navItems.filter((item) => hasAnyRole(user.roles, item.roles));
  const roleNames = user.roles.map((role) => roleLabels[role]).join(" · ");

  const handleSignOut = async () => {
    setSigningOut(true);
    setSignOutError(null);
    try {
      await signOut();
      const sessionKey = trpc.session.current.queryKey();
      queryClient.setQueryData(sessionKey, null);
      navigate("/sign-in", { replace: true });
      // Nothing of this person's data stays in memory for whoever signs in next.
      queryClient.removeQueries({
        predicate: (query) => JSON.stringify(query.queryKey) !== JSON.stringify(sessionKey),
      });
    } catch (error) {
      setSignOutError(describeError(error).message);
      setSigningOut(false);
    }
  };

  const userBlock = (
    <div className="min-w-0 text-right max-md:text-left">
      <div className="truncate text-sm font-medium text-slate-900">{user.displayName}</div>
      <div className="truncate text-xs text-slate-500">{roleNames}</div>
    </div>
  );

  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-6 px-4 md:px-6">
          <Link to="/" className="flex items-center gap-2 font-semibold text-slate-900">
            <ShieldCheckIcon className="size-6 text-accent-600" />
            <span className="text-base tracking-tight">Attest</span>
          </Link>
          <nav aria-label="Main" className="hidden items-center gap-1 md:flex">
            {items.map((item) => (
              <NavLink key={item.to} to={item.to} className={navLinkClasses}>
                {item.label}
              </NavLink>
            ))}
          </nav>
          <div className="ml-auto hidden items-center gap-4 md:flex">
            {userBlock}
            <Button size="sm" onClick={handleSignOut} disabled={signingOut}>
              {signingOut ? "Signing out…" : "Sign out"}
            </Button>
          </div>
          <Button
            variant="ghost"
            size="sm"
            className="ml-auto md:hidden"
            aria-expanded={menuOpen}
            aria-controls="mobile-menu"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {menuOpen ? <XIcon className="size-5" /> : <MenuIcon className="size-5" />}
            Menu
          </Button>
        </div>
        {menuOpen && (
          <div id="mobile-menu" className="border-t border-slate-200 px-4 py-3 md:hidden">
            <nav aria-label="Main" className="flex flex-col gap-1">
              {items.map((item) => (
                <NavLink key={item.to} to={item.to} className={navLinkClasses}>
                  {item.label}
                </NavLink>
              ))}
            </nav>
            <div className="mt-3 flex items-center justify-between gap-3 border-t border-slate-200 pt-3">
              {userBlock}
              <Button size="sm" onClick={handleSignOut} disabled={signingOut}>
                {signingOut ? "Signing out…" : "Sign out"}
              </Button>
            </div>
          </div>
        )}
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6 md:px-6 md:py-8">
        {signOutError && (
          <div className="mb-4">
            <InlineAlert onDismiss={() => setSignOutError(null)}>
              Sign-out failed: {signOutError}
            </InlineAlert>
          </div>
        )}
        <Outlet />
      </main>
    </div>
  );
}
