import { createHash } from "node:crypto";

/**
 * What a bulk confirmation names exactly: lowercase hex SHA-256 of the sorted `itemId:version`
 * lines (joined by "\n") of the items it counted. A count alone misses an item decided elsewhere
 * in a status "all" selection, or one item swapped for another.
 */
export function fingerprintSelection(items: readonly { id: string; version: number }[]): string {
  const lines = items.map((item) => `${item.id}:${item.version}`).sort();
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}
