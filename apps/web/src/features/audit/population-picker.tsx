import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/button";
import { InlineAlert } from "@/components/error-state";
import { SelectField, TextField } from "@/components/form-fields";
import { frequencyLabel } from "@/features/audit/audit-format";
import type { AuditPeriodSelection } from "@/features/audit/use-audit-period";
import { useTRPC } from "@/lib/trpc";

/** Choose a control (campaign definition) and a period, both dates inclusive, in UTC. */
export function PopulationPicker({
  initial,
  fallback,
  submitLabel,
  onChoose,
}: {
  initial: AuditPeriodSelection | null;
  fallback: { periodStart: string; periodEnd: string };
  submitLabel: string;
  onChoose: (selection: AuditPeriodSelection) => void;
}) {
  const trpc = useTRPC();
  const controls = useQuery(trpc.audit.controls.queryOptions());
  const [definitionId, setDefinitionId] = useState(initial?.definitionId ?? "");
  const [periodStart, setPeriodStart] = useState(initial?.periodStart ?? fallback.periodStart);
  const [periodEnd, setPeriodEnd] = useState(initial?.periodEnd ?? fallback.periodEnd);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!definitionId) return setProblem("Choose a control.");
    if (!periodStart || !periodEnd) return setProblem("Enter both dates of the period.");
    if (periodEnd < periodStart) return setProblem("The period must not end before it starts.");
    setProblem(null);
    onChoose({ definitionId, periodStart, periodEnd });
  };

  return (
    <form onSubmit={submit} aria-label="Control and period" className="space-y-3 px-4 py-4">
      <div className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-end">
        <SelectField
          label="Control"
          value={definitionId}
          onChange={setDefinitionId}
          disabled={!controls.data}
        >
          <option value="">
            {controls.isPending
              ? "Loading controls…"
              : controls.isError
                ? "Controls could not be loaded"
                : "Choose a control"}
          </option>
          {controls.data?.map((control) => (
            <option key={control.definitionId} value={control.definitionId}>
              {control.controlId} · {control.name} ({frequencyLabel(control.frequency)})
            </option>
          ))}
        </SelectField>
        <TextField
          label="Period from"
          type="date"
          value={periodStart}
          onChange={(event) => setPeriodStart(event.target.value)}
          required
        />
        <TextField
          label="Period to"
          type="date"
          value={periodEnd}
          onChange={(event) => setPeriodEnd(event.target.value)}
          required
        />
        <Button type="submit" variant="primary">
          {submitLabel}
        </Button>
      </div>
      {problem && <InlineAlert>{problem}</InlineAlert>}
    </form>
  );
}
