import { describe, expect, it } from "vitest";
import { ScimError } from "./scim-error";
import { parseGroupFilter, parseUserFilter } from "./scim-filter";

function refusal(parse: () => unknown): { status: number; scimType: string | undefined } {
  try {
    parse();
  } catch (error) {
    if (error instanceof ScimError) return { status: error.status, scimType: error.scimType };
    throw error;
  }
  throw new Error("the filter was accepted");
}

describe("SCIM filters", () => {
  it("reads the equality filters IdPs send, whatever the attribute's case or schema prefix", () => {
    expect(parseUserFilter('userName eq "jane@example.com"')).toEqual({
      op: "eq",
      attribute: "userName",
      value: "jane@example.com",
    });
    expect(parseUserFilter('USERNAME eq "a"')).toMatchObject({ attribute: "userName" });
    expect(
      parseUserFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a"'),
    ).toMatchObject({ attribute: "userName" });
    expect(parseUserFilter('externalId eq "00u1"')).toMatchObject({ attribute: "externalId" });
    expect(parseGroupFilter('displayName eq "Finance"')).toMatchObject({
      attribute: "displayName",
    });
  });

  it("keeps escaped quotes in values", () => {
    expect(parseUserFilter('userName eq "o\\"brien"')).toMatchObject({ value: 'o"brien' });
  });

  it("combines comparisons with and / or", () => {
    expect(parseUserFilter('userName eq "a" or (externalId eq "b" and id eq "c")')).toEqual({
      op: "or",
      filters: [
        { op: "eq", attribute: "userName", value: "a" },
        {
          op: "and",
          filters: [
            { op: "eq", attribute: "externalId", value: "b" },
            { op: "eq", attribute: "id", value: "c" },
          ],
        },
      ],
    });
  });

  it("reads group membership filters in their three spellings", () => {
    const member = { op: "eq", attribute: "member", value: "u1" };
    expect(parseGroupFilter('members[value eq "u1"]')).toEqual(member);
    expect(parseGroupFilter('members.value eq "u1"')).toEqual(member);
    expect(parseGroupFilter('members eq "u1"')).toEqual(member);
  });

  it("refuses what it cannot answer with 400 invalidFilter", () => {
    const invalid = { status: 400, scimType: "invalidFilter" };
    expect(refusal(() => parseUserFilter('userName co "a"'))).toEqual(invalid);
    expect(refusal(() => parseUserFilter("userName pr"))).toEqual(invalid);
    expect(refusal(() => parseUserFilter('not (userName eq "a")'))).toEqual(invalid);
    expect(refusal(() => parseUserFilter('title eq "CFO"'))).toEqual(invalid);
    expect(refusal(() => parseUserFilter('displayName eq "a"'))).toEqual(invalid);
    expect(refusal(() => parseUserFilter("active eq true"))).toEqual(invalid);
    expect(refusal(() => parseUserFilter('userName eq "a" and'))).toEqual(invalid);
    expect(refusal(() => parseUserFilter("userName eq 5"))).toEqual(invalid);
    expect(refusal(() => parseUserFilter('emails[value eq "a"]'))).toEqual(invalid);
    expect(refusal(() => parseGroupFilter('userName eq "a"'))).toEqual(invalid);
  });

  it("refuses filters too large to run", () => {
    const many = Array.from({ length: 51 }, (_, index) => `id eq "${index}"`).join(" or ");
    expect(refusal(() => parseUserFilter(many))).toEqual({ status: 400, scimType: "tooMany" });
    expect(refusal(() => parseUserFilter(`userName eq "${"a".repeat(5000)}"`))).toEqual({
      status: 400,
      scimType: "invalidFilter",
    });
  });
});
