import { ScimError } from "./scim-error";
import { maxResultsPerPage, scimUrn } from "./scim-schemas";

/** The query parameters of a SCIM GET (RFC 7644 §3.4.2), as they arrive. */
export interface ScimQuery {
  filter?: string | undefined;
  startIndex?: string | undefined;
  count?: string | undefined;
  attributes?: string | undefined;
  excludedAttributes?: string | undefined;
}

const defaultPageSize = 100;

/** The query as Fastify parsed it; a parameter sent twice counts once, by its first value. */
export function readScimQuery(raw: unknown): ScimQuery {
  const query = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const first = (name: keyof ScimQuery) => {
    const value = query[name];
    const text = Array.isArray(value) ? value[0] : value;
    return typeof text === "string" ? text : undefined;
  };
  return {
    filter: first("filter"),
    startIndex: first("startIndex"),
    count: first("count"),
    attributes: first("attributes"),
    excludedAttributes: first("excludedAttributes"),
  };
}

function readInteger(name: string, text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  if (!/^-?\d+$/.test(text.trim())) {
    throw new ScimError(400, `${name} must be a whole number.`, "invalidValue");
  }
  return Number(text);
}

export interface ScimPage {
  /** 1-based, as SCIM counts. */
  startIndex: number;
  count: number;
}

/** startIndex below 1 counts as 1 and a negative count as 0 (RFC 7644 §3.4.2.4); count is capped. */
export function readPage(query: ScimQuery): ScimPage {
  const startIndex = Math.max(1, readInteger("startIndex", query.startIndex) ?? 1);
  const count = Math.min(
    maxResultsPerPage,
    Math.max(0, readInteger("count", query.count) ?? defaultPageSize),
  );
  return { startIndex, count };
}

/** Which top-level attributes a response carries: `attributes` or `excludedAttributes`. */
export interface ScimProjection {
  only: Set<string> | null;
  excluded: Set<string>;
}

const everything: ScimProjection = { only: null, excluded: new Set() };

function topLevelNames(list: string | undefined, resourceUrn: string): Set<string> | null {
  if (list === undefined || list.trim() === "") return null;
  const names = new Set<string>();
  for (const entry of list.split(",")) {
    let name = entry.trim().toLowerCase();
    if (name === "") continue;
    if (name.startsWith(`${resourceUrn.toLowerCase()}:`)) {
      name = name.slice(resourceUrn.length + 1);
    } else if (name.startsWith(scimUrn.enterpriseUser.toLowerCase())) {
      // an extension's attributes travel inside the extension's object
      names.add(scimUrn.enterpriseUser.toLowerCase());
      continue;
    }
    names.add(name.split(".")[0] ?? name);
  }
  return names;
}

export function readProjection(query: ScimQuery, resourceUrn: string): ScimProjection {
  const only = topLevelNames(query.attributes, resourceUrn);
  const excluded = topLevelNames(query.excludedAttributes, resourceUrn) ?? new Set<string>();
  return only || excluded.size > 0 ? { only, excluded } : everything;
}

export function isProjected(projection: ScimProjection): boolean {
  return projection !== everything;
}

// id is returned always (RFC 7643 §7); schemas and meta describe the resource itself.
const alwaysReturned = new Set(["id", "schemas", "meta"]);

export function includesAttribute(projection: ScimProjection, name: string): boolean {
  const key = name.toLowerCase();
  if (alwaysReturned.has(key)) return true;
  if (projection.only) return projection.only.has(key);
  return !projection.excluded.has(key);
}

export function projectResource(
  resource: Record<string, unknown>,
  projection: ScimProjection,
): Record<string, unknown> {
  if (projection === everything) return resource;
  return Object.fromEntries(
    Object.entries(resource).filter(([key]) => includesAttribute(projection, key)),
  );
}
