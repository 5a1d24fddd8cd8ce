import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { engagementPeriod, yearToDate } from "@/features/audit/audit-format";
import { useTRPC } from "@/lib/trpc";

export interface AuditPeriodSelection {
  definitionId: string;
  periodStart: string;
  periodEnd: string;
}

/**
 * The control and period a population or sample page shows, from the address (so a page can
 * be bookmarked and shared); the period defaults to the auditor's engagement period, or the
 * year to date when their reads are not bounded.
 */
export function useAuditPeriod() {
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const me = useQuery(trpc.audit.me.queryOptions());
  const fallback = me.data ? (engagementPeriod(me.data.engagements) ?? yearToDate()) : null;
  const selection: AuditPeriodSelection | null =
    params.get("definitionId") && fallback
      ? {
          definitionId: params.get("definitionId") ?? "",
          periodStart: params.get("periodStart") ?? fallback.periodStart,
          periodEnd: params.get("periodEnd") ?? fallback.periodEnd,
        }
      : null;
  const choose = (next: AuditPeriodSelection) =>
    setParams(
      { definitionId: next.definitionId, periodStart: next.periodStart, periodEnd: next.periodEnd },
      { replace: false },
    );
  return { me, fallback, selection, choose };
}
