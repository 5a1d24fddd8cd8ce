import type { Role } from "@attest/domain/access/roles";
import type { RouterOutputs } from "@/lib/trpc";

export type DevSignInUser = RouterOutputs["session"]["devSignInUsers"][number];

export const roleGroups: readonly { role: Role; title: string }[] = [
  { role: "reviewer", title: "Reviewers" },
  { role: "control_owner", title: "Control owners" },
  { role: "auditor", title: "Auditors" },
  { role: "admin", title: "Administrators" },
];

/** Users per role group, filtered by name or email; someone with several roles is in each group. */
export function groupUsersByRole(
  users: readonly DevSignInUser[],
  filter: string,
): { role: Role; title: string; users: DevSignInUser[] }[] {
  const needle = filter.trim().toLowerCase();
  const matching = needle
    ? users.filter(
        (user) =>
          user.displayName.toLowerCase().includes(needle) ||
          user.email.toLowerCase().includes(needle),
      )
    : users;
  return roleGroups.map((group) => ({
    ...group,
    users: matching
      .filter((user) => user.roles.includes(group.role))
      .sort((a, b) => a.displayName.localeCompare(b.displayName)),
  }));
}
