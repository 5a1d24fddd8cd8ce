import { randomUUID } from "node:crypto";
import { verifyLedger } from "@attest/api/services/evidence/verify-ledger";
import { createScimDirectory } from "@attest/api/services/scim/create-scim-directory";
import { createScimToken } from "@attest/api/services/scim/create-scim-token";
import { revokeScimToken } from "@attest/api/services/scim/revoke-scim-token";
import {
  createTestCaller,
  sessionUserWithRoles,
  testLedgerConfig,
} from "@attest/api/testing/test-context";
import { streamEvidenceEvents } from "@attest/db/repositories/evidence-events";
import { listIdentitiesPage } from "@attest/db/repositories/inventory-browser";
import { type PopulationRow, streamPopulation } from "@attest/db/repositories/snapshots";
import { createTestDatabase, type TestDatabase } from "@attest/db/testing/test-database";
import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestServer } from "../testing/test-server";

const admin = sessionUserWithRoles(["admin"]);
const userSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
const enterpriseSchema = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const groupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";
const patchOpSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const errorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";
const listSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

interface ScimDirectoryFixture {
  id: string;
  name: string;
  token: string;
}

describe("SCIM 2.0 server", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let okta: ScimDirectoryFixture;
  let entra: ScimDirectoryFixture;

  async function addDirectory(name: string): Promise<ScimDirectoryFixture> {
    const directory = await createScimDirectory(db, {
      input: { name, systemKey: name, systemName: `${name} IdP` },
      user: admin,
      now: new Date(),
    });
    const { token } = await createScimToken(db, {
      input: { directoryId: directory.id, name: `${name} provisioning` },
      user: admin,
      now: new Date(),
    });
    return { id: directory.id, name, token };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await buildTestServer(db, { devLogin: false });
    okta = await addDirectory("okta");
    entra = await addDirectory("entra");
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  /** A request as an IdP sends it: bearer token, application/scim+json. */
  function scim(
    directory: ScimDirectoryFixture,
    method: InjectOptions["method"],
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    return app.inject({
      method,
      url: `/scim/v2${url}`,
      headers: {
        authorization: `Bearer ${directory.token}`,
        accept: "application/scim+json",
        ...(body === undefined ? {} : { "content-type": "application/scim+json; charset=utf-8" }),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  }

  function oktaUser(userName: string, extra: Record<string, unknown> = {}) {
    return {
      schemas: [userSchema],
      userName,
      name: { givenName: "Test", familyName: "User" },
      emails: [{ primary: true, value: userName, type: "work" }],
      displayName: "Test User",
      locale: "en-US",
      externalId: `00u${userName.length}okta`,
      groups: [],
      password: "1mz050nq",
      active: true,
      ...extra,
    };
  }

  function entraUser(userName: string, extra: Record<string, unknown> = {}) {
    return {
      schemas: [userSchema, enterpriseSchema],
      externalId: `ext-${userName}`,
      userName,
      active: true,
      emails: [{ primary: true, type: "work", value: `${userName}@contoso.test` }],
      meta: { resourceType: "User" },
      name: { formatted: "Given Family", familyName: "Family", givenName: "Given" },
      roles: [],
      [enterpriseSchema]: { department: "Finance", employeeNumber: "E-100" },
      ...extra,
    };
  }

  async function createUser(
    directory: ScimDirectoryFixture,
    body: Record<string, unknown>,
  ): Promise<string> {
    const response = await scim(directory, "POST", "/Users", body);
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>().id;
  }

  function expectScimError(
    response: Awaited<ReturnType<typeof scim>>,
    status: number,
    scimType?: string,
  ) {
    expect(response.statusCode).toBe(status);
    expect(response.headers["content-type"]).toMatch(/^application\/scim\+json/);
    const body = response.json<Record<string, unknown>>();
    expect(body).toMatchObject({ schemas: [errorSchema], status: String(status) });
    expect(typeof body.detail).toBe("string");
    if (scimType) expect(body.scimType).toBe(scimType);
    else expect(body.scimType).toBeUndefined();
  }

  describe("authentication", () => {
    it("refuses a request without a token with 401 in the SCIM error schema", async () => {
      const response = await app.inject({ method: "GET", url: "/scim/v2/Users" });
      expectScimError(response, 401);
      expect(response.headers["www-authenticate"]).toMatch(/^Bearer/);
    });

    it("refuses a wrong token, and a token sent as Basic credentials", async () => {
      const wrong = await app.inject({
        method: "GET",
        url: "/scim/v2/Users",
        headers: { authorization: `Bearer ${okta.token}x` },
      });
      expectScimError(wrong, 401);
      const basic = await app.inject({
        method: "GET",
        url: "/scim/v2/Users",
        headers: { authorization: `Basic ${okta.token}` },
      });
      expectScimError(basic, 401);
    });

    it("refuses a token once it is revoked", async () => {
      const directory = await addDirectory("revoked-check");
      expect((await scim(directory, "GET", "/Users")).statusCode).toBe(200);
      const [token] = await createTestCaller({ db, user: admin }).scim.tokens({
        directoryId: directory.id,
      });
      await revokeScimToken(db, { tokenId: token?.id ?? "", user: admin, now: new Date() });
      expectScimError(await scim(directory, "GET", "/Users"), 401);
    });

    it("refuses unauthenticated requests to unknown endpoints too, and 404s them otherwise", async () => {
      expectScimError(await app.inject({ method: "GET", url: "/scim/v2/Nothing" }), 401);
      expectScimError(await scim(okta, "GET", "/Nothing"), 404);
    });

    it("keeps each directory's users to itself", async () => {
      const id = await createUser(okta, oktaUser("isolated@example.test"));
      expect((await scim(okta, "GET", `/Users/${id}`)).statusCode).toBe(200);
      expectScimError(await scim(entra, "GET", `/Users/${id}`), 404);
      const listed = await scim(
        entra,
        "GET",
        `/Users?filter=${encodeURIComponent('userName eq "isolated@example.test"')}`,
      );
      expect(listed.json()).toMatchObject({ totalResults: 0 });
    });
  });

  describe("discovery", () => {
    it("describes itself in /ServiceProviderConfig", async () => {
      const response = await scim(okta, "GET", "/ServiceProviderConfig");
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^application\/scim\+json/);
      expect(response.json()).toMatchObject({
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
        patch: { supported: true },
        bulk: { supported: false },
        filter: { supported: true, maxResults: 1000 },
        changePassword: { supported: false },
        sort: { supported: false },
        etag: { supported: true },
        authenticationSchemes: [expect.objectContaining({ type: "oauthbearertoken" })],
      });
    });

    it("lists the User, enterprise User and Group schemas, and each by id", async () => {
      const response = await scim(okta, "GET", "/Schemas");
      const body = response.json<{ Resources: { id: string; attributes: { name: string }[] }[] }>();
      expect(body).toMatchObject({ schemas: [listSchema], totalResults: 3 });
      expect(body.Resources.map((schema) => schema.id)).toEqual([
        userSchema,
        enterpriseSchema,
        groupSchema,
      ]);
      const user = await scim(okta, "GET", `/Schemas/${userSchema}`);
      expect(
        user.json<{ attributes: { name: string }[] }>().attributes.map((a) => a.name),
      ).toContain("userName");
      expectScimError(await scim(okta, "GET", "/Schemas/urn:nothing"), 404);
    });

    it("lists the User and Group resource types", async () => {
      const response = await scim(okta, "GET", "/ResourceTypes");
      expect(response.json()).toMatchObject({
        schemas: [listSchema],
        totalResults: 2,
        Resources: [
          {
            id: "User",
            endpoint: "/Users",
            schema: userSchema,
            schemaExtensions: [{ schema: enterpriseSchema, required: false }],
          },
          { id: "Group", endpoint: "/Groups", schema: groupSchema },
        ],
      });
      expect((await scim(okta, "GET", "/ResourceTypes/Group")).json()).toMatchObject({
        id: "Group",
      });
    });
  });

  describe("users as Okta sends them", () => {
    it("creates a user: 201, Location, the resource with meta, and no password", async () => {
      const response = await scim(okta, "POST", "/Users", oktaUser("ada@example.test"));
      expect(response.statusCode).toBe(201);
      expect(response.headers["content-type"]).toMatch(/^application\/scim\+json/);
      const user = response.json<Record<string, unknown> & { id: string }>();
      expect(user).toMatchObject({
        schemas: [userSchema],
        userName: "ada@example.test",
        active: true,
        displayName: "Test User",
        name: { givenName: "Test", familyName: "User" },
        emails: [{ primary: true, value: "ada@example.test", type: "work" }],
        meta: { resourceType: "User", version: 'W/"1"' },
      });
      expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(user).not.toHaveProperty("password");
      expect(user).not.toHaveProperty("groups");
      const location = `http://localhost:80/scim/v2/Users/${user.id}`;
      expect(response.headers.location).toBe(location);
      expect(user.meta).toMatchObject({ location });
      expect(response.headers.etag).toBe('W/"1"');
    });

    it("finds a user by userName eq, case-insensitively, as a ListResponse", async () => {
      const id = await createUser(okta, oktaUser("grace@example.test"));
      const filter = encodeURIComponent('userName eq "Grace@Example.test"');
      const response = await scim(okta, "GET", `/Users?filter=${filter}&startIndex=1&count=100`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        schemas: [listSchema],
        totalResults: 1,
        startIndex: 1,
        itemsPerPage: 1,
        Resources: [{ id, userName: "grace@example.test" }],
      });
      // spaces encoded as "+", and a parameter sent twice (its first value counts)
      const plus = await scim(
        okta,
        "GET",
        "/Users?filter=userName+eq+%22grace%40example.test%22&filter=id+eq+%22x%22",
      );
      expect(plus.json()).toMatchObject({ totalResults: 1, Resources: [{ id }] });
    });

    it("answers an empty ListResponse when no user matches", async () => {
      const filter = encodeURIComponent('userName eq "nobody@example.test"');
      const response = await scim(okta, "GET", `/Users?filter=${filter}&startIndex=1&count=100`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        schemas: [listSchema],
        totalResults: 0,
        startIndex: 1,
        itemsPerPage: 0,
        Resources: [],
      });
    });

    it("refuses a second user with the same userName: 409 uniqueness", async () => {
      await createUser(okta, oktaUser("alan@example.test"));
      expectScimError(
        await scim(okta, "POST", "/Users", oktaUser("alan@example.test")),
        409,
        "uniqueness",
      );
      expectScimError(
        await scim(okta, "POST", "/Users", oktaUser("ALAN@example.test")),
        409,
        "uniqueness",
      );
    });

    it("replaces a user with PUT", async () => {
      const id = await createUser(okta, oktaUser("linus@example.test"));
      const response = await scim(
        okta,
        "PUT",
        `/Users/${id}`,
        oktaUser("linus@example.test", {
          id,
          name: { givenName: "Linus", familyName: "Torvalds" },
          displayName: "Linus Torvalds",
          title: "Kernel maintainer",
        }),
      );
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        id,
        displayName: "Linus Torvalds",
        title: "Kernel maintainer",
        name: { givenName: "Linus", familyName: "Torvalds" },
        meta: { version: 'W/"2"' },
      });
      const fetched = await scim(okta, "GET", `/Users/${id}`);
      expect(fetched.json()).toMatchObject({
        displayName: "Linus Torvalds",
        title: "Kernel maintainer",
      });
      expect(fetched.headers.etag).toBe('W/"2"');
    });

    it("deactivates with PATCH replace { active: false }", async () => {
      const id = await createUser(okta, oktaUser("margaret@example.test"));
      const response = await scim(okta, "PATCH", `/Users/${id}`, {
        schemas: [patchOpSchema],
        Operations: [{ op: "replace", value: { active: false } }],
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id, active: false, meta: { version: 'W/"2"' } });
      expect((await scim(okta, "GET", `/Users/${id}`)).json()).toMatchObject({ active: false });
    });

    it("deletes a user: 204, then 404", async () => {
      const id = await createUser(okta, oktaUser("dennis@example.test"));
      const deleted = await scim(okta, "DELETE", `/Users/${id}`);
      expect(deleted.statusCode).toBe(204);
      expect(deleted.body).toBe("");
      expectScimError(await scim(okta, "GET", `/Users/${id}`), 404);
      expectScimError(await scim(okta, "DELETE", `/Users/${id}`), 404);
    });

    it("accepts application/json as well", async () => {
      const response = await app.inject({
        method: "POST",
        url: "/scim/v2/Users",
        headers: { authorization: `Bearer ${okta.token}`, "content-type": "application/json" },
        payload: oktaUser("barbara@example.test"),
      });
      expect(response.statusCode).toBe(201);
    });
  });

  describe("users as Entra ID sends them", () => {
    it("creates a user with the enterprise extension and finds it by externalId", async () => {
      const id = await createUser(entra, entraUser("Test_User_1"));
      const user = (await scim(entra, "GET", `/Users/${id}`)).json();
      expect(user).toMatchObject({
        schemas: [userSchema, enterpriseSchema],
        userName: "Test_User_1",
        [enterpriseSchema]: { department: "Finance", employeeNumber: "E-100" },
      });
      const filter = encodeURIComponent('externalId eq "ext-Test_User_1"');
      const found = await scim(entra, "GET", `/Users?filter=${filter}`);
      expect(found.json()).toMatchObject({ totalResults: 1, Resources: [{ id }] });
    });

    it('deactivates with "Replace" active "False", a capitalised op and a string boolean', async () => {
      const id = await createUser(entra, entraUser("Test_User_2"));
      const response = await scim(entra, "PATCH", `/Users/${id}`, {
        schemas: [patchOpSchema],
        Operations: [{ op: "Replace", path: "active", value: "False" }],
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id, active: false });
      const reactivated = await scim(entra, "PATCH", `/Users/${id}`, {
        schemas: [patchOpSchema],
        Operations: [{ op: "Replace", path: "active", value: "True" }],
      });
      expect(reactivated.json()).toMatchObject({ active: true, meta: { version: 'W/"3"' } });
    });

    it("sets attributes by path, the manager included", async () => {
      const managerId = await createUser(entra, entraUser("Test_Manager_3"));
      const id = await createUser(entra, entraUser("Test_User_3"));
      const response = await scim(entra, "PATCH", `/Users/${id}`, {
        schemas: [patchOpSchema],
        Operations: [
          { op: "Add", path: `${enterpriseSchema}:manager`, value: managerId },
          { op: "Replace", path: "name.familyName", value: "Renamed" },
          { op: "Add", path: 'emails[type eq "work"].value', value: "renamed@contoso.test" },
          { op: "Replace", path: "title", value: "Controller" },
        ],
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        title: "Controller",
        name: { familyName: "Renamed", givenName: "Given" },
        emails: [{ type: "work", value: "renamed@contoso.test" }],
        [enterpriseSchema]: { department: "Finance", manager: { value: managerId } },
      });
    });

    it("refuses a PATCH with an unknown op: 400 invalidSyntax", async () => {
      const id = await createUser(entra, entraUser("Test_User_4"));
      expectScimError(
        await scim(entra, "PATCH", `/Users/${id}`, {
          schemas: [patchOpSchema],
          Operations: [{ op: "Merge", path: "active", value: false }],
        }),
        400,
        "invalidSyntax",
      );
    });
  });

  describe("groups", () => {
    it("creates a group, adds and removes members as Okta does, and finds it by displayName", async () => {
      const adaId = await createUser(okta, oktaUser("group-ada@example.test"));
      const bobId = await createUser(okta, oktaUser("group-bob@example.test"));
      const created = await scim(okta, "POST", "/Groups", {
        schemas: [groupSchema],
        displayName: "Finance Approvers",
        members: [],
      });
      expect(created.statusCode).toBe(201);
      const group = created.json<{ id: string }>();
      expect(created.headers.location).toBe(`http://localhost:80/scim/v2/Groups/${group.id}`);
      expect(group).toMatchObject({
        schemas: [groupSchema],
        displayName: "Finance Approvers",
        members: [],
        meta: { resourceType: "Group", version: 'W/"1"' },
      });

      const added = await scim(okta, "PATCH", `/Groups/${group.id}`, {
        schemas: [patchOpSchema],
        Operations: [
          {
            op: "add",
            path: "members",
            value: [
              { value: adaId, display: "group-ada@example.test" },
              { value: bobId, display: "group-bob@example.test" },
            ],
          },
        ],
      });
      expect(added.statusCode).toBe(204);
      expect(added.headers.etag).toBe('W/"2"');
      const afterAdd = (await scim(okta, "GET", `/Groups/${group.id}`)).json<{
        members: { value: string; type: string; $ref: string }[];
      }>();
      expect(afterAdd.members.map((member) => member.value).sort()).toEqual([adaId, bobId].sort());
      expect(afterAdd.members[0]).toMatchObject({ type: "User" });

      const removed = await scim(okta, "PATCH", `/Groups/${group.id}`, {
        schemas: [patchOpSchema],
        Operations: [{ op: "remove", path: `members[value eq "${adaId}"]` }],
      });
      expect(removed.statusCode).toBe(204);
      const afterRemove = (await scim(okta, "GET", `/Groups/${group.id}`)).json();
      expect(afterRemove).toMatchObject({
        members: [{ value: bobId }],
        meta: { version: 'W/"3"' },
      });

      const filter = encodeURIComponent('displayName eq "finance approvers"');
      const found = await scim(okta, "GET", `/Groups?filter=${filter}&startIndex=1&count=100`);
      expect(found.json()).toMatchObject({
        schemas: [listSchema],
        totalResults: 1,
        Resources: [
          { id: group.id, displayName: "Finance Approvers", members: [{ value: bobId }] },
        ],
      });
    });

    it("renames a group with a path-less replace, as Okta does", async () => {
      const created = await scim(okta, "POST", "/Groups", {
        schemas: [groupSchema],
        displayName: "Okta Rename Me",
        members: [],
      });
      const { id } = created.json<{ id: string }>();
      const renamed = await scim(okta, "PATCH", `/Groups/${id}`, {
        schemas: [patchOpSchema],
        Operations: [{ op: "replace", value: { id, displayName: "Okta Renamed" } }],
      });
      expect(renamed.statusCode).toBe(204);
      expect((await scim(okta, "GET", `/Groups/${id}`)).json()).toMatchObject({
        displayName: "Okta Renamed",
      });
    });

    it("adds and removes members as Entra ID does, and leaves members out when asked", async () => {
      const userId = await createUser(entra, entraUser("Test_Member_1"));
      const created = await scim(entra, "POST", "/Groups", {
        schemas: [groupSchema],
        externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
        displayName: "Entra Payroll",
        meta: { resourceType: "Group" },
      });
      expect(created.statusCode).toBe(201);
      const { id } = created.json<{ id: string }>();
      const add = await scim(entra, "PATCH", `/Groups/${id}`, {
        schemas: [patchOpSchema],
        Operations: [
          { name: "addMember", op: "Add", path: "members", value: [{ $ref: null, value: userId }] },
        ],
      });
      expect(add.statusCode).toBe(204);

      const filter = encodeURIComponent('displayName eq "Entra Payroll"');
      const found = await scim(entra, "GET", `/Groups?excludedAttributes=members&filter=${filter}`);
      const listed = found.json<{ Resources: Record<string, unknown>[] }>();
      expect(listed).toMatchObject({
        totalResults: 1,
        Resources: [{ id, displayName: "Entra Payroll" }],
      });
      expect(listed.Resources[0]).not.toHaveProperty("members");
      const withMembers = await scim(entra, "GET", `/Groups/${id}`);
      expect(withMembers.json()).toMatchObject({ members: [{ value: userId }] });

      const byMember = await scim(
        entra,
        "GET",
        `/Groups?filter=${encodeURIComponent(`id eq "${id}" and members[value eq "${userId}"]`)}`,
      );
      expect(byMember.json()).toMatchObject({ totalResults: 1 });

      const remove = await scim(entra, "PATCH", `/Groups/${id}`, {
        schemas: [patchOpSchema],
        Operations: [{ op: "Remove", path: "members", value: [{ $ref: null, value: userId }] }],
      });
      expect(remove.statusCode).toBe(204);
      expect((await scim(entra, "GET", `/Groups/${id}`)).json()).toMatchObject({ members: [] });
    });

    it("refuses a member that is not a user of the directory, and changes nothing", async () => {
      const created = await scim(okta, "POST", "/Groups", { displayName: "Strict Members" });
      const { id } = created.json<{ id: string }>();
      const response = await scim(okta, "PATCH", `/Groups/${id}`, {
        schemas: [patchOpSchema],
        Operations: [{ op: "add", path: "members", value: [{ value: randomUUID() }] }],
      });
      expectScimError(response, 400, "invalidValue");
      expect((await scim(okta, "GET", `/Groups/${id}`)).json()).toMatchObject({
        members: [],
        meta: { version: 'W/"1"' },
      });
    });

    it("refuses a second group of the same name, and deletes a group: 204, then 404", async () => {
      const created = await scim(okta, "POST", "/Groups", { displayName: "Short Lived" });
      const { id } = created.json<{ id: string }>();
      expectScimError(
        await scim(okta, "POST", "/Groups", { displayName: "short lived" }),
        409,
        "uniqueness",
      );
      expect((await scim(okta, "DELETE", `/Groups/${id}`)).statusCode).toBe(204);
      expectScimError(await scim(okta, "GET", `/Groups/${id}`), 404);
    });
  });

  describe("lists and errors", () => {
    it("pages with startIndex and count", async () => {
      const directory = await addDirectory("paging");
      for (const name of ["u1", "u2", "u3", "u4", "u5"]) {
        await createUser(directory, oktaUser(`${name}@paging.test`));
      }
      const page = await scim(directory, "GET", "/Users?startIndex=2&count=2");
      const body = page.json<{ Resources: { userName: string }[] }>();
      expect(body).toMatchObject({ totalResults: 5, startIndex: 2, itemsPerPage: 2 });
      expect(body.Resources.map((user) => user.userName)).toEqual([
        "u2@paging.test",
        "u3@paging.test",
      ]);
      const last = await scim(directory, "GET", "/Users?startIndex=5&count=10");
      expect(last.json()).toMatchObject({ totalResults: 5, itemsPerPage: 1 });
      const countOnly = await scim(directory, "GET", "/Users?count=0");
      expect(countOnly.json()).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
      expectScimError(await scim(directory, "GET", "/Users?count=ten"), 400, "invalidValue");
    });

    it("refuses filters it cannot answer: 400 invalidFilter", async () => {
      for (const filter of [
        'title eq "CFO"',
        'userName co "a"',
        "userName eq",
        'not (userName eq "a")',
      ]) {
        expectScimError(
          await scim(okta, "GET", `/Users?filter=${encodeURIComponent(filter)}`),
          400,
          "invalidFilter",
        );
      }
    });

    it("refuses unreadable and invalid bodies with 400", async () => {
      const broken = await app.inject({
        method: "POST",
        url: "/scim/v2/Users",
        headers: { authorization: `Bearer ${okta.token}`, "content-type": "application/scim+json" },
        payload: '{"userName": ',
      });
      expectScimError(broken, 400, "invalidSyntax");
      const missing = await scim(okta, "POST", "/Users", { schemas: [userSchema], active: true });
      expectScimError(missing, 400, "invalidValue");
      expect(missing.json<{ detail: string }>().detail).toMatch(/userName/);
      const badBoolean = await scim(
        okta,
        "POST",
        "/Users",
        oktaUser("x@example.test", { active: "maybe" }),
      );
      expectScimError(badBoolean, 400, "invalidValue");
    });

    it("refuses a change made against an older version (If-Match): 412", async () => {
      const id = await createUser(okta, oktaUser("etag@example.test"));
      const stale = await scim(
        okta,
        "PATCH",
        `/Users/${id}`,
        { schemas: [patchOpSchema], Operations: [{ op: "replace", path: "title", value: "X" }] },
        { "if-match": 'W/"7"' },
      );
      expectScimError(stale, 412);
      const current = await scim(
        okta,
        "PATCH",
        `/Users/${id}`,
        { schemas: [patchOpSchema], Operations: [{ op: "replace", path: "title", value: "X" }] },
        { "if-match": 'W/"1"' },
      );
      expect(current.statusCode).toBe(200);
    });
  });

  describe("evidence and snapshots", () => {
    it("records every change as an evidence event of the directory, and the chain verifies", async () => {
      const directory = await addDirectory("ledger-check");
      const userId = await createUser(directory, oktaUser("ledger@example.test"));
      const patch = (operations: unknown[]) => ({
        schemas: [patchOpSchema],
        Operations: operations,
      });
      await scim(
        directory,
        "PATCH",
        `/Users/${userId}`,
        patch([{ op: "replace", value: { active: false } }]),
      );
      // the same again changes nothing, and records nothing
      await scim(
        directory,
        "PATCH",
        `/Users/${userId}`,
        patch([{ op: "replace", value: { active: false } }]),
      );
      const group = await scim(directory, "POST", "/Groups", { displayName: "Ledger Group" });
      const groupId = group.json<{ id: string }>().id;
      await scim(
        directory,
        "PATCH",
        `/Groups/${groupId}`,
        patch([{ op: "add", path: "members", value: [{ value: userId }] }]),
      );
      await scim(
        directory,
        "PATCH",
        `/Groups/${groupId}`,
        patch([{ op: "remove", path: `members[value eq "${userId}"]` }]),
      );
      await scim(
        directory,
        "PATCH",
        `/Groups/${groupId}`,
        patch([{ op: "add", path: "members", value: [{ value: userId }] }]),
      );
      await scim(directory, "DELETE", `/Users/${userId}`);
      await scim(directory, "DELETE", `/Groups/${groupId}`);

      const events = [];
      for await (const event of streamEvidenceEvents(db, {
        fromSeq: 1,
        toSeq: Number.MAX_SAFE_INTEGER,
      })) {
        if ((event.payload as { directoryId?: string }).directoryId === directory.id)
          events.push(event);
      }
      expect(events.map((event) => event.action)).toEqual([
        "scim.directory_created",
        "scim.token_created",
        "scim.user_created",
        "scim.user_updated",
        "scim.group_created",
        "scim.group_updated",
        "scim.group_updated",
        "scim.group_updated",
        "scim.user_deleted",
        "scim.group_deleted",
      ]);
      expect(events.slice(2).every((event) => event.actor === "system:scim.ledger-check")).toBe(
        true,
      );
      expect(events[3]?.payload).toMatchObject({
        tokenName: "ledger-check provisioning",
        userId,
        changes: { active: { from: true, to: false } },
      });
      expect(events[5]?.payload).toMatchObject({ membersAdded: [userId], membersRemoved: [] });
      expect(events[6]?.payload).toMatchObject({ membersAdded: [], membersRemoved: [userId] });
      expect(events[8]?.payload).toMatchObject({ removedFromGroupIds: [groupId] });

      const verification = await verifyLedger(db, testLedgerConfig().signer, () => new Date());
      expect(verification).toMatchObject({ ok: true });
    });

    it("queues concurrent deletions and membership changes of one directory without failing", async () => {
      const directory = await addDirectory("concurrent");
      const userIds: string[] = [];
      for (let index = 0; index < 8; index += 1) {
        userIds.push(await createUser(directory, oktaUser(`c${index}@concurrent.test`)));
      }
      const groupIds: string[] = [];
      for (const name of ["Alpha", "Beta"]) {
        const group = await scim(directory, "POST", "/Groups", {
          displayName: name,
          members: userIds.slice(0, 4).map((value) => ({ value })),
        });
        groupIds.push(group.json<{ id: string }>().id);
      }
      const responses = await Promise.all([
        ...userIds.slice(0, 4).map((id) => scim(directory, "DELETE", `/Users/${id}`)),
        ...groupIds.map((id) =>
          scim(directory, "PATCH", `/Groups/${id}`, {
            schemas: [patchOpSchema],
            Operations: [
              { op: "add", path: "members", value: userIds.slice(4).map((value) => ({ value })) },
            ],
          }),
        ),
      ]);
      expect(responses.map((response) => response.statusCode)).toEqual(Array(6).fill(204));
      for (const id of groupIds) {
        const group = (await scim(directory, "GET", `/Groups/${id}`)).json<{
          members: { value: string }[];
        }>();
        expect(group.members.map((member) => member.value).sort()).toEqual(userIds.slice(4).sort());
      }
      expect(await verifyLedger(db, testLedgerConfig().signer, () => new Date())).toMatchObject({
        ok: true,
      });
    });

    it("rolls what the IdP pushed up into a snapshot: memberships are grants, leavers terminated", async () => {
      const directory = await addDirectory("rollup");
      const managerId = await createUser(directory, entraUser("boss", { displayName: "The Boss" }));
      const staffId = await createUser(
        directory,
        entraUser("staff", {
          [enterpriseSchema]: { department: "Finance", manager: { value: managerId } },
        }),
      );
      const leaverId = await createUser(directory, entraUser("leaver"));
      const group = await scim(directory, "POST", "/Groups", {
        displayName: "GL Posting",
        members: [{ value: staffId }, { value: leaverId }],
      });
      expect(group.statusCode).toBe(201);
      await scim(directory, "PATCH", `/Users/${leaverId}`, {
        schemas: [patchOpSchema],
        Operations: [{ op: "Replace", path: "active", value: "False" }],
      });

      const snapshot = await createTestCaller({ db, user: admin }).scim.snapshotNow({
        directoryId: directory.id,
      });
      expect(snapshot).toMatchObject({
        source: "scim:rollup",
        rowCounts: { identities: 3, systems: 1, entitlements: 1, accounts: 3, grants: 2 },
      });

      const grants: PopulationRow[] = await db.transaction(async (tx) => {
        const rows: PopulationRow[] = [];
        for await (const row of streamPopulation(tx, snapshot.snapshotId)) rows.push(row);
        return rows;
      });
      expect(
        grants.map((row) => [row.system, row.account, row.entitlement_name, row.identity_status]),
      ).toEqual([
        ["rollup", "leaver", "GL Posting", "terminated"],
        ["rollup", "staff", "GL Posting", "active"],
      ]);
      const identities = await listIdentitiesPage(db, {
        snapshotId: snapshot.snapshotId,
        limit: 10,
      });
      const staff = identities.rows.find((identity) => identity.externalId === "staff");
      expect(staff).toMatchObject({
        managerName: "The Boss",
        department: "Finance",
        kind: "employee",
      });
    });
  });
});
