export const roles = ["reviewer", "control_owner", "auditor", "admin"] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  reviewer: "Reviewer",
  control_owner: "Control owner",
  auditor: "Auditor",
  admin: "Administrator",
};
