// The IAM actions a key rotation needs, answering what IAM answers (including its limits and
// error wording).
import type { ActionContext } from "./action-context";
import type { KeyRecord, UserRecord } from "./aws-state";
import { AwsFault, noSuchEntity, validationError } from "./aws-fault";
import { ACCESS_KEY_ID_PATTERN, checkPattern, optionalParam, requiredParam, USER_NAME_PATTERN } from "./query-protocol";
import type { XmlValue } from "./xml";

export type QueryResult = { [name: string]: XmlValue } | null;
export type QueryActionHandler = (ctx: ActionContext, params: URLSearchParams) => QueryResult;

const USER_NAME_CONSTRAINT = "Member must satisfy regular expression pattern: [\\w+=,.@-]+";
const KEY_ID_CONSTRAINT = "Member must satisfy regular expression pattern: [\\w]+";

function userNameParam(params: URLSearchParams, name = "UserName"): string | undefined {
  const value = optionalParam(params, name);
  return value === undefined ? undefined : checkPattern(value, name, USER_NAME_PATTERN, USER_NAME_CONSTRAINT);
}

/** Actions on "your own" user default to the caller, which only works for user credentials. */
function targetUser(ctx: ActionContext, given: string | undefined): string {
  if (given !== undefined) return given;
  if (ctx.principal.kind === "user") return ctx.principal.userName;
  throw validationError("Must specify userName when calling with non-User credentials");
}

function existingUser(ctx: ActionContext, userName: string): UserRecord {
  const user = ctx.state.getUser(userName);
  if (!user) throw noSuchEntity(`The user with name ${userName} cannot be found.`);
  return user;
}

function keyOfUser(ctx: ActionContext, userName: string, accessKeyId: string): KeyRecord {
  existingUser(ctx, userName);
  const key = ctx.state.findKey(accessKeyId);
  if (!key || key.userName !== userName) throw noSuchEntity(`The Access Key with id ${accessKeyId} cannot be found.`);
  return key;
}

function userXml(ctx: ActionContext, user: UserRecord): { [name: string]: XmlValue } {
  return { Path: "/", UserName: user.userName, UserId: user.userId, Arn: ctx.state.userArn(user.userName), CreateDate: user.createDate };
}

const resourceOfUser = (userName: string) => `user ${userName}`;

export const iamActions: Record<string, QueryActionHandler> = {
  CreateUser(ctx, params) {
    const userName = checkPattern(requiredParam(params, "UserName"), "UserName", USER_NAME_PATTERN, USER_NAME_CONSTRAINT);
    ctx.authorize("iam:CreateUser", resourceOfUser(userName));
    if (ctx.state.getUser(userName)) throw new AwsFault("EntityAlreadyExists", 409, `User with name ${userName} already exists.`);
    return { User: userXml(ctx, ctx.state.addUser(userName)) };
  },

  GetUser(ctx, params) {
    const userName = targetUser(ctx, userNameParam(params));
    ctx.authorize("iam:GetUser", resourceOfUser(userName));
    return { User: userXml(ctx, existingUser(ctx, userName)) };
  },

  ListUsers(ctx) {
    ctx.authorize("iam:ListUsers", `arn:aws:iam::${ctx.state.accountId}:user/`);
    return { Users: ctx.state.allUsers().map((user) => userXml(ctx, user)), IsTruncated: false };
  },

  ListAccessKeys(ctx, params) {
    const userName = targetUser(ctx, userNameParam(params));
    ctx.authorize("iam:ListAccessKeys", resourceOfUser(userName));
    existingUser(ctx, userName);
    return {
      AccessKeyMetadata: ctx.state.keysOf(userName).map((key) => ({
        UserName: key.userName,
        AccessKeyId: key.accessKeyId,
        Status: key.status,
        CreateDate: key.createDate,
      })),
      IsTruncated: false,
    };
  },

  CreateAccessKey(ctx, params) {
    const userName = targetUser(ctx, userNameParam(params));
    ctx.authorize("iam:CreateAccessKey", resourceOfUser(userName));
    existingUser(ctx, userName);
    const key = ctx.state.createKey(userName, { propagated: false });
    return {
      AccessKey: {
        UserName: key.userName,
        AccessKeyId: key.accessKeyId,
        Status: key.status,
        SecretAccessKey: key.secretAccessKey,
        CreateDate: key.createDate,
      },
    };
  },

  UpdateAccessKey(ctx, params) {
    const accessKeyId = checkPattern(requiredParam(params, "AccessKeyId"), "AccessKeyId", ACCESS_KEY_ID_PATTERN, KEY_ID_CONSTRAINT);
    const status = requiredParam(params, "Status");
    if (status !== "Active" && status !== "Inactive") {
      throw validationError(
        `1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`,
      );
    }
    const userName = targetUser(ctx, userNameParam(params));
    ctx.authorize("iam:UpdateAccessKey", resourceOfUser(userName));
    keyOfUser(ctx, userName, accessKeyId).status = status;
    return null;
  },

  DeleteAccessKey(ctx, params) {
    const accessKeyId = checkPattern(requiredParam(params, "AccessKeyId"), "AccessKeyId", ACCESS_KEY_ID_PATTERN, KEY_ID_CONSTRAINT);
    const userName = targetUser(ctx, userNameParam(params));
    ctx.authorize("iam:DeleteAccessKey", resourceOfUser(userName));
    keyOfUser(ctx, userName, accessKeyId);
    ctx.state.deleteKey(accessKeyId);
    return null;
  },

  /** Answers for any user's key: that is how the owner of Jamf Pro's key id is discovered. */
  GetAccessKeyLastUsed(ctx, params) {
    const accessKeyId = checkPattern(requiredParam(params, "AccessKeyId"), "AccessKeyId", ACCESS_KEY_ID_PATTERN, KEY_ID_CONSTRAINT);
    const key = ctx.state.findKey(accessKeyId);
    ctx.authorize("iam:GetAccessKeyLastUsed", key ? resourceOfUser(key.userName) : `access key ${accessKeyId}`);
    if (!key) throw noSuchEntity(`The Access Key with id ${accessKeyId} cannot be found.`);
    return {
      UserName: key.userName,
      AccessKeyLastUsed: key.lastUsed
        ? { LastUsedDate: key.lastUsed.date, ServiceName: key.lastUsed.service, Region: key.lastUsed.region }
        : { ServiceName: "N/A", Region: "N/A" },
    };
  },
};
