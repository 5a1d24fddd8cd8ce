import type { Role } from "../access/roles";
import type {
  CampaignStatus,
  Decision,
  ReviewerStrategy,
  UndecidedRule,
} from "../campaigns/campaign";
import type { EscalationPolicy, ReminderSchedule } from "../campaigns/campaign-definition";
import type { NotificationKind } from "../campaigns/notification-schedule";
import type { IdentityKind, IdentityStatus, RiskLevel } from "../inventory/identity-kinds";

/**
 * The demo organisation as plain records keyed by external ids. The generator is pure and
 * deterministic: the same seed and anchor date always give the same organisation; the seeding
 * service assigns database ids and writes it.
 */
export interface DemoOrganisation {
  seed: number;
  /** The "today" the organisation was generated for (YYYY-MM-DD); every date is relative to it. */
  anchorDate: string;
  /** The demo's "now": the anchor date at 09:00 UTC. Nothing in it happens later. */
  anchorAt: string;
  identities: DemoIdentity[];
  systems: DemoSystem[];
  entitlements: DemoEntitlement[];
  accounts: DemoAccount[];
  grants: DemoGrant[];
  users: DemoUser[];
  campaignDefinitions: DemoCampaignDefinition[];
  campaigns: DemoCampaign[];
  /** The external auditor's engagement: bounds what they read to the demo's audit year. */
  auditEngagement: DemoAuditEngagement;
}

export interface DemoAuditEngagement {
  auditorEmail: string;
  grantedByEmail: string;
  name: string;
  periodStart: string;
  periodEnd: string;
}

export interface DemoIdentity {
  externalId: string; // "E1001" people, "C2001" contractors, "T3001" third parties, "N4001" non-human
  kind: IdentityKind;
  displayName: string;
  email: string | null;
  department: string;
  title: string | null;
  managerExternalId: string | null; // people; null for the CEO
  ownerExternalId: string | null; // non-human identities: accountable human owner (always set)
  status: IdentityStatus;
  terminatedOn: string | null; // YYYY-MM-DD
  lastRotatedAt: string | null; // ISO timestamp, non-human identities
  lastUsedAt: string | null; // ISO timestamp
}

export interface DemoSystem {
  key: string; // "netsuite-erp"
  name: string; // "NetSuite ERP"
  description: string;
  ownerExternalId: string;
  criticality: RiskLevel;
  soxInScope: boolean;
}

export interface DemoEntitlement {
  systemKey: string;
  key: string; // unique within the system, e.g. "gl-journal-approver"
  name: string;
  description: string;
  privileged: boolean;
  risk: RiskLevel;
  ownerExternalId: string | null;
}

export interface DemoAccount {
  systemKey: string;
  username: string; // unique within the system
  identityExternalId: string | null; // null: orphan account
  status: "active" | "disabled";
  lastLoginAt: string | null;
}

export interface DemoGrant {
  systemKey: string;
  username: string;
  entitlementKey: string;
  grantedAt: string; // ISO timestamp
  grantedBy: string; // external id of the approver, or "system:provisioning"
  ticket: string | null; // "CHG-10421" / "REQ-5531"; null for some (no ticket)
  expiresAt: string | null;
  lastUsedAt: string | null;
}

export interface DemoUser {
  email: string;
  displayName: string;
  identityExternalId: string | null; // the auditor is external: null
  roles: Role[];
}

export interface DemoCampaignDefinition {
  key: string;
  name: string;
  description: string;
  controlId: string; // "ITGC-AC-03"
  controlOwnerEmail: string;
  scope: {
    systemKeys?: string[];
    privilegedOnly?: boolean;
    identityKinds?: IdentityKind[];
  };
  reviewerStrategy: ReviewerStrategy;
  fallbackReviewerEmail: string;
  durationDays: number;
  undecidedRule: UndecidedRule;
  justificationRequired: { approve: boolean; revoke: boolean };
  reminders: ReminderSchedule;
  escalation: EscalationPolicy;
  recurrence: string | null; // cron, e.g. "0 9 * 1,4,7,10 MON#1"
}

export interface DemoCampaign {
  definitionKey: string;
  name: string; // "Q4 2026 privileged access review"
  status: CampaignStatus;
  startsAt: string;
  dueAt: string;
  closedAt: string | null;
  signedOffAt: string | null;
  signedOffByEmail: string | null;
  signOffStatement: string | null;
  items: DemoReviewItem[];
  /** The digests already sent by the anchor moment (active campaigns; none for the others). */
  notifications: DemoNotification[];
}

export interface DemoReviewItem {
  systemKey: string;
  username: string;
  entitlementKey: string;
  reviewerEmail: string;
  decision: Decision | null;
  decidedAt: string | null;
  justification: string | null;
  exceptionExpiresOn: string | null;
}

/** A digest the demo's notifier sent before the anchor moment, as a notifications row records it. */
export interface DemoNotification {
  recipientEmail: string;
  kind: NotificationKind;
  occasion: string; // "launch", "reminder:3", "overdue", "escalation:manager"…
  /** For an escalation: the reviewer whose pending items it is about. */
  aboutReviewerEmail: string | null;
  itemCount: number;
  sentAt: string;
}
