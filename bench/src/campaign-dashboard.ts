import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importInventory } from "@attest/api/services/inventory/import/import-inventory";
import { createTestCaller, sessionUserWithRoles } from "@attest/api/testing/test-context";
import { type Database, openDatabase } from "@attest/db/database";
import {
  countDecisionsPerDay,
  countItemsByOutcome,
  countItemsByReviewer,
  countItemsBySystem,
  findDashboardCampaign,
  findReviewerNotificationTimes,
} from "@attest/db/repositories/campaign-dashboard";
import { insertCampaign, insertCampaignDefinition } from "@attest/db/repositories/campaigns";
import pg from "pg";
import { createBenchDatabase, type Dialect, postgresServerUrl } from "./bench-database";
import { generateInventory } from "./generate-inventory";

export interface CampaignDashboardResult {
  dialect: Dialect;
  items: number;
  reviewers: number;
  /** p95 in ms over `calls` calls: the whole procedure, then each of its queries alone. */
  p95: Record<string, number>;
  calls: number;
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? Number.NaN;
}

/**
 * Review items over every grant of the snapshot, written by one INSERT … SELECT: the reviewer
 * is the user of the grantee's manager, 70% decided over the first 20 days (85% approve, 10%
 * revoke, 5% exception), 3% re-routed, 5% with the reviewer holding privileged access, and
 * one reminder recorded per reviewer. Deterministic: the mix follows bytes of md5(grant id).
 */
export async function createDashboardCampaign(
  db: Database,
  snapshotId: string,
): Promise<{ campaignId: string; items: number; reviewers: number }> {
  const fallbackId = randomUUID();
  const definitionId = randomUUID();
  const campaignId = randomUUID();
  const startsAt = new Date(Date.now() - 25 * 86_400_000);
  await db.query(
    `insert into users (id, email, display_name, identity_key)
     select gen_random_uuid(), lower(m.external_id) || '@bench.example', m.display_name, m.external_id
     from identities m
     where m.snapshot_id = $1 and exists (select 1 from identities s where s.manager_id = m.id)`,
    [snapshotId],
  );
  await db.query(
    `insert into users (id, email, display_name, identity_key)
     values ($1, 'fallback@bench.example', 'Fallback Reviewer', null)`,
    [fallbackId],
  );
  await insertCampaignDefinition(db, {
    id: definitionId,
    name: "Bench dashboard review",
    description: null,
    controlId: "ITGC-AC-03",
    controlOwnerId: fallbackId,
    scope: {},
    reviewerStrategy: "manager",
    fallbackReviewerId: fallbackId,
    durationDays: 30,
    undecidedRule: "not_reviewed",
    justificationRequired: { approve: false, revoke: true },
    recurrence: null,
    createdBy: "system:bench",
  });
  await insertCampaign(db, {
    id: campaignId,
    definitionId,
    name: "Bench dashboard campaign",
    status: "active",
    snapshotId,
    startsAt: startsAt.toISOString(),
    dueAt: new Date(startsAt.getTime() + 30 * 86_400_000).toISOString(),
    closedAt: null,
    signedOffAt: null,
    signedOffBy: null,
    signOffStatement: null,
  });
  await db.query(
    `insert into review_items (id, campaign_id, grant_id, stage, reviewer_id, decision, decided_by,
       decided_at, justification, exception_expires_on, context, routing_reason,
       reviewer_holds_privileged)
     select gen_random_uuid(), $1, x.grant_id, 1, x.reviewer_id, x.decision,
            case when x.decision is not null then x.reviewer_id end,
            case when x.decision is not null
              then $2::timestamptz + make_interval(days => x.b1 % 20, hours => x.b2 % 24) end,
            case when x.decision = 'revoke' then 'No longer needed' end,
            case when x.decision = 'exception' then date '2027-06-30' end,
            x.context,
            case when x.b3 < 8 then 'self_review' when x.b3 < 9 then 'no_strategy_reviewer' end,
            x.b4 < 13
     from (
       select g.id as grant_id, coalesce(reviewer.id, $3) as reviewer_id,
              case when h.b0 < 179 then
                case when h.b1 < 218 then 'approve' when h.b1 < 243 then 'revoke' else 'exception' end
              end as decision,
              h.b1, h.b2, h.b3, h.b4,
              jsonb_build_object(
                'version', 1,
                'identity', jsonb_build_object('externalId', i.external_id, 'displayName', i.display_name,
                  'kind', i.kind, 'status', i.status, 'email', i.email, 'department', i.department,
                  'title', i.title, 'managerName', m.display_name, 'terminatedOn', i.terminated_on),
                'nonHuman', null,
                'account', jsonb_build_object('username', a.username, 'status', a.status,
                  'lastLoginAt', a.last_login_at),
                'system', jsonb_build_object('key', s.key, 'name', s.name, 'criticality', s.criticality,
                  'soxInScope', s.sox_in_scope),
                'entitlement', jsonb_build_object('key', e.key, 'name', e.name,
                  'description', e.description, 'privileged', e.privileged, 'risk', e.risk),
                'grant', jsonb_build_object('grantedAt', g.granted_at, 'grantedBy', g.granted_by,
                  'ticket', g.ticket, 'expiresAt', g.expires_at, 'lastUsedAt', g.last_used_at)
              ) as context
       from grants g
       join accounts a on a.id = g.account_id
       join identities i on i.id = a.identity_id
       join systems s on s.id = a.system_id
       join entitlements e on e.id = g.entitlement_id
       left join identities m on m.id = i.manager_id
       left join users reviewer on reviewer.identity_key = m.external_id
       cross join lateral (
         select get_byte(d, 0) as b0, get_byte(d, 1) as b1, get_byte(d, 2) as b2,
                get_byte(d, 3) as b3, get_byte(d, 4) as b4
         from decode(md5(g.id::text), 'hex') as d
       ) h
       where g.snapshot_id = $4
     ) x`,
    [campaignId, startsAt.toISOString(), fallbackId, snapshotId],
  );
  await db.query(
    `insert into notifications (id, campaign_id, recipient_id, kind, occasion, item_count, sent_at,
       message_id, delivered_at, last_attempt_at)
     select gen_random_uuid(), $1, reviewer_id, 'reminder', 'reminder:7', count(*)::int, $2, null, $2, $2
     from review_items where campaign_id = $1 and decision is null
     group by reviewer_id`,
    [campaignId, new Date(startsAt.getTime() + 23 * 86_400_000).toISOString()],
  );
  const [counts] = await db.query<{ items: number; reviewers: number }>(
    `select count(*)::int as items, count(distinct reviewer_id)::int as reviewers
     from review_items where campaign_id = $1`,
    [campaignId],
  );
  return { campaignId, items: counts?.items ?? 0, reviewers: counts?.reviewers ?? 0 };
}

/**
 * The control owner's dashboard on a campaign over a generated snapshot (imported with the
 * importer, as `attest import` would): `campaigns.dashboard` and each of its queries alone,
 * `calls` times each after two warm-up calls, p95.
 */
export async function benchCampaignDashboard(
  dialect: Dialect,
  grants: number,
  options: { calls?: number; vacuum?: boolean } = {},
): Promise<CampaignDashboardResult> {
  const calls = options.calls ?? 20;
  const dir = await mkdtemp(join(tmpdir(), "attest-dashboard-bench-"));
  const bench = await createBenchDatabase(dialect);
  try {
    const files = await generateInventory(dir, grants);
    const report = await importInventory(bench.db, {
      source: "bench",
      files: [
        { name: "identities.csv", path: files.identities },
        { name: "access-export.csv", path: files.access },
      ],
      importedBy: { system: "bench" },
      now: () => new Date(),
    });
    if (!report.snapshotId) throw new Error(`import failed: ${JSON.stringify(report.errors)}`);
    const campaign = await createDashboardCampaign(bench.db, report.snapshotId);
    if (dialect === "postgres") {
      // What autovacuum does within a minute of a bulk insert; the app role may not ANALYZE.
      const url = new URL(postgresServerUrl);
      url.pathname = `/${bench.name}`;
      const owner = new pg.Client({ connectionString: url.toString() });
      await owner.connect();
      await owner.query("vacuum analyze");
      await owner.end();
    }
    if (dialect === "pglite" && options.vacuum) {
      // PGlite has no autovacuum: without a VACUUM the visibility map stays empty and every
      // index-only scan goes back to the heap.
      await bench.db.close();
      const owner = await openDatabase({ dataDir: bench.dataDir });
      await owner.exec("vacuum");
      await owner.close();
    }
    const db = dialect === "pglite" ? await bench.reopen() : bench.db;
    const caller = createTestCaller({ db, user: sessionUserWithRoles(["control_owner"]) });
    const { campaignId } = campaign;
    const queries: Record<string, () => Promise<unknown>> = {
      "campaigns.dashboard": () => caller.campaigns.dashboard({ campaignId }),
      "campaign facts": () => findDashboardCampaign(db, campaignId),
      "by reviewer": () => countItemsByReviewer(db, campaignId),
      "by system": () => countItemsBySystem(db, campaignId),
      "decision mix and re-routing": () => countItemsByOutcome(db, campaignId),
      "completion per day": () => countDecisionsPerDay(db, campaignId),
      "last reminded": () => findReviewerNotificationTimes(db, campaignId),
    };
    const latencies: Record<string, number> = {};
    for (const [name, query] of Object.entries(queries)) {
      const times: number[] = [];
      for (let call = 0; call < calls + 2; call += 1) {
        const started = performance.now();
        await query();
        if (call >= 2) times.push(performance.now() - started);
      }
      latencies[name] = p95(times);
    }
    return { dialect, items: campaign.items, reviewers: campaign.reviewers, p95: latencies, calls };
  } finally {
    await bench.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}
