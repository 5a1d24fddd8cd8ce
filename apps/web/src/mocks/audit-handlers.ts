import {
  drawSampleInput,
  grantEngagementInput,
  populationInput,
  revokeEngagementInput,
} from "@attest/domain/audit/audit-input";
import { drawSample, type StratifyBy } from "@attest/domain/audit/draw-sample";
import {
  type ControlFrequency,
  frequencyFromIntervalDays,
  suggestedSampleSize,
} from "@attest/domain/audit/sample-size";
import { csvRow } from "@attest/domain/csv/csv-cell";
import { isNonHuman } from "@attest/domain/inventory/identity-kinds";
import { type HttpHandler, HttpResponse, http } from "msw";
import type { RouterOutputs } from "@/lib/trpc";
import type { MockCampaign, MockDatabase, MockUser, ReviewItem } from "@/mocks/mock-database";
import { appendLedgerEvent } from "@/mocks/mock-ledger";
import { sha256Hex } from "@/mocks/mock-population";
import { type ProcedureResolvers, TrpcMockError } from "@/mocks/trpc-msw";

type Engagement = RouterOutputs["audit"]["engagements"]["list"][number];

/** The server's sentence for an auditor whose every engagement was revoked. */
const engagementRevokedSentence =
  "Your audit engagement was revoked, so you may read no campaigns; an administrator can grant you a new one.";
type Sample = RouterOutputs["audit"]["samples"]["get"];
type Role = MockUser["roles"][number];

/**
 * The auditor's workspace in mock mode and component tests, answering as the server's audit
 * router does: engagements bound an auditor's reads, the draw is the domain's drawSample over
 * the same population, and a draw is appended to the mock ledger.
 */
interface AuditState {
  engagements: Engagement[];
  samples: Sample[];
}

const states = new WeakMap<MockDatabase, AuditState>();
const dayMs = 86_400_000;

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function stateOf(db: MockDatabase): AuditState {
  let state = states.get(db);
  if (!state) {
    const auditor = db.users.find((user) => user.displayName === "Ruth Adeyemi");
    const admin = db.users.find((user) => user.roles.includes("admin"));
    state = {
      engagements:
        auditor && admin
          ? [
              {
                id: "00000000-0000-4000-8020-000000000001",
                auditorId: auditor.id,
                name: "FY SOX 404 external audit",
                auditorName: auditor.displayName,
                periodStart: isoDate(new Date(db.now.getTime() - 365 * dayMs)),
                periodEnd: isoDate(new Date(db.now.getTime() + 30 * dayMs)),
                grantedByName: admin.displayName,
                grantedAt: new Date(db.now.getTime() - 20 * dayMs).toISOString(),
                revokedAt: null,
              },
            ]
          : [],
      samples: [],
    };
    states.set(db, state);
  }
  return state;
}

/** The frequency a cron schedule gives, as the server derives it from the schedule. */
function frequencyOf(recurrence: string | null): ControlFrequency {
  if (recurrence === null) return "annual";
  const [, , dayOfMonth = "*", month = "*", dayOfWeek = "*"] = recurrence.split(" ");
  if (month !== "*") return frequencyFromIntervalDays(365 / month.split(",").length);
  if (dayOfMonth !== "*") return "monthly";
  if (dayOfWeek !== "*") return "weekly";
  return frequencyFromIntervalDays(1);
}

function zodFailure(error: { issues: { path: PropertyKey[]; message: string }[] }): never {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "input");
    fieldErrors[field] = [...(fieldErrors[field] ?? []), issue.message];
  }
  throw new TrpcMockError(
    "BAD_REQUEST",
    Object.entries(fieldErrors)
      .map(([field, messages]) => `${field}: ${messages[0]}`)
      .join("; "),
    fieldErrors,
  );
}

/** The controls and populations the mock answers from, as the server's audit queries select them. */
function auditQueries(db: MockDatabase) {
  const controls = () =>
    db.campaignDefinitions.map((definition) => {
      const campaigns = db.campaigns.filter(
        (campaign) => campaign.controlId === definition.controlId,
      );
      const launches = campaigns.map((campaign) => campaign.startsAt).sort();
      const frequency = frequencyOf(definition.recurrence);
      return {
        definitionId: definition.id,
        controlId: definition.controlId,
        name: definition.name,
        controlOwnerName: definition.controlOwnerName,
        schedule: definition.recurrence,
        frequency,
        suggestedSampleSize: suggestedSampleSize(frequency),
        campaignsRun: campaigns.length,
        firstLaunchedAt: launches[0] ?? null,
        lastLaunchedAt: launches.at(-1) ?? null,
      };
    });

  const findControl = (definitionId: string) => {
    const control = controls().find((candidate) => candidate.definitionId === definitionId);
    if (!control) {
      throw new TrpcMockError("NOT_FOUND", "No control (campaign definition) with that id.", {
        definitionId: ["No control with that id."],
      });
    }
    return control;
  };

  const periodCampaigns = (controlId: string, periodStart: string, periodEnd: string) =>
    db.campaigns
      .filter(
        (campaign) =>
          campaign.controlId === controlId &&
          campaign.status !== "draft" &&
          campaign.status !== "scheduled" &&
          campaign.status !== "cancelled" &&
          campaign.startsAt.slice(0, 10) >= periodStart &&
          campaign.startsAt.slice(0, 10) <= periodEnd,
      )
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));

  const itemsOf = (campaigns: readonly MockCampaign[]) =>
    campaigns.flatMap((campaign) =>
      db.items
        .filter((item) => item.campaignId === campaign.id)
        .sort((a, b) => a.id.localeCompare(b.id)),
    );

  const populationCsv = (items: readonly ReviewItem[]) =>
    [
      "item_id,campaign_id,identity,system,entitlement,decision,decided_at",
      ...items.map((item) =>
        csvRow([
          item.id,
          item.campaignId,
          item.context.identity.displayName,
          item.context.system.key,
          item.context.entitlement.key,
          item.decision,
          item.decidedAt,
        ]),
      ),
    ].join("\n");

  return { controls, findControl, periodCampaigns, itemsOf, populationCsv };
}

export function auditProcedures({
  db,
  currentUser,
}: {
  db: MockDatabase;
  currentUser: () => MockUser | null;
}): ProcedureResolvers {
  const requireRole = (...allowed: Role[]) => {
    const user = currentUser();
    if (!user) throw new TrpcMockError("UNAUTHORIZED", "Sign in to continue.");
    if (!allowed.some((role) => user.roles.includes(role))) {
      throw new TrpcMockError("FORBIDDEN", "Your role does not allow this.");
    }
    return user;
  };

  const openEngagements = (user: MockUser) =>
    user.roles.includes("auditor")
      ? stateOf(db).engagements.filter(
          (engagement) => engagement.auditorId === user.id && !engagement.revokedAt,
        )
      : [];

  /** Once granted an engagement, an auditor stays bounded: revoking the last bounds them to nothing. */
  const isBounded = (user: MockUser) =>
    user.roles.includes("auditor") &&
    !user.roles.includes("admin") &&
    stateOf(db).engagements.some((engagement) => engagement.auditorId === user.id);

  /** Refuses a period outside the auditor's engagements, with a sentence naming them. */
  const checkPeriod = (user: MockUser, periodStart: string, periodEnd: string) => {
    if (!isBounded(user)) return;
    const open = openEngagements(user);
    if (open.length === 0) throw new TrpcMockError("FORBIDDEN", engagementRevokedSentence);
    const covered = open.some(
      (engagement) => engagement.periodStart <= periodStart && periodEnd <= engagement.periodEnd,
    );
    if (!covered) {
      const periods = open
        .map(
          (engagement) =>
            `${engagement.name} (${engagement.periodStart} to ${engagement.periodEnd})`,
        )
        .join(", ");
      throw new TrpcMockError(
        "FORBIDDEN",
        `Your access is limited to campaigns launched within your engagement period: ${periods}.`,
      );
    }
  };

  const { controls, findControl, periodCampaigns, itemsOf, populationCsv } = auditQueries(db);

  const sampledItem = (item: ReviewItem, stratum: string) => ({
    itemId: item.id,
    campaignId: item.campaignId,
    campaignName: db.campaigns.find((campaign) => campaign.id === item.campaignId)?.name ?? "",
    identityName: item.context.identity.displayName,
    systemName: item.context.system.name,
    entitlementName: item.context.entitlement.name,
    decision: item.decision,
    decidedAt: item.decidedAt,
    reviewerName: item.reviewerName,
    stratum,
  });

  const findSample = (user: MockUser, sampleId: string) => {
    const sample = stateOf(db).samples.find((candidate) => candidate.sampleId === sampleId);
    if (!sample) {
      throw new TrpcMockError("NOT_FOUND", "No sample with that id.", {
        sampleId: ["No sample with that id."],
      });
    }
    checkPeriod(user, sample.periodStart, sample.periodEnd);
    return sample;
  };

  return {
    "audit.me": () => {
      const user = requireRole("auditor");
      const engagements = stateOf(db).engagements.filter(
        (engagement) => engagement.auditorId === user.id,
      );
      const bounded = isBounded(user);
      const revoked = bounded && openEngagements(user).length === 0;
      return {
        engagements,
        bounded,
        revoked,
        notice: revoked ? engagementRevokedSentence : null,
      };
    },

    "audit.engagements.list": () => {
      const user = requireRole("admin", "auditor");
      const all = stateOf(db).engagements;
      return user.roles.includes("admin")
        ? all
        : all.filter((engagement) => engagement.auditorId === user.id);
    },

    "audit.engagements.auditors": () => {
      requireRole("admin");
      return db.users
        .filter((user) => user.roles.includes("auditor"))
        .map(({ id, displayName, email }) => ({ id, displayName, email }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName));
    },

    "audit.engagements.grant": (input) => {
      const user = requireRole("admin");
      const parsed = grantEngagementInput.safeParse(input);
      if (!parsed.success) zodFailure(parsed.error);
      const auditor = db.users.find((candidate) => candidate.id === parsed.data.auditorId);
      if (!auditor?.roles.includes("auditor")) {
        throw new TrpcMockError("BAD_REQUEST", "auditorId: must be a user with the auditor role", {
          auditorId: ["must be a user with the auditor role"],
        });
      }
      const engagement: Engagement = {
        id: crypto.randomUUID(),
        auditorId: auditor.id,
        name: parsed.data.name,
        auditorName: auditor.displayName,
        periodStart: parsed.data.periodStart,
        periodEnd: parsed.data.periodEnd,
        grantedByName: user.displayName,
        grantedAt: new Date().toISOString(),
        revokedAt: null,
      };
      stateOf(db).engagements.unshift(engagement);
      appendLedgerEvent(
        db.ledger,
        {
          actor: `user:${user.id}`,
          action: "audit_engagement.granted",
          subjectIds: [engagement.id],
        },
        new Date(),
      );
      return engagement;
    },

    "audit.engagements.revoke": (input) => {
      const user = requireRole("admin");
      const parsed = revokeEngagementInput.safeParse(input);
      if (!parsed.success) zodFailure(parsed.error);
      const engagement = stateOf(db).engagements.find(
        (candidate) => candidate.id === parsed.data.engagementId,
      );
      if (!engagement) {
        throw new TrpcMockError("NOT_FOUND", "No engagement with that id.", {
          engagementId: ["No engagement with that id."],
        });
      }
      if (engagement.revokedAt) {
        throw new TrpcMockError("CONFLICT", "This engagement was already revoked.");
      }
      engagement.revokedAt = new Date().toISOString();
      appendLedgerEvent(
        db.ledger,
        {
          actor: `user:${user.id}`,
          action: "audit_engagement.revoked",
          subjectIds: [engagement.id],
        },
        new Date(),
      );
      return engagement;
    },

    "audit.controls": () => {
      requireRole("auditor", "control_owner", "admin");
      return controls();
    },

    "audit.population": async (input) => {
      const user = requireRole("auditor", "control_owner", "admin");
      const parsed = populationInput.safeParse(input);
      if (!parsed.success) zodFailure(parsed.error);
      const { definitionId, periodStart, periodEnd } = parsed.data;
      checkPeriod(user, periodStart, periodEnd);
      const control = findControl(definitionId);
      const campaigns = periodCampaigns(control.controlId, periodStart, periodEnd);
      const occurrences = campaigns.map((campaign, index) => {
        const items = db.items.filter((item) => item.campaignId === campaign.id);
        const count = (decision: string | null) =>
          items.filter((item) => item.decision === decision).length;
        return {
          campaignId: campaign.id,
          name: campaign.name,
          launchedAt: campaign.startsAt,
          closedAt: campaign.closedAt,
          signedOffAt: campaign.signedOffAt,
          signedOffByName: campaign.signedOffAt ? campaign.controlOwnerName : null,
          status: campaign.status,
          snapshotId: db.inventory.snapshot?.id ?? "",
          snapshotImportedAt: db.inventory.snapshot?.importedAt ?? "",
          snapshotGrants: db.inventory.snapshot?.rowCounts.grants ?? 0,
          populationGrants: items.length,
          launchItems: items.length,
          items: items.length,
          decisions: {
            approve: count("approve"),
            revoke: count("revoke"),
            exception: count("exception"),
            undecided: count(null),
          },
          exceptions: count("exception"),
          reconciles: true,
          populationHash: (index + 1).toString(16).padStart(64, "a"),
          launchEventSeq: index + 2,
        };
      });
      const items = itemsOf(campaigns);
      const launchedFrom = `${periodStart}T00:00:00.000Z`;
      const launchedBefore = new Date(
        new Date(`${periodEnd}T00:00:00.000Z`).getTime() + dayMs,
      ).toISOString();
      const sum = (pick: (occurrence: (typeof occurrences)[number]) => number) =>
        occurrences.reduce((total, occurrence) => total + pick(occurrence), 0);
      return {
        control,
        period: { start: periodStart, end: periodEnd },
        occurrences,
        totals: {
          campaigns: occurrences.length,
          items: sum((o) => o.items),
          decisions: sum((o) => o.decisions.approve + o.decisions.revoke + o.decisions.exception),
          exceptions: sum((o) => o.exceptions),
        },
        ipe: {
          query: `Review items of the campaigns of control ${control.controlId} whose review started on or after ${launchedFrom} and before ${launchedBefore}.`,
          parameters: {
            definitionId,
            controlId: control.controlId,
            periodStart,
            periodEnd,
            launchedFrom,
            launchedBefore,
            statuses: ["active", "closed", "signed_off"],
          },
          extractedAt: new Date().toISOString(),
          rowCounts: { campaigns: occurrences.length, items: items.length },
          sha256: await sha256Hex(populationCsv(items)),
        },
      };
    },

    "audit.drawSample": async (input) => {
      const user = requireRole("auditor", "control_owner", "admin");
      const parsed = drawSampleInput.safeParse(input);
      if (!parsed.success) zodFailure(parsed.error);
      const { definitionId, periodStart, periodEnd, seed, size } = parsed.data;
      const stratifyBy: StratifyBy | null = parsed.data.stratifyBy ?? null;
      checkPeriod(user, periodStart, periodEnd);
      const control = findControl(definitionId);
      const items = itemsOf(periodCampaigns(control.controlId, periodStart, periodEnd));
      if (items.length === 0) {
        throw new TrpcMockError(
          "PRECONDITION_FAILED",
          `Control ${control.controlId} ran no campaign launched between ${periodStart} and ${periodEnd}: there is nothing to sample.`,
        );
      }
      // drawSample hashes synchronously; the browser's SHA-256 is async, so the keys come first.
      const keys = new Map(
        await Promise.all(
          items.map(async (item) => {
            const text = `${seed}:${item.id}`;
            return [text, await sha256Hex(text)] as const;
          }),
        ),
      );
      const drawn = drawSample({
        seed,
        size,
        stratifyBy,
        population: items.map((item) => ({
          itemId: item.id,
          systemKey: item.context.system.key,
          privileged: item.context.entitlement.privileged,
          nonHuman: isNonHuman(item.context.identity.kind),
        })),
        sha256Hex: (text) => keys.get(text) ?? "",
      });
      const byId = new Map(items.map((item) => [item.id, item]));
      const ledgerSeq = db.ledger.events.length + 1;
      const sampleId = crypto.randomUUID();
      const sample: Sample = {
        sampleId,
        definitionId,
        controlId: control.controlId,
        controlName: control.name,
        periodStart,
        periodEnd,
        seed,
        size: drawn.items.length,
        stratifyBy,
        strata: drawn.strata,
        populationCount: items.length,
        populationSha256: await sha256Hex(populationCsv(items)),
        drawnByName: user.displayName,
        drawnAt: new Date().toISOString(),
        evidenceSeq: ledgerSeq,
        itemIds: drawn.items.map((item) => item.itemId),
        items: drawn.items.flatMap((item) => {
          const reviewItem = byId.get(item.itemId);
          return reviewItem ? [sampledItem(reviewItem, item.stratum)] : [];
        }),
      };
      stateOf(db).samples.unshift(sample);
      appendLedgerEvent(
        db.ledger,
        { actor: `user:${user.id}`, action: "audit.sample_drawn", subjectIds: [sample.sampleId] },
        new Date(),
      );
      return { ...sample, sampleId };
    },

    "audit.samples.list": () => {
      const user = requireRole("auditor", "control_owner", "admin");
      const open = openEngagements(user);
      return stateOf(db)
        .samples.filter(
          (sample) =>
            !isBounded(user) ||
            open.some(
              (engagement) =>
                engagement.periodStart <= sample.periodStart &&
                sample.periodEnd <= engagement.periodEnd,
            ),
        )
        .map(({ itemIds: _itemIds, items: _items, ...summary }) => summary);
    },

    "audit.samples.get": (input) => {
      const user = requireRole("auditor", "control_owner", "admin");
      return findSample(user, input.sampleId);
    },

    "audit.reperformance": (input) => {
      requireRole("auditor", "control_owner", "admin");
      const item = db.items.find((candidate) => candidate.id === input.itemId);
      if (!item) {
        throw new TrpcMockError("NOT_FOUND", "No such review item.", {
          itemId: ["No such review item."],
        });
      }
      const campaign = db.campaigns.find((candidate) => candidate.id === item.campaignId);
      if (!campaign) throw new TrpcMockError("NOT_FOUND", "No such campaign.");
      const event = db.ledger.events.find(
        (candidate) =>
          candidate.action === "decision.recorded" && candidate.subjectIds.includes(item.id),
      );
      const checkpoint = event
        ? db.ledger.checkpoints
            .filter((candidate) => candidate.treeSize >= event.seq)
            .sort((a, b) => b.treeSize - a.treeSize)[0]
        : undefined;
      const decisionHistory =
        item.decision && item.decidedAt
          ? [
              {
                seq: event?.seq ?? 0,
                decision: item.decision,
                decidedAt: item.decidedAt,
                actorName: item.decidedByName ?? item.reviewerName,
                justification: item.justification,
                exceptionExpiresOn: item.exceptionExpiresOn,
                itemVersion: item.version,
                supersedes: null,
                compensatingControl: null,
              },
            ]
          : [];
      return {
        item: { itemId: item.id, stage: 1, context: item.context },
        campaign: {
          id: campaign.id,
          name: campaign.name,
          controlId: campaign.controlId,
          status: campaign.status,
          launchedAt: campaign.startsAt,
        },
        reviewer: { name: item.reviewerName },
        decision: item.decision
          ? {
              decision: item.decision,
              decidedAt: item.decidedAt,
              actorName: item.decidedByName,
              justification: item.justification,
              exceptionExpiresOn: item.exceptionExpiresOn,
              compensatingControl: null,
            }
          : null,
        closeOutcome: null,
        stageHistory: [],
        reassignments: [],
        decisionHistory,
        ledgerEvent: event
          ? {
              seq: event.seq,
              hash: event.hash,
              canonicalJson: JSON.stringify({
                action: event.action,
                actor: event.actor,
                recordedAt: event.recordedAt,
                seq: event.seq,
                subjectIds: event.subjectIds,
              }),
              leafIndex: event.seq - 1,
              ...(checkpoint
                ? {
                    inclusionProof: [checkpoint.rootHash.split("").reverse().join("")],
                    checkpoint: {
                      treeSize: checkpoint.treeSize,
                      rootHash: checkpoint.rootHash,
                      signedNote: checkpoint.note,
                    },
                    verified: true,
                    message: `Event ${event.seq} is leaf ${event.seq - 1} of the tree of ${checkpoint.treeSize} events signed in the checkpoint; the proof and the signature verify.`,
                  }
                : {
                    inclusionProof: [],
                    checkpoint: null,
                    verified: false,
                    message: `No signed checkpoint covers event ${event.seq} yet.`,
                  }),
            }
          : null,
      };
    },
  };
}

/** The population CSV download beside tRPC; packages are built and signed only by a real server. */
export function auditHttpHandlers({
  db,
  currentUser,
}: {
  db: MockDatabase;
  currentUser: () => MockUser | null;
}): HttpHandler[] {
  const refusal = (status: number, error: string, message: string) =>
    HttpResponse.json({ error, message }, { status });
  const allowed = (user: MockUser | null) =>
    user?.roles.some((role) => role === "auditor" || role === "control_owner" || role === "admin");
  return [
    http.get("/api/audit/population.csv", ({ request }) => {
      const user = currentUser();
      if (!user || !allowed(user)) {
        return refusal(403, "forbidden", "Your role does not allow this.");
      }
      const url = new URL(request.url);
      const parsed = populationInput.safeParse(Object.fromEntries(url.searchParams));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return refusal(400, "invalid_input", `${String(issue?.path[0])}: ${issue?.message}`);
      }
      const { controls, periodCampaigns, itemsOf, populationCsv } = auditQueries(db);
      const control = controls().find(
        (candidate) => candidate.definitionId === parsed.data.definitionId,
      );
      if (!control) return refusal(404, "not_found", "No control with that id.");
      const { periodStart, periodEnd } = parsed.data;
      const csv = populationCsv(
        itemsOf(periodCampaigns(control.controlId, periodStart, periodEnd)),
      );
      appendLedgerEvent(
        db.ledger,
        {
          actor: `user:${user.id}`,
          action: "audit.population_downloaded",
          subjectIds: [control.definitionId],
        },
        new Date(),
      );
      return new HttpResponse(csv, {
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": `attachment; filename="population-${control.controlId.replace(/[^A-Za-z0-9._-]/g, "_")}-${periodStart}-${periodEnd}.csv"`,
        },
      });
    }),
    http.get("/api/audit/packages/*", () =>
      refusal(
        501,
        "not_implemented",
        "Evidence packages are built and signed by the server with the ledger's key; mock mode has neither. Run the real server to download one.",
      ),
    ),
  ];
}
