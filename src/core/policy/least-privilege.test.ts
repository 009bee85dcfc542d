import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../../shared/errors";
import { leastPrivilegeFor } from "./least-privilege";

interface Statement {
  Sid: string;
  Effect: string;
  Action: string[];
  Resource: string[];
}

function parse(json: string): { Version: string; Statement: Statement[] } {
  return JSON.parse(json) as { Version: string; Statement: Statement[] };
}

/** Every (action, resource) pair the policy allows. */
function grants(json: string): string[] {
  const pairs: string[] = [];
  for (const s of parse(json).Statement) {
    assert.equal(s.Effect, "Allow");
    for (const a of s.Action) for (const r of s.Resource) pairs.push(`${a} ${r}`);
  }
  return pairs.sort();
}

const ROTATION_ACTIONS = ["iam:CreateAccessKey", "iam:DeleteAccessKey", "iam:GetAccessKeyLastUsed", "iam:ListAccessKeys", "iam:UpdateAccessKey"];
/** The console's key descriptions: granted in their own statement, optional. */
const DESCRIPTION_ACTIONS = ["iam:ListUserTags", "iam:TagUser", "iam:UntagUser"];
const ALL_ACTIONS = [...ROTATION_ACTIONS, ...DESCRIPTION_ACTIONS];

describe("leastPrivilegeFor", () => {
  it("limits every action to the one IAM user of a known account", () => {
    const result = leastPrivilegeFor({ accountId: "123456789012", iamUser: "jamf-cdp" });
    const policy = parse(result.iamPolicyJson);
    assert.equal(policy.Version, "2012-10-17");
    const expected = ALL_ACTIONS.flatMap((a) => [`${a} arn:aws:iam::123456789012:user/jamf-cdp`, `${a} arn:aws:iam::123456789012:user/*/jamf-cdp`]).sort();
    assert.deepEqual(grants(result.iamPolicyJson), expected);
    assert.deepEqual(result.jamfPrivileges, ["Read Cloud Distribution Point", "Update Cloud Distribution Point"]);
    assert.match(result.note ?? "", /DescribeAccessKeysOptional statement is optional/);
    const optional = policy.Statement.find((s) => s.Sid === "DescribeAccessKeysOptional");
    assert.deepEqual(optional?.Action, ["iam:TagUser", "iam:UntagUser", "iam:ListUserTags"]);
    assert.ok(!result.iamPolicyJson.includes("user/*\""), "no user wildcard when the user is known");
  });

  it("is pretty-printed with two spaces", () => {
    const { iamPolicyJson } = leastPrivilegeFor({ accountId: "123456789012", iamUser: "jamf-cdp" });
    assert.equal(iamPolicyJson, JSON.stringify(JSON.parse(iamPolicyJson), null, 2));
    assert.match(iamPolicyJson, /^\{\n {2}"Version": "2012-10-17",\n {2}"Statement": \[/);
  });

  it("uses * for an unknown account and says so", () => {
    const result = leastPrivilegeFor({ iamUser: "jamf-cdp" });
    assert.ok(grants(result.iamPolicyJson).includes("iam:CreateAccessKey arn:aws:iam::*:user/jamf-cdp"));
    assert.match(result.note ?? "", /account id is not known/);
  });

  it("covers user/* when the IAM user is unknown, so the user can be discovered", () => {
    for (const iamUser of [undefined, null, "", "  "]) {
      const result = leastPrivilegeFor({ accountId: "123456789012", iamUser });
      const all = grants(result.iamPolicyJson);
      assert.deepEqual(all, ALL_ACTIONS.map((a) => `${a} arn:aws:iam::123456789012:user/*`).sort());
      const discover = parse(result.iamPolicyJson).Statement.find((s) => s.Action.includes("iam:GetAccessKeyLastUsed"));
      assert.deepEqual(discover?.Resource, ["arn:aws:iam::123456789012:user/*"]);
      assert.match(result.note ?? "", /GetAccessKeyLastUsed on user\/\*/);
      assert.doesNotMatch(result.note ?? "", /account id is not known/);
    }
  });

  it("never grants more than the five rotation actions and the three optional description actions", () => {
    for (const input of [{}, { iamUser: "u" }, { accountId: "000000000000" }]) {
      const actions = new Set(parse(leastPrivilegeFor(input).iamPolicyJson).Statement.flatMap((s) => s.Action));
      assert.deepEqual([...actions].sort(), [...ALL_ACTIONS].sort());
    }
  });

  it("rejects an account id or user name that cannot be right", () => {
    for (const input of [{ accountId: "12345" }, { accountId: "arn:aws:iam::1" }, { iamUser: "bad user" }, { iamUser: "x".repeat(65) }]) {
      assert.throws(() => leastPrivilegeFor(input), (e: unknown) => e instanceof AppError && e.code === "INVALID_INPUT");
    }
  });
});
