import { canonicalJson } from "@attest/evidence/canonical-json";
import { sha256Hex } from "@attest/evidence/hash";

export interface ReviewPopulationItem {
  id: string;
  grantId: string;
  stage: number;
  reviewerId: string;
  context: unknown;
}

/**
 * One hash over the generated items and what each reviewer will see, recorded when a campaign
 * launches: evidence of the exact population under review. Order-independent (sorted by id).
 */
export function hashReviewPopulation(items: readonly ReviewPopulationItem[]): string {
  const sorted = [...items]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ id, grantId, stage, reviewerId, context }) => ({
      id,
      grantId,
      stage,
      reviewerId,
      context,
    }));
  return sha256Hex(canonicalJson(sorted));
}
