import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Button } from "@/components/button";
import { SelectField } from "@/components/form-fields";
import { useTRPC } from "@/lib/trpc";

/** The systems of a snapshot, shared by every tab that filters by system. */
export function useSnapshotSystems(snapshotId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.inventory.systems.queryOptions({ snapshotId }));
}

export function SystemFilter({
  snapshotId,
  value,
  onChange,
}: {
  snapshotId: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const systems = useSnapshotSystems(snapshotId);
  const known = systems.data?.systems.some((system) => system.key === value) ?? false;
  return (
    <SelectField label="System" value={value} onChange={onChange} className="w-full sm:w-52">
      <option value="">All systems</option>
      {value && !known && <option value={value}>{value}</option>}
      {systems.data?.systems.map((system) => (
        <option key={system.key} value={system.key}>
          {system.name}
        </option>
      ))}
    </SelectField>
  );
}

export function FilterBar({
  children,
  onClear,
}: {
  children: ReactNode;
  /** Shown when any filter is set. */
  onClear?: (() => void) | undefined;
}) {
  return (
    <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3">
      {children}
      {onClear && (
        <Button variant="ghost" size="sm" onClick={onClear} className="mb-0.5">
          Clear filters
        </Button>
      )}
    </div>
  );
}
