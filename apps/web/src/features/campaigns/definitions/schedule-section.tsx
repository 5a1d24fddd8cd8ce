import { recurrencePresets } from "@attest/domain/campaigns/campaign-definition";
import { useId } from "react";
import { SelectField, TextField } from "@/components/form-fields";
import {
  type DefinitionForm,
  recurrenceOf,
  type ScheduleMode,
} from "@/features/campaigns/definitions/definition-form";
import type { SectionProps } from "@/features/campaigns/definitions/definition-sections";
import {
  EditorSection,
  FieldGroup,
  RadioOption,
} from "@/features/campaigns/definitions/form-controls";
import { formatRunTime, upcomingRuns } from "@/lib/recurrence";
import { useDebouncedValue } from "@/lib/use-debounced-value";

const modes: { value: ScheduleMode; label: string; description: string }[] = [
  {
    value: "none",
    label: "By hand",
    description: "No schedule: a control owner launches each campaign.",
  },
  {
    value: "preset",
    label: "On a schedule",
    description: "Quarterly, monthly or yearly, on a common day.",
  },
  {
    value: "custom",
    label: "Custom cron expression",
    description: "Any five-field cron schedule, read in UTC.",
  },
];

/** The next runs of the schedule being edited, or why it has none. */
function NextRuns({ form, now }: { form: DefinitionForm; now: Date }) {
  // A custom expression is read once typing pauses, not at every keystroke.
  const recurrence = useDebouncedValue(
    recurrenceOf(form),
    form.scheduleMode === "custom" ? 300 : 0,
  );
  if (recurrence === null || recurrence === "") return null;
  const { runs, problem } = upcomingRuns(recurrence, 3, now);
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2.5 text-sm ring-1 ring-slate-200 ring-inset">
      {problem ? (
        <p className="text-amber-800">{problem}</p>
      ) : (
        <>
          <p className="text-xs font-medium text-slate-600">Next runs</p>
          <ol className="mt-1 space-y-0.5 text-slate-800 tabular-nums" aria-label="Next runs">
            {runs.map((run) => (
              <li key={run.toISOString()}>{formatRunTime(run)}</li>
            ))}
          </ol>
          <p className="mt-1.5 text-xs text-slate-500">
            Each run launches a campaign against the latest snapshot, once, even with several
            servers.
          </p>
        </>
      )}
    </div>
  );
}

export function ScheduleSection({ form, update, errors, now }: SectionProps & { now: Date }) {
  const name = useId();
  return (
    <EditorSection title="Schedule" description="When campaigns of this definition start.">
      <FieldGroup
        legend="Launch"
        error={form.scheduleMode === "custom" ? undefined : errors.recurrence}
      >
        <div className="grid gap-2 md:grid-cols-3">
          {modes.map((mode) => (
            <RadioOption
              key={mode.value}
              name={name}
              value={mode.value}
              checked={form.scheduleMode === mode.value}
              onChange={() => update({ scheduleMode: mode.value })}
              label={mode.label}
              description={mode.description}
            />
          ))}
        </div>
      </FieldGroup>
      {form.scheduleMode === "preset" && (
        <SelectField
          label="Schedule"
          value={form.presetCron}
          onChange={(presetCron) => update({ presetCron })}
          className="sm:max-w-md"
        >
          {recurrencePresets.map((preset) => (
            <option key={preset.cron} value={preset.cron}>
              {preset.label}
            </option>
          ))}
        </SelectField>
      )}
      {form.scheduleMode === "custom" && (
        <TextField
          label="Cron expression"
          name="recurrence"
          value={form.customCron}
          onChange={(event) => update({ customCron: event.target.value })}
          placeholder="0 9 * 1,4,7,10 MON#1"
          autoComplete="off"
          spellCheck={false}
          maxLength={100}
          className="sm:max-w-md [&_input]:font-mono"
          error={errors.recurrence}
          hint={
            <>
              minute hour day-of-month month day-of-week, in UTC.{" "}
              <code className="font-mono">MON#1</code> is the first Monday.
            </>
          }
        />
      )}
      <NextRuns form={form} now={now} />
    </EditorSection>
  );
}
