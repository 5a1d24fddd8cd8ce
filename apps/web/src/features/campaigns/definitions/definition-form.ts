import type { ReviewerStrategy, UndecidedRule } from "@attest/domain/campaigns/campaign";
import {
  campaignDefinitionInput,
  recurrencePresets,
} from "@attest/domain/campaigns/campaign-definition";
import type { IdentityKind, RiskLevel } from "@attest/domain/inventory/identity-kinds";
import { defaultMaxExceptionDays } from "@attest/domain/reviews/check-decision";
import type { ErrorDescription } from "@/lib/errors";
import { presetFor } from "@/lib/recurrence";
import type { RouterInputs, RouterOutputs } from "@/lib/trpc";

export type DefinitionInput = RouterInputs["campaigns"]["definitions"]["create"];
export type DefinitionView = RouterOutputs["campaigns"]["definitions"]["get"];

export type ScheduleMode = "none" | "preset" | "custom";

/**
 * The editor's state: what the inputs hold, including text a person is still typing (a number
 * field may be empty for a moment). `toDefinitionInput` turns it into what the server validates.
 */
export interface DefinitionForm {
  name: string;
  description: string;
  controlId: string;
  controlOwnerId: string;
  systemKeys: string[];
  entitlementKeys: string[];
  privilegedOnly: boolean;
  risks: RiskLevel[];
  identityKinds: IdentityKind[];
  reviewerStrategy: ReviewerStrategy;
  namedReviewerId: string;
  fallbackReviewerId: string;
  secondStage: boolean;
  secondStageStrategy: ReviewerStrategy;
  secondStageNamedReviewerId: string;
  durationDays: string;
  reminderDays: number[];
  escalateToManager: boolean;
  toManagerAfterDays: string;
  escalateToControlOwner: boolean;
  toControlOwnerAfterDays: string;
  undecidedRule: UndecidedRule;
  justifyApprove: boolean;
  justifyRevoke: boolean;
  maxExceptionDays: string;
  scheduleMode: ScheduleMode;
  presetCron: string;
  customCron: string;
}

const defaultPreset = recurrencePresets[0].cron;

export function newDefinitionForm(controlOwnerId: string): DefinitionForm {
  return {
    name: "",
    description: "",
    controlId: "",
    controlOwnerId,
    systemKeys: [],
    entitlementKeys: [],
    privilegedOnly: false,
    risks: [],
    identityKinds: [],
    reviewerStrategy: "manager",
    namedReviewerId: "",
    fallbackReviewerId: "",
    secondStage: false,
    secondStageStrategy: "system_owner",
    secondStageNamedReviewerId: "",
    durationDays: "21",
    reminderDays: [7, 3, 1],
    escalateToManager: true,
    toManagerAfterDays: "1",
    escalateToControlOwner: true,
    toControlOwnerAfterDays: "3",
    undecidedRule: "not_reviewed",
    justifyApprove: false,
    justifyRevoke: true,
    maxExceptionDays: String(defaultMaxExceptionDays),
    scheduleMode: "none",
    presetCron: defaultPreset,
    customCron: "",
  };
}

export function formOfDefinition(definition: DefinitionView): DefinitionForm {
  const preset = presetFor(definition.recurrence);
  const { scope, escalation } = definition;
  return {
    name: definition.name,
    description: definition.description ?? "",
    controlId: definition.controlId,
    controlOwnerId: definition.controlOwnerId,
    systemKeys: scope.systemKeys ?? [],
    entitlementKeys: scope.entitlementKeys ?? [],
    privilegedOnly: scope.privilegedOnly ?? false,
    risks: scope.risks ?? [],
    identityKinds: scope.identityKinds ?? [],
    reviewerStrategy: definition.reviewerStrategy,
    namedReviewerId: definition.namedReviewerId ?? "",
    fallbackReviewerId: definition.fallbackReviewerId,
    secondStage: definition.secondStage !== null,
    secondStageStrategy: definition.secondStage?.reviewerStrategy ?? "system_owner",
    secondStageNamedReviewerId: definition.secondStage?.namedReviewerId ?? "",
    durationDays: String(definition.durationDays),
    reminderDays: [...definition.reminders.daysBeforeDue].sort((a, b) => b - a),
    escalateToManager: escalation.toManagerAfterDays !== null,
    toManagerAfterDays: String(escalation.toManagerAfterDays ?? 1),
    escalateToControlOwner: escalation.toControlOwnerAfterDays !== null,
    toControlOwnerAfterDays: String(escalation.toControlOwnerAfterDays ?? 3),
    undecidedRule: definition.undecidedRule,
    justifyApprove: definition.justificationRequired.approve,
    justifyRevoke: definition.justificationRequired.revoke,
    maxExceptionDays: String(definition.maxExceptionDays),
    scheduleMode: definition.recurrence === null ? "none" : preset ? "preset" : "custom",
    presetCron: preset?.cron ?? defaultPreset,
    customCron: preset ? "" : (definition.recurrence ?? ""),
  };
}

/** A number field's text as the schema sees it: empty or not a number is NaN, which it refuses. */
function wholeNumber(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text);
}

function nonEmpty<T>(values: T[]): T[] | undefined {
  return values.length > 0 ? values : undefined;
}

export function recurrenceOf(form: DefinitionForm): string | null {
  if (form.scheduleMode === "none") return null;
  return form.scheduleMode === "preset" ? form.presetCron : form.customCron.trim();
}

export function toDefinitionInput(form: DefinitionForm): DefinitionInput {
  const named = form.reviewerStrategy === "named";
  return {
    name: form.name.trim(),
    description: form.description.trim() || null,
    controlId: form.controlId.trim(),
    controlOwnerId: form.controlOwnerId,
    scope: {
      systemKeys: nonEmpty(form.systemKeys),
      entitlementKeys: nonEmpty(form.entitlementKeys),
      privilegedOnly: form.privilegedOnly || undefined,
      risks: nonEmpty(form.risks),
      identityKinds: nonEmpty(form.identityKinds),
    },
    reviewerStrategy: form.reviewerStrategy,
    namedReviewerId: named ? form.namedReviewerId || null : null,
    fallbackReviewerId: form.fallbackReviewerId,
    secondStage: form.secondStage
      ? {
          reviewerStrategy: form.secondStageStrategy,
          namedReviewerId:
            form.secondStageStrategy === "named" ? form.secondStageNamedReviewerId || null : null,
        }
      : null,
    durationDays: wholeNumber(form.durationDays),
    reminders: { daysBeforeDue: form.reminderDays },
    escalation: {
      toManagerAfterDays: form.escalateToManager ? wholeNumber(form.toManagerAfterDays) : null,
      toControlOwnerAfterDays: form.escalateToControlOwner
        ? wholeNumber(form.toControlOwnerAfterDays)
        : null,
    },
    undecidedRule: form.undecidedRule,
    justificationRequired: { approve: form.justifyApprove, revoke: form.justifyRevoke },
    maxExceptionDays: wholeNumber(form.maxExceptionDays),
    recurrence: recurrenceOf(form),
  };
}

/**
 * What the preview needs: who is in scope and who reviews them. Names, timing and schedule do
 * not change the population, so a half-written definition still previews; null until the
 * people the routing depends on are chosen.
 */
export function previewInputOf(form: DefinitionForm): DefinitionInput | null {
  if (!form.controlOwnerId || !form.fallbackReviewerId) return null;
  if (form.reviewerStrategy === "named" && !form.namedReviewerId) return null;
  const input = toDefinitionInput(form);
  return {
    ...input,
    name: input.name || "Preview",
    description: null,
    controlId: campaignDefinitionInput.shape.controlId.safeParse(input.controlId).success
      ? input.controlId
      : "PREVIEW",
    // Stage two is routed when stage one is decided; the preview shows stage one.
    secondStage: null,
    durationDays: 1,
    reminders: { daysBeforeDue: [] },
    escalation: { toManagerAfterDays: null, toControlOwnerAfterDays: null },
    recurrence: null,
  };
}

/** The editor's fields that can carry an error message. */
export const definitionFields = [
  "name",
  "description",
  "controlId",
  "controlOwnerId",
  "scope",
  "scope.systemKeys",
  "scope.entitlementKeys",
  "reviewerStrategy",
  "namedReviewerId",
  "fallbackReviewerId",
  "secondStage.namedReviewerId",
  "durationDays",
  "reminders",
  "escalation.toManagerAfterDays",
  "escalation.toControlOwnerAfterDays",
  "undecidedRule",
  "maxExceptionDays",
  "recurrence",
] as const;
export type DefinitionField = (typeof definitionFields)[number];
export type DefinitionFieldErrors = Partial<Record<DefinitionField, string>>;

/** A path as the server names it ("definition.reminders.daysBeforeDue.2") → the editor's field. */
export function fieldOfPath(path: string): DefinitionField | null {
  const bare = path.replace(/^definition\./, "");
  if (bare.startsWith("reminders")) return "reminders";
  if (bare.startsWith("scope.systemKeys")) return "scope.systemKeys";
  if (bare.startsWith("scope.entitlementKeys")) return "scope.entitlementKeys";
  if (bare.startsWith("scope")) return "scope";
  if (bare.startsWith("secondStage")) return "secondStage.namedReviewerId";
  return (definitionFields as readonly string[]).includes(bare) ? (bare as DefinitionField) : null;
}

/** The schema's messages start in lower case and name the field; beside it they read as sentences. */
export function asSentence(message: string): string {
  const trimmed = message.trim();
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** What to say when a field is simply empty or not a number, rather than the schema's wording. */
const plainMessages: Partial<Record<DefinitionField, string>> = {
  name: "Name the definition, e.g. Quarterly privileged access review.",
  controlId: "Give the control id this campaign evidences, e.g. ITGC-AC-03.",
  controlOwnerId: "Choose the control owner.",
  namedReviewerId: "Choose the named reviewer.",
  fallbackReviewerId: "Choose a fallback reviewer.",
  "secondStage.namedReviewerId": "Choose the second stage's named reviewer.",
  durationDays: "Give the number of days reviewers have, from 1 to 365.",
  "escalation.toManagerAfterDays": "Give a number of days from 0 to 365.",
  "escalation.toControlOwnerAfterDays": "Give a number of days from 0 to 365.",
  recurrence: "Enter a cron expression, or choose another schedule.",
};

/** Checks the form with the schema the server validates with, one sentence per field. */
export function localFieldErrors(form: DefinitionForm): DefinitionFieldErrors {
  const parsed = campaignDefinitionInput.safeParse(toDefinitionInput(form));
  if (parsed.success) return {};
  const errors: DefinitionFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = fieldOfPath(issue.path.join("."));
    if (!field || errors[field]) continue;
    errors[field] = plainMessages[field] ?? asSentence(issue.message);
  }
  return errors;
}

/** The server's refusal: messages beside the fields it names, one sentence for everything else. */
export function serverFieldErrors(error: ErrorDescription | null): {
  fieldErrors: DefinitionFieldErrors;
  general: string | null;
} {
  if (!error) return { fieldErrors: {}, general: null };
  const fieldErrors: DefinitionFieldErrors = {};
  let unplaced = false;
  for (const [path, messages] of Object.entries(error.fieldErrors)) {
    const field = fieldOfPath(path);
    if (!field) {
      unplaced = true;
      continue;
    }
    fieldErrors[field] = messages.map(asSentence).join(" ");
  }
  const placed = Object.keys(fieldErrors).length > 0;
  return { fieldErrors, general: placed && !unplaced ? null : error.message };
}

/** Whether two forms would save the same definition. */
export function sameDefinition(a: DefinitionForm, b: DefinitionForm): boolean {
  return JSON.stringify(toDefinitionInput(a)) === JSON.stringify(toDefinitionInput(b));
}
