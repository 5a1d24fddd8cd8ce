import { describe, expect, it } from "vitest";
import { ScimError } from "./scim-error";
import { applyPatchOperations, readPatchRequest } from "./scim-patch-request";

const patchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

function patch(document: Record<string, unknown>, operations: unknown[]) {
  return applyPatchOperations(
    document,
    readPatchRequest({ schemas: [patchOp], Operations: operations }),
  );
}

function refusal(run: () => unknown): { status: number; scimType: string | undefined } {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return { status: error.status, scimType: error.scimType };
    throw error;
  }
  throw new Error("the patch was accepted");
}

describe("SCIM PATCH", () => {
  const user = { userName: "ada", active: true, name: { givenName: "Ada" } };

  it("applies Okta's path-less replace", () => {
    expect(patch(user, [{ op: "replace", value: { active: false } }])).toEqual({
      ...user,
      active: false,
    });
  });

  it("accepts Entra ID's capitalised ops", () => {
    expect(patch(user, [{ op: "Replace", path: "active", value: "False" }])).toMatchObject({
      active: "False",
    });
    expect(patch(user, [{ op: "Add", path: "title", value: "CFO" }])).toMatchObject({
      title: "CFO",
    });
    expect(patch({ ...user, title: "CFO" }, [{ op: "Remove", path: "title" }])).not.toHaveProperty(
      "title",
    );
  });

  it("sets sub-attributes, filtered multi-valued attributes and extension attributes by path", () => {
    const patched = patch(user, [
      { op: "replace", path: "name.familyName", value: "Lovelace" },
      { op: "add", path: 'emails[type eq "work"].value', value: "ada@example.test" },
      { op: "add", path: `${enterprise}:manager`, value: "boss-id" },
    ]);
    expect(patched).toEqual({
      ...user,
      name: { givenName: "Ada", familyName: "Lovelace" },
      emails: [{ type: "work", value: "ada@example.test" }],
      [enterprise]: { manager: "boss-id" },
    });
  });

  it("adds members without duplicates and removes them by filter or by value", () => {
    const group = { displayName: "G", members: [{ value: "a" }, { value: "b" }] };
    expect(
      patch(group, [{ op: "add", path: "members", value: [{ value: "b" }, { value: "c" }] }]),
    ).toMatchObject({ members: [{ value: "a" }, { value: "b" }, { value: "c" }] });
    expect(patch(group, [{ op: "remove", path: 'members[value eq "a"]' }])).toMatchObject({
      members: [{ value: "b" }],
    });
    expect(
      patch(group, [{ op: "Remove", path: "members", value: [{ value: "b" }] }]),
    ).toMatchObject({ members: [{ value: "a" }] });
  });

  it("treats removing from a multi-valued attribute the resource lacks as removing nothing", () => {
    expect(patch(user, [{ op: "remove", path: 'emails[type eq "home"]' }])).toEqual(user);
  });

  it("leaves the document it was given untouched", () => {
    const original = structuredClone(user);
    patch(user, [{ op: "replace", value: { active: false } }]);
    expect(user).toEqual(original);
  });

  it("refuses paths that would reach Object.prototype, and pollutes nothing", () => {
    for (const operation of [
      { op: "add", path: "__proto__.polluted", value: "yes" },
      { op: "replace", path: "constructor.prototype.polluted", value: "yes" },
      { op: "add", path: 'emails[type eq "work"].__proto__', value: { polluted: "yes" } },
      { op: "replace", value: { "__proto__.polluted": "yes" } },
    ]) {
      expect(refusal(() => patch(user, [operation]))).toEqual({
        status: 400,
        scimType: "invalidPath",
      });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(
      patch(user, [{ op: "add", path: 'emails[type eq "__proto__"].value', value: "a" }]),
    ).toMatchObject({ emails: [{ type: "__proto__", value: "a" }] });
  });

  it("refuses malformed requests with the scimType RFC 7644 gives them", () => {
    expect(refusal(() => readPatchRequest({ schemas: [patchOp] }))).toEqual({
      status: 400,
      scimType: "invalidSyntax",
    });
    expect(refusal(() => readPatchRequest({ Operations: [] }))).toEqual({
      status: 400,
      scimType: "invalidSyntax",
    });
    expect(refusal(() => readPatchRequest({ Operations: [{ op: "move", path: "a" }] }))).toEqual({
      status: 400,
      scimType: "invalidSyntax",
    });
    expect(refusal(() => readPatchRequest({ Operations: [{ op: "remove" }] }))).toEqual({
      status: 400,
      scimType: "noTarget",
    });
    expect(refusal(() => readPatchRequest({ Operations: [{ op: "add", path: "a" }] }))).toEqual({
      status: 400,
      scimType: "invalidSyntax",
    });
    expect(
      refusal(() =>
        patch({ emails: [{ type: "work", value: "a" }] }, [
          { op: "replace", path: 'emails[type eq "work" and].value', value: "b" },
        ]),
      ).status,
    ).toBe(400);
  });
});
