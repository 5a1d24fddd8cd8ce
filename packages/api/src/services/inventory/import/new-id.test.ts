import { describe, expect, it } from "vitest";
import { newId } from "./new-id";

describe("newId", () => {
  it("makes distinct version 7 UUIDs that sort in the order they were made", () => {
    const before = Date.now();
    const ids = Array.from({ length: 50_000 }, newId);
    for (const id of ids.slice(0, 1_000))
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    const ms = Number.parseInt(ids[0]?.replaceAll("-", "").slice(0, 12) ?? "", 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now());
  });
});
