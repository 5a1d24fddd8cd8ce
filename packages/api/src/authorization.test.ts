import type { TestDatabase } from "@attest/db/testing/test-database";
import { createTestDatabase } from "@attest/db/testing/test-database";
import { type Role, roles } from "@attest/domain/access/roles";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "./app-router";
import { createTestCaller, sessionUserWithRoles } from "./testing/test-context";

/**
 * Who may call what. Every procedure of the app router must appear here: a new procedure
 * without a row fails this test, so none can ship without its access being decided and checked.
 */
const expectedAccess: Record<string, "public" | Role[]> = {
  "session.current": "public",
  "session.devSignInUsers": "public",
  "reviews.myCampaigns": ["reviewer"],
  "reviews.recordDecision": ["reviewer"],
  "reviews.queue": ["reviewer"],
  "reviews.item": ["reviewer"],
  "reviews.bulkPreview": ["reviewer"],
  "reviews.bulkDecide": ["reviewer"],
  "reviews.reassign": ["reviewer"],
  "reviews.reassignCandidates": ["reviewer"],
  "campaigns.list": ["control_owner", "auditor", "admin"],
  "campaigns.get": ["control_owner", "auditor", "admin"],
  "campaigns.dashboard": ["control_owner", "auditor", "admin"],
  "campaigns.remindNow": ["control_owner"],
  "campaigns.definitions.list": ["control_owner", "auditor", "admin"],
  "campaigns.definitions.get": ["control_owner", "auditor", "admin"],
  "campaigns.definitions.create": ["control_owner", "admin"],
  "campaigns.definitions.update": ["control_owner", "admin"],
  "campaigns.definitions.people": ["control_owner", "admin"],
  "campaigns.definitions.preview": ["control_owner", "admin"],
  "campaigns.launch": ["control_owner", "admin"],
  "campaigns.activate": ["control_owner", "admin"],
  "campaigns.advanceStage": ["control_owner", "admin"],
  "campaigns.close": ["control_owner", "admin"],
  "campaigns.cancel": ["control_owner", "admin"],
  "campaigns.signOff": ["control_owner"],
  "campaigns.reassign": ["control_owner", "admin"],
  "campaigns.reassignReviewer": ["control_owner", "admin"],
  "audit.campaignDecisions": ["auditor", "control_owner"],
  "audit.me": ["auditor"],
  "audit.engagements.list": ["admin", "auditor"],
  "audit.engagements.auditors": ["admin"],
  "audit.engagements.grant": ["admin"],
  "audit.engagements.revoke": ["admin"],
  "audit.controls": ["auditor", "control_owner", "admin"],
  "audit.population": ["auditor", "control_owner", "admin"],
  "audit.drawSample": ["auditor", "control_owner", "admin"],
  "audit.samples.list": ["auditor", "control_owner", "admin"],
  "audit.samples.get": ["auditor", "control_owner", "admin"],
  "audit.reperformance": ["auditor", "control_owner", "admin"],
  "inventory.summary": ["admin", "auditor", "control_owner"],
  "inventory.imports": ["admin", "auditor"],
  "inventory.import": ["admin", "auditor"],
  "inventory.importIssues": ["admin", "auditor"],
  "inventory.snapshots": ["admin", "auditor", "control_owner"],
  "inventory.snapshotDiff": ["admin", "auditor", "control_owner"],
  "inventory.populationReport": ["admin", "auditor", "control_owner"],
  "inventory.identities": ["admin", "auditor", "control_owner"],
  "inventory.grants": ["admin", "auditor", "control_owner"],
  "inventory.systems": ["admin", "auditor", "control_owner"],
  "inventory.entitlements": ["admin", "auditor", "control_owner"],
  "ledger.status": ["admin", "auditor"],
  "ledger.verification": ["admin", "auditor"],
  "ledger.checkpointNow": ["admin"],
  "scim.directories": ["admin"],
  "scim.createDirectory": ["admin"],
  "scim.tokens": ["admin"],
  "scim.createToken": ["admin"],
  "scim.revokeToken": ["admin"],
  "scim.snapshotNow": ["admin"],
};

type Outcome = "ok" | TRPCError["code"];

async function outcomeOf(caller: unknown, path: string): Promise<Outcome> {
  const procedure = path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  try {
    // No input on purpose: authorisation runs before input validation, so an allowed caller
    // sees BAD_REQUEST (or a result) and a refused one UNAUTHORIZED / FORBIDDEN.
    await (procedure as (input?: unknown) => Promise<unknown>)(undefined);
    return "ok";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe("procedures × roles", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  const procedures = Object.keys(appRouter._def.procedures).sort();

  it("has an expected-access row for every procedure, and no row for a procedure that is gone", () => {
    expect(procedures).toEqual(Object.keys(expectedAccess).sort());
  });

  it("refuses auditors every mutation but drawing a sample (browsing writes nothing else)", () => {
    const auditorMutations = procedures.filter((path) => {
      const procedure = (
        appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>
      )[path];
      const access = expectedAccess[path];
      return (
        procedure?._def.type === "mutation" &&
        (access === "public" || access?.includes("auditor") === true)
      );
    });
    expect(auditorMutations).toEqual(["audit.drawSample"]);
  });

  for (const path of procedures) {
    const access = expectedAccess[path];
    it(`${path}: no session is ${access === "public" ? "allowed" : "UNAUTHORIZED"}`, async () => {
      const outcome = await outcomeOf(createTestCaller({ db, devLogin: true }), path);
      if (access === "public") expect(["UNAUTHORIZED", "FORBIDDEN"]).not.toContain(outcome);
      else expect(outcome).toBe("UNAUTHORIZED");
    });

    for (const role of roles) {
      const allowed = access === "public" || access?.includes(role) === true;
      it(`${path}: ${role} is ${allowed ? "allowed" : "FORBIDDEN"}`, async () => {
        const caller = createTestCaller({ db, user: sessionUserWithRoles([role]), devLogin: true });
        const outcome = await outcomeOf(caller, path);
        if (allowed) expect(["UNAUTHORIZED", "FORBIDDEN"]).not.toContain(outcome);
        else expect(outcome).toBe("FORBIDDEN");
      });
    }
  }
});
