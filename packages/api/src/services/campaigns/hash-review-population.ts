import { createHash, type Hash } from "node:crypto";
import { canonicalJson, compileCanonicalJson } from "@attest/evidence/canonical-json";

export interface ReviewPopulationItem {
  id: string;
  grantId: string;
  stage: number;
  reviewerId: string;
  context: unknown;
}

// "context" sorts before every other key, so an item's canonical JSON is {"context":…,} followed
// by the rest of its members: the context's text can be made once and used twice.
const restJson = compileCanonicalJson<Exclude<keyof ReviewPopulationItem, "context">>([
  "id",
  "grantId",
  "stage",
  "reviewerId",
]);

/**
 * Hashes a population item by item, in ascending id order: the bytes are exactly the canonical
 * JSON of the sorted array, but no 100 MB string is ever built, and a launch can hash each
 * item as it streams it into the database.
 */
export class ReviewPopulationHasher {
  readonly #hash: Hash = createHash("sha256").update("[");
  #lastId: string | null = null;

  /**
   * Adds the next item. `contextJson`, when given, must be canonicalJson(item.context): a caller
   * that also stores that text (a launch writing it into the database) serialises it once.
   */
  add(item: ReviewPopulationItem, contextJson: string = canonicalJson(item.context)): void {
    if (this.#lastId !== null && item.id <= this.#lastId)
      throw new Error(`review items must be hashed in ascending id order (${item.id})`);
    const rest = restJson({
      id: item.id,
      grantId: item.grantId,
      stage: item.stage,
      reviewerId: item.reviewerId,
    });
    this.#hash.update(
      `${this.#lastId === null ? "" : ","}{"context":${contextJson},${rest.slice(1)}`,
    );
    this.#lastId = item.id;
  }

  digest(): string {
    return this.#hash.update("]").digest("hex");
  }
}

/**
 * One hash over the generated items and what each reviewer will see, recorded when a campaign
 * launches: evidence of the exact population under review. Order-independent (sorted by id):
 * SHA-256 of the RFC 8785 canonical JSON of the items, sorted, as [{context, grantId, id,
 * reviewerId, stage}, …].
 */
export function hashReviewPopulation(items: readonly ReviewPopulationItem[]): string {
  const hasher = new ReviewPopulationHasher();
  for (const item of [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
    hasher.add(item);
  return hasher.digest();
}
