export const humanIdentityKinds = ["employee", "contractor", "third_party"] as const;
export const nonHumanIdentityKinds = ["service_account", "api_key", "workload", "bot"] as const;
export const identityKinds = [...humanIdentityKinds, ...nonHumanIdentityKinds] as const;

export type HumanIdentityKind = (typeof humanIdentityKinds)[number];
export type NonHumanIdentityKind = (typeof nonHumanIdentityKinds)[number];
export type IdentityKind = (typeof identityKinds)[number];

export const identityStatuses = ["active", "suspended", "terminated"] as const;
export type IdentityStatus = (typeof identityStatuses)[number];

export const riskLevels = ["low", "medium", "high", "critical"] as const;
export type RiskLevel = (typeof riskLevels)[number];

export function isNonHuman(kind: IdentityKind): kind is NonHumanIdentityKind {
  return (nonHumanIdentityKinds as readonly string[]).includes(kind);
}

export const identityKindLabels: Record<IdentityKind, string> = {
  employee: "Employee",
  contractor: "Contractor",
  third_party: "Third party",
  service_account: "Service account",
  api_key: "API key",
  workload: "Workload identity",
  bot: "Bot",
};
