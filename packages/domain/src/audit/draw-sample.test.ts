import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { allocateSample, drawSample, type SampleCandidate, sampleKey } from "./draw-sample";
import { frequencyFromIntervalDays, suggestedSampleSize } from "./sample-size";

const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

function population(count: number): SampleCandidate[] {
  return Array.from({ length: count }, (_, index) => ({
    itemId: `item-${String(index + 1).padStart(3, "0")}`,
    systemKey: ["erp", "crm", "hr"][index % 3] as string,
    privileged: index % 5 === 0,
    nonHuman: index % 7 === 0,
  }));
}

describe("drawSample", () => {
  it("gives the same sample for the same population, seed and size, whatever the input order", () => {
    const items = population(100);
    const first = drawSample({
      seed: "42",
      size: 10,
      population: items,
      stratifyBy: null,
      sha256Hex,
    });
    const again = drawSample({
      seed: "42",
      size: 10,
      population: [...items].reverse(),
      stratifyBy: null,
      sha256Hex,
    });
    expect(first.items).toHaveLength(10);
    expect(again.items.map((item) => item.itemId)).toEqual(first.items.map((item) => item.itemId));
  });

  it("gives a different sample for a different seed", () => {
    const items = population(100);
    const a = drawSample({ seed: "42", size: 10, population: items, stratifyBy: null, sha256Hex });
    const b = drawSample({ seed: "43", size: 10, population: items, stratifyBy: null, sha256Hex });
    expect(b.items.map((item) => item.itemId)).not.toEqual(a.items.map((item) => item.itemId));
  });

  it("takes the items with the smallest SHA-256 of seed:itemId", () => {
    const items = population(20);
    const sample = drawSample({
      seed: "s",
      size: 3,
      population: items,
      stratifyBy: null,
      sha256Hex,
    });
    const expected = items
      .map((item) => ({ id: item.itemId, key: sha256Hex(`s:${item.itemId}`) }))
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .slice(0, 3)
      .map((item) => item.id);
    expect(sample.items.map((item) => item.itemId)).toEqual(expected);
    expect(sample.items[0]?.key).toBe(sampleKey("s", expected[0] as string, sha256Hex));
  });

  it("matches the known vector published in docs/audit-sampling.md", () => {
    const items = ["a", "b", "c", "d", "e"].map((itemId) => ({
      itemId,
      systemKey: "erp",
      privileged: false,
      nonHuman: false,
    }));
    const sample = drawSample({
      seed: "42",
      size: 2,
      population: items,
      stratifyBy: null,
      sha256Hex,
    });
    expect(sha256Hex("42:a")).toBe(
      "971344798d4f4ac737c1f205bab4307c36b45fecd1b964eda0d696c18ad21cbb",
    );
    expect(sample.items.map((item) => item.itemId)).toEqual(["c", "a"]);
  });

  it("stratifies: allocations sum to n and each stratum is drawn inside itself", () => {
    const items = population(100);
    const sample = drawSample({
      seed: "7",
      size: 10,
      population: items,
      stratifyBy: "system",
      sha256Hex,
    });
    expect(sample.items).toHaveLength(10);
    expect(Object.values(sample.strata).reduce((sum, s) => sum + s.sample, 0)).toBe(10);
    expect(sample.strata).toEqual({
      crm: { population: 33, sample: 3 },
      erp: { population: 34, sample: 4 },
      hr: { population: 33, sample: 3 },
    });
    const crmOnly = drawSample({
      seed: "7",
      size: 3,
      population: items.filter((item) => item.systemKey === "crm"),
      stratifyBy: null,
      sha256Hex,
    });
    expect(
      sample.items.filter((item) => item.stratum === "crm").map((item) => item.itemId),
    ).toEqual(crmOnly.items.map((item) => item.itemId));
  });

  it("samples the whole population when n exceeds it", () => {
    const sample = drawSample({
      seed: "1",
      size: 50,
      population: population(4),
      stratifyBy: null,
      sha256Hex,
    });
    expect(sample.items).toHaveLength(4);
  });
});

describe("allocateSample", () => {
  it("splits by largest remainder, ties by stratum name", () => {
    expect(allocateSample({ a: 1, b: 1, c: 1 }, 2)).toEqual({ a: 1, b: 1, c: 0 });
    expect(allocateSample({ big: 90, small: 10 }, 1)).toEqual({ big: 1, small: 0 });
    expect(allocateSample({ a: 5, b: 3, c: 2 }, 7)).toEqual({ a: 4, b: 2, c: 1 });
  });

  it("gives every non-empty stratum at least one when n covers the strata", () => {
    const allocation = allocateSample({ big: 97, mid: 2, small: 1 }, 5);
    expect(allocation).toEqual({ big: 3, mid: 1, small: 1 });
    expect(Object.values(allocation).reduce((sum, n) => sum + n, 0)).toBe(5);
  });

  it("sums to n for many shapes", () => {
    for (let n = 1; n <= 30; n += 1) {
      const allocation = allocateSample({ a: 13, b: 7, c: 1, d: 29, e: 0 }, n);
      expect(Object.values(allocation).reduce((sum, x) => sum + x, 0)).toBe(n);
      expect(allocation.e).toBeUndefined();
    }
  });
});

describe("suggestedSampleSize", () => {
  it("follows the frequency guidance", () => {
    expect(suggestedSampleSize("annual")).toEqual({ min: 1, max: 1 });
    expect(suggestedSampleSize("quarterly")).toEqual({ min: 2, max: 2 });
    expect(suggestedSampleSize("monthly")).toEqual({ min: 2, max: 5 });
    expect(suggestedSampleSize("weekly")).toEqual({ min: 5, max: 15 });
    expect(suggestedSampleSize("daily")).toEqual({ min: 25, max: 40 });
    expect(suggestedSampleSize("many times a day")).toEqual({ min: 25, max: 60 });
  });

  it("reads the frequency from the days between occurrences", () => {
    expect(frequencyFromIntervalDays(null)).toBe("annual");
    expect(frequencyFromIntervalDays(91)).toBe("quarterly");
    expect(frequencyFromIntervalDays(30)).toBe("monthly");
    expect(frequencyFromIntervalDays(7)).toBe("weekly");
    expect(frequencyFromIntervalDays(1)).toBe("daily");
    expect(frequencyFromIntervalDays(1 / 24)).toBe("many times a day");
  });
});
