/** The scimType values of RFC 7644 §3.12 that this server answers with. */
export type ScimErrorType =
  | "invalidFilter"
  | "tooMany"
  | "uniqueness"
  | "mutability"
  | "invalidSyntax"
  | "invalidPath"
  | "noTarget"
  | "invalidValue";

/**
 * An error of the SCIM protocol, answered in the SCIM error schema. Admin procedures use
 * AppError; this one exists because an identity provider reads `status` and `scimType`, not
 * tRPC codes.
 */
export class ScimError extends Error {
  readonly status: number;
  readonly scimType: ScimErrorType | undefined;

  constructor(status: number, detail: string, scimType?: ScimErrorType) {
    super(detail);
    this.name = "ScimError";
    this.status = status;
    this.scimType = scimType;
  }
}

export const scimErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";

export interface ScimErrorBody {
  schemas: [typeof scimErrorSchema];
  status: string;
  scimType?: ScimErrorType;
  detail: string;
}

export function scimErrorBody(error: ScimError): ScimErrorBody {
  return {
    schemas: [scimErrorSchema],
    // RFC 7644 §3.12: the status is a string
    status: String(error.status),
    ...(error.scimType ? { scimType: error.scimType } : {}),
    detail: error.message,
  };
}

export function scimNotFound(resourceType: "User" | "Group", id: string): ScimError {
  return new ScimError(404, `No ${resourceType} with id "${id}" in this directory.`);
}
