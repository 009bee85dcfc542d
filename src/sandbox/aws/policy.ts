// The sandbox's identity-based policy model: per identity, a set of allowed action patterns and a
// set of explicitly denied ones. Explicit deny wins, as in IAM.
import { AwsFault } from "./aws-fault";

/** "iam:CreateAccessKey", "s3:*", "iam:Get*", "*" — IAM action names compare case-insensitively. */
export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === "*") return true;
  const regex = new RegExp(
    "^" +
      pattern
        .split("*")
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*") +
      "$",
    "i",
  );
  return regex.test(action);
}

export type Decision = "allow" | "implicit-deny" | "explicit-deny";

export function decide(allowed: Iterable<string>, denied: Iterable<string>, action: string): Decision {
  for (const pattern of denied) if (actionMatches(pattern, action)) return "explicit-deny";
  for (const pattern of allowed) if (actionMatches(pattern, action)) return "allow";
  return "implicit-deny";
}

/** AWS's AccessDenied wording, which clients parse for the action and resource refused. */
export function accessDenied(callerArn: string, action: string, resource: string, decision: Exclude<Decision, "allow">): AwsFault {
  const why =
    decision === "explicit-deny"
      ? "with an explicit deny in an identity-based policy"
      : `because no identity-based policy allows the ${action} action`;
  return new AwsFault("AccessDenied", 403, `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource} ${why}`);
}
