import {
  Area,
  AreaChart,
  CartesianGrid,
  ReferenceLine,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from "recharts";
import { formatCalendarDate } from "@/lib/dates";
import type { RouterOutputs } from "@/lib/trpc";
import { axisTick, ChartFrame, ChartTable, chartColors } from "./chart-frame";

type Dashboard = RouterOutputs["campaigns"]["dashboard"];
type CompletionPoint = Dashboard["completion"][number];

const shortDay = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});

function dayLabel(day: string): string {
  return shortDay.format(new Date(`${day}T00:00:00Z`));
}

function CompletionTooltip({ active, payload, total }: TooltipContentProps & { total: number }) {
  const point = payload?.[0]?.payload as CompletionPoint | undefined;
  if (!active || !point) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
      <div className="font-medium text-slate-900">{formatCalendarDate(point.day)}</div>
      <div className="mt-0.5 text-slate-600 tabular-nums">
        {point.cumulativeDecided.toLocaleString("en-GB")} of {total.toLocaleString("en-GB")} decided
        ({point.cumulativePercent}%)
      </div>
      <div className="text-slate-500 tabular-nums">
        {point.decided.toLocaleString("en-GB")} decided that day
      </div>
    </div>
  );
}

export const completionChartHeight = 240;

/** Decided items day by day against the campaign's total, with the due day marked. */
export function CompletionChart({
  completion,
  totalItems,
  dueAt,
}: {
  completion: Dashboard["completion"];
  totalItems: number;
  dueAt: string;
}) {
  const dueDay = dueAt.slice(0, 10);
  const dueInRange = completion.some((point) => point.day === dueDay);
  const last = completion.at(-1);
  return (
    <figure className="m-0">
      <figcaption className="mb-3 text-sm text-slate-600">
        {last
          ? `${last.cumulativeDecided.toLocaleString("en-GB")} of ${totalItems.toLocaleString("en-GB")} items decided by ${formatCalendarDate(last.day)} (${last.cumulativePercent}%).`
          : "No day of this campaign has started yet."}
      </figcaption>
      <ChartFrame height={completionChartHeight}>
        {(width) => (
          <AreaChart
            width={width}
            height={completionChartHeight}
            data={completion}
            margin={{ top: 16, right: 16, bottom: 0, left: 0 }}
          >
            <CartesianGrid stroke={chartColors.grid} vertical={false} />
            <XAxis
              dataKey="day"
              tickFormatter={dayLabel}
              tick={axisTick}
              tickLine={false}
              axisLine={{ stroke: chartColors.grid }}
              minTickGap={24}
            />
            <YAxis
              domain={[0, Math.max(totalItems, 1)]}
              allowDecimals={false}
              tick={axisTick}
              tickLine={false}
              axisLine={false}
              width={48}
            />
            <ReferenceLine
              y={totalItems}
              stroke={chartColors.axis}
              strokeDasharray="4 4"
              label={{
                value: `Total ${totalItems.toLocaleString("en-GB")}`,
                position: "insideTopLeft",
                fill: chartColors.axis,
                fontSize: 12,
              }}
            />
            {dueInRange && (
              <ReferenceLine
                x={dueDay}
                stroke={chartColors.due}
                strokeDasharray="4 4"
                label={{
                  value: "Due",
                  position: "insideTopRight",
                  fill: chartColors.due,
                  fontSize: 12,
                }}
              />
            )}
            <Tooltip
              content={(props) => <CompletionTooltip {...props} total={totalItems} />}
              cursor={{ stroke: chartColors.axis, strokeDasharray: "2 2" }}
            />
            <Area
              type="monotone"
              dataKey="cumulativeDecided"
              name="Decided"
              stroke={chartColors.progress}
              strokeWidth={2}
              fill={chartColors.progressFill}
              fillOpacity={0.8}
              isAnimationActive={false}
            />
          </AreaChart>
        )}
      </ChartFrame>
      <ChartTable
        caption="Completion over time"
        columns={["Day", "Decided that day", "Decided in all", "Percent decided"]}
        rows={completion.map((point) => ({
          key: point.day,
          cells: [
            formatCalendarDate(point.day),
            point.decided,
            point.cumulativeDecided,
            `${point.cumulativePercent}%`,
          ],
        }))}
      />
    </figure>
  );
}
