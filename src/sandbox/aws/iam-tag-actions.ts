// IAM user tags (TagUser, UntagUser, ListUserTags): what the IAM console's access key
// "description" is made of (a tag whose key is the access key id). Same limits and wording as IAM.
import type { ActionContext } from "./action-context";
import { AwsFault, noSuchEntity, validationError } from "./aws-fault";
import type { QueryActionHandler } from "./iam-actions";
import { checkPattern, requiredParam, USER_NAME_PATTERN } from "./query-protocol";

export const TAGS_PER_USER = 50;
const TAG_KEY_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;
const USER_NAME_CONSTRAINT = "Member must satisfy regular expression pattern: [\\w+=,.@-]+";

function userOf(ctx: ActionContext, params: URLSearchParams, action: string): string {
  const userName = checkPattern(requiredParam(params, "UserName"), "UserName", USER_NAME_PATTERN, USER_NAME_CONSTRAINT);
  ctx.authorize(action, `user ${userName}`);
  if (!ctx.state.getUser(userName)) throw noSuchEntity(`The user with name ${userName} cannot be found.`);
  return userName;
}

/** `Tags.member.N.Key` / `.Value` (or `TagKeys.member.N`) in order of N. */
function members(params: URLSearchParams, prefix: string): Map<number, Map<string, string>> {
  const found = new Map<number, Map<string, string>>();
  for (const [name, value] of params) {
    const match = new RegExp(`^${prefix}\\.member\\.(\\d+)(?:\\.(\\w+))?$`).exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    const fields = found.get(index) ?? new Map<string, string>();
    fields.set(match[2] ?? "", value);
    found.set(index, fields);
  }
  return new Map([...found.entries()].sort((a, b) => a[0] - b[0]));
}

function checkKey(key: string, member: string): string {
  if (!TAG_KEY_PATTERN.test(key)) {
    throw validationError(
      `1 validation error detected: Value '${key}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+ and length 1-128`,
    );
  }
  return key;
}

export const iamTagActions: Record<string, QueryActionHandler> = {
  TagUser(ctx, params) {
    const userName = userOf(ctx, params, "iam:TagUser");
    const tags = [...members(params, "Tags").entries()].map(([index, fields]) => {
      const key = checkKey(fields.get("Key") ?? "", `tags.${index}.member.key`);
      const value = fields.get("Value") ?? "";
      if (!TAG_VALUE_PATTERN.test(value)) {
        throw validationError(
          `1 validation error detected: Value '${value}' at 'tags.${index}.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]* and length 0-256`,
        );
      }
      return { key, value };
    });
    if (tags.length === 0) throw validationError("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
    const existing = ctx.state.userTags(userName);
    const after = new Map(existing);
    for (const tag of tags) after.set(tag.key, tag.value);
    if (after.size > TAGS_PER_USER) throw new AwsFault("LimitExceeded", 409, `Cannot exceed quota for TagsPerUser: ${TAGS_PER_USER}`);
    ctx.state.setUserTags(userName, after);
    return null;
  },

  UntagUser(ctx, params) {
    const userName = userOf(ctx, params, "iam:UntagUser");
    const keys = [...members(params, "TagKeys").entries()].map(([index, fields]) => checkKey(fields.get("") ?? "", `tagKeys.${index}.member`));
    if (keys.length === 0) throw validationError("1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
    const after = new Map(ctx.state.userTags(userName));
    for (const key of keys) after.delete(key);
    ctx.state.setUserTags(userName, after);
    return null;
  },

  ListUserTags(ctx, params) {
    const userName = userOf(ctx, params, "iam:ListUserTags");
    return { Tags: [...ctx.state.userTags(userName)].map(([Key, Value]) => ({ Key, Value })), IsTruncated: false };
  },
};
