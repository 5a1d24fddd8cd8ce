/** Schema URNs of RFC 7643 and RFC 7644 that the server reads and writes. */
export const scimUrn = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  enterpriseUser: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
  group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  listResponse: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  patchOp: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  serviceProviderConfig: "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
  resourceType: "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
  schema: "urn:ietf:params:scim:schemas:core:2.0:Schema",
} as const;

/** The most resources one page of a list answers with, whatever count asks for. */
export const maxResultsPerPage = 1000;

interface SchemaAttribute {
  name: string;
  type: "string" | "boolean" | "complex" | "reference" | "dateTime";
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: "readOnly" | "readWrite" | "immutable" | "writeOnly";
  returned: "always" | "never" | "default" | "request";
  uniqueness: "none" | "server" | "global";
  subAttributes?: SchemaAttribute[];
  referenceTypes?: string[];
}

function attribute(
  name: string,
  description: string,
  options: Partial<Omit<SchemaAttribute, "name" | "description">> = {},
): SchemaAttribute {
  return {
    name,
    type: "string",
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: "readWrite",
    returned: "default",
    uniqueness: "none",
    ...options,
  };
}

// Only the attributes Attest maps into an inventory snapshot are declared; others a client sends
// are kept and returned as sent, but have no meaning here.
const userSchema = {
  id: scimUrn.user,
  name: "User",
  description: "A person the identity provider manages; becomes an identity and an account.",
  attributes: [
    attribute("userName", "Unique sign-in name; the identity's external id in a snapshot.", {
      required: true,
      uniqueness: "server",
    }),
    attribute("name", "The person's name.", {
      type: "complex",
      subAttributes: [
        attribute("givenName", "Given name."),
        attribute("familyName", "Family name."),
        attribute("formatted", "Full name, formatted for display."),
      ],
    }),
    attribute("displayName", "Name shown to reviewers."),
    attribute("title", "Job title."),
    attribute("userType", "Employee, Contractor or External: sets the identity's kind."),
    attribute("active", "False deactivates: the identity becomes terminated in a snapshot.", {
      type: "boolean",
    }),
    attribute("emails", "Email addresses; the primary one is the identity's email.", {
      type: "complex",
      multiValued: true,
      subAttributes: [
        attribute("value", "Email address."),
        attribute("type", "work, home or other."),
        attribute("primary", "The primary address.", { type: "boolean" }),
      ],
    }),
    attribute("password", "Never stored: Attest does not sign anyone in with it.", {
      mutability: "writeOnly",
      returned: "never",
    }),
  ],
};

const enterpriseUserSchema = {
  id: scimUrn.enterpriseUser,
  name: "EnterpriseUser",
  description: "Enterprise attributes of a user.",
  attributes: [
    attribute("employeeNumber", "Employee number."),
    attribute("department", "Department."),
    attribute("manager", "The user's manager.", {
      type: "complex",
      subAttributes: [
        attribute("value", "The manager's id, userName or externalId in this directory."),
        attribute("displayName", "The manager's name.", { mutability: "readOnly" }),
      ],
    }),
  ],
};

const groupSchema = {
  id: scimUrn.group,
  name: "Group",
  description: "A group; becomes an entitlement, and each membership a grant.",
  attributes: [
    attribute("displayName", "Group name, unique in the directory.", {
      required: true,
      uniqueness: "server",
    }),
    attribute("members", "Users in the group (nested groups are not supported).", {
      type: "complex",
      multiValued: true,
      subAttributes: [
        attribute("value", "The member's id.", { mutability: "immutable", caseExact: true }),
        attribute("display", "The member's name.", { mutability: "readOnly" }),
        attribute("$ref", "The member's URI.", {
          type: "reference",
          mutability: "readOnly",
          referenceTypes: ["User"],
        }),
        attribute("type", "Always User.", { mutability: "immutable" }),
      ],
    }),
  ],
};

const schemas = [userSchema, enterpriseUserSchema, groupSchema];

/** /ServiceProviderConfig (RFC 7643 §5): what this server supports. */
export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: [scimUrn.serviceProviderConfig],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: maxResultsPerPage },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Bearer token",
        description: "A token an Attest administrator created for this directory.",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function schemaResources(baseUrl: string) {
  return schemas.map((schema) => ({
    schemas: [scimUrn.schema],
    ...schema,
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${schema.id}` },
  }));
}

export function resourceTypeResources(baseUrl: string) {
  return [
    {
      schemas: [scimUrn.resourceType],
      id: "User",
      name: "User",
      endpoint: "/Users",
      description: "People",
      schema: scimUrn.user,
      schemaExtensions: [{ schema: scimUrn.enterpriseUser, required: false }],
      meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: [scimUrn.resourceType],
      id: "Group",
      name: "Group",
      endpoint: "/Groups",
      description: "Groups and their members",
      schema: scimUrn.group,
      schemaExtensions: [],
      meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/Group` },
    },
  ];
}

/** A ListResponse (RFC 7644 §3.4.2): one page of resources and where it starts. */
export function listResponse<Resource>(
  resources: Resource[],
  page: { totalResults: number; startIndex: number } = {
    totalResults: resources.length,
    startIndex: 1,
  },
) {
  return {
    schemas: [scimUrn.listResponse],
    totalResults: page.totalResults,
    startIndex: page.startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
