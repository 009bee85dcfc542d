// Validation of CDP write bodies the way Jamf Pro answers them: every problem listed as an
// ApiError item with the offending field, all at once.
import type { JamfCdpState } from "../sandbox-types";
import type { ApiErrorItem } from "./jamf-json";

const CDN_TYPES = ["NONE", "JAMF_CLOUD", "RACKSPACE_CLOUD_FILES", "AMAZON_S3", "AKAMAI"] as const;
const AKAMAI_ONLY = ["directory", "uploadUrl", "downloadUrl", "secondaryAuthRequired", "secondaryAuthStatusCode", "secondaryAuthTimeToLive"] as const;

export type CdpWrite = Partial<Pick<JamfCdpState, "master" | "requireSignedUrls" | "keyPairId" | "expirationSeconds" | "privateKey">> & {
  cdnType: JamfCdpState["cdnType"];
  username: string;
  password: string;
};

const missing = (field: string): ApiErrorItem => ({ code: "INVALID_FIELD", field, description: "must not be null" });
const invalid = (field: string, description: string): ApiErrorItem => ({ code: "INVALID_FIELD", field, description });

/** Checks a PATCH/POST body; returns the accepted fields or the errors to answer 400 with. */
export function validateCdpWrite(body: unknown): { ok: true; value: CdpWrite } | { ok: false; errors: ApiErrorItem[] } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, errors: [{ code: "INVALID_JSON", description: "The request body must be a JSON object", field: null }] };
  }
  const input = body as Record<string, unknown>;
  const errors: ApiErrorItem[] = [];

  const cdnType = input.cdnType;
  if (cdnType === undefined || cdnType === null) errors.push(missing("cdnType"));
  else if (typeof cdnType !== "string" || !(CDN_TYPES as readonly string[]).includes(cdnType)) {
    errors.push(invalid("cdnType", `Unknown cdnType ${JSON.stringify(cdnType)}; expected one of ${CDN_TYPES.join(", ")}`));
  } else if (cdnType === "NONE") {
    errors.push(invalid("cdnType", "cdnType NONE cannot be written; delete the cloud distribution point instead"));
  }

  for (const field of ["username", "password"] as const) {
    const value = input[field];
    if (value === undefined || value === null) errors.push(missing(field));
    else if (typeof value !== "string") errors.push(invalid(field, "must be a string"));
    else if (value.trim() === "") errors.push(invalid(field, "must not be blank"));
  }

  for (const field of ["master", "requireSignedUrls"] as const) {
    if (input[field] !== undefined && typeof input[field] !== "boolean") errors.push(invalid(field, "must be a boolean"));
  }
  for (const field of ["keyPairId", "privateKey"] as const) {
    if (input[field] !== undefined && input[field] !== null && typeof input[field] !== "string") errors.push(invalid(field, "must be a string"));
  }
  const expiration = input.expirationSeconds;
  if (expiration !== undefined && (typeof expiration !== "number" || !Number.isInteger(expiration) || expiration < 1)) {
    errors.push(invalid("expirationSeconds", "must be an integer of at least 1"));
  }
  if (cdnType === "AMAZON_S3") {
    for (const field of AKAMAI_ONLY) {
      if (input[field] !== undefined) errors.push(invalid(field, "is only valid for cdnType AKAMAI"));
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const value: CdpWrite = {
    cdnType: cdnType as JamfCdpState["cdnType"],
    username: input.username as string,
    password: input.password as string,
  };
  if (input.master !== undefined) value.master = input.master as boolean;
  if (input.requireSignedUrls !== undefined) value.requireSignedUrls = input.requireSignedUrls as boolean;
  if (input.keyPairId !== undefined) value.keyPairId = input.keyPairId as string | null;
  if (input.expirationSeconds !== undefined) value.expirationSeconds = input.expirationSeconds as number;
  if (input.privateKey !== undefined) value.privateKey = input.privateKey as string | null;
  return { ok: true, value };
}
