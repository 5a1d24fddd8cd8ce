import { useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { useDebouncedValue } from "@/lib/use-debounced-value";

/**
 * The browser's filters live in the address (?system=okta&privileged=1), so a filtered list can
 * be linked to, shared, and reached from another tab (a system's grants, an identity's grants).
 */
export function useFilterParams() {
  const [params, setParams] = useSearchParams();
  const get = useCallback((name: string) => params.get(name) ?? "", [params]);
  const set = useCallback(
    (changes: Record<string, string | null>) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [name, value] of Object.entries(changes)) {
            if (value) next.set(name, value);
            else next.delete(name);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return { get, set };
}

/**
 * A text filter typed into a field: the field answers at once, the address (and so the query)
 * follows once typing pauses.
 */
export function useDebouncedParam(
  name: string,
  { get, set }: ReturnType<typeof useFilterParams>,
): [string, (value: string) => void] {
  const current = get(name);
  const [draft, setDraft] = useState(current);
  // The value this field last wrote; any other change of the address came from elsewhere (a
  // link, "Clear filters") and replaces what is in the field.
  const [written, setWritten] = useState(current);
  const [seen, setSeen] = useState(current);
  if (current !== seen) {
    setSeen(current);
    if (current !== written) {
      setDraft(current);
      setWritten(current);
    }
  }
  const debounced = useDebouncedValue(draft.trim());
  useEffect(() => {
    if (debounced === draft.trim() && debounced !== current) {
      setWritten(debounced);
      set({ [name]: debounced || null });
    }
  }, [debounced, draft, current, name, set]);
  return [draft, setDraft];
}

/**
 * Pages of a keyset-paginated list: the cursors used so far, so "Previous" can go back. Any
 * change of `resetKey` (another filter, another snapshot) starts again at the first page.
 */
export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; cursors: string[] }>({
    key: resetKey,
    cursors: [],
  });
  let current = state;
  if (state.key !== resetKey) {
    current = { key: resetKey, cursors: [] };
    setState(current);
  }
  return {
    after: current.cursors.at(-1),
    pageIndex: current.cursors.length,
    next: (cursor: string) =>
      setState((previous) => ({ ...previous, cursors: [...previous.cursors, cursor] })),
    previous: () =>
      setState((previous) => ({ ...previous, cursors: previous.cursors.slice(0, -1) })),
  };
}
