import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useLocation, useNavigate, useParams } from "react-router";
import { Button, ButtonLink } from "@/components/button";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { ErrorState, InlineAlert } from "@/components/error-state";
import { CheckIcon } from "@/components/icons";
import { LoadingState } from "@/components/loading-state";
import { PageHeader } from "@/components/page-header";
import {
  type DefinitionForm,
  type DefinitionView,
  formOfDefinition,
  localFieldErrors,
  newDefinitionForm,
  previewInputOf,
  sameDefinition,
  serverFieldErrors,
  toDefinitionInput,
} from "@/features/campaigns/definitions/definition-form";
import {
  ControlSection,
  RulesSection,
  TimingSection,
} from "@/features/campaigns/definitions/definition-sections";
import type { Person } from "@/features/campaigns/definitions/form-controls";
import { LaunchDialog } from "@/features/campaigns/definitions/launch-dialog";
import { PreviewPanel } from "@/features/campaigns/definitions/preview-panel";
import { ReviewersSection } from "@/features/campaigns/definitions/reviewers-section";
import { ScheduleSection } from "@/features/campaigns/definitions/schedule-section";
import { ScopeSection } from "@/features/campaigns/definitions/scope-section";
import { useDefinitionPreview } from "@/features/campaigns/definitions/use-definition-preview";
import { formatDate } from "@/lib/dates";
import { describeError } from "@/lib/errors";
import { describeRecurrence } from "@/lib/recurrence";
import { hasAnyRole } from "@/lib/roles";
import { trpcErrorCode, useTRPC } from "@/lib/trpc";
import { useDebouncedValue } from "@/lib/use-debounced-value";
import { useSignedInUser } from "@/lib/use-session";

const count = (value: number) => value.toLocaleString("en-GB");
const listPath = "/campaigns/definitions";

/** New and saved definitions: the editor with its live preview, or a read-only view for auditors. */
export function DefinitionEditorPage() {
  const { definitionId } = useParams();
  const location = useLocation();
  const user = useSignedInUser();
  const trpc = useTRPC();
  const canEdit = hasAnyRole(user.roles, ["control_owner", "admin"]);
  const definition = useQuery({
    ...trpc.campaigns.definitions.get.queryOptions({ definitionId: definitionId ?? "" }),
    enabled: definitionId !== undefined,
  });
  const people = useQuery({
    ...trpc.campaigns.definitions.people.queryOptions(),
    enabled: canEdit,
  });
  const back = { to: listPath, label: "Campaign definitions" };
  const justSaved = (location.state as { saved?: boolean } | null)?.saved === true;

  if (definition.isError || people.isError) {
    const notFound = trpcErrorCode(definition.error) === "NOT_FOUND";
    return (
      <>
        <PageHeader back={back} title="Campaign definition" />
        <Card>
          {notFound ? (
            <EmptyState
              title="Campaign definition not found"
              description="It may have been removed, or the address is wrong."
            />
          ) : (
            <ErrorState
              title="The definition could not be loaded"
              error={definition.error ?? people.error}
              onRetry={() => {
                void definition.refetch();
                void people.refetch();
              }}
            />
          )}
        </Card>
      </>
    );
  }

  const saved = definition.data ?? null;
  const loading = (definitionId !== undefined && !saved) || (canEdit && !people.data);
  const title = definitionId === undefined ? "New campaign definition" : (saved?.name ?? null);

  return (
    <>
      <PageHeader
        back={back}
        title={title ?? <span className="text-slate-400">Loading definition…</span>}
        description={
          definitionId === undefined
            ? "What the campaign reviews, who reviews it, and when it runs. The preview shows what launching it now would create."
            : undefined
        }
        meta={saved && <DefinitionFacts definition={saved} />}
      />
      {loading ? (
        <Card>
          <LoadingState label="Loading the definition" rows={8} columns={3} />
        </Card>
      ) : (
        <DefinitionEditor
          key={saved?.id ?? "new"}
          saved={saved}
          people={people.data ?? peopleNamedBy(saved)}
          readOnly={!canEdit}
          defaultOwnerId={hasAnyRole(user.roles, ["control_owner"]) ? user.id : ""}
          justSaved={justSaved}
        />
      )}
    </>
  );
}

function DefinitionFacts({ definition }: { definition: DefinitionView }) {
  return (
    <>
      <span className="font-mono text-xs">{definition.controlId}</span>
      <span>Owner: {definition.controlOwnerName}</span>
      <span>{describeRecurrence(definition.recurrence)}</span>
      <span>
        {definition.campaignCount === 0
          ? "Never launched"
          : `${definition.campaignCount} ${definition.campaignCount === 1 ? "campaign" : "campaigns"}, last ${formatDate(definition.lastLaunchedAt ?? definition.createdAt)}`}
      </span>
    </>
  );
}

/** Without the people list (an auditor may not read it), the names the definition carries. */
function peopleNamedBy(definition: DefinitionView | null): Person[] {
  if (!definition) return [];
  const named: Person[] = [
    {
      id: definition.controlOwnerId,
      displayName: definition.controlOwnerName,
      email: "",
      roles: ["control_owner"],
    },
    {
      id: definition.fallbackReviewerId,
      displayName: definition.fallbackReviewerName,
      email: "",
      roles: ["reviewer"],
    },
  ];
  if (definition.namedReviewerId && definition.namedReviewerName)
    named.push({
      id: definition.namedReviewerId,
      displayName: definition.namedReviewerName,
      email: "",
      roles: ["reviewer"],
    });
  return named;
}

function missingForPreview(form: DefinitionForm): string | null {
  const missing = [
    !form.controlOwnerId && "the control owner",
    form.reviewerStrategy === "named" && !form.namedReviewerId && "the named reviewer",
    !form.fallbackReviewerId && "a fallback reviewer",
  ].filter((part): part is string => typeof part === "string");
  if (missing.length === 0) return null;
  const list =
    missing.length === 1
      ? missing[0]
      : `${missing.slice(0, -1).join(", ")} and ${missing[missing.length - 1]}`;
  return `Choose ${list} to see how many items this creates and who reviews them.`;
}

function DefinitionEditor({
  saved,
  people,
  readOnly,
  defaultOwnerId,
  justSaved,
}: {
  saved: DefinitionView | null;
  people: readonly Person[];
  readOnly: boolean;
  defaultOwnerId: string;
  justSaved: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const [now] = useState(() => new Date());
  const [initial] = useState(() =>
    saved ? formOfDefinition(saved) : newDefinitionForm(defaultOwnerId),
  );
  const [form, setForm] = useState(initial);
  const [baseline, setBaseline] = useState(initial);
  const [savedId, setSavedId] = useState(saved?.id ?? null);
  const [checked, setChecked] = useState(false);
  const [notice, setNotice] = useState<string | null>(justSaved ? "Definition saved." : null);
  const [launchOpen, setLaunchOpen] = useState(false);

  const create = useMutation(trpc.campaigns.definitions.create.mutationOptions());
  const update = useMutation(trpc.campaigns.definitions.update.mutationOptions());
  const launch = useMutation(trpc.campaigns.launch.mutationOptions());
  const saveError = create.error ?? update.error;
  const server = serverFieldErrors(saveError ? describeError(saveError) : null);
  const errors = { ...server.fieldErrors, ...(checked ? localFieldErrors(form) : {}) };
  const hasErrors = Object.keys(errors).length > 0;
  const dirty = savedId === null || !sameDefinition(form, baseline);
  const saving = create.isPending || update.isPending;

  const previewInput = readOnly ? null : previewInputOf(form);
  const debouncedInput = useDebouncedValue(previewInput, 400);
  const preview = useDefinitionPreview(debouncedInput);
  const previewCatchingUp = JSON.stringify(debouncedInput) !== JSON.stringify(previewInput);

  const controlOwners = people.filter((person) => person.roles.includes("control_owner"));
  const reviewers = people.filter((person) => person.roles.includes("reviewer"));

  const change = (patch: Partial<DefinitionForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setNotice(null);
    // The server's messages were about what was sent; once it changes they may no longer hold.
    if (saveError) {
      create.reset();
      update.reset();
    }
  };

  const focusFirstInvalid = () => {
    requestAnimationFrame(() => {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    });
  };

  /** Checks the form with the server's schema; true when it may be sent. */
  const check = (): boolean => {
    setChecked(true);
    create.reset();
    update.reset();
    if (Object.keys(localFieldErrors(form)).length === 0) return true;
    focusFirstInvalid();
    return false;
  };

  const save = async (): Promise<DefinitionView | null> => {
    const input = toDefinitionInput(form);
    try {
      const result = savedId
        ? await update.mutateAsync({ definitionId: savedId, definition: input })
        : await create.mutateAsync(input);
      queryClient.setQueryData(
        trpc.campaigns.definitions.get.queryKey({ definitionId: result.id }),
        result,
      );
      void queryClient.invalidateQueries({ queryKey: trpc.campaigns.definitions.list.queryKey() });
      setSavedId(result.id);
      setBaseline(form);
      return result;
    } catch {
      focusFirstInvalid();
      return null;
    }
  };

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!check()) return;
    const result = await save();
    if (!result) return;
    if (saved === null) {
      navigate(`${listPath}/${result.id}`, { replace: true, state: { saved: true } });
    } else {
      setNotice("Changes saved.");
    }
  };

  const openLaunch = () => {
    if (!check()) return;
    launch.reset();
    setLaunchOpen(true);
  };

  const confirmLaunch = async () => {
    let definitionId = savedId;
    if (dirty) {
      const result = await save();
      if (!result) {
        setLaunchOpen(false);
        return;
      }
      definitionId = result.id;
    }
    if (!definitionId) return;
    launch.mutate(
      { definitionId },
      {
        onSuccess: (result) => {
          void queryClient.invalidateQueries({ queryKey: trpc.campaigns.list.queryKey() });
          void queryClient.invalidateQueries({
            queryKey: trpc.campaigns.definitions.list.queryKey(),
          });
          navigate(`/campaigns/${result.campaign.id}`);
        },
      },
    );
  };

  const sections = (
    <>
      <ControlSection form={form} update={change} errors={errors} controlOwners={controlOwners} />
      <ScopeSection form={form} update={change} errors={errors} />
      <ReviewersSection form={form} update={change} errors={errors} reviewers={reviewers} />
      <TimingSection form={form} update={change} errors={errors} />
      <RulesSection form={form} update={change} errors={errors} />
      <ScheduleSection form={form} update={change} errors={errors} now={now} />
    </>
  );

  if (readOnly) {
    return (
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        {/* Disabled inputs show the definition exactly as the editor holds it, changing nothing. */}
        <fieldset disabled className="min-w-0 space-y-6">
          <legend className="sr-only">The definition (read-only)</legend>
          {sections}
        </fieldset>
        {saved && <ReadOnlyFacts definition={saved} />}
      </div>
    );
  }

  const missing = missingForPreview(form);
  const summary = preview.data && !missing ? preview.data : null;

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate aria-label="Campaign definition">
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0 space-y-6">{sections}</div>
        <PreviewPanel
          preview={missing ? undefined : preview.data}
          isLoading={!missing && preview.isFetching && !preview.data}
          isRefreshing={
            !missing && preview.data !== undefined && (preview.isFetching || previewCatchingUp)
          }
          error={missing ? null : preview.error}
          onRetry={() => void preview.refetch()}
          missing={missing}
        />
      </div>
      <div className="sticky bottom-0 z-20 -mx-4 mt-6 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur md:-mx-6 md:px-6">
        {server.general && (
          <div className="mb-3">
            <InlineAlert>The definition was not saved. {server.general}</InlineAlert>
          </div>
        )}
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="min-w-0 text-sm" role="status">
            {notice ? (
              <span className="inline-flex items-center gap-1.5 font-medium text-emerald-700">
                <CheckIcon className="size-4" />
                {notice}
              </span>
            ) : hasErrors ? (
              <span className="font-medium text-red-700">Some fields need attention.</span>
            ) : summary ? (
              <span className="text-slate-600 lg:hidden">
                {count(summary.populationSize)} items for {count(summary.reviewerCount)} reviewers
              </span>
            ) : null}
            {!notice && !hasErrors && savedId && dirty && (
              <span className="hidden text-slate-500 lg:inline">Unsaved changes</span>
            )}
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <ButtonLink to={listPath} variant="ghost">
              Cancel
            </ButtonLink>
            <Button type="submit" disabled={saving || !dirty}>
              {saving && !launchOpen ? "Saving…" : saved ? "Save changes" : "Save"}
            </Button>
            <Button variant="primary" onClick={openLaunch} disabled={saving}>
              {dirty ? "Save and launch…" : "Launch now…"}
            </Button>
          </div>
        </div>
      </div>
      {launchOpen && (
        <LaunchDialog
          name={form.name.trim()}
          durationDays={Number(form.durationDays)}
          previewInput={previewInput}
          saveFirst={savedId === null ? "new" : dirty ? "changed" : null}
          launching={saving || launch.isPending}
          error={launch.error}
          onConfirm={() => void confirmLaunch()}
          onClose={() => setLaunchOpen(false)}
          now={now}
        />
      )}
    </form>
  );
}

function ReadOnlyFacts({ definition }: { definition: DefinitionView }) {
  return (
    <Card title="Runs" className="lg:sticky lg:top-20">
      <dl className="divide-y divide-slate-100 text-sm">
        {[
          ["Schedule", describeRecurrence(definition.recurrence)],
          [
            "Next run",
            definition.nextRunAt
              ? formatDate(definition.nextRunAt)
              : definition.recurrence === null
                ? "Launched by hand"
                : "Not set",
          ],
          ["Campaigns", count(definition.campaignCount)],
          [
            "Last launched",
            definition.lastLaunchedAt ? formatDate(definition.lastLaunchedAt) : "Never",
          ],
          ["Created", `${formatDate(definition.createdAt)} by ${definition.createdByName}`],
          ["Last changed", definition.updatedAt ? formatDate(definition.updatedAt) : "Never"],
        ].map(([label, value]) => (
          <div key={label} className="flex justify-between gap-4 px-4 py-2.5">
            <dt className="text-slate-500">{label}</dt>
            <dd className="text-right text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
