// What an IAM/STS/S3 action handler receives: the state, who is calling, and a way to check the
// caller's policy for one action on one resource.
import type { AwsState, Principal } from "./aws-state";
import type { CredentialScope } from "./sigv4";
import { accessDenied, decide } from "./policy";

export interface ActionContext {
  state: AwsState;
  principal: Principal;
  scope: CredentialScope;
  /** Throws AccessDenied unless the caller's policy allows `action` (e.g. "iam:CreateAccessKey"). */
  authorize(action: string, resource: string): void;
}

export function actionContext(state: AwsState, principal: Principal, scope: CredentialScope): ActionContext {
  return {
    state,
    principal,
    scope,
    authorize(action, resource) {
      const policy = state.policyOf(principal);
      const decision = decide(policy.allowed, policy.denied, action);
      if (decision !== "allow") throw accessDenied(state.principalArn(principal), action, resource, decision);
    },
  };
}
