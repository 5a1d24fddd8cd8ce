import { type UndecidedRule, undecidedRules } from "@attest/domain/campaigns/campaign";
import { useId, useState } from "react";
import { Button } from "@/components/button";
import { inputClasses, TextField } from "@/components/form-fields";
import { XIcon } from "@/components/icons";
import type {
  DefinitionFieldErrors,
  DefinitionForm,
} from "@/features/campaigns/definitions/definition-form";
import {
  undecidedRuleExplanations,
  undecidedRuleLabels,
} from "@/features/campaigns/definitions/definition-labels";
import {
  CheckboxOption,
  DaysInput,
  EditorSection,
  FieldGroup,
  FieldMessage,
  type Person,
  PersonSelect,
  RadioOption,
} from "@/features/campaigns/definitions/form-controls";
import { cx } from "@/lib/cx";

export interface SectionProps {
  form: DefinitionForm;
  update: (patch: Partial<DefinitionForm>) => void;
  errors: DefinitionFieldErrors;
}

export function ControlSection({
  form,
  update,
  errors,
  controlOwners,
}: SectionProps & { controlOwners: readonly Person[] }) {
  const descriptionId = useId();
  const descriptionMessageId = useId();
  return (
    <EditorSection
      title="Control"
      description="The control this campaign evidences, and who answers for it and signs it off."
    >
      <TextField
        label="Name"
        name="name"
        value={form.name}
        onChange={(event) => update({ name: event.target.value })}
        placeholder="Quarterly privileged access review"
        autoComplete="off"
        maxLength={200}
        error={errors.name}
        hint="Each campaign is named after it, with its start date."
      />
      <div>
        <label htmlFor={descriptionId} className="mb-1 block text-xs font-medium text-slate-600">
          Description (optional)
        </label>
        <textarea
          id={descriptionId}
          value={form.description}
          onChange={(event) => update({ description: event.target.value })}
          rows={2}
          maxLength={2000}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={errors.description ? descriptionMessageId : undefined}
          className={cx(inputClasses, "h-auto py-2")}
          placeholder="What reviewers confirm, and which control it supports."
        />
        <FieldMessage id={descriptionMessageId} error={errors.description} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Control id"
          name="controlId"
          value={form.controlId}
          onChange={(event) => update({ controlId: event.target.value })}
          placeholder="ITGC-AC-03"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={50}
          className="[&_input]:font-mono"
          error={errors.controlId}
          hint="As your control matrix names it."
        />
        <PersonSelect
          label="Control owner"
          people={controlOwners}
          value={form.controlOwnerId}
          onChange={(controlOwnerId) => update({ controlOwnerId })}
          error={errors.controlOwnerId}
          hint="Watches the campaign, is escalated to, and signs it off."
        />
      </div>
    </EditorSection>
  );
}

/** Days before the due date, as removable chips and a field to add one. */
function ReminderDays({
  days,
  onChange,
  error,
}: {
  days: number[];
  onChange: (days: number[]) => void;
  error: string | undefined;
}) {
  const inputId = useId();
  const messageId = useId();
  const [draft, setDraft] = useState("");
  const [draftError, setDraftError] = useState<string | null>(null);
  const add = () => {
    const value = Number(draft);
    if (draft.trim() === "" || !Number.isInteger(value) || value < 0 || value > 365) {
      setDraftError("Give a whole number of days from 0 to 365.");
      return;
    }
    if (days.length >= 10) {
      setDraftError("Ten reminders at most.");
      return;
    }
    setDraftError(null);
    setDraft("");
    if (!days.includes(value)) onChange([...days, value].sort((a, b) => b - a));
  };
  const message = draftError ?? error;
  return (
    <FieldGroup legend="Reminders">
      <div className="flex flex-wrap items-center gap-2">
        {days.length === 0 && <span className="text-sm text-slate-500">No reminders.</span>}
        {days.map((day) => (
          <span
            key={day}
            className="inline-flex h-8 items-center gap-1 rounded-full bg-slate-100 pr-1 pl-3 text-sm text-slate-800 ring-1 ring-slate-200 ring-inset"
          >
            {day === 0 ? "On the due date" : `${day} ${day === 1 ? "day" : "days"} before`}
            <button
              type="button"
              onClick={() => onChange(days.filter((candidate) => candidate !== day))}
              aria-label={`Remove the reminder ${day} ${day === 1 ? "day" : "days"} before the due date`}
              className="rounded-full p-1 text-slate-500 hover:bg-slate-200 hover:text-slate-900"
            >
              <XIcon className="size-3.5" />
            </button>
          </span>
        ))}
        <span className="inline-flex items-center gap-1.5">
          <label htmlFor={inputId} className="sr-only">
            Days before the due date
          </label>
          <input
            id={inputId}
            type="number"
            inputMode="numeric"
            min={0}
            max={365}
            value={draft}
            placeholder="Days"
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                add();
              }
            }}
            aria-invalid={message ? true : undefined}
            aria-describedby={messageId}
            className={cx(inputClasses, "h-8 w-20 tabular-nums")}
          />
          <Button size="sm" onClick={add}>
            Add reminder
          </Button>
        </span>
      </div>
      <FieldMessage
        id={messageId}
        error={message ?? undefined}
        hint="One digest per reviewer with items still pending, this many days before the due date."
      />
    </FieldGroup>
  );
}

export function TimingSection({ form, update, errors }: SectionProps) {
  return (
    <EditorSection
      title="Timing"
      description="How long reviewers have, when they are reminded, and who hears about it when they are late."
    >
      <DaysInput
        label="Duration"
        value={form.durationDays}
        onChange={(durationDays) => update({ durationDays })}
        error={errors.durationDays}
        hint="From launch to the due date."
      />
      <ReminderDays
        days={form.reminderDays}
        onChange={(reminderDays) => update({ reminderDays })}
        error={errors.reminders}
      />
      <FieldGroup
        legend="Escalation when overdue"
        hint="Pending items are escalated in the reviewer's digest; the control owner hears of every reviewer still behind."
      >
        <div className="space-y-2">
          {(
            [
              ["manager", "To the reviewer's manager", "reviewer's manager"],
              ["controlOwner", "To the control owner", "control owner"],
            ] as const
          ).map(([who, label, whom]) => {
            const enabled =
              who === "manager" ? form.escalateToManager : form.escalateToControlOwner;
            return (
              <div key={who} className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <div className="w-56">
                  <CheckboxOption
                    label={label}
                    checked={enabled}
                    onChange={(checked) =>
                      update(
                        who === "manager"
                          ? { escalateToManager: checked }
                          : { escalateToControlOwner: checked },
                      )
                    }
                  />
                </div>
                <DaysInput
                  label={`Days overdue before escalating to the ${whom}`}
                  labelHidden
                  before="after"
                  unit="days overdue"
                  value={who === "manager" ? form.toManagerAfterDays : form.toControlOwnerAfterDays}
                  onChange={(days) =>
                    update(
                      who === "manager"
                        ? { toManagerAfterDays: days }
                        : { toControlOwnerAfterDays: days },
                    )
                  }
                  disabled={!enabled}
                  error={
                    errors[
                      who === "manager"
                        ? "escalation.toManagerAfterDays"
                        : "escalation.toControlOwnerAfterDays"
                    ]
                  }
                />
              </div>
            );
          })}
        </div>
      </FieldGroup>
    </EditorSection>
  );
}

export function RulesSection({ form, update, errors }: SectionProps) {
  const name = useId();
  return (
    <EditorSection
      title="Rules"
      description="What closing does to items nobody decided, and when reviewers must say why."
    >
      <FieldGroup
        legend="Undecided items at close"
        error={errors.undecidedRule}
        hint="The rule is recorded with the definition and applied to every undecided item when the campaign closes."
      >
        <div className="space-y-2">
          {undecidedRules.map((rule: UndecidedRule) => (
            <RadioOption
              key={rule}
              name={name}
              value={rule}
              checked={form.undecidedRule === rule}
              onChange={() => update({ undecidedRule: rule })}
              label={undecidedRuleLabels[rule]}
              description={undecidedRuleExplanations[rule]}
            />
          ))}
        </div>
      </FieldGroup>
      <FieldGroup legend="Justification required">
        <div className="flex flex-wrap gap-x-8 gap-y-3">
          <CheckboxOption
            label="To approve"
            description="Reviewers say why the access is still needed."
            checked={form.justifyApprove}
            onChange={(justifyApprove) => update({ justifyApprove })}
          />
          <CheckboxOption
            label="To revoke"
            description="Reviewers say why the access should go."
            checked={form.justifyRevoke}
            onChange={(justifyRevoke) => update({ justifyRevoke })}
          />
        </div>
      </FieldGroup>
      <DaysInput
        label="Longest exception (days)"
        value={form.maxExceptionDays}
        onChange={(maxExceptionDays) => update({ maxExceptionDays })}
        error={errors.maxExceptionDays}
        hint="How long a reviewer may keep access as an exception, 1 to 730 days from the decision."
      />
    </EditorSection>
  );
}
