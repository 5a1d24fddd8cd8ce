import { streamEvidenceEvents } from "@attest/db/repositories/evidence-events";
import { listIdentitiesPage } from "@attest/db/repositories/inventory-browser";
import { type PopulationRow, streamPopulation } from "@attest/db/repositories/snapshots";
import { insertUsers } from "@attest/db/repositories/users";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateScimToken } from "../../services/scim/authenticate-scim-token";
import { createScimGroup } from "../../services/scim/create-scim-group";
import { createScimUser } from "../../services/scim/create-scim-user";
import type { ScimCaller } from "../../services/scim/scim-caller";
import { ScimError } from "../../services/scim/scim-error";
import { patchScimUser } from "../../services/scim/update-scim-user";
import { createTestCaller, sessionUserWithRoles } from "../../testing/test-context";

const baseUrl = "https://attest.test/scim/v2";
const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

async function trpcCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
  return "ok";
}

describe("scim router", () => {
  let db: TestDatabase;
  const admin = sessionUserWithRoles(["admin"]);
  const now = new Date("2026-03-02T09:00:00.000Z");
  const caller = () => createTestCaller({ db, user: admin, now });

  beforeAll(async () => {
    db = await createTestDatabase();
    await insertUsers(db, [
      { id: admin.id, email: admin.email, displayName: "Sam Okafor", identityKey: null },
    ]);
  });
  afterAll(async () => {
    await db.close();
  });

  async function events(directoryId: string) {
    const found = [];
    for await (const event of streamEvidenceEvents(db, {
      fromSeq: 1,
      toSeq: Number.MAX_SAFE_INTEGER,
    })) {
      if ((event.payload as { directoryId?: string }).directoryId === directoryId)
        found.push(event);
    }
    return found;
  }

  it("creates a directory whose name fits the evidence actor grammar, once", async () => {
    const directory = await caller().scim.createDirectory({ name: "okta", systemName: "Okta" });
    expect(directory).toMatchObject({ name: "okta", systemKey: "okta", systemName: "Okta" });
    expect(await trpcCode(caller().scim.createDirectory({ name: "okta" }))).toBe("CONFLICT");
    for (const name of ["Okta", "okta prod", "scim:okta", "", "-okta"]) {
      expect(await trpcCode(caller().scim.createDirectory({ name }))).toBe("BAD_REQUEST");
    }
    expect((await events(directory.id)).map((event) => [event.action, event.actor])).toEqual([
      ["scim.directory_created", `user:${admin.id}`],
    ]);
  });

  it("issues a token once, lists tokens without secrets, and revokes them", async () => {
    const directory = await caller().scim.createDirectory({ name: "entra" });
    const issued = await caller().scim.createToken({
      directoryId: directory.id,
      name: "Entra production",
    });
    expect(issued.token).toMatch(/^attest_scim_[A-Za-z0-9_-]{43}$/);
    expect(issued.tokenRecord).toMatchObject({ name: "Entra production", revokedAt: null });

    const scimCaller = await authenticateScimToken(db, `Bearer ${issued.token}`, now);
    expect(scimCaller).toEqual({
      directoryId: directory.id,
      directoryName: "entra",
      tokenId: issued.tokenRecord.id,
      tokenName: "Entra production",
    });

    const tokens = await caller().scim.tokens({ directoryId: directory.id });
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ name: "Entra production", lastUsedAt: now.toISOString() });
    expect(JSON.stringify(tokens)).not.toContain(issued.token);
    expect(Object.keys(tokens[0] ?? {})).not.toContain("tokenHash");

    const revoked = await caller().scim.revokeToken({ tokenId: issued.tokenRecord.id });
    expect(revoked.revokedAt).toBe(now.toISOString());
    expect(await caller().scim.tokens({ directoryId: directory.id })).toMatchObject([
      { createdByName: "Sam Okafor", revokedAt: now.toISOString(), revokedByName: "Sam Okafor" },
    ]);
    await expect(authenticateScimToken(db, `Bearer ${issued.token}`, now)).rejects.toMatchObject({
      status: 401,
    });
    await expect(authenticateScimToken(db, `Bearer ${issued.token}`, now)).rejects.toBeInstanceOf(
      ScimError,
    );
    expect(await trpcCode(caller().scim.revokeToken({ tokenId: issued.tokenRecord.id }))).toBe(
      "CONFLICT",
    );
    expect(
      await trpcCode(
        caller().scim.revokeToken({ tokenId: "00000000-0000-4000-8000-000000000000" }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await trpcCode(
        caller().scim.createToken({
          directoryId: "00000000-0000-4000-8000-000000000000",
          name: "x",
        }),
      ),
    ).toBe("NOT_FOUND");

    const recorded = await events(directory.id);
    expect(recorded.map((event) => event.action)).toEqual([
      "scim.directory_created",
      "scim.token_created",
      "scim.token_revoked",
    ]);
    expect(recorded[2]).toMatchObject({
      actor: `user:${admin.id}`,
      payload: { tokenId: issued.tokenRecord.id, tokenName: "Entra production" },
    });
  });

  it("rolls a directory up into a snapshot: groups are entitlements, memberships grants", async () => {
    const directory = await caller().scim.createDirectory({
      name: "okta-workforce",
      systemKey: "okta",
      systemName: "Okta Workforce",
    });
    const { tokenRecord } = await caller().scim.createToken({
      directoryId: directory.id,
      name: "Okta",
    });
    const idp: ScimCaller = {
      directoryId: directory.id,
      directoryName: directory.name,
      tokenId: tokenRecord.id,
      tokenName: tokenRecord.name,
    };
    const push = (body: Record<string, unknown>) =>
      createScimUser(db, { caller: idp, body, baseUrl, now });
    const manager = await push({
      userName: "maria@example.test",
      displayName: "Maria Manager",
      emails: [{ value: "maria@example.test", primary: true }],
    });
    const clerk = await push({
      userName: "carl@example.test",
      displayName: "Carl Clerk",
      title: "AP clerk",
      // Okta often maps the manager's login rather than its SCIM id
      [enterprise]: { department: "Finance", manager: { value: "Maria@example.test" } },
    });
    const contractor = await push({ userName: "cora@example.test", userType: "Contractor" });
    const leaver = await push({ userName: "lee@example.test", displayName: "Lee Leaver" });
    const leaverId = leaver.resource.id as string;
    await patchScimUser(db, {
      caller: idp,
      id: leaverId,
      body: { Operations: [{ op: "replace", value: { active: false } }] },
      ifMatch: undefined,
      baseUrl,
      now: new Date("2026-02-27T12:00:00.000Z"),
    });
    await createScimGroup(db, {
      caller: idp,
      body: {
        displayName: "AP Invoice Approvers",
        members: [{ value: clerk.resource.id }, { value: leaverId }],
      },
      baseUrl,
      now,
    });
    await createScimGroup(db, {
      caller: idp,
      body: { displayName: "Contractors", members: [{ value: contractor.resource.id }] },
      baseUrl,
      now,
    });

    const snapshot = await caller().scim.snapshotNow({ directoryId: directory.id });
    expect(snapshot).toMatchObject({
      source: "scim:okta-workforce",
      rowCounts: { identities: 4, systems: 1, entitlements: 2, accounts: 4, grants: 3 },
    });

    const grants: PopulationRow[] = await db.transaction(async (tx) => {
      const rows: PopulationRow[] = [];
      for await (const row of streamPopulation(tx, snapshot.snapshotId)) rows.push(row);
      return rows;
    });
    expect(
      grants.map((row) => ({
        system: row.system,
        systemName: row.system_name,
        account: row.account,
        accountStatus: row.account_status,
        entitlement: row.entitlement_name,
        identity: row.identity,
        status: row.identity_status,
        kind: row.identity_kind,
        grantedBy: row.granted_by,
      })),
    ).toEqual([
      {
        system: "okta",
        systemName: "Okta Workforce",
        account: "carl@example.test",
        accountStatus: "active",
        entitlement: "AP Invoice Approvers",
        identity: "carl@example.test",
        status: "active",
        kind: "employee",
        grantedBy: "system:scim.okta-workforce",
      },
      {
        system: "okta",
        systemName: "Okta Workforce",
        account: "cora@example.test",
        accountStatus: "active",
        entitlement: "Contractors",
        identity: "cora@example.test",
        status: "active",
        kind: "contractor",
        grantedBy: "system:scim.okta-workforce",
      },
      {
        system: "okta",
        systemName: "Okta Workforce",
        account: "lee@example.test",
        accountStatus: "disabled",
        entitlement: "AP Invoice Approvers",
        identity: "lee@example.test",
        status: "terminated",
        kind: "employee",
        grantedBy: "system:scim.okta-workforce",
      },
    ]);

    const identities = await listIdentitiesPage(db, {
      snapshotId: snapshot.snapshotId,
      limit: 10,
    });
    expect(identities.rows.find((row) => row.externalId === "carl@example.test")).toMatchObject({
      displayName: "Carl Clerk",
      department: "Finance",
      managerName: "Maria Manager",
      status: "active",
    });
    expect(
      identities.rows.find((row) => row.externalId === manager.resource.userName),
    ).toMatchObject({ email: "maria@example.test", managerName: null });

    const recorded = await events(directory.id);
    const imported = [];
    for await (const event of streamEvidenceEvents(db, {
      fromSeq: 1,
      toSeq: Number.MAX_SAFE_INTEGER,
    })) {
      if (event.action === "snapshot.imported" && event.subjectIds[0] === snapshot.snapshotId) {
        imported.push(event);
      }
    }
    expect(imported).toHaveLength(1);
    // the snapshot holds exactly the changes up to the event before its own
    expect(snapshot.ledgerSeq).toBe(imported[0]?.seq ? imported[0].seq - 1 : -1);
    expect(snapshot.ledgerSeq).toBe(recorded.at(-1)?.seq);
    expect(imported[0]).toMatchObject({
      actor: `user:${admin.id}`,
      payload: {
        source: "scim:okta-workforce",
        parameters: { directoryId: directory.id, ledgerSeq: snapshot.ledgerSeq },
      },
    });

    const [overview] = (await caller().scim.directories()).filter(
      (candidate) => candidate.id === directory.id,
    );
    expect(overview).toMatchObject({
      users: 4,
      activeUsers: 3,
      groups: 2,
      memberships: 3,
      activeTokens: 1,
      lastChangeAt: now.toISOString(),
    });
    expect(overview?.lastSnapshotAt).not.toBeNull();
  });

  it("refuses to roll up a directory that does not exist", async () => {
    expect(
      await trpcCode(
        caller().scim.snapshotNow({ directoryId: "00000000-0000-4000-8000-000000000000" }),
      ),
    ).toBe("NOT_FOUND");
  });
});
