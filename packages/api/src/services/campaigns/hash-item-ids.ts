import { canonicalJson } from "@attest/evidence/canonical-json";
import { sha256Hex } from "@attest/evidence/hash";

/**
 * SHA-256 over the canonical JSON of the sorted item ids: which items a close rule or a stage
 * opening touched, provably, in an event of constant size.
 */
export function hashItemIds(itemIds: readonly string[]): string {
  return sha256Hex(canonicalJson([...itemIds].sort()));
}
