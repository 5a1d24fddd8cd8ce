/** What an import flags without refusing it (docs/import-format.md), and how people read it. */
export const warningKinds = [
  "orphan_account",
  "terminated_with_grants",
  "owner_terminated",
  "rotation_overdue",
  "privileged_without_ticket",
  "human_use_of_service_account",
] as const;
export type WarningKind = (typeof warningKinds)[number];

export const warningLabels: Record<WarningKind, string> = {
  orphan_account: "Orphan account (no identity)",
  terminated_with_grants: "Terminated identity still holds access",
  owner_terminated: "Non-human identity whose owner is terminated",
  rotation_overdue: "Credential not rotated within policy",
  privileged_without_ticket: "Privileged grant without a ticket",
  human_use_of_service_account: "Human use of a non-human identity",
};
