import type {
  ScimFilter,
  ScimGroupFilterAttribute,
  ScimUserFilterAttribute,
} from "@attest/db/repositories/scim-resources";
import { type Filter, parse } from "scim2-parse-filter";
import { ScimError } from "./scim-error";
import { scimUrn } from "./scim-schemas";

/** Filters longer than this, or with more comparisons, are refused rather than run. */
const maxFilterLength = 4_000;
const maxComparisons = 50;

// Attribute names are case-insensitive in SCIM (RFC 7643 §2.1), so they are looked up lowercased.
const userAttributes: Record<string, ScimUserFilterAttribute> = {
  id: "id",
  username: "userName",
  externalid: "externalId",
};
const groupAttributes: Record<string, ScimGroupFilterAttribute> = {
  id: "id",
  displayname: "displayName",
  externalid: "externalId",
  // "members eq", "members.value eq" and "members[value eq …]" all ask for groups with a member
  members: "member",
  "members.value": "member",
};

function invalidFilter(detail: string): ScimError {
  return new ScimError(400, detail, "invalidFilter");
}

function attributeName(attrPath: string, resourceUrn: string): string {
  const name = attrPath.toLowerCase();
  const prefix = `${resourceUrn.toLowerCase()}:`;
  return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

function compile<Attribute extends string>(
  filter: Filter,
  attributes: Record<string, Attribute>,
  resourceUrn: string,
  budget: { comparisons: number },
): ScimFilter<Attribute> {
  switch (filter.op) {
    case "and":
    case "or":
      return {
        op: filter.op,
        filters: filter.filters.map((part) => compile(part, attributes, resourceUrn, budget)),
      };
    case "eq": {
      budget.comparisons += 1;
      if (budget.comparisons > maxComparisons) {
        throw new ScimError(
          400,
          `A filter may hold at most ${maxComparisons} comparisons.`,
          "tooMany",
        );
      }
      const name = attributeName(filter.attrPath, resourceUrn);
      const attribute = Object.hasOwn(attributes, name) ? attributes[name] : undefined;
      if (!attribute) {
        throw invalidFilter(
          `Filtering on "${filter.attrPath}" is not supported; use ${Object.keys(attributes).join(", ")}.`,
        );
      }
      if (typeof filter.compValue !== "string") {
        throw invalidFilter(`"${filter.attrPath} eq" needs a quoted string value.`);
      }
      return { op: "eq", attribute, value: filter.compValue };
    }
    case "[]": {
      // members[value eq "…"]: the sub-filter's "value" is the member id
      const outer = attributeName(filter.attrPath, resourceUrn);
      const inner = Object.hasOwn(attributes, outer) ? attributes[outer] : undefined;
      if (!inner) throw invalidFilter(`Filtering inside "${filter.attrPath}" is not supported.`);
      return compile(filter.valFilter, { value: inner }, resourceUrn, budget);
    }
    default:
      throw invalidFilter(
        `The "${filter.op}" operator is not supported; use eq, and, or (e.g. userName eq "jane@example.com").`,
      );
  }
}

function parseFilter<Attribute extends string>(
  text: string,
  attributes: Record<string, Attribute>,
  resourceUrn: string,
): ScimFilter<Attribute> {
  if (text.length > maxFilterLength) {
    throw invalidFilter(`The filter is longer than ${maxFilterLength} characters.`);
  }
  let filter: Filter;
  try {
    filter = parse(text);
  } catch (error) {
    throw invalidFilter(`The filter could not be read: ${(error as Error).message}`);
  }
  return compile(filter, attributes, resourceUrn, { comparisons: 0 });
}

/** A /Users filter as the database can answer it, or a 400 invalidFilter. */
export function parseUserFilter(text: string): ScimFilter<ScimUserFilterAttribute> {
  return parseFilter(text, userAttributes, scimUrn.user);
}

/** A /Groups filter as the database can answer it, or a 400 invalidFilter. */
export function parseGroupFilter(text: string): ScimFilter<ScimGroupFilterAttribute> {
  return parseFilter(text, groupAttributes, scimUrn.group);
}
