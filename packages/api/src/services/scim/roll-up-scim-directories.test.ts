import { insertUsers } from "@attest/db/repositories/users";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCaller, sessionUserWithRoles } from "../../testing/test-context";
import { createScimUser } from "./create-scim-user";
import { rollUpChangedScimDirectories } from "./roll-up-scim-directories";
import type { ScimCaller } from "./scim-caller";

describe("rollUpChangedScimDirectories", () => {
  let db: TestDatabase;
  const admin = sessionUserWithRoles(["admin"]);

  beforeAll(async () => {
    db = await createTestDatabase();
    await insertUsers(db, [
      { id: admin.id, email: admin.email, displayName: "Sam Okafor", identityKey: null },
    ]);
  });
  afterAll(async () => {
    await db.close();
  });

  it("snapshots a directory once it has changed and been quiet, and only then", async () => {
    // Snapshots are stamped with the database's clock, so the test's clock starts at real time.
    const start = new Date();
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    const caller = createTestCaller({ db, user: admin, now: start });
    const directory = await caller.scim.createDirectory({ name: "okta" });
    const { tokenRecord } = await caller.scim.createToken({
      directoryId: directory.id,
      name: "Okta",
    });
    const idp: ScimCaller = {
      directoryId: directory.id,
      directoryName: directory.name,
      tokenId: tokenRecord.id,
      tokenName: tokenRecord.name,
    };
    const rollUp = (minutes: number) =>
      rollUpChangedScimDirectories(db, { now: at(minutes), quietMinutes: 10 });

    expect(await rollUp(0)).toEqual([]);
    await createScimUser(db, {
      caller: idp,
      body: { userName: "maria@example.test" },
      baseUrl: "https://attest.test/scim/v2",
      now: start,
    });
    expect(await rollUp(5)).toEqual([]);
    const [first] = await rollUp(11);
    expect(first).toMatchObject({ source: "scim:okta", rowCounts: { identities: 1 } });
    expect(await rollUp(12)).toEqual([]);

    await createScimUser(db, {
      caller: idp,
      body: { userName: "carl@example.test" },
      baseUrl: "https://attest.test/scim/v2",
      now: new Date(),
    });
    const [second] = await rollUp(30);
    expect(second).toMatchObject({ rowCounts: { identities: 2 } });
    const [snapshot] = await caller.inventory.snapshots({ limit: 1 });
    expect(snapshot).toMatchObject({ id: second?.snapshotId, importedBy: "system:scheduler" });
  });
});
