import type {
  IdentityKind,
  IdentityStatus,
  RiskLevel,
} from "@attest/domain/inventory/identity-kinds";
import { identityKindLabels, isNonHuman } from "@attest/domain/inventory/identity-kinds";
import { Badge, type BadgeTone } from "@/components/badge";
import type { StoredImport } from "@/features/inventory/inventory-format";

const identityStatusTones: Record<IdentityStatus, BadgeTone> = {
  active: "success",
  suspended: "warning",
  terminated: "danger",
};

const identityStatusLabels: Record<IdentityStatus, string> = {
  active: "Active",
  suspended: "Suspended",
  terminated: "Terminated",
};

export function IdentityStatusBadge({ status }: { status: IdentityStatus }) {
  return <Badge tone={identityStatusTones[status]}>{identityStatusLabels[status]}</Badge>;
}

/** People neutral, machines blue: the split that decides who answers for an identity. */
export function IdentityKindBadge({ kind }: { kind: IdentityKind }) {
  return (
    <Badge
      tone={isNonHuman(kind) ? "info" : "neutral"}
      title={isNonHuman(kind) ? "Non-human identity" : "Person"}
    >
      {identityKindLabels[kind]}
    </Badge>
  );
}

const criticalityTones: Record<RiskLevel, BadgeTone> = {
  low: "neutral",
  medium: "info",
  high: "warning",
  critical: "danger",
};

const criticalityLabels: Record<RiskLevel, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  critical: "Critical",
};

export function CriticalityBadge({ criticality }: { criticality: RiskLevel }) {
  return (
    <Badge tone={criticalityTones[criticality]} title="System criticality">
      {criticalityLabels[criticality]}
    </Badge>
  );
}

const importStatusTones: Record<StoredImport["status"], BadgeTone> = {
  running: "accent",
  succeeded: "success",
  failed: "danger",
};

const importStatusLabels: Record<StoredImport["status"], string> = {
  running: "Running",
  succeeded: "Imported",
  failed: "Failed",
};

export function ImportStatusBadge({ status }: { status: StoredImport["status"] }) {
  return <Badge tone={importStatusTones[status]}>{importStatusLabels[status]}</Badge>;
}

export type ChangeKind = "added" | "removed" | "changed";

const changeTones: Record<ChangeKind, BadgeTone> = {
  added: "success",
  removed: "danger",
  changed: "warning",
};

const changeLabels: Record<ChangeKind, string> = {
  added: "Added",
  removed: "Removed",
  changed: "Changed",
};

export function ChangeBadge({ change }: { change: ChangeKind }) {
  return <Badge tone={changeTones[change]}>{changeLabels[change]}</Badge>;
}

export function SeverityBadge({ severity }: { severity: "error" | "warning" }) {
  return severity === "error" ? (
    <Badge tone="danger">Error</Badge>
  ) : (
    <Badge tone="warning">Warning</Badge>
  );
}
