import type { CampaignStatus, Decision } from "@attest/domain/campaigns/campaign";
import { campaignStatusLabels, decisionLabels } from "@attest/domain/campaigns/campaign";
import type { RiskLevel } from "@attest/domain/inventory/identity-kinds";
import { Badge, type BadgeTone } from "@/components/badge";

const statusTones: Record<CampaignStatus, BadgeTone> = {
  draft: "neutral",
  scheduled: "info",
  active: "accent",
  closed: "warning",
  signed_off: "success",
  cancelled: "neutral",
};

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  return <Badge tone={statusTones[status]}>{campaignStatusLabels[status]}</Badge>;
}

const decisionTones: Record<Decision, BadgeTone> = {
  approve: "success",
  revoke: "danger",
  exception: "warning",
};

export function DecisionBadge({ decision }: { decision: Decision | null }) {
  if (!decision) return <Badge tone="neutral">Pending</Badge>;
  return <Badge tone={decisionTones[decision]}>{decisionLabels[decision]}</Badge>;
}

export function PrivilegedBadge() {
  return (
    <Badge tone="danger" title="Administrative or otherwise privileged access">
      Privileged
    </Badge>
  );
}

const riskTones: Record<RiskLevel, BadgeTone> = {
  low: "neutral",
  medium: "info",
  high: "warning",
  critical: "danger",
};

const riskLabels: Record<RiskLevel, string> = {
  low: "Low risk",
  medium: "Medium risk",
  high: "High risk",
  critical: "Critical risk",
};

export function RiskBadge({ risk }: { risk: RiskLevel }) {
  return <Badge tone={riskTones[risk]}>{riskLabels[risk]}</Badge>;
}
