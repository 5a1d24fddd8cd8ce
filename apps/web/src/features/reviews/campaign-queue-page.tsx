import type { Decision } from "@attest/domain/campaigns/campaign";
import { decisionLabels } from "@attest/domain/campaigns/campaign";
import {
  keepPreviousData,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useParams } from "react-router";
import { Button, ButtonLink } from "@/components/button";
import { Card } from "@/components/card";
import { Dialog } from "@/components/dialog";
import { EmptyState } from "@/components/empty-state";
import { ErrorState, InlineAlert } from "@/components/error-state";
import { LoadingState } from "@/components/loading-state";
import { PageHeader } from "@/components/page-header";
import { ProgressBar } from "@/components/progress-bar";
import { CampaignStatusBadge } from "@/components/status-badges";
import { BulkConfirmDialog } from "@/features/reviews/bulk-confirm-dialog";
import { ContextDetails } from "@/features/reviews/context-panel";
import { DecisionDialog, type DecisionSubmission } from "@/features/reviews/decision-dialog";
import { describeItem, QueueRow } from "@/features/reviews/queue-row";
import { QueueToolbar } from "@/features/reviews/queue-toolbar";
import {
  type GroupBy,
  initialQueueView,
  type QueueFilters,
  type QueueItem,
  type QueueStatus,
  queuePageInput,
  queuePageSize,
  queueQuery,
} from "@/features/reviews/queue-types";
import { ReassignItemDialog } from "@/features/reviews/reassign-item-dialog";
import { ShortcutsDialog } from "@/features/reviews/shortcuts-dialog";
import { useRecordDecision } from "@/features/reviews/use-record-decision";
import { cx } from "@/lib/cx";
import { describeDue, formatDate } from "@/lib/dates";
import { describeError, type ErrorDescription } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";
import { useDebouncedValue } from "@/lib/use-debounced-value";
import { useMediaQuery } from "@/lib/use-media-query";
import { useSignedInUser } from "@/lib/use-session";

type OpenDialog =
  | { kind: "decision"; item: QueueItem; decision: Decision; error: ErrorDescription | null }
  | { kind: "bulk"; decision: "approve" | "revoke"; error: ErrorDescription | null }
  | { kind: "reassign"; item: QueueItem }
  | { kind: "shortcuts" };

const rowEstimate = 76;
const groupHeaderHeight = 36;

/** Keys typed into a field, or pressed while a dialog is open, are not shortcuts. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.tagName === "TEXTAREA" ||
    target.tagName === "SELECT" ||
    (target.tagName === "INPUT" &&
      !["checkbox", "radio", "button"].includes((target as HTMLInputElement).type))
  );
}

/** One campaign's queue for the signed-in reviewer: filter, read the context, decide. */
export function CampaignQueuePage() {
  const { campaignId = "" } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const user = useSignedInUser();
  const wide = useMediaQuery("(min-width: 1280px)");

  const [status, setStatus] = useState<QueueStatus>(initialQueueView.status);
  const [filters, setFilters] = useState<QueueFilters>(initialQueueView.filters);
  const [groupBy, setGroupBy] = useState<GroupBy>(initialQueueView.groupBy);
  const [search, setSearch] = useState(initialQueueView.search);
  const debouncedSearch = useDebouncedValue(search.trim());
  const [focusIndex, setFocusIndex] = useState(0);
  const [panelOpen, setPanelOpen] = useState(false);
  const [selection, setSelection] = useState<ReadonlyMap<string, number>>(new Map());
  const [allMatching, setAllMatching] = useState(false);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [itemAlert, setItemAlert] = useState<{ itemId: string; message: string } | null>(null);
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [announcement, setAnnouncement] = useState("");

  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLDivElement>(null);
  const anchorRef = useRef<number | null>(null);
  // Diligence: when the reviewer came to the focused item, and which items they opened.
  const focusedSinceRef = useRef<{ itemId: string; since: number } | null>(null);
  const contextViewedRef = useRef<Set<string>>(new Set());

  const campaigns = useQuery(trpc.reviews.myCampaigns.queryOptions());
  const campaign = campaigns.data?.find((candidate) => candidate.id === campaignId);
  const query = queueQuery(campaignId, { status, filters, groupBy, search: debouncedSearch });
  const firstPage = useQuery({
    ...trpc.reviews.queue.queryOptions(queuePageInput(query, 0)),
    placeholderData: keepPreviousData,
  });
  const total = firstPage.data?.total ?? 0;

  const itemAtRef = useRef<(index: number) => QueueItem | undefined>(() => undefined);
  // A row's height as laid out at this width. Rows not yet on screen are estimated with it, so
  // measuring one as it scrolls in rarely changes the list's geometry (each change re-lays out
  // the rows and can move the scroll position).
  const rowHeightRef = useRef(rowEstimate);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => {
      const item = itemAtRef.current(index);
      const previous = index > 0 ? itemAtRef.current(index - 1) : undefined;
      return (
        rowHeightRef.current +
        (!previous || previous.group.key !== item?.group.key ? groupHeaderHeight : 0)
      );
    },
    overscan: 6,
    // React 19: no flushSync from the scroll handler; fast scrolling otherwise nests updates.
    useFlushSync: false,
    scrollPaddingStart: groupHeaderHeight,
  });
  const virtualItems = virtualizer.getVirtualItems();

  // The pages under the visible rows (and the one after), fetched as the reviewer scrolls.
  const neededPages = new Set<number>();
  for (const row of virtualItems) neededPages.add(Math.floor(row.index / queuePageSize));
  const lastVisible = virtualItems.at(-1)?.index ?? 0;
  const nextPage = Math.floor(lastVisible / queuePageSize) + 1;
  if (nextPage * queuePageSize < total && lastVisible % queuePageSize > queuePageSize - 40) {
    neededPages.add(nextPage);
  }
  neededPages.delete(0);
  const pageNumbers = [...neededPages].sort((a, b) => a - b);
  const laterPages = useQueries({
    queries: pageNumbers.map((page) =>
      trpc.reviews.queue.queryOptions(queuePageInput(query, page)),
    ),
  });
  const pageData = new Map<number, QueueItem[]>();
  if (firstPage.data) pageData.set(0, firstPage.data.items);
  pageNumbers.forEach((page, position) => {
    const items = laterPages[position]?.data?.items;
    if (items) pageData.set(page, items);
  });
  const itemAt = (index: number): QueueItem | undefined =>
    pageData.get(Math.floor(index / queuePageSize))?.[index % queuePageSize];
  itemAtRef.current = itemAt;

  const focusedItem = itemAt(focusIndex);

  // A new query is a new list: back to its top, with nothing selected.
  const queryKey = JSON.stringify(query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the query changes
  useEffect(() => {
    setFocusIndex(0);
    setSelection(new Map());
    setAllMatching(false);
    anchorRef.current = null;
    virtualizer.scrollToOffset(0);
  }, [queryKey]);

  useEffect(() => {
    if (!focusedItem) return;
    if (focusedSinceRef.current?.itemId !== focusedItem.id) {
      focusedSinceRef.current = { itemId: focusedItem.id, since: Date.now() };
    }
    if (panelOpen) contextViewedRef.current.add(focusedItem.id);
  }, [focusedItem, panelOpen]);

  const { record, savingIds } = useRecordDecision({
    reviewerName: user.displayName,
    onRecorded: (item, decision) => {
      setDialog((open) => (open?.kind === "decision" && open.item.id === item.id ? null : open));
      setItemAlert((alert) => (alert?.itemId === item.id ? null : alert));
      setAnnouncement(`${decisionLabels[decision]}: ${describeItem(item)}.`);
    },
    onRefused: (refusal) => {
      const item = pageItems().find((candidate) => candidate.id === refusal.itemId);
      setDialog((open) => {
        if (open?.kind === "decision" && open.item.id === refusal.itemId) {
          return { ...open, error: refusal.error };
        }
        if (!open && refusal.needsInput && item) {
          // This campaign wants a reason for this decision: ask for one.
          return { kind: "decision", item, decision: refusal.decision, error: null };
        }
        return open;
      });
      if (!refusal.needsInput) {
        setItemAlert({
          itemId: refusal.itemId,
          message: `Not recorded: ${refusal.error.message}`,
        });
      }
      void queryClient.invalidateQueries({
        queryKey: trpc.reviews.item.queryKey({ itemId: refusal.itemId }),
      });
    },
  });
  const pageItems = () => [...pageData.values()].flat();

  const diligenceFor = (item: QueueItem) => {
    const since = focusedSinceRef.current;
    return {
      timeOnItemMs: since?.itemId === item.id ? Math.min(Date.now() - since.since, 86_400_000) : 0,
      contextViewed: contextViewedRef.current.has(item.id),
    };
  };

  const submitDecision = (
    item: QueueItem,
    decision: Decision,
    submission: DecisionSubmission | null,
  ) => {
    setItemAlert(null);
    record({ item, decision, submission, diligence: diligenceFor(item) });
  };

  const decide = (index: number, decision: Decision) => {
    const item = itemAt(index);
    if (!item || savingIds.has(item.id)) return;
    setFocusIndex(index);
    if (!item.canDecide) {
      setItemAlert({
        itemId: item.id,
        message: item.cannotDecideReason ?? "You cannot decide this item.",
      });
      return;
    }
    if (item.decision === decision) return;
    const needsDialog =
      decision === "exception" ||
      (campaign?.justificationRequired[decision as "approve" | "revoke"] ?? false);
    if (needsDialog) setDialog({ kind: "decision", item, decision, error: null });
    else submitDecision(item, decision, null);
  };

  const toggleSelect = (index: number, range: boolean) => {
    // Read now: the updater runs later, after the anchor has moved to this row.
    const anchor = anchorRef.current;
    setSelection((current) => {
      const next = new Map(current);
      const target = itemAt(index);
      if (!target) return current;
      const select = !current.has(target.id);
      const [from, to] =
        range && anchor !== null
          ? [Math.min(anchor, index), Math.max(anchor, index)]
          : [index, index];
      for (let i = from; i <= to; i += 1) {
        const item = itemAt(i);
        if (!item?.canDecide) continue;
        if (select) next.set(item.id, item.version);
        else next.delete(item.id);
      }
      return next;
    });
    anchorRef.current = index;
    setAllMatching(false);
  };

  const moveFocus = (to: number, extendSelection: boolean) => {
    if (total === 0) return;
    const index = Math.max(0, Math.min(total - 1, to));
    if (extendSelection) {
      setSelection((current) => {
        const next = new Map(current);
        for (const i of [focusIndex, index]) {
          const item = itemAt(i);
          if (item?.canDecide) next.set(item.id, item.version);
        }
        return next;
      });
      anchorRef.current = index;
    }
    setFocusIndex(index);
    virtualizer.scrollToIndex(index, { align: "auto" });
    focusRow(index);
  };

  const focusRow = useCallback((index: number, attempts = 4) => {
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${index}"]`);
    if (row) row.focus({ preventScroll: true });
    else if (attempts > 0) requestAnimationFrame(() => focusRow(index, attempts - 1));
  }, []);

  const openPanel = (index: number) => {
    setFocusIndex(index);
    setPanelOpen(true);
  };

  // Stable handlers for the rows, so a memoised row re-renders only when its own item changes.
  const rowActionsRef = useRef({ decide, toggleSelect, openPanel });
  rowActionsRef.current = { decide, toggleSelect, openPanel };
  const onRowDecide = useCallback(
    (index: number, decision: Decision) => rowActionsRef.current.decide(index, decision),
    [],
  );
  const onRowToggleSelect = useCallback(
    (index: number, range: boolean) => rowActionsRef.current.toggleSelect(index, range),
    [],
  );
  const onRowOpen = useCallback((index: number) => rowActionsRef.current.openPanel(index), []);
  const onDismissAlert = useCallback(() => setItemAlert(null), []);

  // Keyboard shortcuts, read through a ref so the listener is added once.
  const shortcutRef = useRef<(event: KeyboardEvent) => void>(() => {});
  shortcutRef.current = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (dialog || document.querySelector("dialog[open]")) return;
    if (isTypingTarget(event.target)) return;
    const key = event.key;
    const handled = () => event.preventDefault();
    if (key === "j" || key === "J") {
      handled();
      moveFocus(focusIndex + 1, event.shiftKey);
    } else if (key === "k" || key === "K") {
      handled();
      moveFocus(focusIndex - 1, event.shiftKey);
    } else if (key === "Enter" || key === "o") {
      if (event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement) {
        return;
      }
      handled();
      if (focusedItem) openPanel(focusIndex);
    } else if (key === "x") {
      handled();
      toggleSelect(focusIndex, false);
    } else if (key === "a" || key === "r" || key === "e") {
      handled();
      decide(focusIndex, key === "a" ? "approve" : key === "r" ? "revoke" : "exception");
    } else if (key === "/") {
      handled();
      searchRef.current?.querySelector("input")?.focus();
    } else if (key === "?") {
      handled();
      setDialog({ kind: "shortcuts" });
    } else if (key === "Escape" && panelOpen) {
      handled();
      setPanelOpen(false);
      focusRow(focusIndex);
    }
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => shortcutRef.current(event);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);

  // Bulk decisions: an items selection, or everything the filters match.
  const bulkPreview = useQuery({
    ...trpc.reviews.bulkPreview.queryOptions({
      campaignId,
      status,
      filters,
      ...(debouncedSearch ? { search: debouncedSearch } : {}),
    }),
    enabled: allMatching || dialog?.kind === "bulk",
  });
  const bulkDecide = useMutation(trpc.reviews.bulkDecide.mutationOptions());
  const selectedCount = allMatching ? (bulkPreview.data?.decidable ?? null) : selection.size;

  const confirmBulk = (decision: "approve" | "revoke", justification: string | undefined) => {
    const selectionInput = allMatching
      ? {
          kind: "filter" as const,
          status,
          filters,
          ...(debouncedSearch ? { search: debouncedSearch } : {}),
          expectedCount: bulkPreview.data?.decidable ?? 0,
          // The items the confirmation counted: one decided elsewhere since is a conflict.
          fingerprint: bulkPreview.data?.fingerprint ?? "",
        }
      : {
          kind: "items" as const,
          items: [...selection].map(([itemId, version]) => ({ itemId, version })),
        };
    bulkDecide.mutate(
      {
        campaignId,
        decision,
        ...(justification ? { justification } : {}),
        selection: selectionInput,
      },
      {
        onSuccess: (result) => {
          setDialog(null);
          setSelection(new Map());
          setAllMatching(false);
          const skipped =
            result.skipped.length === 0
              ? ""
              : `; ${result.skipped.length.toLocaleString("en-GB")} skipped: ${[
                  ...new Set(result.skipped.map((skip) => skip.reason)),
                ].join("; ")}`;
          setNotice({
            tone: "success",
            text: `Recorded ${result.recorded.toLocaleString("en-GB")} ${result.recorded === 1 ? "decision" : "decisions"}${skipped}.`,
          });
          void queryClient.invalidateQueries({ queryKey: trpc.reviews.queue.queryKey() });
          void queryClient.invalidateQueries({ queryKey: trpc.reviews.myCampaigns.queryKey() });
          void queryClient.invalidateQueries({ queryKey: trpc.reviews.bulkPreview.queryKey() });
        },
        onError: (error) => {
          setDialog((open) =>
            open?.kind === "bulk" ? { ...open, error: describeError(error) } : open,
          );
          void queryClient.invalidateQueries({ queryKey: trpc.reviews.bulkPreview.queryKey() });
        },
      },
    );
  };

  const focusedId = focusedItem?.id ?? null;
  const contextOpen = panelOpen && focusedId !== null;

  // Once rows are on screen, and when the context panel or the 1280 px layout changes the list's
  // width, learn a row's height.
  const rowsShown = virtualItems.length > 0 && pageData.has(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-read when the layout can change
  useLayoutEffect(() => {
    const row = scrollRef.current?.querySelector<HTMLElement>("[data-queue-row] [role='group']");
    if (!row) return;
    const height = row.offsetHeight;
    if (height > 0 && Math.abs(height - rowHeightRef.current) > 1) {
      rowHeightRef.current = height;
      virtualizer.measure();
    }
  }, [rowsShown, contextOpen, wide]);

  if (campaigns.isSuccess && !campaign) {
    return (
      <Card>
        <EmptyState
          title="No review items for you in this campaign"
          description="The campaign may have been removed, or it asks someone else to review."
          action={
            <ButtonLink to="/reviews" variant="primary">
              Back to my reviews
            </ButtonLink>
          }
        />
      </Card>
    );
  }

  const due = campaign ? describeDue(campaign.dueAt) : null;
  const percent =
    campaign && campaign.totalItems > 0
      ? Math.floor((campaign.decidedItems / campaign.totalItems) * 100)
      : 100;
  const firstVisible = virtualItems.find((row) => row.end > (virtualizer.scrollOffset ?? 0) + 1);
  const stickyGroup =
    (virtualizer.scrollOffset ?? 0) > 0 && firstVisible ? itemAt(firstVisible.index)?.group : null;

  const context = focusedItem && (
    <ContextDetails
      itemId={focusedItem.id}
      onReassign={(item) => setDialog({ kind: "reassign", item })}
      onDecide={(decision) => decide(focusIndex, decision)}
    />
  );

  return (
    <>
      <PageHeader
        back={{ to: "/reviews", label: "My reviews" }}
        title={campaign?.name ?? <span className="text-slate-400">Loading campaign…</span>}
        meta={
          campaign &&
          due && (
            <>
              <CampaignStatusBadge status={campaign.status} />
              <span className="font-mono text-xs">{campaign.controlId}</span>
              <span>
                Due {formatDate(campaign.dueAt)}
                {campaign.status === "active" && campaign.pendingItems > 0 && (
                  <span className={cx(due.overdue && "font-medium text-red-700")}>
                    {" "}
                    · {due.text}
                  </span>
                )}
              </span>
              <span className="inline-flex items-center gap-2">
                <span className="w-28">
                  <ProgressBar value={percent} label={`${percent}% of your items decided`} />
                </span>
                <span className="tabular-nums">
                  {campaign.decidedItems.toLocaleString("en-GB")} of{" "}
                  {campaign.totalItems.toLocaleString("en-GB")} decided
                </span>
              </span>
              {campaign.status !== "active" && (
                <span>
                  This campaign is {campaign.status.replace("_", " ")}; decisions are final.
                </span>
              )}
            </>
          )
        }
        actions={
          <Button variant="ghost" size="sm" onClick={() => setDialog({ kind: "shortcuts" })}>
            Keyboard shortcuts <kbd className="font-mono">?</kbd>
          </Button>
        }
      />
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {notice && (
        <div className="mb-4">
          {notice.tone === "error" ? (
            <InlineAlert onDismiss={() => setNotice(null)}>{notice.text}</InlineAlert>
          ) : (
            <div
              role="status"
              className="flex items-start justify-between gap-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
            >
              {notice.text}
              <button
                type="button"
                onClick={() => setNotice(null)}
                aria-label="Dismiss"
                className="rounded px-1 hover:bg-emerald-100"
              >
                ×
              </button>
            </div>
          )}
        </div>
      )}
      <div className={cx(contextOpen && wide && "grid grid-cols-[minmax(0,1fr)_24rem] gap-4")}>
        <Card title="Your items" bodyClassName="min-w-0">
          <QueueToolbar
            status={status}
            onStatusChange={setStatus}
            counts={firstPage.data?.counts}
            filters={filters}
            onFiltersChange={setFilters}
            groupBy={groupBy}
            onGroupByChange={setGroupBy}
            search={search}
            onSearchChange={setSearch}
            searchRef={searchRef}
          />
          {(selection.size > 0 || allMatching) && (
            // biome-ignore lint/a11y/useSemanticElements: a toolbar of the selection's actions
            <div
              role="group"
              aria-label="Selection"
              className="flex flex-wrap items-center gap-2 border-b border-accent-200 bg-accent-50 px-4 py-2 text-sm"
            >
              <span className="font-medium text-slate-900">
                {allMatching
                  ? selectedCount === null
                    ? "Counting all matching items…"
                    : `All ${selectedCount.toLocaleString("en-GB")} matching items selected`
                  : `${selection.size.toLocaleString("en-GB")} selected`}
              </span>
              <Button
                size="sm"
                variant="primary"
                onClick={() => setDialog({ kind: "bulk", decision: "approve", error: null })}
              >
                Approve
              </Button>
              <Button
                size="sm"
                className="text-red-700"
                onClick={() => setDialog({ kind: "bulk", decision: "revoke", error: null })}
              >
                Revoke
              </Button>
              {!allMatching && total > selection.size && (
                <Button size="sm" variant="ghost" onClick={() => setAllMatching(true)}>
                  Select all {total.toLocaleString("en-GB")} matching
                </Button>
              )}
              <Button
                size="sm"
                variant="ghost"
                onClick={() => {
                  setSelection(new Map());
                  setAllMatching(false);
                }}
              >
                Clear selection
              </Button>
            </div>
          )}
          {firstPage.isPending ? (
            <LoadingState
              label="Loading review items"
              rows={8}
              columns={5}
              rowClassName="h-[4.75rem]"
            />
          ) : firstPage.isError ? (
            <ErrorState
              title="Review items could not be loaded"
              error={firstPage.error}
              onRetry={() => firstPage.refetch()}
            />
          ) : total === 0 ? (
            <EmptyState
              title={
                debouncedSearch || Object.keys(filters).length > 0
                  ? "No items match"
                  : status === "pending"
                    ? "Nothing left to review"
                    : status === "decided"
                      ? "No decisions yet"
                      : "No items"
              }
              description={
                debouncedSearch || Object.keys(filters).length > 0
                  ? "Try another search, or clear a filter."
                  : status === "pending"
                    ? "You have decided every item assigned to you in this campaign."
                    : undefined
              }
            />
          ) : (
            <div
              ref={scrollRef}
              data-queue-scroller
              className={cx(
                // Contained: laying out rows that scroll in never lays out the page around them.
                "relative h-[calc(100vh-19rem)] min-h-[24rem] overflow-y-auto [contain:strict]",
                firstPage.isPlaceholderData && "opacity-60 transition-opacity",
              )}
            >
              {stickyGroup && (
                <div
                  aria-hidden="true"
                  className="sticky top-0 z-10 -mb-9 flex h-9 items-center border-b border-slate-200 bg-slate-50 px-4 text-sm font-semibold text-slate-800 shadow-xs"
                >
                  {stickyGroup.label}
                </div>
              )}
              <ul
                aria-label="Review items"
                className="relative w-full"
                style={{ height: virtualizer.getTotalSize() }}
              >
                {virtualItems.map((row) => {
                  const item = itemAt(row.index);
                  const previous = row.index > 0 ? itemAt(row.index - 1) : undefined;
                  return (
                    <li
                      key={row.key}
                      aria-setsize={total}
                      aria-posinset={row.index + 1}
                      data-index={row.index}
                      data-queue-row={item ? "" : undefined}
                      ref={virtualizer.measureElement}
                      className="absolute top-0 left-0 w-full [contain:content]"
                      style={{ transform: `translateY(${row.start}px)` }}
                    >
                      <QueueRow
                        item={item}
                        index={row.index}
                        total={total}
                        focused={row.index === focusIndex}
                        selected={
                          item ? (allMatching ? item.canDecide : selection.has(item.id)) : false
                        }
                        saving={item ? savingIds.has(item.id) : false}
                        groupStart={!!item && previous?.group.key !== item.group.key}
                        alert={item && itemAlert?.itemId === item.id ? itemAlert.message : null}
                        onFocusRow={setFocusIndex}
                        onToggleSelect={onRowToggleSelect}
                        onDecide={onRowDecide}
                        onOpen={onRowOpen}
                        onDismissAlert={onDismissAlert}
                      />
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
        </Card>
        {contextOpen && wide && (
          <aside aria-label="Item context" className="min-w-0">
            <div className="sticky top-4 max-h-[calc(100vh-2rem)] overflow-y-auto rounded-lg border border-slate-200 bg-white shadow-xs">
              <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2">
                <h2 className="text-sm font-semibold text-slate-900">Item context</h2>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => {
                    setPanelOpen(false);
                    focusRow(focusIndex);
                  }}
                >
                  Close
                </Button>
              </div>
              {context}
            </div>
          </aside>
        )}
      </div>
      {contextOpen && !wide && !dialog && (
        <Dialog
          title="Item context"
          onClose={() => setPanelOpen(false)}
          fallbackFocus={() =>
            scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${focusIndex}"]`) ??
            null
          }
        >
          <div className="-mx-5 -my-4">{context}</div>
        </Dialog>
      )}
      {dialog?.kind === "decision" && campaign && (
        <DecisionDialog
          key={`${dialog.item.id}-${dialog.decision}`}
          item={dialog.item}
          decision={dialog.decision}
          maxExceptionDays={campaign.maxExceptionDays}
          pending={savingIds.has(dialog.item.id)}
          error={dialog.error}
          onClose={() => setDialog(null)}
          onSubmit={(submission) => submitDecision(dialog.item, dialog.decision, submission)}
          fallbackFocus={() =>
            scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${focusIndex}"]`) ??
            null
          }
        />
      )}
      {dialog?.kind === "bulk" && campaign && (
        <BulkConfirmDialog
          decision={dialog.decision}
          count={selectedCount}
          notDecidable={allMatching ? (bulkPreview.data?.notDecidable ?? 0) : 0}
          justificationRequired={campaign.justificationRequired[dialog.decision]}
          pending={bulkDecide.isPending}
          error={dialog.error}
          onClose={() => setDialog(null)}
          onConfirm={(justification) => confirmBulk(dialog.decision, justification)}
        />
      )}
      {dialog?.kind === "reassign" && (
        <ReassignItemDialog
          item={dialog.item}
          onClose={() => setDialog(null)}
          onReassigned={(toReviewerName) => {
            setDialog(null);
            setPanelOpen(false);
            setNotice({
              tone: "success",
              text: `${describeItem(dialog.item)} is now with ${toReviewerName}.`,
            });
          }}
        />
      )}
      {dialog?.kind === "shortcuts" && <ShortcutsDialog onClose={() => setDialog(null)} />}
    </>
  );
}
