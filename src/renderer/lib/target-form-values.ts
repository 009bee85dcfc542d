// The Settings form for one target as plain strings, and its conversion to the validated
// TargetInput the bridge takes. Validation reuses the zod schemas of src/shared, with messages
// for the fields a person types numbers or URLs into.
import { targetInputSchema, type Policy, type TargetInput } from "../../shared/domain";
import type { TargetView } from "../../shared/ipc-contract";
import { bindingChange, jamfSecretBinding, reenterSecretMessage, type JamfAuthIdentity } from "../../shared/secret-binding";
import { fieldErrors, type FieldErrors } from "./field-errors";

export type AuthKind = "api-client" | "basic";

export interface TargetFormValues {
  name: string;
  jamfUrl: string;
  authKind: AuthKind;
  clientId: string;
  username: string;
  /** "" means the AWS SDK's default credential chain. */
  awsProfile: string;
  awsRegion: string;
  iamUser: string;
  awsEndpointUrl: string;
  maxAgeDays: string;
  warningDays: string;
  graceDays: string;
}

export function emptyTargetValues(): TargetFormValues {
  return {
    name: "",
    jamfUrl: "",
    authKind: "api-client",
    clientId: "",
    username: "",
    awsProfile: "",
    awsRegion: "us-east-1",
    iamUser: "",
    awsEndpointUrl: "",
    maxAgeDays: "",
    warningDays: "",
    graceDays: "",
  };
}

export function valuesFromTarget(target: TargetView): TargetFormValues {
  const auth = target.jamfAuth;
  const days = (n: number | undefined) => (n === undefined ? "" : String(n));
  return {
    name: target.name,
    jamfUrl: target.jamfUrl,
    authKind: auth.kind,
    clientId: auth.kind === "api-client" ? auth.clientId : "",
    username: auth.kind === "basic" ? auth.username : "",
    awsProfile: target.awsProfile ?? "",
    awsRegion: target.awsRegion ?? "us-east-1",
    iamUser: target.iamUser ?? "",
    awsEndpointUrl: target.awsEndpointUrl ?? "",
    maxAgeDays: days(target.policy?.maxAgeDays),
    warningDays: days(target.policy?.warningDays),
    graceDays: days(target.policy?.graceDays),
  };
}

function optionalText(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === "" ? undefined : trimmed;
}

function optionalDays(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === "" ? undefined : Number(trimmed);
}

export function toTargetInput(values: TargetFormValues): TargetInput {
  const policy = {
    maxAgeDays: optionalDays(values.maxAgeDays),
    warningDays: optionalDays(values.warningDays),
    graceDays: optionalDays(values.graceDays),
  };
  const hasPolicy = Object.values(policy).some((v) => v !== undefined);
  return {
    name: values.name,
    jamfUrl: values.jamfUrl.trim(),
    jamfAuth: values.authKind === "api-client" ? { kind: "api-client", clientId: values.clientId } : { kind: "basic", username: values.username },
    awsProfile: optionalText(values.awsProfile),
    awsRegion: values.awsRegion.trim() || undefined,
    awsEndpointUrl: optionalText(values.awsEndpointUrl),
    iamUser: optionalText(values.iamUser),
    policy: hasPolicy ? Object.fromEntries(Object.entries(policy).filter(([, v]) => v !== undefined)) : undefined,
  };
}

const FRIENDLY: Record<string, string> = {
  "policy.maxAgeDays": "Whole days from 1 to 3650.",
  "policy.warningDays": "Whole days from 0 to 365.",
  "policy.graceDays": "Whole days from 0 to 365.",
  awsProfile: "Pick a profile from the list.",
};

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

function jamfUrlProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === "") return null; // the schema's own message covers an empty field
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return "Enter the full address, such as https://example.jamfcloud.com.";
  }
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOOPBACK.has(url.hostname)) return null;
  return "Use an https:// address (plain http only works for a test server on this Mac).";
}

export interface TargetValidation {
  input: TargetInput | null;
  errors: FieldErrors;
}

export interface SecretRule {
  /** A secret must be typed: new target, no stored secret, or a different auth kind. */
  required: boolean;
  secret: string;
  authKind: AuthKind;
  /** Why it must be typed when a secret is stored (e.g. "Enter the client secret again for the new address."). */
  requiredBecause?: string;
}

export function secretLabel(kind: AuthKind): string {
  return kind === "api-client" ? "Client secret" : "Password";
}

export function validateTarget(values: TargetFormValues, secretRule: SecretRule, defaults: Policy): TargetValidation {
  const raw = toTargetInput(values);
  const parsed = targetInputSchema.safeParse(raw);
  const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error, FRIENDLY);
  const urlProblem = jamfUrlProblem(values.jamfUrl);
  if (urlProblem && !errors.jamfUrl) errors.jamfUrl = urlProblem;
  if (secretRule.required && secretRule.secret === "") {
    errors.secret =
      secretRule.requiredBecause ?? (secretRule.authKind === "api-client" ? "Enter the API client secret." : "Enter the Jamf Pro password.");
  }
  const maxAge = optionalDays(values.maxAgeDays) ?? defaults.maxAgeDays;
  const warning = optionalDays(values.warningDays) ?? defaults.warningDays;
  const comparable = !errors["policy.maxAgeDays"] && !errors["policy.warningDays"];
  if (comparable && Number.isInteger(maxAge) && Number.isInteger(warning) && warning >= maxAge) {
    errors["policy.warningDays"] = `Must be less than the max age (${maxAge}).`;
  }
  const ok = parsed.success && Object.keys(errors).length === 0;
  return { input: ok ? parsed.data : null, errors };
}

/**
 * Whether the stored secret may stay as it is: the core refuses to send it to another origin or
 * identity (src/core/store/secret-binding-store.ts), so the form asks for it first, in the same words.
 */
export function storedSecretChange(target: TargetView | null, values: TargetFormValues): { usable: boolean; reenter: string | null } {
  if (!target || !target.hasSecret) return { usable: false, reenter: null };
  const wanted: JamfAuthIdentity =
    values.authKind === "api-client" ? { kind: "api-client", clientId: values.clientId } : { kind: "basic", username: values.username };
  const change = bindingChange(jamfSecretBinding(target), jamfSecretBinding({ jamfUrl: values.jamfUrl.trim(), jamfAuth: wanted }));
  return change === null ? { usable: true, reenter: null } : { usable: false, reenter: reenterSecretMessage(values.authKind, change) };
}
