import { canonicalJson } from "@attest/evidence/canonical-json";
import { sha256Hex } from "@attest/evidence/hash";
import { describe, expect, it } from "vitest";
import { hashReviewPopulation, ReviewPopulationHasher } from "./hash-review-population";

const item = (id: string, context: unknown) => ({
  id,
  grantId: `g-${id}`,
  stage: 1,
  reviewerId: "r",
  context,
});

describe("hashReviewPopulation", () => {
  it("is SHA-256 of the canonical JSON of the items sorted by id, however it is built", () => {
    const items = [
      item("b", { é: "ünï\u2028", z: [1, 2.5, null], a: { y: '"q"', x: true } }),
      item("a", { version: 2 }),
      item("c", null),
    ];
    const sorted = [items[1], items[0], items[2]].map((i) => ({
      context: i?.context,
      grantId: i?.grantId,
      id: i?.id,
      reviewerId: i?.reviewerId,
      stage: i?.stage,
    }));
    expect(hashReviewPopulation(items)).toBe(sha256Hex(canonicalJson(sorted)));
    expect(hashReviewPopulation([])).toBe(sha256Hex("[]"));
  });

  it("refuses items out of id order when hashed as a stream", () => {
    const hasher = new ReviewPopulationHasher();
    hasher.add(item("b", null));
    expect(() => hasher.add(item("a", null))).toThrow("ascending id order");
  });
});
