import type { Decision } from "@attest/domain/campaigns/campaign";
import { decisionLabels } from "@attest/domain/campaigns/campaign";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useId, useState } from "react";
import { useParams } from "react-router";
import { ButtonLink } from "@/components/button";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { ErrorState, InlineAlert } from "@/components/error-state";
import { type FilterTab, FilterTabs } from "@/components/filter-tabs";
import { LoadingState } from "@/components/loading-state";
import { PageHeader } from "@/components/page-header";
import { Pagination } from "@/components/pagination";
import { SearchInput } from "@/components/search-input";
import { CampaignStatusBadge } from "@/components/status-badges";
import type { DecisionSubmission, DialogDecision } from "@/features/reviews/decision-dialog";
import type { ItemStatus, ReviewItem } from "@/features/reviews/review-item";
import { ReviewItemsTable } from "@/features/reviews/review-items-table";
import { cx } from "@/lib/cx";
import { describeDue, formatDate } from "@/lib/dates";
import { describeError, type ErrorDescription } from "@/lib/errors";
import { trpcErrorCode, useTRPC } from "@/lib/trpc";
import { useDebouncedValue } from "@/lib/use-debounced-value";

const pageSize = 100;

// The dialog carries the shared zod schema; it loads apart from the first page, and is fetched
// as soon as this page opens so the first Revoke does not wait for it.
const loadDecisionDialog = () => import("@/features/reviews/decision-dialog");
const DecisionDialog = lazy(() =>
  loadDecisionDialog().then((module) => ({ default: module.DecisionDialog })),
);

interface OpenDialog {
  item: ReviewItem;
  decision: DialogDecision;
  error: ErrorDescription | null;
}

export function CampaignItemsPage() {
  const { campaignId = "" } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [status, setStatus] = useState<ItemStatus>("pending");
  const [search, setSearch] = useState("");
  const [offset, setOffset] = useState(0);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const debouncedSearch = useDebouncedValue(search.trim());

  useEffect(() => {
    void loadDecisionDialog();
  }, []);

  const campaigns = useQuery(trpc.reviews.myCampaigns.queryOptions());
  const campaign = campaigns.data?.find((candidate) => candidate.id === campaignId);
  const items = useQuery({
    ...trpc.reviews.myItems.queryOptions({
      campaignId,
      status,
      search: debouncedSearch || undefined,
      limit: pageSize,
      offset,
    }),
    placeholderData: keepPreviousData,
  });
  const recordDecision = useMutation(trpc.reviews.recordDecision.mutationOptions());

  const submitDecision = (
    item: ReviewItem,
    decision: Decision,
    submission: DecisionSubmission | null,
  ) => {
    setNotice(null);
    recordDecision.mutate(
      { itemId: item.id, decision, version: item.version, ...submission },
      {
        onSuccess: (updated) => {
          // The row stays where it is, showing its decision, until the list is next loaded.
          queryClient.setQueriesData<{ items: ReviewItem[]; total: number }>(
            { queryKey: trpc.reviews.myItems.queryKey() },
            (page) =>
              page && {
                ...page,
                items: page.items.map((row) => (row.id === updated.id ? updated : row)),
              },
          );
          void queryClient.invalidateQueries({
            queryKey: trpc.reviews.myItems.queryKey(),
            refetchType: "none",
          });
          void queryClient.invalidateQueries({ queryKey: trpc.reviews.myCampaigns.queryKey() });
          setDialog(null);
          const { identity, system, entitlement } = item.context;
          setAnnouncement(
            `${decisionLabels[decision]}: ${identity.displayName}, ${system.name} ${entitlement.name}.`,
          );
        },
        onError: (error) => {
          const described = describeError(error);
          if (trpcErrorCode(error) === "CONFLICT") {
            // Someone else changed it: show what it is now.
            void queryClient.invalidateQueries({ queryKey: trpc.reviews.myItems.queryKey() });
            void queryClient.invalidateQueries({ queryKey: trpc.reviews.myCampaigns.queryKey() });
          }
          if (submission) {
            setDialog((open) => open && { ...open, error: described });
          } else if (decision === "approve" && described.fieldErrors.justification) {
            // This campaign wants a reason even to keep access: ask for one.
            setDialog({ item, decision: "approve", error: null });
          } else {
            setNotice(
              `The decision for ${item.context.identity.displayName} was not recorded. ${described.message}`,
            );
          }
        },
      },
    );
  };

  const handleDecide = (item: ReviewItem, decision: Decision) => {
    if (decision === "approve") submitDecision(item, "approve", null);
    else setDialog({ item, decision, error: null });
  };

  const changeStatus = (next: ItemStatus) => {
    setStatus(next);
    setOffset(0);
  };
  const changeSearch = (next: string) => {
    setSearch(next);
    setOffset(0);
  };

  // Counts per filter are known from the campaign summary, but not for a search.
  const countFor = (tab: ItemStatus): number | undefined => {
    if (debouncedSearch) return tab === status ? items.data?.total : undefined;
    if (!campaign) return undefined;
    if (tab === "pending") return campaign.pendingItems;
    if (tab === "decided") return campaign.totalItems - campaign.pendingItems;
    return campaign.totalItems;
  };
  const tabs: FilterTab<ItemStatus>[] = [
    { value: "pending", label: "Pending", count: countFor("pending") },
    { value: "decided", label: "Decided", count: countFor("decided") },
    { value: "all", label: "All", count: countFor("all") },
  ];

  const canDecide = campaign?.status === "active";
  const due = campaign ? describeDue(campaign.dueAt) : null;

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
              {!canDecide && (
                <span>
                  This campaign is {campaign.status.replace("_", " ")}; decisions are final.
                </span>
              )}
            </>
          )
        }
      />
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {notice && (
        <div className="mb-4">
          <InlineAlert onDismiss={() => setNotice(null)}>{notice}</InlineAlert>
        </div>
      )}
      <Card
        title={
          <span id={headingId} tabIndex={-1} className="focus:outline-none">
            Your items
          </span>
        }
        actions={
          <>
            <FilterTabs label="Show items" tabs={tabs} value={status} onChange={changeStatus} />
            <SearchInput
              label="Search items"
              placeholder="Search items"
              value={search}
              onChange={changeSearch}
            />
          </>
        }
      >
        {items.isPending ? (
          <LoadingState
            label="Loading review items"
            rows={8}
            columns={7}
            rowClassName="h-[4.75rem]"
          />
        ) : items.isError ? (
          <ErrorState
            title="Review items could not be loaded"
            error={items.error}
            onRetry={() => items.refetch()}
          />
        ) : items.data.items.length === 0 ? (
          <EmptyState
            title={
              debouncedSearch
                ? "No items match your search"
                : status === "pending"
                  ? "Nothing left to review"
                  : status === "decided"
                    ? "No decisions yet"
                    : "No items"
            }
            description={
              debouncedSearch
                ? "Try a person's name, a system, an entitlement or an account name."
                : status === "pending"
                  ? "You have decided every item assigned to you in this campaign."
                  : undefined
            }
          />
        ) : (
          <div className={cx(items.isPlaceholderData && "opacity-60 transition-opacity")}>
            <ReviewItemsTable
              items={items.data.items}
              canDecide={canDecide}
              savingItemId={recordDecision.isPending ? recordDecision.variables.itemId : null}
              onDecide={handleDecide}
            />
            <Pagination
              label="Review item pages"
              offset={offset}
              limit={pageSize}
              total={items.data.total}
              onOffsetChange={setOffset}
            />
          </div>
        )}
      </Card>
      {dialog && (
        <Suspense fallback={null}>
          <DecisionDialog
            key={`${dialog.item.id}-${dialog.decision}`}
            item={dialog.item}
            decision={dialog.decision}
            pending={recordDecision.isPending}
            error={dialog.error}
            onClose={() => setDialog(null)}
            onSubmit={(submission) => submitDecision(dialog.item, dialog.decision, submission)}
            fallbackFocus={() => document.getElementById(headingId)}
          />
        </Suspense>
      )}
    </>
  );
}
