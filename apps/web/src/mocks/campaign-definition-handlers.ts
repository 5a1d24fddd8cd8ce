import type { Role } from "@attest/domain/access/roles";
import {
  type CampaignDefinitionInput,
  campaignDefinitionInput,
} from "@attest/domain/campaigns/campaign-definition";
import { upcomingRuns } from "@/lib/recurrence";
import {
  type MockDefinition,
  nextRunOf,
  planMockCampaign,
  summarizeMockPlan,
} from "@/mocks/mock-campaign-definitions";
import type { MockDatabase, MockUser } from "@/mocks/mock-database";
import { type ProcedureResolvers, TrpcMockError } from "@/mocks/trpc-msw";

export interface CampaignDefinitionMockOptions {
  db: MockDatabase;
  currentUser: () => MockUser | null;
}

const editors: Role[] = ["control_owner", "admin"];
const readers: Role[] = ["control_owner", "auditor", "admin"];
const dayMs = 86_400_000;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function refuse(fieldErrors: Record<string, string[]>): never {
  const summary = Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${messages.join("; ")}`)
    .join(". ");
  throw new TrpcMockError("BAD_REQUEST", `Invalid input — ${summary}`, fieldErrors);
}

/** Parses a definition as the server does; `prefix` is where it sits in the input ("definition."). */
function parseDefinition(input: unknown, prefix = ""): CampaignDefinitionInput {
  const parsed = campaignDefinitionInput.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const field = `${prefix}${issue.path.map(String).join(".")}` || "input";
    fieldErrors[field] = [...(fieldErrors[field] ?? []), issue.message];
  }
  return refuse(fieldErrors);
}

function requireId(value: unknown, field: string, what: string): string {
  if (typeof value !== "string" || !uuidPattern.test(value))
    refuse({ [field]: [`${field} must be ${what}`] });
  return value;
}

export function campaignDefinitionProcedures({
  db,
  currentUser,
}: CampaignDefinitionMockOptions): ProcedureResolvers {
  const requireRole = (allowed: Role[]): MockUser => {
    const user = currentUser();
    if (!user) throw new TrpcMockError("UNAUTHORIZED", "Sign in to continue.");
    if (!allowed.some((role) => user.roles.includes(role)))
      throw new TrpcMockError("FORBIDDEN", "Your role does not allow this.");
    return user;
  };

  const findDefinition = (definitionId: unknown): MockDefinition => {
    const id = requireId(definitionId, "definitionId", "a campaign definition id");
    const definition = db.campaignDefinitions.find((candidate) => candidate.id === id);
    if (!definition)
      throw new TrpcMockError("NOT_FOUND", "No campaign definition with that id.", {
        definitionId: ["No campaign definition with that id."],
      });
    return definition;
  };

  /** Every user the definition names must exist and hold the role the field needs. */
  const checkReferencedUsers = (input: CampaignDefinitionInput) => {
    const references: [string, string | null, Role, string][] = [
      ["controlOwnerId", input.controlOwnerId, "control_owner", "control owner"],
      ["fallbackReviewerId", input.fallbackReviewerId, "reviewer", "reviewer"],
      ["namedReviewerId", input.namedReviewerId, "reviewer", "reviewer"],
      [
        "secondStage.namedReviewerId",
        input.secondStage?.namedReviewerId ?? null,
        "reviewer",
        "reviewer",
      ],
    ];
    for (const [field, id, role, what] of references) {
      if (id === null) continue;
      const user = db.users.find((candidate) => candidate.id === id);
      const problem = !user
        ? "names no user"
        : !user.roles.includes(role)
          ? `names ${user.displayName}, who does not have the ${what} role`
          : null;
      if (problem)
        throw new TrpcMockError("BAD_REQUEST", `${field} ${problem}.`, {
          [field]: [`${field} ${problem}.`],
        });
    }
  };

  const normalise = (input: CampaignDefinitionInput): CampaignDefinitionInput => ({
    ...input,
    namedReviewerId: input.reviewerStrategy === "named" ? input.namedReviewerId : null,
    secondStage: input.secondStage && {
      reviewerStrategy: input.secondStage.reviewerStrategy,
      namedReviewerId:
        input.secondStage.reviewerStrategy === "named" ? input.secondStage.namedReviewerId : null,
    },
  });

  const nameOf = (id: string | null) =>
    id === null ? null : (db.users.find((user) => user.id === id)?.displayName ?? id);

  /** A definition as saved: users checked, the recurrence read, the next run computed. */
  const save = (
    raw: CampaignDefinitionInput,
    existing: MockDefinition | null,
    actor: MockUser,
  ): MockDefinition => {
    const input = normalise(raw);
    checkReferencedUsers(input);
    const now = new Date();
    if (input.recurrence !== null) {
      const { problem } = upcomingRuns(input.recurrence, 1, now);
      if (problem) {
        const message = `recurrence "${input.recurrence}" ${problem.startsWith("Not") ? "is not a cron expression" : "never occurs"}.`;
        throw new TrpcMockError("BAD_REQUEST", message, { recurrence: [message] });
      }
    }
    const saved: MockDefinition = {
      id: existing?.id ?? crypto.randomUUID(),
      ...input,
      controlOwnerName: nameOf(input.controlOwnerId) ?? "",
      namedReviewerName: nameOf(input.namedReviewerId),
      fallbackReviewerName: nameOf(input.fallbackReviewerId) ?? "",
      nextRunAt: nextRunOf(input.recurrence, now),
      createdAt: existing?.createdAt ?? now.toISOString(),
      createdBy: existing?.createdBy ?? `user:${actor.id}`,
      createdByName: existing?.createdByName ?? actor.displayName,
      updatedAt: existing ? now.toISOString() : null,
      archivedAt: null,
      campaignCount: existing?.campaignCount ?? 0,
      lastLaunchedAt: existing?.lastLaunchedAt ?? null,
    };
    return saved;
  };

  const latestSnapshot = () => {
    const [snapshot] = db.inventoryData.snapshots;
    if (!snapshot)
      throw new TrpcMockError("PRECONDITION_FAILED", "No inventory has been imported yet.", {
        snapshotId: ["No inventory has been imported yet."],
      });
    const population = db.inventoryData.populations.get(snapshot.id);
    if (!population) throw new Error(`no mock population for snapshot ${snapshot.id}`);
    return { snapshot, raw: population.raw };
  };

  const plan = (definition: CampaignDefinitionInput) => {
    const { snapshot, raw } = latestSnapshot();
    const mockPlan = planMockCampaign(raw, db.users, definition);
    const summary = summarizeMockPlan(mockPlan, definition, db.users, {
      id: snapshot.id,
      source: snapshot.source,
      importedAt: snapshot.importedAt,
    });
    return { snapshot, mockPlan, summary };
  };

  return {
    "campaigns.definitions.list": () => {
      requireRole(readers);
      return [...db.campaignDefinitions].sort((a, b) => a.name.localeCompare(b.name, "en"));
    },

    "campaigns.definitions.get": (input) => {
      requireRole(readers);
      return findDefinition(input.definitionId);
    },

    "campaigns.definitions.people": () => {
      requireRole(editors);
      return db.users
        .filter((user) => user.roles.includes("reviewer") || user.roles.includes("control_owner"))
        .map(({ id, displayName, email, roles }) => ({ id, displayName, email, roles }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName, "en"));
    },

    "campaigns.definitions.create": (rawInput) => {
      const user = requireRole(editors);
      const saved = save(parseDefinition(rawInput), null, user);
      db.campaignDefinitions.push(saved);
      return saved;
    },

    "campaigns.definitions.update": (rawInput) => {
      const user = requireRole(editors);
      const existing = findDefinition(rawInput.definitionId);
      const saved = save(parseDefinition(rawInput.definition, "definition."), existing, user);
      db.campaignDefinitions[db.campaignDefinitions.indexOf(existing)] = saved;
      return saved;
    },

    "campaigns.definitions.preview": (rawInput) => {
      requireRole(editors);
      if (!rawInput.definition === !rawInput.definitionId)
        refuse({ definitionId: ["give either a definition or a definitionId"] });
      let definition: CampaignDefinitionInput;
      if (rawInput.definition) {
        definition = normalise(parseDefinition(rawInput.definition, "definition."));
        checkReferencedUsers(definition);
      } else {
        definition = findDefinition(rawInput.definitionId);
      }
      return plan(definition).summary;
    },

    "campaigns.launch": (rawInput) => {
      const user = requireRole(editors);
      const definition = findDefinition(rawInput.definitionId);
      const { snapshot, mockPlan, summary } = plan(definition);
      if (mockPlan.unassignable.length > 0)
        throw new TrpcMockError(
          "PRECONDITION_FAILED",
          `${mockPlan.unassignable.length} item(s) have no reviewer free of conflict. ${mockPlan.unassignable[0]} Choose another fallback reviewer.`,
          { fallbackReviewerId: ["Choose another fallback reviewer."] },
        );
      if (mockPlan.items.length === 0)
        throw new TrpcMockError(
          "PRECONDITION_FAILED",
          `The scope selects no grants of snapshot ${snapshot.source} (${snapshot.importedAt.slice(0, 10)}): there is nothing to review.`,
          { scope: ["The scope selects no grants: there is nothing to review."] },
        );
      const now = new Date();
      const campaignId = crypto.randomUUID();
      const startsAt = now.toISOString();
      const dueAt = new Date(now.getTime() + definition.durationDays * dayMs).toISOString();
      const name = `${definition.name} — ${startsAt.slice(0, 10)}`;
      db.campaigns.push({
        id: campaignId,
        name,
        status: "active",
        controlId: definition.controlId,
        controlOwnerName: definition.controlOwnerName,
        startsAt,
        dueAt,
        closedAt: null,
        signedOffAt: null,
        justificationRequired: definition.justificationRequired,
      });
      for (const item of mockPlan.items) {
        db.items.push({
          id: crypto.randomUUID(),
          campaignId,
          reviewerId: item.reviewerId,
          reviewerName: nameOf(item.reviewerId) ?? "",
          decision: null,
          decidedAt: null,
          decidedByName: null,
          justification: null,
          exceptionExpiresOn: null,
          version: 1,
          context: item.context,
        });
      }
      definition.campaignCount += 1;
      definition.lastLaunchedAt = startsAt;
      return {
        created: true,
        campaign: {
          id: campaignId,
          definitionId: definition.id,
          name,
          status: "active" as const,
          snapshotId: snapshot.id,
          startsAt,
          dueAt,
          launchedBy: `user:${user.id}`,
          occurrenceAt: null,
          itemCount: mockPlan.items.length,
        },
        summary,
      };
    },
  };
}
