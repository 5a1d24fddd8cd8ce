import { useState } from "react";
import { Bar, BarChart, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import { Button } from "@/components/button";
import type { RouterOutputs } from "@/lib/trpc";
import { axisTick, ChartFrame, ChartTable, chartColors } from "./chart-frame";

type SystemCounts = RouterOutputs["campaigns"]["dashboard"]["systems"][number];

const rowHeight = 32;
const shownAtFirst = 8;

function truncate(name: string, length: number): string {
  return name.length > length ? `${name.slice(0, length - 1)}…` : name;
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
      <ChartFrame height={height}>
        {(width) => (
          <BarChart
            width={width}
            height={height}
            data={data}
            layout="vertical"
            margin={{ top: 4, right: 72, bottom: 4, left: 0 }}
            barCategoryGap={8}
          >
            <XAxis type="number" hide domain={[0, "dataMax"]} />
            <YAxis
              type="category"
              dataKey="name"
              width={Math.min(160, Math.max(96, Math.floor(width * 0.32)))}
              tick={axisTick}
              tickLine={false}
              axisLine={false}
              tickFormatter={(name: string) => truncate(name, width < 480 ? 14 : 22)}
            />
            <Tooltip cursor={{ fill: "#f8fafc" }} />
            <Bar
              dataKey="decided"
              name="Decided"
              stackId="items"
              fill={chartColors.progress}
              isAnimationActive={false}
            />
            <Bar
              dataKey="pending"
              name="Pending"
              stackId="items"
              fill={chartColors.open}
              radius={[0, 3, 3, 0]}
              isAnimationActive={false}
            >
              <LabelList dataKey="label" position="right" fill={chartColors.axis} fontSize={12} />
            </Bar>
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
