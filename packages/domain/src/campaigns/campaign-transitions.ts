import { type CampaignStatus, campaignStatusLabels } from "./campaign";

/**
 * The campaign lifecycle: draft → scheduled → active → closed → signed off, and cancelled from
 * any state before close. Every transition is one evidence event (campaign.status_changed); a
 * closed, signed-off or cancelled campaign never opens again, so what was attested stays put.
 */
export const campaignTransitions = {
  schedule: { from: ["draft"], to: "scheduled" },
  activate: { from: ["scheduled"], to: "active" },
  close: { from: ["active"], to: "closed" },
  signOff: { from: ["closed"], to: "signed_off" },
  cancel: { from: ["draft", "scheduled", "active"], to: "cancelled" },
} as const satisfies Record<string, { from: readonly CampaignStatus[]; to: CampaignStatus }>;

export type CampaignTransition = keyof typeof campaignTransitions;

const verbs: Record<CampaignTransition, string> = {
  schedule: "scheduled",
  activate: "activated",
  close: "closed",
  signOff: "signed off",
  cancel: "cancelled",
};

/** "an active", "a draft, scheduled or active" */
function describeStatuses(statuses: readonly CampaignStatus[]): string {
  const labels = statuses.map((status) => campaignStatusLabels[status].toLowerCase());
  const listed =
    labels.length <= 1 ? labels.join("") : `${labels.slice(0, -1).join(", ")} or ${labels.at(-1)}`;
  return `${/^[aeiou]/.test(listed) ? "an" : "a"} ${listed}`;
}

export type TransitionCheck =
  | { allowed: true; from: CampaignStatus; to: CampaignStatus }
  | { allowed: false; from: CampaignStatus; message: string };

/** Whether a campaign in `status` may take `transition`; a refusal names the current status. */
export function checkCampaignTransition(
  status: CampaignStatus,
  transition: CampaignTransition,
): TransitionCheck {
  const rule = campaignTransitions[transition];
  if ((rule.from as readonly CampaignStatus[]).includes(status)) {
    return { allowed: true, from: status, to: rule.to };
  }
  return {
    allowed: false,
    from: status,
    message: `The campaign is ${campaignStatusLabels[status].toLowerCase()}; only ${describeStatuses(rule.from)} campaign can be ${verbs[transition]}.`,
  };
}
