import type { IdentityKind, IdentityStatus, RiskLevel } from "../inventory/identity-kinds";
import type { PeerShare, ReviewItemContextV2 } from "./review-item-context";

/**
 * Everything known about one grant when its review item is generated, whichever way it was
 * read (the campaign generator's one query, the demo organisation in memory).
 */
export interface ReviewItemFacts {
  identity: {
    externalId: string;
    displayName: string;
    kind: IdentityKind;
    status: IdentityStatus;
    email: string | null;
    department: string | null;
    title: string | null;
    managerName: string | null;
    terminatedOn: string | null;
    lastRotatedAt: string | null;
  };
  /** The accountable owner of a non-human identity; null for people. */
  owner: { externalId: string; displayName: string; status: IdentityStatus } | null;
  account: { username: string; status: "active" | "disabled"; lastLoginAt: string | null };
  system: { key: string; name: string; criticality: RiskLevel; soxInScope: boolean };
  entitlement: {
    key: string;
    name: string;
    description: string | null;
    privileged: boolean;
    risk: RiskLevel;
  };
  grant: {
    grantedAt: string | null;
    grantedBy: string | null;
    ticket: string | null;
    expiresAt: string | null;
    lastUsedAt: string | null;
  };
  peers: { department: PeerShare | null; manager: PeerShare | null };
}

const dayMs = 86_400_000;

/** Whole days from an ISO timestamp to `at`; null when there is no timestamp. */
function ageInDays(iso: string | null, at: Date): number | null {
  if (iso === null) return null;
  return Math.max(0, Math.floor((at.getTime() - Date.parse(iso)) / dayMs));
}

/** The frozen context of a review item: the one place that decides its shape. */
export function buildReviewItemContext(
  facts: ReviewItemFacts,
  generatedAt: Date,
): ReviewItemContextV2 {
  const { identity, owner } = facts;
  return {
    version: 2,
    identity: {
      externalId: identity.externalId,
      displayName: identity.displayName,
      kind: identity.kind,
      status: identity.status,
      email: identity.email,
      department: identity.department,
      title: identity.title,
      managerName: identity.managerName,
      terminatedOn: identity.terminatedOn,
    },
    nonHuman: owner
      ? {
          ownerExternalId: owner.externalId,
          ownerName: owner.displayName,
          ownerStatus: owner.status,
          lastRotatedAt: identity.lastRotatedAt,
          rotationAgeDays: ageInDays(identity.lastRotatedAt, generatedAt),
        }
      : null,
    // Field by field: the context is hashed into evidence, so nothing a caller happens to carry
    // along may slip into it.
    account: {
      username: facts.account.username,
      status: facts.account.status,
      lastLoginAt: facts.account.lastLoginAt,
    },
    system: {
      key: facts.system.key,
      name: facts.system.name,
      criticality: facts.system.criticality,
      soxInScope: facts.system.soxInScope,
    },
    entitlement: {
      key: facts.entitlement.key,
      name: facts.entitlement.name,
      description: facts.entitlement.description,
      privileged: facts.entitlement.privileged,
      risk: facts.entitlement.risk,
    },
    grant: {
      grantedAt: facts.grant.grantedAt,
      grantedBy: facts.grant.grantedBy,
      ticket: facts.grant.ticket,
      expiresAt: facts.grant.expiresAt,
      lastUsedAt: facts.grant.lastUsedAt,
    },
    peers: { department: facts.peers.department, manager: facts.peers.manager },
  };
}
