import type { ScimGroupMember, ScimGroupRecord } from "@attest/db/repositories/scim-resources";
import { z } from "zod";
import { ScimError } from "./scim-error";
import { scimUrn } from "./scim-schemas";
import { describeIssues, userLocation, versionTag } from "./scim-user-resource";

/** A group as Attest keeps it: its name, the IdP's id for it, and its members' user ids. */
export interface ScimGroupInput {
  displayName: string;
  externalId: string | null;
  memberIds: string[];
}

const groupAttributes = z.object({
  displayName: z
    .string({ error: "is required and must be a string" })
    .trim()
    .min(1, "must not be empty")
    .max(256),
  externalId: z
    .string({ error: "must be a string" })
    .trim()
    .max(1024)
    .nullish()
    .transform((value) => (value ? value : null)),
  members: z
    .array(
      z.looseObject({
        value: z.string({ error: "must be a string" }).trim().min(1, "must not be empty"),
        type: z.string().nullish(),
      }),
    )
    .nullish(),
});

/** The same attribute under any spelling: names are case-insensitive (RFC 7643 §2.1). */
function attributeOf(body: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(body).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : body[key];
}

/**
 * Reads a SCIM Group (a POST or PUT body, or a group after PATCH operations). Members must be
 * users: a group is an entitlement and each member a grant, and nested groups are not modelled.
 */
export function readGroupResource(body: unknown): ScimGroupInput {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ScimError(
      400,
      "The request body must be a JSON object: a SCIM Group.",
      "invalidSyntax",
    );
  }
  const record = body as Record<string, unknown>;
  const parsed = groupAttributes.safeParse({
    displayName: attributeOf(record, "displayName"),
    externalId: attributeOf(record, "externalId"),
    members: attributeOf(record, "members"),
  });
  if (!parsed.success) throw new ScimError(400, describeIssues(parsed.error), "invalidValue");
  const members = parsed.data.members ?? [];
  const nested = members.find((member) => member.type?.toLowerCase() === "group");
  if (nested) {
    throw new ScimError(
      400,
      `members: "${nested.value}" is a group; nested groups are not supported.`,
      "invalidValue",
    );
  }
  return {
    displayName: parsed.data.displayName,
    externalId: parsed.data.externalId,
    memberIds: [...new Set(members.map((member) => member.value))],
  };
}

export function groupLocation(baseUrl: string, id: string): string {
  return `${baseUrl}/Groups/${id}`;
}

/** A stored group as a SCIM Group resource; members are left out when not asked for (null). */
export function renderGroup(
  group: ScimGroupRecord,
  members: readonly ScimGroupMember[] | null,
  baseUrl: string,
): Record<string, unknown> {
  return {
    schemas: [scimUrn.group],
    id: group.id,
    ...(group.externalId === null ? {} : { externalId: group.externalId }),
    displayName: group.displayName,
    ...(members === null
      ? {}
      : {
          members: members.map((member) => ({
            value: member.userId,
            display: member.display,
            type: "User",
            $ref: userLocation(baseUrl, member.userId),
          })),
        }),
    meta: {
      resourceType: "Group",
      created: group.createdAt,
      lastModified: group.updatedAt,
      location: groupLocation(baseUrl, group.id),
      version: versionTag(group.version),
    },
  };
}
