import type { Database } from "@attest/db/database";
import { type InventorySummary, summarizeLatestSnapshot } from "@attest/db/repositories/inventory";

export function summarizeInventory(db: Database): Promise<InventorySummary> {
  return summarizeLatestSnapshot(db);
}
