import { describe, expect, it } from "vitest";
import { NumberSet } from "./number-set";

describe("NumberSet", () => {
  it("adds each key once, across growth, for keys far above 2^32", () => {
    const set = new NumberSet();
    const keys = Array.from({ length: 200_000 }, (_, index) => index * 4_194_304 + (index % 80));
    for (const key of keys) expect(set.add(key)).toBe(true);
    expect(set.size).toBe(keys.length);
    expect(set.add(keys[12_345] as number)).toBe(false);
    expect(set.has(keys[199_999] as number)).toBe(true);
    expect(set.has(7)).toBe(false);
    expect(set.size).toBe(keys.length);
  });

  it("holds zero", () => {
    const set = new NumberSet();
    expect(set.has(0)).toBe(false);
    expect(set.add(0)).toBe(true);
    expect(set.has(0)).toBe(true);
  });
});
