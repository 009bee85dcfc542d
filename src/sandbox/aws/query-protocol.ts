// The AWS Query protocol IAM and STS speak: parameters form-encoded in a POST body (or the query
// string of a GET), Action + Version naming the operation.
import { validationError } from "./aws-fault";

export const IAM_VERSION = "2010-05-08";
export const STS_VERSION = "2011-06-15";

/** Parameters from the query string and, for form posts, the body; the body wins. */
export function queryParams(rawQuery: string, contentType: string | undefined, body: Buffer): URLSearchParams {
  const params = new URLSearchParams(rawQuery);
  if (body.length > 0 && (contentType ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    for (const [name, value] of new URLSearchParams(body.toString("utf8"))) params.set(name, value);
  }
  return params;
}

/** IAM/STS style validation message, e.g. for userName. */
function constraintMessage(value: string, member: string, constraint: string): string {
  return `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`;
}

export function requiredParam(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (value === null || value === "") {
    throw validationError(`1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

export function optionalParam(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value === null || value === "" ? undefined : value;
}

export function checkPattern(value: string, name: string, pattern: RegExp, description: string): string {
  if (!pattern.test(value)) throw validationError(constraintMessage(value, lowerFirst(name), description));
  return value;
}

export const USER_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;
export const ACCESS_KEY_ID_PATTERN = /^[\w]{16,128}$/;
export const ROLE_SESSION_NAME_PATTERN = /^[\w+=,.@-]{2,64}$/;

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
