import type { StratifyBy } from "@attest/domain/audit/draw-sample";
import { stratifyLabels } from "@attest/domain/audit/draw-sample";
import type { ControlFrequency } from "@attest/domain/audit/sample-size";
import { decisionLabels, decisions } from "@attest/domain/campaigns/campaign";
import { closeOutcomeLabels, closeOutcomes } from "@attest/domain/campaigns/campaign-definition";
import { Badge } from "@/components/badge";
import { DecisionBadge } from "@/components/status-badges";
import type { RouterOutputs } from "@/lib/trpc";

export type AuditEngagement = RouterOutputs["audit"]["engagements"]["list"][number];
export type AuditControl = RouterOutputs["audit"]["controls"][number];
export type AuditPopulation = RouterOutputs["audit"]["population"];
export type AuditSample = RouterOutputs["audit"]["samples"]["get"];
export type SampledItem = AuditSample["items"][number];
export type Reperformance = RouterOutputs["audit"]["reperformance"];

/** "Monthly control: 2–5": the guidance the sample size field shows. */
export function sizeGuidance(frequency: ControlFrequency, size: { min: number; max: number }) {
  const range = size.min === size.max ? String(size.min) : `${size.min}–${size.max}`;
  return `${frequency.charAt(0).toUpperCase()}${frequency.slice(1)} control: ${range}`;
}

export function frequencyLabel(frequency: ControlFrequency): string {
  return `${frequency.charAt(0).toUpperCase()}${frequency.slice(1)}`;
}

export function stratifyLabel(stratifyBy: StratifyBy | null | undefined): string {
  return stratifyBy ? stratifyLabels[stratifyBy] : "Not stratified";
}

/** A stratum's name as a person reads it (system strata are system keys). */
export function stratumLabel(stratum: string): string {
  switch (stratum) {
    case "all":
      return "All";
    case "privileged":
      return "Privileged";
    case "not-privileged":
      return "Not privileged";
    case "human":
      return "Human";
    case "non-human":
      return "Non-human";
    default:
      return stratum;
  }
}

/** A sampled item's outcome: its decision, or for an undecided item what closing recorded. */
export function OutcomeBadge({ outcome }: { outcome: string | null }) {
  const decision = decisions.find((candidate) => candidate === outcome);
  if (decision) return <DecisionBadge decision={decision} />;
  const closed = closeOutcomes.find((candidate) => candidate === outcome);
  if (closed) return <Badge tone="neutral">{closeOutcomeLabels[closed]}</Badge>;
  return <Badge tone="neutral">Undecided</Badge>;
}

export function outcomeLabel(outcome: string | null): string {
  const decision = decisions.find((candidate) => candidate === outcome);
  if (decision) return decisionLabels[decision];
  const closed = closeOutcomes.find((candidate) => candidate === outcome);
  return closed ? closeOutcomeLabels[closed] : "Undecided";
}

/** The union of an auditor's unrevoked engagement periods, as the default period to test. */
export function engagementPeriod(
  engagements: readonly AuditEngagement[],
): { periodStart: string; periodEnd: string } | null {
  const open = engagements.filter((engagement) => !engagement.revokedAt);
  if (open.length === 0) return null;
  return {
    periodStart: open.map((engagement) => engagement.periodStart).sort()[0] as string,
    periodEnd: open
      .map((engagement) => engagement.periodEnd)
      .sort()
      .at(-1) as string,
  };
}

/** The calendar year to date, for an auditor whose reads are not bounded. */
export function yearToDate(now: Date = new Date()): { periodStart: string; periodEnd: string } {
  const year = now.getUTCFullYear();
  return { periodStart: `${year}-01-01`, periodEnd: now.toISOString().slice(0, 10) };
}

/** Query string of a control and period, for links and download URLs. */
export function periodQuery(period: {
  definitionId: string;
  periodStart: string;
  periodEnd: string;
}): string {
  return new URLSearchParams(period).toString();
}

/** `npx attest evidence verify <file>`: what an auditor runs on a downloaded package. */
export function verifyCommand(fileName: string): string {
  return `npx attest evidence verify ${fileName}`;
}
