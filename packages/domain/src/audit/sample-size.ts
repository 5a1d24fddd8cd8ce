/** How often a control operates, as the sampling guidance groups it. */
export const controlFrequencies = [
  "annual",
  "quarterly",
  "monthly",
  "weekly",
  "daily",
  "many times a day",
] as const;
export type ControlFrequency = (typeof controlFrequencies)[number];

const suggestedSizes: Record<ControlFrequency, { min: number; max: number }> = {
  annual: { min: 1, max: 1 },
  quarterly: { min: 2, max: 2 },
  monthly: { min: 2, max: 5 },
  weekly: { min: 5, max: 15 },
  daily: { min: 25, max: 40 },
  "many times a day": { min: 25, max: 60 },
};

/** The customary sample size range for a control of this frequency: guidance, editable. */
export function suggestedSampleSize(frequency: ControlFrequency): { min: number; max: number } {
  return { ...suggestedSizes[frequency] };
}

/**
 * The frequency of a schedule from the average days between its occurrences. A half-yearly
 * schedule counts as quarterly (the nearer, more demanding guidance); a definition launched
 * only by hand has no interval and counts as annual.
 */
export function frequencyFromIntervalDays(days: number | null): ControlFrequency {
  if (days === null || days >= 300) return "annual";
  if (days >= 60) return "quarterly";
  if (days >= 25) return "monthly";
  if (days >= 5) return "weekly";
  if (days >= 0.9) return "daily";
  return "many times a day";
}
