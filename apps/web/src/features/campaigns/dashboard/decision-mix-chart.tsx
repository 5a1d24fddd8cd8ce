import { decisionLabels } from "@attest/domain/campaigns/campaign";
import { closeOutcomeLabels } from "@attest/domain/campaigns/campaign-definition";
import { Cell, Pie, PieChart, Tooltip } from "recharts";
import type { RouterOutputs } from "@/lib/trpc";
import { ChartFrame, chartColors } from "./chart-frame";

type DecisionMix = RouterOutputs["campaigns"]["dashboard"]["decisionMix"];

export interface MixSlice {
  key: string;
  label: string;
  count: number;
  color: string;
}

/**
 * Decisions, then what is left: before close the undecided items, after close what the
 * undecided rule made of them (and anything still open, such as items never reached).
 */
export function decisionMixSlices(mix: DecisionMix): MixSlice[] {
  const closedOut =
    mix.closeOutcomes.kept + mix.closeOutcomes.revoked + mix.closeOutcomes.not_reviewed;
  const slices: MixSlice[] = [
    {
      key: "approve",
      label: decisionLabels.approve,
      count: mix.approve,
      color: chartColors.approve,
    },
    { key: "revoke", label: decisionLabels.revoke, count: mix.revoke, color: chartColors.revoke },
    {
      key: "exception",
      label: decisionLabels.exception,
      count: mix.exception,
      color: chartColors.exception,
    },
    {
      key: "kept",
      label: closeOutcomeLabels.kept,
      count: mix.closeOutcomes.kept,
      color: chartColors.kept,
    },
    {
      key: "revoked",
      label: closeOutcomeLabels.revoked,
      count: mix.closeOutcomes.revoked,
      color: chartColors.revokedAtClose,
    },
    {
      key: "not_reviewed",
      label: closeOutcomeLabels.not_reviewed,
      count: mix.closeOutcomes.not_reviewed,
      color: chartColors.notReviewed,
    },
    {
      key: "undecided",
      label: "Undecided",
      count: Math.max(0, mix.undecided - closedOut),
      color: chartColors.undecided,
    },
  ];
  // Close outcomes only once there are any: before close they are noise.
  return slices.filter(
    (slice) =>
      slice.count > 0 || ["approve", "revoke", "exception", "undecided"].includes(slice.key),
  );
}

function percentOf(count: number, total: number): string {
  if (total === 0) return "0%";
  const percent = (count / total) * 100;
  return `${percent > 0 && percent < 1 ? "<1" : Math.round(percent)}%`;
}

const chartSize = 176;

export function DecisionMixChart({ mix }: { mix: DecisionMix }) {
  const slices = decisionMixSlices(mix);
  const total = slices.reduce((sum, slice) => sum + slice.count, 0);
  const drawn = slices.filter((slice) => slice.count > 0);
  return (
    <figure className="m-0 flex flex-col items-center gap-4 sm:flex-row sm:items-center">
      <div className="relative shrink-0" style={{ width: chartSize }}>
        <ChartFrame height={chartSize}>
          {(width) => (
            <PieChart width={width} height={chartSize}>
              <Pie
                data={drawn.length > 0 ? drawn : [{ key: "none", label: "No items", count: 1 }]}
                dataKey="count"
                nameKey="label"
                innerRadius={56}
                outerRadius={84}
                paddingAngle={drawn.length > 1 ? 1 : 0}
                stroke="none"
                isAnimationActive={false}
              >
                {(drawn.length > 0 ? drawn : [{ key: "none", color: chartColors.open }]).map(
                  (slice) => (
                    <Cell key={slice.key} fill={slice.color} />
                  ),
                )}
              </Pie>
              <Tooltip
                formatter={(value) =>
                  typeof value === "number"
                    ? `${value.toLocaleString("en-GB")} (${percentOf(value, total)})`
                    : String(value)
                }
              />
            </PieChart>
          )}
        </ChartFrame>
        <div
          aria-hidden="true"
          className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center"
        >
          <span className="text-xl font-semibold text-slate-900 tabular-nums">
            {total.toLocaleString("en-GB")}
          </span>
          <span className="text-xs text-slate-500">items</span>
        </div>
      </div>
      <figcaption className="w-full min-w-0">
        <ul className="space-y-1.5 text-sm" aria-label="Decision mix">
          {slices.map((slice) => (
            <li key={slice.key} className="flex items-center gap-2">
              <span
                aria-hidden="true"
                className="size-2.5 shrink-0 rounded-sm"
                style={{ backgroundColor: slice.color }}
              />
              <span className="min-w-0 flex-1 truncate text-slate-700">{slice.label}</span>
              <span className="font-medium text-slate-900 tabular-nums">
                {slice.count.toLocaleString("en-GB")}
              </span>
              <span className="w-10 text-right text-xs text-slate-500 tabular-nums">
                {percentOf(slice.count, total)}
              </span>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
