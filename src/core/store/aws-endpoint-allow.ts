// Where a target's AWS endpoint override may point. Requests sent there are signed with the
// admin's AWS keys, and the IAM answer there (CreateAccessKey) is what the app gives Jamf Pro, so
// the override may name only an AWS host (VPC endpoints such as vpce-….iam.us-east-1.vpce.amazonaws.com
// included), loopback (the sandbox), or a host the organization's configuration profile allows
// (AllowedAwsEndpointHosts, e.g. a corporate API gateway). The renderer cannot widen the list.
import { z } from "zod";
import { isLoopbackHost } from "./jamf-url";

/** AWS's own endpoint domains (commercial and GovCloud, China, dual-stack). */
export const AWS_ENDPOINT_DOMAINS = ["amazonaws.com", "amazonaws.com.cn", "api.aws"] as const;

/** The profile key that allows further hosts; named in the refusal so the admin knows what to ask for. */
export const AWS_ENDPOINT_HOSTS_PROFILE_KEY = "AllowedAwsEndpointHosts";

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const HOST_RULE = new RegExp(`^(?:\\*\\.${LABEL}(?:\\.${LABEL})+|${LABEL}(?:\\.${LABEL})*)$`);

/**
 * One allowed host in a profile: an exact host name ("iam-gw.corp.example") or every host under a
 * domain of at least two labels ("*.corp.example"); "*" or "*.com" would allow anything.
 */
export const awsEndpointHostRuleSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(HOST_RULE, "must be a host name such as iam-gw.corp.example or a pattern such as *.corp.example");

/** True when requests for an AWS endpoint at `hostname` may go there. */
export function isAllowedAwsEndpointHost(hostname: string, extra: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (isLoopbackHost(host)) return true;
  if (AWS_ENDPOINT_DOMAINS.some((domain) => host.endsWith(`.${domain}`))) return true;
  return extra.some((entry) => {
    const rule = entry.trim().toLowerCase();
    // "*.corp.example" matches hosts under corp.example, never corp.example itself.
    return rule.startsWith("*.") ? host.endsWith(rule.slice(1)) : host === rule;
  });
}

/** The field problem for a host that is not allowed: what is wrong and what to use instead. */
export function awsEndpointHostProblem(hostname: string, extra: readonly string[]): string {
  const allowed = extra.length > 0 ? `, a host your organization allows (${extra.join(", ")})` : "";
  return (
    `${hostname} is not an AWS address; use an AWS endpoint (*.amazonaws.com, *.amazonaws.com.cn, *.api.aws)${allowed} ` +
    `or a local one such as the sandbox, or leave it empty. To use another host, ask your Mac administrator to add it to ` +
    `${AWS_ENDPOINT_HOSTS_PROFILE_KEY} in the configuration profile`
  );
}
