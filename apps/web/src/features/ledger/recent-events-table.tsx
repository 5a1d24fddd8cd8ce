import { Badge } from "@/components/badge";
import { numericCell, Table, TableBody, TableHead, Td, Th, Tr } from "@/components/table";
import { describeActor, formatCount } from "@/features/ledger/ledger-format";
import { formatRelative, formatUtcTimestamp } from "@/lib/dates";
import type { RouterOutputs } from "@/lib/trpc";

type LedgerEvent = RouterOutputs["ledger"]["status"]["recentEvents"][number];

/** The newest events, newest first, as the server lists them. */
export function RecentEventsTable({ events }: { events: readonly LedgerEvent[] }) {
  return (
    <Table label="Recent events" minWidth="42rem">
      <TableHead>
        <tr>
          <Th className="text-right">Seq</Th>
          <Th>Time (UTC)</Th>
          <Th>Actor</Th>
          <Th>Action</Th>
          <Th className="text-right">Subjects</Th>
          <Th>Hash</Th>
        </tr>
      </TableHead>
      <TableBody>
        {events.map((event) => (
          <EventRow key={event.seq} event={event} />
        ))}
      </TableBody>
    </Table>
  );
}

function EventRow({ event }: { event: LedgerEvent }) {
  const actor = describeActor(event.actor, event.actorName);
  return (
    <Tr>
      <Td className={`${numericCell} font-medium text-slate-900`}>{formatCount(event.seq)}</Td>
      <Td className="whitespace-nowrap">
        <div className="font-mono text-xs text-slate-700 tabular-nums">
          {formatUtcTimestamp(event.recordedAt)}
        </div>
        <div className="text-xs text-slate-500">{formatRelative(event.recordedAt)}</div>
      </Td>
      <Td>
        <div className="flex flex-wrap items-center gap-1.5">
          <span className="whitespace-nowrap text-slate-900" title={event.actor}>
            {actor.name}
          </span>
          {actor.system && <Badge tone="info">system</Badge>}
        </div>
      </Td>
      <Td className="font-mono text-xs whitespace-nowrap text-slate-700">{event.action}</Td>
      <Td className={numericCell}>
        {event.subjectIds.length === 0 ? (
          <span className="text-slate-400">—</span>
        ) : (
          <span
            title={event.subjectIds.join("\n")}
            className="cursor-help underline decoration-slate-300 decoration-dotted underline-offset-2"
          >
            {formatCount(event.subjectIds.length)}
          </span>
        )}
      </Td>
      <Td>
        <code title={event.hash} className="font-mono text-xs whitespace-nowrap text-slate-600">
          {event.hash.slice(0, 8)}
        </code>
      </Td>
    </Tr>
  );
}
