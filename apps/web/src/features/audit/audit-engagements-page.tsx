import { grantEngagementInput } from "@attest/domain/audit/audit-input";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Badge } from "@/components/badge";
import { Button } from "@/components/button";
import { Card } from "@/components/card";
import { Dialog } from "@/components/dialog";
import { EmptyState } from "@/components/empty-state";
import { ErrorState, InlineAlert } from "@/components/error-state";
import { SelectField, TextField } from "@/components/form-fields";
import { LoadingState } from "@/components/loading-state";
import { PageHeader } from "@/components/page-header";
import { Table, TableBody, TableHead, Td, Th, Tr } from "@/components/table";
import type { AuditEngagement } from "@/features/audit/audit-format";
import { formatCalendarDate, formatUtcTimestamp } from "@/lib/dates";
import { describeError } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";

/** Administrators grant an auditor an engagement (which bounds what they read) and revoke it. */
export function AuditEngagementsPage() {
  const trpc = useTRPC();
  const engagements = useQuery(trpc.audit.engagements.list.queryOptions());
  const [revoking, setRevoking] = useState<AuditEngagement | null>(null);

  return (
    <>
      <PageHeader
        title="Audit engagements"
        description="An auditor with an engagement reads only the campaigns launched within its period; an auditor with none reads everything. Granting and revoking are recorded as evidence."
      />
      <div className="space-y-6">
        <Card title="Grant an engagement">
          <GrantForm />
        </Card>
        <Card title="Engagements">
          {engagements.isPending ? (
            <LoadingState label="Loading engagements" rows={3} columns={6} />
          ) : engagements.isError ? (
            <ErrorState
              title="Engagements could not be loaded"
              error={engagements.error}
              onRetry={() => engagements.refetch()}
            />
          ) : engagements.data.length === 0 ? (
            <EmptyState
              title="No engagements yet"
              description="Every auditor currently reads every campaign."
            />
          ) : (
            <Table label="Engagements" minWidth="44rem">
              <TableHead>
                <tr>
                  <Th>Engagement</Th>
                  <Th>Auditor</Th>
                  <Th>Period</Th>
                  <Th>Granted</Th>
                  <Th>Status</Th>
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                </tr>
              </TableHead>
              <TableBody>
                {engagements.data.map((engagement) => (
                  <Tr key={engagement.id}>
                    <Td className="min-w-44 font-medium text-slate-900">{engagement.name}</Td>
                    <Td>{engagement.auditorName}</Td>
                    <Td>
                      {formatCalendarDate(engagement.periodStart)} –{" "}
                      {formatCalendarDate(engagement.periodEnd)}
                    </Td>
                    <Td className="whitespace-nowrap">
                      {engagement.grantedByName}
                      <div className="text-xs text-slate-500 tabular-nums">
                        {formatUtcTimestamp(engagement.grantedAt)}
                      </div>
                    </Td>
                    <Td>
                      {engagement.revokedAt ? (
                        <Badge tone="neutral">
                          Revoked {formatCalendarDate(engagement.revokedAt)}
                        </Badge>
                      ) : (
                        <Badge tone="success">Active</Badge>
                      )}
                    </Td>
                    <Td className="text-right">
                      {!engagement.revokedAt && (
                        <Button
                          size="sm"
                          onClick={() => setRevoking(engagement)}
                          aria-label={`Revoke ${engagement.name} for ${engagement.auditorName}`}
                        >
                          Revoke…
                        </Button>
                      )}
                    </Td>
                  </Tr>
                ))}
              </TableBody>
            </Table>
          )}
        </Card>
      </div>
      {revoking && <RevokeDialog engagement={revoking} onClose={() => setRevoking(null)} />}
    </>
  );
}

type GrantErrors = Partial<Record<"auditorId" | "name" | "periodStart" | "periodEnd", string>>;

function GrantForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const auditors = useQuery(trpc.audit.engagements.auditors.queryOptions());
  const [auditorId, setAuditorId] = useState("");
  const [name, setName] = useState("");
  const [periodStart, setPeriodStart] = useState("");
  const [periodEnd, setPeriodEnd] = useState("");
  const [errors, setErrors] = useState<GrantErrors>({});
  const [granted, setGranted] = useState<string | null>(null);
  const grant = useMutation(
    trpc.audit.engagements.grant.mutationOptions({
      onSuccess: async () => {
        setGranted(`Granted “${name.trim()}”.`);
        setName("");
        await queryClient.invalidateQueries({ queryKey: trpc.audit.engagements.list.queryKey() });
      },
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setGranted(null);
    const parsed = grantEngagementInput.safeParse({ auditorId, name, periodStart, periodEnd });
    if (!parsed.success) {
      const next: GrantErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof GrantErrors;
        next[field] ??=
          field === "auditorId"
            ? "Choose an auditor."
            : field === "name"
              ? "Name the engagement."
              : issue.message.includes("before")
                ? "The period must not end before it starts."
                : "Enter a date.";
      }
      setErrors(next);
      return;
    }
    setErrors({});
    grant.mutate(parsed.data);
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="Grant an engagement"
      className="space-y-3 px-4 py-4"
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]">
        <div>
          <SelectField label="Auditor" value={auditorId} onChange={setAuditorId}>
            <option value="">
              {auditors.isPending
                ? "Loading auditors…"
                : auditors.isError
                  ? "Auditors could not be loaded"
                  : "Choose an auditor"}
            </option>
            {auditors.data?.map((auditor) => (
              <option key={auditor.id} value={auditor.id}>
                {auditor.displayName}
              </option>
            ))}
          </SelectField>
          {errors.auditorId && (
            <p className="mt-1 text-xs text-red-700" role="alert">
              {errors.auditorId}
            </p>
          )}
        </div>
        <TextField
          label="Name"
          value={name}
          maxLength={200}
          placeholder="FY2026 SOX 404 external audit"
          onChange={(event) => setName(event.target.value)}
          error={errors.name}
        />
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
      {grant.isError && <InlineAlert>{describeError(grant.error).message}</InlineAlert>}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" disabled={grant.isPending}>
          {grant.isPending ? "Granting…" : "Grant engagement"}
        </Button>
        {granted && (
          <p role="status" className="text-sm text-emerald-700">
            {granted}
          </p>
        )}
      </div>
    </form>
  );
}

function RevokeDialog({
  engagement,
  onClose,
}: {
  engagement: AuditEngagement;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.audit.engagements.revoke.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.audit.engagements.list.queryKey() });
        onClose();
      },
    }),
  );
  return (
    <Dialog
      title="Revoke engagement"
      description={`${engagement.auditorName} will no longer be bounded by “${engagement.name}”. If it was their only engagement, they can read no campaign until granted another.`}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="danger"
            disabled={revoke.isPending}
            onClick={() => revoke.mutate({ engagementId: engagement.id })}
            data-autofocus
          >
            {revoke.isPending ? "Revoking…" : "Revoke engagement"}
          </Button>
        </>
      }
    >
      {revoke.isError ? (
        <InlineAlert>{describeError(revoke.error).message}</InlineAlert>
      ) : (
        <p className="text-sm text-slate-700">The revocation is recorded as evidence.</p>
      )}
    </Dialog>
  );
}
