import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Badge } from "@/components/badge";
import { Button } from "@/components/button";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { ProgressBar } from "@/components/progress-bar";
import { numericCell, Table, TableBody, TableHead, Td, Th, Tr } from "@/components/table";
import { formatDateTime, formatRelative } from "@/lib/dates";
import { describeError } from "@/lib/errors";
import { type RouterOutputs, useTRPC } from "@/lib/trpc";
import { CockpitNotice, type Notice } from "./cockpit-notice";
import { ReassignReviewerDialog } from "./reassign-reviewer-dialog";
import { useRefreshCampaign } from "./use-refresh-campaign";

type Dashboard = RouterOutputs["campaigns"]["dashboard"];
type Reviewer = Dashboard["reviewers"][number];
type RemindResult = RouterOutputs["campaigns"]["remindNow"];

function plural(count: number, word: string): string {
  return `${count.toLocaleString("en-GB")} ${word}${count === 1 ? "" : "s"}`;
}

function names(list: { reviewerName: string }[]): string {
  const all = list.map((entry) => entry.reviewerName);
  if (all.length <= 3) return all.join(", ").replace(/, ([^,]*)$/, " and $1");
  return `${all.slice(0, 2).join(", ")} and ${all.length - 2} more`;
}

/** The remindNow answer as one sentence: who got a mail, who was reminded too recently. */
export function describeReminders(result: RemindResult): Notice {
  const sentences: string[] = [];
  const delivered = result.reminded.filter((entry) => entry.delivered);
  const undelivered = result.reminded.filter((entry) => !entry.delivered);
  const [only] = delivered;
  if (delivered.length === 1 && only)
    sentences.push(
      `Reminder sent to ${only.reviewerName} about ${plural(only.pendingItems, "pending item")}.`,
    );
  else if (delivered.length > 1)
    sentences.push(
      `Reminders sent to ${plural(delivered.length, "reviewer")}: ${names(delivered)}.`,
    );
  if (undelivered.length > 0)
    sentences.push(
      `The mail server did not accept the reminder to ${names(undelivered)}; it is retried automatically.`,
    );
  if (result.skipped.length > 0)
    sentences.push(
      `${names(result.skipped)} ${result.skipped.length === 1 ? "was" : "were"} reminded in the last few minutes, so no second mail went out.`,
    );
  if (sentences.length === 0) sentences.push("Nobody needed a reminder.");
  return {
    tone: delivered.length > 0 && undelivered.length === 0 ? "success" : "warning",
    text: sentences.join(" "),
  };
}

const collapsedRows = 12;
// Below md the table keeps the reviewer and Remind; the rest folds under the name.
const wideOnly = "hidden md:table-cell";

/** Overdue first, then whoever has most left to decide. */
function byUrgency(a: Reviewer, b: Reviewer): number {
  return (
    Number(b.overdue) - Number(a.overdue) || b.pending - a.pending || a.name.localeCompare(b.name)
  );
}

function TimeAgo({ at, empty }: { at: string | null; empty: string }) {
  if (!at) return <span className="text-slate-400">{empty}</span>;
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {formatRelative(at)}
    </time>
  );
}

/**
 * Every reviewer's progress, who is overdue, who was last reminded when, and who reviews
 * systems they hold privileged access on; control owners chase from here, and whoever runs the
 * campaign hands a reviewer's pending items to someone else.
 */
export function ReviewersCard({
  campaignId,
  campaignStatus,
  campaignOverdue,
  reviewers,
  canRemind,
  canReassign,
}: {
  campaignId: string;
  campaignStatus: Dashboard["campaign"]["status"];
  campaignOverdue: boolean;
  reviewers: Reviewer[];
  canRemind: boolean;
  /** The campaign's control owner or an administrator (the server checks again). */
  canReassign: boolean;
}) {
  const trpc = useTRPC();
  // Said inside the card, where the click was: the page header may be far above.
  const [notice, setNotice] = useState<Notice | null>(null);
  const refresh = useRefreshCampaign();
  const remind = useMutation(
    trpc.campaigns.remindNow.mutationOptions({
      onSuccess: async (result) => {
        await refresh();
        setNotice(describeReminders(result));
      },
      onError: (error) =>
        setNotice({
          tone: "error",
          text: `No reminder was sent. ${describeError(error).message}`,
        }),
    }),
  );
  const [showAll, setShowAll] = useState(false);
  const sorted = [...reviewers].sort(byUrgency);
  // Everyone still to chase, and at least a dozen: the rest (all done) on request.
  const shownAtFirst = Math.max(collapsedRows, sorted.filter((r) => r.pending > 0).length);
  const shown = showAll ? sorted : sorted.slice(0, shownAtFirst);
  const withPending = reviewers.filter((reviewer) => reviewer.pending > 0);
  const overdue = reviewers.filter((reviewer) => reviewer.overdue);
  const remindable = canRemind && campaignStatus === "active";
  const reassignable =
    canReassign && (campaignStatus === "scheduled" || campaignStatus === "active");
  const [reassigning, setReassigning] = useState<Reviewer | null>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  const remindingAll = remind.isPending && remind.variables?.reviewerId === undefined;

  return (
    <Card
      title="Reviewers"
      description={
        reviewers.length === 0
          ? "Nobody has items in this campaign."
          : `${plural(reviewers.length, "reviewer")}, ${withPending.length.toLocaleString("en-GB")} with items pending${overdue.length > 0 ? `, ${overdue.length.toLocaleString("en-GB")} overdue` : ""}.`
      }
      actions={
        remindable &&
        withPending.length > 0 && (
          <Button
            variant={campaignOverdue ? "primary" : "secondary"}
            size="sm"
            disabled={remind.isPending}
            onClick={() => remind.mutate({ campaignId })}
          >
            {remindingAll
              ? "Sending reminders…"
              : campaignOverdue
                ? `Remind all overdue (${overdue.length})`
                : `Remind all with pending items (${withPending.length})`}
          </Button>
        )
      }
    >
      <CockpitNotice notice={notice} onDismiss={() => setNotice(null)} className="px-4 pt-3 pb-1" />
      {reviewers.length === 0 ? (
        <EmptyState
          title="No reviewers"
          description="The campaign's population routed no item to anyone."
        />
      ) : (
        // Where focus goes when a reassignment empties the row whose button opened the dialog.
        <div ref={tableRef} tabIndex={-1} className="outline-none">
          <Table label="Reviewers" minWidth="0">
            <TableHead>
              <tr>
                <Th>Reviewer</Th>
                <Th className={`w-48 ${wideOnly}`}>Decided</Th>
                <Th className={`${numericCell} ${wideOnly}`}>Pending</Th>
                <Th className={wideOnly}>Status</Th>
                <Th className={wideOnly}>Independence</Th>
                <Th className={wideOnly}>Last reminded</Th>
                {(remindable || reassignable) && (
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                )}
              </tr>
            </TableHead>
            <TableBody>
              {shown.map((reviewer) => {
                const percent =
                  reviewer.total === 0
                    ? 100
                    : Math.floor((reviewer.decided / reviewer.total) * 100);
                const reminding =
                  remind.isPending && remind.variables?.reviewerId === reviewer.reviewerId;
                return (
                  <Tr key={reviewer.reviewerId}>
                    <Td>
                      <div className="font-medium text-slate-900">{reviewer.name}</div>
                      <div
                        className="max-w-[14rem] truncate text-xs text-slate-500 md:max-w-none"
                        title={reviewer.email}
                      >
                        {reviewer.email}
                      </div>
                      <div className="mt-1 text-xs text-slate-600 md:hidden">
                        {[
                          `${reviewer.pending.toLocaleString("en-GB")} pending`,
                          `${reviewer.decided.toLocaleString("en-GB")} of ${reviewer.total.toLocaleString("en-GB")} decided`,
                          reviewer.overdue ? "overdue" : null,
                          reviewer.independenceFlags > 0
                            ? plural(reviewer.independenceFlags, "independence flag")
                            : null,
                          reviewer.lastRemindedAt
                            ? `reminded ${formatRelative(reviewer.lastRemindedAt)}`
                            : null,
                        ]
                          .filter(Boolean)
                          .join(" · ")}
                      </div>
                    </Td>
                    <Td className={wideOnly}>
                      <div className="text-xs text-slate-600 tabular-nums">
                        {reviewer.decided.toLocaleString("en-GB")} of{" "}
                        {reviewer.total.toLocaleString("en-GB")}
                      </div>
                      <ProgressBar
                        value={percent}
                        label={`${reviewer.name}'s progress`}
                        className="mt-1.5"
                      />
                    </Td>
                    <Td className={`${numericCell} ${wideOnly}`}>
                      {reviewer.pending.toLocaleString("en-GB")}
                    </Td>
                    <Td className={wideOnly}>
                      {reviewer.overdue ? (
                        <Badge tone="danger">Overdue</Badge>
                      ) : reviewer.pending === 0 ? (
                        <Badge tone="success">Done</Badge>
                      ) : (
                        <Badge tone="neutral">In progress</Badge>
                      )}
                    </Td>
                    <Td className={wideOnly}>
                      {reviewer.independenceFlags > 0 ? (
                        <Badge
                          tone="warning"
                          title="Items on systems where this reviewer holds privileged access themselves"
                        >
                          {plural(reviewer.independenceFlags, "flag")}
                        </Badge>
                      ) : (
                        <span className="text-slate-400">None</span>
                      )}
                    </Td>
                    <Td className={`whitespace-nowrap ${wideOnly}`}>
                      <TimeAgo at={reviewer.lastRemindedAt} empty="Never" />
                      {reviewer.lastEscalatedAt && (
                        <div className="text-xs text-slate-500">
                          Escalated <TimeAgo at={reviewer.lastEscalatedAt} empty="" />
                        </div>
                      )}
                    </Td>
                    {(remindable || reassignable) && (
                      <Td className="text-right">
                        {reviewer.pending > 0 && (
                          <div className="flex flex-col items-end gap-1.5 lg:flex-row lg:justify-end">
                            {remindable && (
                              <Button
                                size="sm"
                                disabled={remind.isPending}
                                aria-label={`Remind ${reviewer.name}`}
                                onClick={() =>
                                  remind.mutate({ campaignId, reviewerId: reviewer.reviewerId })
                                }
                              >
                                {reminding ? "Sending…" : "Remind"}
                              </Button>
                            )}
                            {reassignable && (
                              <Button
                                size="sm"
                                variant="ghost"
                                aria-label={`Reassign ${reviewer.name}'s pending items`}
                                onClick={() => setReassigning(reviewer)}
                              >
                                Reassign…
                              </Button>
                            )}
                          </div>
                        )}
                      </Td>
                    )}
                  </Tr>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
      {reassigning && (
        <ReassignReviewerDialog
          campaignId={campaignId}
          reviewer={reassigning}
          onClose={() => setReassigning(null)}
          fallbackFocus={() => tableRef.current}
        />
      )}
      {sorted.length > shownAtFirst && (
        <div className="border-t border-slate-100 px-4 py-2">
          <Button variant="ghost" size="sm" onClick={() => setShowAll((value) => !value)}>
            {showAll
              ? "Show fewer reviewers"
              : `Show ${plural(sorted.length - shownAtFirst, "more reviewer")}, all done`}
          </Button>
        </div>
      )}
    </Card>
  );
}
