// STS: who am I (no permission needed), and AssumeRole with the sandbox's trust and MFA model.
import type { ActionContext } from "./action-context";
import type { QueryActionHandler } from "./iam-actions";
import { AwsFault, validationError } from "./aws-fault";
import { SANDBOX_MFA_CODE } from "./aws-peer-types";
import { checkPattern, optionalParam, requiredParam, ROLE_SESSION_NAME_PATTERN } from "./query-protocol";

function roleNameFromArn(ctx: ActionContext, roleArn: string): string | null {
  const match = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/.exec(roleArn);
  if (!match || match[1] !== ctx.state.accountId) return null;
  return match[2] ?? null;
}

export const stsActions: Record<string, QueryActionHandler> = {
  GetCallerIdentity(ctx) {
    const principal = ctx.principal;
    const userId = principal.kind === "user" ? principal.userId : `${principal.roleId}:${principal.sessionName}`;
    return { UserId: userId, Account: ctx.state.accountId, Arn: ctx.state.principalArn(principal) };
  },

  AssumeRole(ctx, params) {
    const roleArn = requiredParam(params, "RoleArn");
    if (roleArn.length < 20) throw validationError(`1 validation error detected: Value '${roleArn}' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20`);
    const sessionName = checkPattern(
      requiredParam(params, "RoleSessionName"),
      "RoleSessionName",
      ROLE_SESSION_NAME_PATTERN,
      "Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
    const durationText = optionalParam(params, "DurationSeconds") ?? "3600";
    const duration = Number(durationText);
    if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
      throw validationError(`1 validation error detected: Value '${durationText}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`);
    }
    const serial = optionalParam(params, "SerialNumber");
    const tokenCode = optionalParam(params, "TokenCode");
    if (tokenCode !== undefined && !/^\d{6}$/.test(tokenCode)) {
      throw validationError(`1 validation error detected: Value at 'tokenCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]*`);
    }

    const callerArn = ctx.state.principalArn(ctx.principal);
    const refuse = (message?: string) =>
      new AwsFault("AccessDenied", 403, message ?? `User: ${callerArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);

    const roleName = roleNameFromArn(ctx, roleArn);
    const role = roleName ? ctx.state.findRole(roleName) : undefined;
    if (!role || ctx.principal.kind !== "user") throw refuse();
    const caller = ctx.principal.userName;
    if (!role.trustedUsers.includes("*") && !role.trustedUsers.includes(caller)) throw refuse();
    if (role.requireMfa) {
      // The role's trust policy has a condition on aws:MultiFactorAuthPresent.
      if (serial === undefined || tokenCode === undefined) throw refuse();
      if (serial !== ctx.state.mfaSerial(caller)) {
        throw refuse("MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.");
      }
      if (tokenCode !== SANDBOX_MFA_CODE) throw refuse("MultiFactorAuthentication failed with invalid MFA one time pass code. ");
    }
    if (duration > role.maxSessionDurationSeconds) {
      throw validationError("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }
    const session = ctx.state.createSession(role, sessionName, caller, duration);
    return {
      Credentials: {
        AccessKeyId: session.accessKeyId,
        SecretAccessKey: session.secretAccessKey,
        SessionToken: session.sessionToken,
        Expiration: session.expiration,
      },
      AssumedRoleUser: {
        AssumedRoleId: `${role.roleId}:${sessionName}`,
        Arn: `arn:aws:sts::${ctx.state.accountId}:assumed-role/${role.roleName}/${sessionName}`,
      },
    };
  },
};
