/**
 * Reproducible audit sampling (docs/audit-sampling.md). Pure: the caller passes the SHA-256
 * function, so the domain stays free of node:crypto and anyone can re-perform the draw in a
 * spreadsheet or a few lines of Python from the population CSV, the seed and the size.
 */

export const stratifyOptions = ["system", "privileged", "identity_kind"] as const;
export type StratifyBy = (typeof stratifyOptions)[number];

export const stratifyLabels: Record<StratifyBy, string> = {
  system: "System",
  privileged: "Privileged or not",
  identity_kind: "Human or non-human",
};

/** One unit of the population: a review item (a decision) with what it may be stratified by. */
export interface SampleCandidate {
  itemId: string;
  /** The system's key, as in the population CSV. */
  systemKey: string;
  privileged: boolean;
  nonHuman: boolean;
}

/** Lowercase hex SHA-256 of a UTF-8 string. */
export type Sha256Hex = (text: string) => string;

/** The stratum an item falls in; "all" when the sample is not stratified. */
export function stratumOf(item: SampleCandidate, stratifyBy: StratifyBy | null): string {
  switch (stratifyBy) {
    case "system":
      return item.systemKey;
    case "privileged":
      return item.privileged ? "privileged" : "not-privileged";
    case "identity_kind":
      return item.nonHuman ? "non-human" : "human";
    default:
      return "all";
  }
}

/** The item's sampling key: SHA-256 of "<seed>:<itemId>", lowercase hex. */
export function sampleKey(seed: string, itemId: string, sha256Hex: Sha256Hex): string {
  return sha256Hex(`${seed}:${itemId}`);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Splits n over strata in proportion to their sizes by the largest-remainder method: each
 * stratum gets floor(n × size / total), and the units left go one each to the largest
 * fractional remainders (ties: stratum name, ascending). When n is at least the number of
 * strata, a stratum left at 0 takes one unit from the stratum with the largest allocation
 * (ties: name, ascending), so every stratum is tested. n is capped at the population.
 */
export function allocateSample(
  stratumSizes: Readonly<Record<string, number>>,
  n: number,
): Record<string, number> {
  const names = Object.keys(stratumSizes)
    .filter((name) => (stratumSizes[name] ?? 0) > 0)
    .sort(compareText);
  const total = names.reduce((sum, name) => sum + (stratumSizes[name] ?? 0), 0);
  const size = Math.min(n, total);
  const allocation: Record<string, number> = {};
  if (total === 0) return allocation;
  // Integer arithmetic: the remainder of n × size mod total orders the fractions exactly.
  const remainders: { name: string; remainder: number }[] = [];
  let allocated = 0;
  for (const name of names) {
    const product = size * (stratumSizes[name] ?? 0);
    allocation[name] = Math.floor(product / total);
    allocated += allocation[name];
    remainders.push({ name, remainder: product % total });
  }
  remainders.sort((a, b) => b.remainder - a.remainder || compareText(a.name, b.name));
  for (let index = 0; index < size - allocated; index += 1) {
    const name = remainders[index]?.name as string;
    allocation[name] = (allocation[name] ?? 0) + 1;
  }
  if (size >= names.length) {
    for (const name of names) {
      if (allocation[name] !== 0) continue;
      const donor = names
        .filter((other) => (allocation[other] ?? 0) > 1)
        .sort((a, b) => (allocation[b] ?? 0) - (allocation[a] ?? 0) || compareText(a, b))[0];
      if (!donor) break;
      allocation[donor] = (allocation[donor] ?? 0) - 1;
      allocation[name] = 1;
    }
  }
  return allocation;
}

export interface DrawSampleOptions {
  seed: string;
  size: number;
  population: readonly SampleCandidate[];
  stratifyBy: StratifyBy | null;
  sha256Hex: Sha256Hex;
}

export interface SampledItem {
  itemId: string;
  stratum: string;
  key: string;
}

export interface DrawnSample {
  /** In ascending key order (ties: item id), across strata. */
  items: SampledItem[];
  strata: Record<string, { population: number; sample: number }>;
}

function byKey(a: SampledItem, b: SampledItem): number {
  return compareText(a.key, b.key) || compareText(a.itemId, b.itemId);
}

/**
 * Draws the sample: every item's key is SHA-256("<seed>:<itemId>"); items sort by key
 * ascending (ties: item id) and the first n are taken, inside each stratum when stratified.
 * The same population, seed and size always give the same sample.
 */
export function drawSample(options: DrawSampleOptions): DrawnSample {
  const byStratum = new Map<string, SampledItem[]>();
  for (const item of options.population) {
    const stratum = stratumOf(item, options.stratifyBy);
    const keyed = {
      itemId: item.itemId,
      stratum,
      key: sampleKey(options.seed, item.itemId, options.sha256Hex),
    };
    const members = byStratum.get(stratum);
    if (members) members.push(keyed);
    else byStratum.set(stratum, [keyed]);
  }
  const sizes = Object.fromEntries([...byStratum].map(([name, members]) => [name, members.length]));
  const allocation = allocateSample(sizes, options.size);
  const items: SampledItem[] = [];
  const strata: DrawnSample["strata"] = {};
  for (const [name, members] of [...byStratum].sort(([a], [b]) => compareText(a, b))) {
    const take = allocation[name] ?? 0;
    items.push(...members.sort(byKey).slice(0, take));
    strata[name] = { population: members.length, sample: take };
  }
  return { items: items.sort(byKey), strata };
}
