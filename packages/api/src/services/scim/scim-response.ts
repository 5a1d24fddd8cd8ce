import { ScimError } from "./scim-error";

/** A single resource answered with its Location and ETag headers. */
export interface ScimResourceResponse {
  resource: Record<string, unknown>;
  location: string;
  etag: string;
}

/**
 * If-Match (RFC 7644 §3.14): a change made against an older version of the resource is refused
 * with 412, so two writers cannot silently overwrite each other. No header means no check.
 */
export function checkIfMatch(ifMatch: string | undefined, version: number): void {
  if (ifMatch === undefined || ifMatch.trim() === "") return;
  const tags = ifMatch.split(",").map((tag) => tag.trim());
  const matches = tags.some(
    (tag) => tag === "*" || tag.replace(/^W\//, "").replaceAll('"', "") === String(version),
  );
  if (!matches) {
    throw new ScimError(412, `The resource is at version W/"${version}"; reload it and try again.`);
  }
}
