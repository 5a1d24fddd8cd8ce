import type { UseQueryResult } from "@tanstack/react-query";
import { ShieldCheckIcon } from "@/components/icons";
import type { AuditEngagement } from "@/features/audit/audit-format";
import { formatCalendarDate } from "@/lib/dates";

type AuditAccess = { engagements: AuditEngagement[]; bounded: boolean; notice: string | null };

/** Says what the auditor may read: their engagement periods, nothing once revoked, or everything. */
export function EngagementBanner({ me }: { me: UseQueryResult<AuditAccess, unknown> }) {
  if (me.isPending) {
    return (
      <div role="status" className="h-12 animate-pulse rounded-lg bg-slate-100">
        <span className="sr-only">Loading your engagement…</span>
      </div>
    );
  }
  if (me.isError) {
    return (
      <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm">
        Your engagement could not be loaded; what you may read is still enforced by the server.
      </div>
    );
  }
  const open = me.data.engagements.filter((engagement) => !engagement.revokedAt);
  return (
    <section
      aria-label="Engagement"
      className="flex items-start gap-3 rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950"
    >
      <ShieldCheckIcon className="mt-0.5 size-5 shrink-0 text-sky-700" />
      {me.data.notice ? (
        <p className="min-w-0 font-medium">{me.data.notice}</p>
      ) : me.data.bounded ? (
        <div className="min-w-0">
          <p className="font-medium">
            Your access is bounded to campaigns launched within your engagement
            {open.length > 1 ? "s" : ""}.
          </p>
          <ul className="mt-1 space-y-0.5">
            {open.map((engagement) => (
              <li key={engagement.id}>
                {engagement.name}: {formatCalendarDate(engagement.periodStart)} –{" "}
                {formatCalendarDate(engagement.periodEnd)}{" "}
                <span className="text-sky-800">(granted by {engagement.grantedByName})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="min-w-0">
          <span className="font-medium">Unbounded:</span> no engagement limits your access, so you
          can read every campaign. Browsing records nothing; drawing a sample and downloading a
          package are recorded as evidence.
        </p>
      )}
    </section>
  );
}
