import type { Role } from "@attest/domain/access/roles";
import { delay, type HttpHandler, HttpResponse, http } from "msw";
import { auditHttpHandlers, auditProcedures } from "@/mocks/audit-handlers";
import { campaignCockpitProcedures } from "@/mocks/campaign-cockpit-handlers";
import { campaignDefinitionProcedures } from "@/mocks/campaign-definition-handlers";
import { inventoryHttpHandlers, inventoryProcedures } from "@/mocks/inventory-handlers";
import {
  type MockDatabase,
  type MockUser,
  type ReviewItem,
  summarizeCampaign,
} from "@/mocks/mock-database";
import { ledgerStatus, signMockCheckpoint, verifyMockLedger } from "@/mocks/mock-ledger";
import { reviewProcedures } from "@/mocks/review-handlers";
import { scimProcedures } from "@/mocks/scim-handlers";
import { type ProcedureResolvers, TrpcMockError, trpcHandlers } from "@/mocks/trpc-msw";

/** Who the mock server thinks is signed in (the real one keeps this in a signed cookie). */
export interface SessionStore {
  get(): string | null;
  set(userId: string | null): void;
}

export function memorySessionStore(initialUserId: string | null = null): SessionStore {
  let userId = initialUserId;
  return {
    get: () => userId,
    set: (next) => {
      userId = next;
    },
  };
}

export interface MockServerOptions {
  db: MockDatabase;
  session: SessionStore;
  /** Whether the development sign-in is on (ATTEST_DEV_LOGIN=1 on a real server). */
  devLogin?: boolean;
  /** Artificial latency, so mock mode shows loading states as a real network would. */
  delayMs?: number;
}

function publicItem({ reviewerId: _reviewerId, ...item }: ReviewItem) {
  return item;
}

function matchesSearch(item: ReviewItem, search: string | undefined): boolean {
  if (!search) return true;
  const needle = search.trim().toLowerCase();
  const { identity, system, entitlement, account } = item.context;
  return [identity.displayName, system.name, entitlement.name, account.username].some((value) =>
    value.toLowerCase().includes(needle),
  );
}

function byContextOrder(a: ReviewItem, b: ReviewItem): number {
  return (
    a.context.identity.displayName.localeCompare(b.context.identity.displayName) ||
    a.context.system.name.localeCompare(b.context.system.name) ||
    a.context.entitlement.name.localeCompare(b.context.entitlement.name) ||
    a.id.localeCompare(b.id)
  );
}

function page<T>(rows: T[], limit = 100, offset = 0): { items: T[]; total: number } {
  return { items: rows.slice(offset, offset + limit), total: rows.length };
}

/** The procedures, answering as the real routers do: same roles, same refusals, same shapes. */
export function procedureResolvers({
  db,
  session,
  devLogin = true,
  delayMs,
}: MockServerOptions): ProcedureResolvers {
  const currentUser = (): MockUser | null =>
    db.users.find((user) => user.id === session.get()) ?? null;

  const requireRole = (...allowed: Role[]): MockUser => {
    const user = currentUser();
    if (!user) throw new TrpcMockError("UNAUTHORIZED", "Sign in to continue.");
    if (!allowed.some((role) => user.roles.includes(role))) {
      throw new TrpcMockError("FORBIDDEN", "Your role does not allow this.");
    }
    return user;
  };

  const findCampaign = (campaignId: string) => {
    const campaign = db.campaigns.find((candidate) => candidate.id === campaignId);
    if (!campaign) {
      throw new TrpcMockError("NOT_FOUND", "No campaign with that id.", {
        campaignId: ["No campaign with that id."],
      });
    }
    return campaign;
  };

  return {
    "session.current": () => currentUser(),

    "session.devSignInUsers": () => {
      if (!devLogin) throw new TrpcMockError("NOT_FOUND", "Development sign-in is not enabled.");
      return db.users.map(({ id, displayName, email, roles }) => ({
        id,
        displayName,
        email,
        roles,
      }));
    },

    ...reviewProcedures({ db, currentUser }),

    "campaigns.list": () => {
      requireRole("control_owner", "auditor", "admin");
      return [...db.campaigns]
        .sort((a, b) => b.startsAt.localeCompare(a.startsAt))
        .map((campaign) => summarizeCampaign(db, campaign));
    },

    "campaigns.get": (input) => {
      requireRole("control_owner", "auditor", "admin");
      return summarizeCampaign(db, findCampaign(input.campaignId));
    },

    ...campaignDefinitionProcedures({ db, currentUser }),

    "audit.campaignDecisions": (input) => {
      requireRole("auditor", "control_owner");
      findCampaign(input.campaignId);
      const rows = db.items
        .filter(
          (item) =>
            item.campaignId === input.campaignId &&
            item.decision !== null &&
            matchesSearch(item, input.search),
        )
        .sort(byContextOrder)
        .map(publicItem);
      return page(rows, input.limit, input.offset);
    },

    "inventory.summary": () => {
      requireRole("admin", "auditor", "control_owner");
      return db.inventory;
    },

    ...inventoryProcedures({ db, currentUser, delayMs }),

    ...scimProcedures({ db, currentUser }),

    ...campaignCockpitProcedures({ db, currentUser }),

    ...auditProcedures({ db, currentUser }),

    "ledger.status": () => {
      requireRole("admin", "auditor");
      return ledgerStatus(
        db.ledger,
        (userId) => db.users.find((user) => user.id === userId)?.displayName,
      );
    },

    "ledger.verification": async () => {
      requireRole("admin", "auditor");
      // Verification reads the whole ledger; in the browser it takes a moment, as on a server.
      if (delayMs) await delay(delayMs * 3);
      return verifyMockLedger(db.ledger, new Date());
    },

    "ledger.checkpointNow": () => {
      requireRole("admin");
      return signMockCheckpoint(db.ledger, new Date());
    },
  };
}

/** The plain-HTTP sign-in and sign-out routes beside tRPC. */
export function authHandlers({
  db,
  session,
  devLogin = true,
  delayMs,
}: MockServerOptions): HttpHandler[] {
  return [
    http.post("/auth/dev/sign-in", async ({ request }) => {
      if (delayMs) await delay(delayMs);
      if (!devLogin) {
        return HttpResponse.json(
          { error: "not_found", message: "No route for POST /auth/dev/sign-in" },
          { status: 404 },
        );
      }
      const body = (await request.json()) as { userId?: unknown };
      const user = db.users.find((candidate) => candidate.id === body.userId);
      if (!user) {
        return HttpResponse.json(
          { error: "invalid_input", message: "userId: must be a user id" },
          { status: 400 },
        );
      }
      session.set(user.id);
      return HttpResponse.json({ user });
    }),
    http.post("/auth/sign-out", async () => {
      if (delayMs) await delay(delayMs);
      session.set(null);
      return HttpResponse.json({ signedOut: true });
    }),
  ];
}

export function createHandlers(options: MockServerOptions): HttpHandler[] {
  const trpcOptions = options.delayMs === undefined ? {} : { delayMs: options.delayMs };
  const currentUser = () =>
    options.db.users.find((user) => user.id === options.session.get()) ?? null;
  return [
    ...trpcHandlers(procedureResolvers(options), trpcOptions),
    ...authHandlers(options),
    ...inventoryHttpHandlers({ db: options.db, currentUser, delayMs: options.delayMs }),
    ...auditHttpHandlers({ db: options.db, currentUser }),
  ];
}
