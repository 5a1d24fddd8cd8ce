import type { ScimUserRecord } from "@attest/db/repositories/scim-resources";
import { describe, expect, it } from "vitest";
import { ScimError } from "./scim-error";
import { diffUsers, primaryEmail, readUserResource, renderUser } from "./scim-user-resource";

const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

describe("SCIM User resources", () => {
  it("maps the attributes Attest uses and keeps the rest, but never the password", () => {
    const fields = readUserResource({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", enterprise],
      id: "ignored",
      UserName: " jane@example.test ",
      active: "False",
      displayName: "Jane Doe",
      name: { givenName: "Jane", familyName: "Doe" },
      emails: [
        { value: "jane@home.test", type: "home" },
        { value: "jane@example.test", type: "work", primary: "true" },
      ],
      userType: "Contractor",
      phoneNumbers: [{ value: "+1 555 0100", type: "work" }],
      password: "secret",
      groups: [{ value: "g1" }],
      [enterprise]: { department: "Finance", employeeNumber: "42", manager: "boss" },
    });
    expect(fields).toMatchObject({
      userName: "jane@example.test",
      active: false,
      displayName: "Jane Doe",
      givenName: "Jane",
      familyName: "Doe",
      userType: "Contractor",
      department: "Finance",
      employeeNumber: "42",
      managerValue: "boss",
      externalId: null,
      title: null,
    });
    expect(primaryEmail(fields.emails)).toBe("jane@example.test");
    expect(fields.resource).toMatchObject({
      userName: "jane@example.test",
      active: false,
      phoneNumbers: [{ value: "+1 555 0100", type: "work" }],
      [enterprise]: { manager: { value: "boss" } },
    });
    for (const key of ["password", "groups", "id", "schemas", "UserName"]) {
      expect(fields.resource).not.toHaveProperty(key);
    }
  });

  it("refuses a user without a userName, naming the attribute", () => {
    try {
      readUserResource({ displayName: "Nobody" });
      throw new Error("accepted");
    } catch (error) {
      expect(error).toBeInstanceOf(ScimError);
      expect(error).toMatchObject({ status: 400, scimType: "invalidValue" });
      expect((error as Error).message).toMatch(/^userName /);
    }
  });

  it("renders the stored resource with its id, meta and the extension's schema", () => {
    const fields = readUserResource({ userName: "a", [enterprise]: { department: "Ops" } });
    const record: ScimUserRecord = {
      ...fields,
      id: "11111111-1111-4111-8111-111111111111",
      directoryId: "d",
      deactivatedAt: null,
      version: 3,
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-02T00:00:00.000Z",
    };
    expect(renderUser(record, "https://attest.test/scim/v2")).toEqual({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", enterprise],
      id: record.id,
      userName: "a",
      active: true,
      [enterprise]: { department: "Ops" },
      meta: {
        resourceType: "User",
        created: record.createdAt,
        lastModified: record.updatedAt,
        location: `https://attest.test/scim/v2/Users/${record.id}`,
        version: 'W/"3"',
      },
    });
  });

  it("diffs mapped attributes by value and names other attributes that changed", () => {
    const before = readUserResource({ userName: "a", title: "Clerk", locale: "en" });
    const after = readUserResource({
      userName: "a",
      title: "Controller",
      locale: "de",
      active: false,
    });
    expect(diffUsers(before, after)).toEqual({
      changes: {
        title: { from: "Clerk", to: "Controller" },
        active: { from: true, to: false },
      },
      otherAttributesChanged: ["locale"],
    });
    expect(
      diffUsers(before, readUserResource({ locale: "en", title: "Clerk", userName: "a" })),
    ).toEqual({ changes: {}, otherAttributesChanged: [] });
  });
});
