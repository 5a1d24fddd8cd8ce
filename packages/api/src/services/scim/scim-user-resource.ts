import type {
  ScimEmail,
  ScimUserFields,
  ScimUserRecord,
} from "@attest/db/repositories/scim-resources";
import { z } from "zod";
import { ScimError } from "./scim-error";
import { scimUrn } from "./scim-schemas";

// Attribute names are case-insensitive (RFC 7643 §2.1); a resource is stored under these
// spellings so that "UserName" and "userName" can never both be kept.
const coreUserAttributes = [
  "userName",
  "name",
  "displayName",
  "nickName",
  "profileUrl",
  "title",
  "userType",
  "preferredLanguage",
  "locale",
  "timezone",
  "active",
  "emails",
  "phoneNumbers",
  "ims",
  "photos",
  "addresses",
  "entitlements",
  "roles",
  "x509Certificates",
  "externalId",
  scimUrn.enterpriseUser,
];
const canonicalName = new Map(coreUserAttributes.map((name) => [name.toLowerCase(), name]));

// id and meta are the server's; schemas is rebuilt on output; groups is read-only on a user
// (memberships are written through /Groups); a password is never kept: nobody signs in with it.
const discardedAttributes = new Set(["id", "meta", "schemas", "groups", "password"]);

/** SCIM booleans; Entra ID sends "True" and "False" as strings in PATCH values. */
export const scimBoolean = z.preprocess(
  (value) => {
    if (typeof value !== "string") return value;
    const lower = value.trim().toLowerCase();
    return lower === "true" ? true : lower === "false" ? false : value;
  },
  z.boolean({ error: "must be true or false" }),
);

const optionalText = z
  .string({ error: "must be a string" })
  .trim()
  .max(1024)
  .nullish()
  .transform((value) => (value ? value : null));

const managerReference = z
  .union([z.string(), z.looseObject({ value: z.string({ error: "must be a string" }).nullish() })])
  .nullish();

const userAttributes = z.looseObject({
  userName: z
    .string({ error: "is required and must be a string" })
    .trim()
    .min(1, "must not be empty")
    .max(256),
  externalId: optionalText,
  active: scimBoolean.optional(),
  displayName: optionalText,
  title: optionalText,
  userType: optionalText,
  name: z.looseObject({ givenName: optionalText, familyName: optionalText }).nullish(),
  emails: z
    .array(
      z.looseObject({
        value: z.string({ error: "must be a string" }).trim().min(1, "must not be empty"),
        type: optionalText,
        primary: scimBoolean.optional(),
      }),
    )
    .max(100)
    .nullish(),
  [scimUrn.enterpriseUser]: z
    .looseObject({
      employeeNumber: optionalText,
      department: optionalText,
      manager: managerReference,
    })
    .nullish(),
});

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The body's attributes under their canonical names, without the ones never stored. */
function canonicalAttributes(body: Record<string, unknown>): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (discardedAttributes.has(key.toLowerCase())) continue;
    // null means unassigned (RFC 7644 §3.5.1): such an attribute is not kept at all
    if (value === null || value === undefined) continue;
    attributes[canonicalName.get(key.toLowerCase()) ?? key] = value;
  }
  return attributes;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.map(String).join(".") || "resource"} ${issue.message}`)
    .join("; ");
}

/**
 * Reads a SCIM User (a POST or PUT body, or a resource after PATCH operations) into the
 * attributes Attest maps, and the resource to keep and return. 400 invalidValue names the
 * attribute that is wrong.
 */
export function readUserResource(body: unknown): ScimUserFields {
  if (!isJsonObject(body)) {
    throw new ScimError(
      400,
      "The request body must be a JSON object: a SCIM User.",
      "invalidSyntax",
    );
  }
  const attributes = canonicalAttributes(body);
  const parsed = userAttributes.safeParse(attributes);
  if (!parsed.success) throw new ScimError(400, describeIssues(parsed.error), "invalidValue");
  const user = parsed.data;
  const active = user.active ?? true;
  const emails: ScimEmail[] = (user.emails ?? []).map((email) => ({
    value: email.value,
    type: email.type,
    primary: email.primary === true,
  }));
  const enterprise = user[scimUrn.enterpriseUser];
  const manager = enterprise?.manager;
  const managerValue = (typeof manager === "string" ? manager : manager?.value)?.trim() || null;

  // Keep what was sent, with the values read here written back: booleans as booleans, text
  // trimmed, and the manager always as { value } whichever form it came in.
  const { manager: _manager, ...enterpriseRest } = enterprise ?? {};
  const resource = withoutNulls({
    ...attributes,
    ...user,
    active,
    ...(enterprise
      ? {
          [scimUrn.enterpriseUser]: {
            ...enterpriseRest,
            manager: managerValue ? { value: managerValue } : null,
          },
        }
      : {}),
  }) as Record<string, unknown>;
  return {
    userName: user.userName,
    externalId: user.externalId,
    active,
    displayName: user.displayName,
    givenName: user.name?.givenName ?? null,
    familyName: user.name?.familyName ?? null,
    emails,
    userType: user.userType,
    title: user.title,
    employeeNumber: enterprise?.employeeNumber ?? null,
    department: enterprise?.department ?? null,
    managerValue,
    resource,
  };
}

/** The value without null members: null means unassigned (RFC 7644 §3.5.1), so none is kept. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== null && item !== undefined)
      .map(([key, item]) => [key, withoutNulls(item)]),
  );
}

/** The email a person is reached at: the primary one, else a work one, else the first. */
export function primaryEmail(emails: readonly ScimEmail[]): string | null {
  const email =
    emails.find((candidate) => candidate.primary) ??
    emails.find((candidate) => candidate.type === "work") ??
    emails[0];
  return email?.value ?? null;
}

export function userLocation(baseUrl: string, id: string): string {
  return `${baseUrl}/Users/${id}`;
}

export function versionTag(version: number): string {
  return `W/"${version}"`;
}

/** A stored user as a SCIM User resource. */
export function renderUser(user: ScimUserRecord, baseUrl: string): Record<string, unknown> {
  const schemas: string[] = [scimUrn.user];
  if (scimUrn.enterpriseUser in user.resource) schemas.push(scimUrn.enterpriseUser);
  return {
    schemas,
    id: user.id,
    ...user.resource,
    userName: user.userName,
    active: user.active,
    meta: {
      resourceType: "User",
      created: user.createdAt,
      lastModified: user.updatedAt,
      location: userLocation(baseUrl, user.id),
      version: versionTag(user.version),
    },
  };
}

type MappedValue = string | boolean | null | string[];

/** The mapped attributes as evidence records them. */
export function userAttributeValues(user: ScimUserFields): Record<string, MappedValue> {
  return {
    userName: user.userName,
    externalId: user.externalId,
    active: user.active,
    displayName: user.displayName,
    givenName: user.givenName,
    familyName: user.familyName,
    emails: user.emails.map((email) => email.value),
    userType: user.userType,
    title: user.title,
    employeeNumber: user.employeeNumber,
    department: user.department,
    manager: user.managerValue,
  };
}

// Mapped values already appear in `changes`; these strip them so that `otherAttributesChanged`
// names only what changed beyond them.
const mappedParts: Record<string, (value: unknown) => unknown> = {
  userName: () => null,
  externalId: () => null,
  active: () => null,
  displayName: () => null,
  title: () => null,
  userType: () => null,
  name: (value) =>
    isJsonObject(value) ? { ...value, givenName: undefined, familyName: undefined } : value,
  emails: (value) =>
    Array.isArray(value)
      ? value.map((email) => (isJsonObject(email) ? { ...email, value: undefined } : email))
      : value,
  [scimUrn.enterpriseUser]: (value) =>
    isJsonObject(value)
      ? { ...value, employeeNumber: undefined, department: undefined, manager: undefined }
      : value,
};

/** JSON text with object keys sorted: jsonb hands keys back in its own order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, item: unknown) =>
    isJsonObject(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

export function sameJson(left: unknown, right: unknown): boolean {
  return stableJson(left) === stableJson(right);
}

export interface ScimUserChanges {
  changes: Record<string, { from: MappedValue; to: MappedValue }>;
  otherAttributesChanged: string[];
}

/** What changed between two versions of a user; both empty when nothing did. */
export function diffUsers(before: ScimUserFields, after: ScimUserFields): ScimUserChanges {
  const from = userAttributeValues(before);
  const to = userAttributeValues(after);
  const changes: ScimUserChanges["changes"] = {};
  for (const key of Object.keys(to)) {
    const previous = from[key] ?? null;
    const next = to[key] ?? null;
    if (!sameJson(previous, next)) changes[key] = { from: previous, to: next };
  }
  const keys = new Set([...Object.keys(before.resource), ...Object.keys(after.resource)]);
  const otherAttributesChanged = [...keys]
    .filter((key) => {
      const strip = mappedParts[key] ?? ((value: unknown) => value);
      return !sameJson(strip(before.resource[key]), strip(after.resource[key]));
    })
    .sort();
  return { changes, otherAttributesChanged };
}
