import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { ButtonLink } from "@/components/button";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { LoadingState } from "@/components/loading-state";
import { PageHeader } from "@/components/page-header";
import { Table, TableBody, TableHead, Td, Th, Tr } from "@/components/table";
import type { DefinitionView } from "@/features/campaigns/definitions/definition-form";
import { strategyLabels } from "@/features/campaigns/definitions/definition-labels";
import { formatDate, formatRelative } from "@/lib/dates";
import { describeRecurrence } from "@/lib/recurrence";
import { hasAnyRole } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc";
import { useSignedInUser } from "@/lib/use-session";

/** Every campaign definition: what it reviews, who reviews, when it next runs. */
export function DefinitionsPage() {
  const trpc = useTRPC();
  const user = useSignedInUser();
  const canEdit = hasAnyRole(user.roles, ["control_owner", "admin"]);
  const definitions = useQuery(trpc.campaigns.definitions.list.queryOptions());
  const newDefinition = canEdit && (
    <ButtonLink to="/campaigns/definitions/new" variant="primary">
      New definition
    </ButtonLink>
  );

  return (
    <>
      <PageHeader
        back={canEdit ? { to: "/campaigns", label: "Campaigns" } : { to: "/audit", label: "Audit" }}
        title="Campaign definitions"
        description="What each campaign reviews, who reviews it and when it runs. Every launch freezes the population of the latest snapshot."
        actions={newDefinition}
      />
      <Card>
        {definitions.isPending ? (
          <LoadingState label="Loading definitions" rows={4} columns={6} rowClassName="h-16" />
        ) : definitions.isError ? (
          <ErrorState
            title="Campaign definitions could not be loaded"
            error={definitions.error}
            onRetry={() => definitions.refetch()}
          />
        ) : definitions.data.length === 0 ? (
          <EmptyState
            title="No campaign definitions yet"
            description="A definition says what a campaign reviews, who reviews it and when it runs. Campaigns are launched from one."
            action={newDefinition || undefined}
          />
        ) : (
          <>
            {/* On a phone each definition is a short card; wider, the table compares them. */}
            <ul aria-label="Campaign definitions" className="divide-y divide-slate-100 md:hidden">
              {definitions.data.map((definition) => (
                <DefinitionCard key={definition.id} definition={definition} />
              ))}
            </ul>
            <div className="max-md:hidden">
              <Table label="Campaign definitions" minWidth="70rem">
                <TableHead>
                  <tr>
                    <Th>Definition</Th>
                    <Th>Control</Th>
                    <Th>Control owner</Th>
                    <Th>Reviewers</Th>
                    <Th>Schedule</Th>
                    <Th>Next run</Th>
                    <Th>Last campaign</Th>
                  </tr>
                </TableHead>
                <TableBody>
                  {definitions.data.map((definition) => (
                    <DefinitionRow key={definition.id} definition={definition} />
                  ))}
                </TableBody>
              </Table>
            </div>
          </>
        )}
      </Card>
    </>
  );
}

function DefinitionRow({ definition }: { definition: DefinitionView }) {
  const described = describeRecurrence(definition.recurrence);
  return (
    <Tr>
      <Td className="min-w-64">
        <Link
          to={`/campaigns/definitions/${definition.id}`}
          className="font-medium text-slate-900 hover:text-accent-700 hover:underline"
        >
          {definition.name}
        </Link>
        {definition.description && (
          <div className="mt-0.5 line-clamp-1 max-w-md text-xs text-slate-500">
            {definition.description}
          </div>
        )}
        {definition.archivedAt && <div className="mt-0.5 text-xs text-slate-500">Archived</div>}
      </Td>
      <Td className="font-mono text-xs leading-5 whitespace-nowrap">{definition.controlId}</Td>
      <Td className="whitespace-nowrap">{definition.controlOwnerName}</Td>
      <Td>
        <div>
          {strategyLabels[definition.reviewerStrategy]}
          {definition.namedReviewerName && `: ${definition.namedReviewerName}`}
          {definition.secondStage &&
            `, then ${strategyLabels[definition.secondStage.reviewerStrategy].toLowerCase()}`}
        </div>
        <div className="mt-0.5 text-xs text-slate-500">
          Fallback: {definition.fallbackReviewerName}
        </div>
      </Td>
      <Td>
        {definition.recurrence === null ? (
          <span className="text-slate-500">By hand</span>
        ) : described === definition.recurrence ? (
          <span className="font-mono text-xs leading-5" title="Cron expression, in UTC">
            {described}
          </span>
        ) : (
          <span title={`${definition.recurrence} (UTC)`}>{described}</span>
        )}
      </Td>
      <Td className="whitespace-nowrap">
        {definition.nextRunAt ? (
          <>
            <div>{formatDate(definition.nextRunAt)}</div>
            <div className="text-xs text-slate-500">{formatRelative(definition.nextRunAt)}</div>
          </>
        ) : definition.recurrence === null ? (
          <span className="text-slate-500">—</span>
        ) : (
          <span
            className="text-slate-500"
            title="The scheduler has no next run for it yet; saving the definition sets one."
          >
            Not set
          </span>
        )}
      </Td>
      <Td className="whitespace-nowrap">
        {definition.lastLaunchedAt ? (
          <>
            <div>{formatDate(definition.lastLaunchedAt)}</div>
            <div className="text-xs text-slate-500">
              {definition.campaignCount} {definition.campaignCount === 1 ? "campaign" : "campaigns"}{" "}
              in all
            </div>
          </>
        ) : (
          <span className="text-slate-500">Never launched</span>
        )}
      </Td>
    </Tr>
  );
}

function scheduleText(definition: DefinitionView): string {
  if (definition.recurrence === null) return "Launched by hand";
  const schedule = describeRecurrence(definition.recurrence);
  return definition.nextRunAt ? `${schedule} · next ${formatDate(definition.nextRunAt)}` : schedule;
}

function DefinitionCard({ definition }: { definition: DefinitionView }) {
  return (
    <li className="px-4 py-3">
      <Link
        to={`/campaigns/definitions/${definition.id}`}
        className="font-medium text-slate-900 hover:text-accent-700 hover:underline"
      >
        {definition.name}
      </Link>
      <div className="mt-0.5 text-xs text-slate-600">
        <span className="font-mono">{definition.controlId}</span> · {definition.controlOwnerName}
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
        <dt className="text-slate-500">Reviewers</dt>
        <dd className="text-slate-800">
          {strategyLabels[definition.reviewerStrategy]}
          {definition.secondStage &&
            `, then ${strategyLabels[definition.secondStage.reviewerStrategy].toLowerCase()}`}
        </dd>
        <dt className="text-slate-500">Schedule</dt>
        <dd className="break-words text-slate-800">{scheduleText(definition)}</dd>
        <dt className="text-slate-500">Last</dt>
        <dd className="text-slate-800">
          {definition.lastLaunchedAt
            ? `${formatDate(definition.lastLaunchedAt)} (${definition.campaignCount} in all)`
            : "Never launched"}
        </dd>
      </dl>
    </li>
  );
}
