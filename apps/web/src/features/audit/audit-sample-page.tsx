import { drawSampleInput } from "@attest/domain/audit/audit-input";
import { type StratifyBy, stratifyLabels, stratifyOptions } from "@attest/domain/audit/draw-sample";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { Button } from "@/components/button";
import { Card } from "@/components/card";
import { InlineAlert } from "@/components/error-state";
import { SelectField, TextField } from "@/components/form-fields";
import { LoadingState } from "@/components/loading-state";
import { PageHeader } from "@/components/page-header";
import { type AuditControl, frequencyLabel, sizeGuidance } from "@/features/audit/audit-format";
import { EngagementBanner } from "@/features/audit/engagement-banner";
import { type AuditPeriodSelection, useAuditPeriod } from "@/features/audit/use-audit-period";
import { describeError } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";

/** A seed the auditor can write down: 16 random hex digits from the browser's CSPRNG. */
export function generateSeed(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Draw a reproducible sample: a control, a period, a seed and a size (recorded as evidence). */
export function AuditSamplePage() {
  const { me, fallback, selection } = useAuditPeriod();
  const trpc = useTRPC();
  const controls = useQuery(trpc.audit.controls.queryOptions());
  return (
    <>
      <PageHeader
        back={{ to: "/audit", label: "Audit" }}
        title="Draw a sample"
        description="Each item of the population gets the key SHA-256(seed:itemId); the items with the lowest keys are the sample. The same population, seed and size always give the same items, so you can re-perform the draw outside Attest (docs/audit-sampling.md)."
      />
      <div className="space-y-6">
        <EngagementBanner me={me} />
        <Card title="Sample request">
          {fallback && controls.data ? (
            <SampleForm controls={controls.data} fallback={fallback} initial={selection} />
          ) : controls.isError ? (
            <div className="px-4 py-4">
              <InlineAlert>
                Controls could not be loaded: {describeError(controls.error).message}
              </InlineAlert>
            </div>
          ) : (
            <LoadingState label="Loading controls" rows={3} columns={3} />
          )}
        </Card>
      </div>
    </>
  );
}

type FieldErrors = Partial<
  Record<"definitionId" | "periodStart" | "periodEnd" | "seed" | "size", string>
>;

function SampleForm({
  controls,
  fallback,
  initial,
}: {
  controls: AuditControl[];
  fallback: { periodStart: string; periodEnd: string };
  initial: AuditPeriodSelection | null;
}) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const initialControl = controls.find((control) => control.definitionId === initial?.definitionId);
  const [definitionId, setDefinitionId] = useState(initialControl?.definitionId ?? "");
  const [periodStart, setPeriodStart] = useState(initial?.periodStart ?? fallback.periodStart);
  const [periodEnd, setPeriodEnd] = useState(initial?.periodEnd ?? fallback.periodEnd);
  const [seed, setSeed] = useState("");
  const [size, setSize] = useState(
    initialControl ? String(initialControl.suggestedSampleSize.max) : "",
  );
  const [sizeTouched, setSizeTouched] = useState(false);
  const [stratifyBy, setStratifyBy] = useState<StratifyBy | "">("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const control = controls.find((candidate) => candidate.definitionId === definitionId);

  const draw = useMutation(
    trpc.audit.drawSample.mutationOptions({
      onSuccess: (sample) => navigate(`/audit/samples/${sample.sampleId}`),
    }),
  );

  const chooseControl = (next: string) => {
    setDefinitionId(next);
    const chosen = controls.find((candidate) => candidate.definitionId === next);
    if (chosen && !sizeTouched) setSize(String(chosen.suggestedSampleSize.max));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = drawSampleInput.safeParse({
      definitionId,
      periodStart,
      periodEnd,
      seed,
      size: size.trim() === "" ? Number.NaN : Number(size),
      ...(stratifyBy ? { stratifyBy } : {}),
    });
    if (!parsed.success) {
      const next: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof FieldErrors;
        next[field] ??= fieldMessage(field, issue.message);
      }
      setErrors(next);
      return;
    }
    setErrors({});
    draw.mutate(parsed.data);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Sample request" className="space-y-4 px-4 py-4">
      <div className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]">
        <div>
          <SelectField label="Control" value={definitionId} onChange={chooseControl}>
            <option value="">Choose a control</option>
            {controls.map((candidate) => (
              <option key={candidate.definitionId} value={candidate.definitionId}>
                {candidate.controlId} · {candidate.name} ({frequencyLabel(candidate.frequency)})
              </option>
            ))}
          </SelectField>
          {errors.definitionId && (
            <p className="mt-1 text-xs text-red-700" role="alert">
              {errors.definitionId}
            </p>
          )}
        </div>
        <TextField
          label="Period from"
          type="date"
          value={periodStart}
          onChange={(event) => setPeriodStart(event.target.value)}
          error={errors.periodStart}
        />
        <TextField
          label="Period to"
          type="date"
          value={periodEnd}
          onChange={(event) => setPeriodEnd(event.target.value)}
          error={errors.periodEnd}
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)] sm:items-start">
        <div className="flex items-start gap-2">
          <TextField
            className="flex-1"
            label="Seed"
            value={seed}
            maxLength={100}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setSeed(event.target.value)}
            error={errors.seed}
            hint="Any text up to 100 characters. Write it down: with it anyone can re-draw this sample."
          />
          <Button className="mt-5" onClick={() => setSeed(generateSeed())}>
            Generate seed
          </Button>
        </div>
        <TextField
          label="Sample size"
          type="number"
          inputMode="numeric"
          min={1}
          max={500}
          value={size}
          onChange={(event) => {
            setSizeTouched(true);
            setSize(event.target.value);
          }}
          error={errors.size}
          hint={
            control
              ? `${sizeGuidance(control.frequency, control.suggestedSampleSize)}. Guidance, not a rule.`
              : "Choose a control for the suggested size."
          }
        />
        <SelectField
          label="Stratify by"
          value={stratifyBy}
          onChange={(value) => setStratifyBy(value as StratifyBy | "")}
        >
          <option value="">Not stratified</option>
          {stratifyOptions.map((option) => (
            <option key={option} value={option}>
              {stratifyLabels[option]}
            </option>
          ))}
        </SelectField>
      </div>
      {draw.isError && <InlineAlert>{describeError(draw.error).message}</InlineAlert>}
      <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
        <Button type="submit" variant="primary" disabled={draw.isPending}>
          {draw.isPending ? "Drawing…" : "Draw sample"}
        </Button>
        <p className="text-sm text-slate-600">
          This request is recorded as evidence (audit.sample_drawn): the control, period, seed,
          size, strata, the population's count and hash, and the items drawn.
        </p>
      </div>
    </form>
  );
}

function fieldMessage(field: keyof FieldErrors, message: string): string {
  switch (field) {
    case "definitionId":
      return "Choose a control.";
    case "seed":
      return "Enter a seed of 1 to 100 characters, or generate one.";
    case "size":
      return "Enter a whole number from 1 to 500.";
    case "periodStart":
    case "periodEnd":
      return message.includes("before")
        ? "The period must not end before it starts."
        : "Enter a date.";
    default:
      return message;
  }
}
