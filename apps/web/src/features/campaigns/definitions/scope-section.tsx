import {
  humanIdentityKinds,
  type IdentityKind,
  identityKindLabels,
  nonHumanIdentityKinds,
  type RiskLevel,
  riskLevels,
} from "@attest/domain/inventory/identity-kinds";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useId, useState } from "react";
import { Button } from "@/components/button";
import { ErrorState } from "@/components/error-state";
import { LoadingState } from "@/components/loading-state";
import { SearchInput } from "@/components/search-input";
import type { SectionProps } from "@/features/campaigns/definitions/definition-sections";
import {
  CheckboxOption,
  EditorSection,
  FieldGroup,
  FieldMessage,
  ToggleChip,
} from "@/features/campaigns/definitions/form-controls";
import { useTRPC } from "@/lib/trpc";

const count = (value: number) => value.toLocaleString("en-GB");

const riskLabels: Record<RiskLevel, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  critical: "Critical",
};

interface ChecklistItem {
  key: string;
  label: string;
  detail?: ReactNode;
  aside?: ReactNode;
}

/** Picks some of a long list: a filter, a scrolling list of checkboxes, and what is picked. */
function Checklist({
  legend,
  items,
  selected,
  onChange,
  filterLabel,
  noneSelected,
  error,
}: {
  legend: string;
  items: ChecklistItem[];
  selected: string[];
  onChange: (keys: string[]) => void;
  filterLabel: string;
  /** What an empty selection means. */
  noneSelected: string;
  error?: string | undefined;
}) {
  const [filter, setFilter] = useState("");
  const messageId = useId();
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? items.filter((item) => `${item.label} ${item.key}`.toLowerCase().includes(needle))
    : items;
  const chosen = new Set(selected);
  const toggle = (key: string, checked: boolean) =>
    onChange(checked ? [...selected, key] : selected.filter((candidate) => candidate !== key));
  return (
    <fieldset className="min-w-0" aria-describedby={messageId}>
      <div className="mb-1.5 flex flex-wrap items-center justify-between gap-2">
        <legend className="float-left text-xs font-medium text-slate-600">{legend}</legend>
        <span className="text-xs text-slate-600" aria-live="polite">
          {selected.length === 0 ? noneSelected : `${count(selected.length)} selected`}
          {selected.length > 0 && (
            <Button variant="ghost" size="sm" className="ml-1 h-6" onClick={() => onChange([])}>
              Clear
            </Button>
          )}
        </span>
      </div>
      <div className="clear-both rounded-md ring-1 ring-slate-200 ring-inset">
        <div className="border-b border-slate-200 p-2">
          <SearchInput
            label={filterLabel}
            value={filter}
            onChange={setFilter}
            className="sm:w-full"
          />
        </div>
        <ul className="max-h-60 divide-y divide-slate-100 overflow-y-auto">
          {shown.length === 0 && (
            <li className="px-3 py-4 text-center text-sm text-slate-500">Nothing matches.</li>
          )}
          {shown.map((item) => (
            <li key={item.key}>
              <label className="flex cursor-pointer items-center gap-3 px-3 py-2 hover:bg-slate-50 has-disabled:cursor-default">
                <input
                  type="checkbox"
                  checked={chosen.has(item.key)}
                  onChange={(event) => toggle(item.key, event.target.checked)}
                  className="size-4 shrink-0 rounded accent-accent-600"
                />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm text-slate-900">{item.label}</span>
                  {item.detail && (
                    <span className="block truncate text-xs text-slate-500">{item.detail}</span>
                  )}
                </span>
                {item.aside && (
                  <span className="shrink-0 text-xs text-slate-500 tabular-nums">{item.aside}</span>
                )}
              </label>
            </li>
          ))}
        </ul>
      </div>
      <FieldMessage id={messageId} error={error} />
    </fieldset>
  );
}

function SystemsPicker({ form, update, errors }: SectionProps) {
  const trpc = useTRPC();
  const systems = useQuery(trpc.inventory.systems.queryOptions({}));
  if (systems.isPending)
    return (
      <div className="rounded-md ring-1 ring-slate-200 ring-inset">
        <LoadingState label="Loading systems" rows={4} columns={3} rowClassName="h-10" />
      </div>
    );
  if (systems.isError)
    return (
      <div className="rounded-md ring-1 ring-slate-200 ring-inset">
        <ErrorState
          title="Systems could not be loaded"
          error={systems.error}
          onRetry={() => systems.refetch()}
        />
      </div>
    );
  return (
    <Checklist
      legend="Systems"
      filterLabel="Filter systems"
      noneSelected="None selected: every system"
      selected={form.systemKeys}
      onChange={(systemKeys) => update({ systemKeys })}
      error={errors["scope.systemKeys"]}
      items={systems.data.systems.map((system) => ({
        key: system.key,
        label: system.name,
        detail: (
          <>
            <span className="font-mono">{system.key}</span>
            {system.soxInScope && " · SOX in scope"}
            {system.ownerName && ` · owner ${system.ownerName}`}
          </>
        ),
        aside: `${count(system.grants)} grants`,
      }))}
    />
  );
}

function EntitlementsPicker({ form, update, errors }: SectionProps) {
  const trpc = useTRPC();
  const entitlements = useQuery(trpc.inventory.entitlements.queryOptions({}));
  if (entitlements.isPending)
    return (
      <div className="rounded-md ring-1 ring-slate-200 ring-inset">
        <LoadingState label="Loading entitlements" rows={4} columns={3} rowClassName="h-10" />
      </div>
    );
  if (entitlements.isError)
    return (
      <div className="rounded-md ring-1 ring-slate-200 ring-inset">
        <ErrorState
          title="Entitlements could not be loaded"
          error={entitlements.error}
          onRetry={() => entitlements.refetch()}
        />
      </div>
    );
  const systems = new Set(form.systemKeys);
  const offered = entitlements.data.entitlements.filter(
    (entitlement) =>
      (systems.size === 0 || systems.has(entitlement.systemKey)) &&
      (!form.privilegedOnly || entitlement.privileged),
  );
  const offeredKeys = new Set(offered.map((e) => `${e.systemKey}/${e.key}`));
  // Picked entitlements outside the systems now chosen still count (the server ANDs them): keep them visible.
  const stray = form.entitlementKeys.filter((key) => !offeredKeys.has(key));
  return (
    <Checklist
      legend="Entitlements"
      filterLabel="Filter entitlements"
      noneSelected="None selected: every entitlement of the systems above"
      selected={form.entitlementKeys}
      onChange={(entitlementKeys) => update({ entitlementKeys })}
      error={errors["scope.entitlementKeys"]}
      items={[
        ...offered.map((entitlement) => ({
          key: `${entitlement.systemKey}/${entitlement.key}`,
          label: `${entitlement.systemName} · ${entitlement.name}`,
          detail: (
            <>
              {entitlement.privileged ? "Privileged · " : ""}
              {riskLabels[entitlement.risk]} risk
              {entitlement.ownerName && ` · owner ${entitlement.ownerName}`}
            </>
          ),
          aside: `${count(entitlement.grants)} grants`,
        })),
        ...stray.map((key) => ({ key, label: key, detail: "Not among the systems chosen above" })),
      ]}
    />
  );
}

function KindChips({
  legend,
  kinds,
  selected,
  onChange,
}: {
  legend: string;
  kinds: readonly IdentityKind[];
  selected: IdentityKind[];
  onChange: (kinds: IdentityKind[]) => void;
}) {
  return (
    <fieldset className="min-w-0">
      <legend className="mb-1.5 text-xs text-slate-500">{legend}</legend>
      <div className="flex flex-wrap gap-2">
        {kinds.map((kind) => (
          <ToggleChip
            key={kind}
            label={identityKindLabels[kind]}
            checked={selected.includes(kind)}
            onChange={(checked) =>
              onChange(
                checked ? [...selected, kind] : selected.filter((candidate) => candidate !== kind),
              )
            }
          />
        ))}
      </div>
    </fieldset>
  );
}

export function ScopeSection(props: SectionProps) {
  const { form, update, errors } = props;
  const [pickEntitlements, setPickEntitlements] = useState(form.entitlementKeys.length > 0);
  return (
    <EditorSection
      title="Scope"
      description="Which grants of the latest snapshot become review items. Each filter narrows the one before; an empty one does not filter."
    >
      <SystemsPicker {...props} />
      <CheckboxOption
        label="Privileged access only"
        description="Only entitlements the inventory marks as privileged (administrators, super users, production access)."
        checked={form.privilegedOnly}
        onChange={(privilegedOnly) => update({ privilegedOnly })}
      />
      <FieldGroup
        legend="Risk levels"
        hint={
          form.risks.length === 0
            ? "None selected: every risk level."
            : "Entitlements of these risk levels."
        }
      >
        <div className="flex flex-wrap gap-2">
          {riskLevels.map((risk) => (
            <ToggleChip
              key={risk}
              label={riskLabels[risk]}
              checked={form.risks.includes(risk)}
              onChange={(checked) =>
                update({
                  risks: checked
                    ? riskLevels.filter((level) => level === risk || form.risks.includes(level))
                    : form.risks.filter((level) => level !== risk),
                })
              }
            />
          ))}
        </div>
      </FieldGroup>
      <FieldGroup
        legend="Identity kinds"
        error={errors.scope}
        hint={
          form.identityKinds.length === 0
            ? "None selected: people and non-human identities alike."
            : "Only identities of these kinds."
        }
      >
        <div className="grid gap-3 sm:grid-cols-2">
          <KindChips
            legend="People"
            kinds={humanIdentityKinds}
            selected={form.identityKinds}
            onChange={(identityKinds) => update({ identityKinds })}
          />
          <KindChips
            legend="Non-human"
            kinds={nonHumanIdentityKinds}
            selected={form.identityKinds}
            onChange={(identityKinds) => update({ identityKinds })}
          />
        </div>
      </FieldGroup>
      <div>
        <CheckboxOption
          label="Only specific entitlements"
          description="Pick entitlements one by one, for a campaign about a few roles."
          checked={pickEntitlements}
          onChange={(checked) => {
            setPickEntitlements(checked);
            if (!checked) update({ entitlementKeys: [] });
          }}
        />
        {pickEntitlements && (
          <div className="mt-3">
            <EntitlementsPicker {...props} />
          </div>
        )}
      </div>
    </EditorSection>
  );
}
