import { useState } from "react";
import { Bar, BarChart, Tooltip, XAxis, YAxis, type YAxisTickContentProps } from "recharts";
import { Button } from "@/components/button";
import type { RouterOutputs } from "@/lib/trpc";
import { axisTick, ChartFrame, ChartTable, chartColors } from "./chart-frame";

type SystemCounts = RouterOutputs["campaigns"]["dashboard"]["systems"][number];

const rowHeight = 32;
const shownAtFirst = 8;

function truncate(name: string, length: number): string {
  return name.length > length ? `${name.slice(0, length - 1)}…` : name;
}

/** Room for system names: a third of the chart, between 96 and 200 pixels. */
function labelWidth(chartWidth: number): number {
  return Math.min(200, Math.max(96, Math.floor(chartWidth * 0.3)));
}

/** Systems with the most left to decide first: that is where chasing helps. */
export function sortSystems(systems: SystemCounts[]): SystemCounts[] {
  return [...systems].sort(
    (a, b) =>
      b.total - b.decided - (a.total - a.decided) ||
      b.total - a.total ||
      a.name.localeCompare(b.name),
  );
}

/** Decided and pending items per system under review, as horizontal bars. */
export function SystemsChart({ systems }: { systems: SystemCounts[] }) {
  const [showAll, setShowAll] = useState(false);
  const sorted = sortSystems(systems);
  const shown = showAll ? sorted : sorted.slice(0, shownAtFirst);
  const data = shown.map((system) => ({
    key: system.key,
    name: system.name,
    decided: system.decided,
    pending: system.total - system.decided,
    label: `${system.decided.toLocaleString("en-GB")}/${system.total.toLocaleString("en-GB")}`,
  }));
  const height = Math.max(1, data.length) * rowHeight + 8;
  return (
    <figure className="m-0">
      <figcaption className="mb-2 flex gap-4 text-xs text-slate-600">
        <span className="flex items-center gap-1.5">
          <span
            aria-hidden="true"
            className="size-2.5 rounded-sm"
            style={{ backgroundColor: chartColors.progress }}
          />
          Decided
        </span>
        <span className="flex items-center gap-1.5">
          <span
            aria-hidden="true"
            className="size-2.5 rounded-sm"
            style={{ backgroundColor: chartColors.open }}
          />
          Pending
        </span>
      </figcaption>
      <ChartFrame height={height}>
        {(width) => (
          <BarChart
            width={width}
            height={height}
            data={data}
            layout="vertical"
            margin={{ top: 4, right: 8, bottom: 4, left: 8 }}
            barCategoryGap={8}
          >
            <XAxis type="number" hide domain={[0, "dataMax"]} />
            <YAxis
              yAxisId="names"
              type="category"
              dataKey="name"
              width={labelWidth(width)}
              tickLine={false}
              axisLine={false}
              // One line per system, cut to fit: recharts would wrap a long name over two.
              tick={({ x, y, payload }: YAxisTickContentProps) => (
                <text
                  x={x}
                  y={y}
                  dy={4}
                  textAnchor="end"
                  fill={axisTick.fill}
                  fontSize={axisTick.fontSize}
                >
                  <title>{String(payload.value)}</title>
                  {truncate(String(payload.value), Math.floor((labelWidth(width) - 12) / 7))}
                </text>
              )}
            />
            {/* Decided of total at the right edge, aligned, whether or not anything is pending. */}
            <YAxis
              yAxisId="counts"
              orientation="right"
              type="category"
              dataKey="label"
              width={64}
              tick={axisTick}
              tickLine={false}
              axisLine={false}
            />
            <Tooltip cursor={{ fill: "#f8fafc" }} />
            <Bar
              yAxisId="names"
              dataKey="decided"
              name="Decided"
              stackId="items"
              fill={chartColors.progress}
              isAnimationActive={false}
            />
            <Bar
              yAxisId="names"
              dataKey="pending"
              name="Pending"
              stackId="items"
              fill={chartColors.open}
              isAnimationActive={false}
            />
          </BarChart>
        )}
      </ChartFrame>
      {sorted.length > shownAtFirst && (
        <div className="mt-2">
          <Button variant="ghost" size="sm" onClick={() => setShowAll((value) => !value)}>
            {showAll ? "Show fewer systems" : `Show all ${sorted.length} systems`}
          </Button>
        </div>
      )}
      <ChartTable
        caption="Items by system"
        columns={["System", "Items", "Decided", "Pending"]}
        rows={sorted.map((system) => ({
          key: system.key,
          cells: [system.name, system.total, system.decided, system.total - system.decided],
        }))}
      />
    </figure>
  );
}
