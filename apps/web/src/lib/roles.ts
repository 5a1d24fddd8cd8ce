import type { Role } from "@attest/domain/access/roles";

export type { Role };

/**
 * Where each role starts; someone with several roles starts at the first in this order.
 * Control owners are usually reviewers of their own team too, but come for their campaigns.
 */
export const roleLandings: readonly { role: Role; path: string }[] = [
  { role: "control_owner", path: "/campaigns" },
  { role: "auditor", path: "/audit" },
  { role: "reviewer", path: "/reviews" },
  { role: "admin", path: "/inventory" },
];

export function landingPathFor(roles: readonly Role[]): string {
  return roleLandings.find((landing) => roles.includes(landing.role))?.path ?? "/no-access";
}

export function hasAnyRole(roles: readonly Role[], allowed: readonly Role[]): boolean {
  return allowed.some((role) => roles.includes(role));
}

/** A "next" path from the address bar, accepted only when it stays on this site. */
export function safeNextPath(next: string | null): string | null {
  if (next === null) return null;
  const stays = next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/sign-in");
  return stays ? next : null;
}
