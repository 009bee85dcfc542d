// The AWS peer's IAM user tags, through the real SDK: what TagUser, UntagUser and ListUserTags
// accept and answer, with IAM's limits (value characters and length, 50 tags per user) and policy.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { IAMClient, ListUserTagsCommand, TagUserCommand, UntagUserCommand } from "@aws-sdk/client-iam";
import { startAwsPeer } from "../../src/sandbox/aws/aws-peer";
import type { AwsPeer } from "../../src/sandbox/aws/aws-peer-types";
import { seedCdpAccount, type SeededAwsAccount } from "../../src/sandbox/aws/aws-seed";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

describe("sandbox IAM user tags", () => {
  let peer: AwsPeer;
  let account: SeededAwsAccount;
  let iam: IAMClient;
  before(async () => {
    peer = await startAwsPeer();
    account = seedCdpAccount(peer.control);
    iam = new IAMClient({ region: "us-east-1", endpoint: peer.url, credentials: account.admin, maxAttempts: 1 });
  });
  after(async () => {
    iam.destroy();
    await peer.stop();
  });

  const list = async () => (await iam.send(new ListUserTagsCommand({ UserName: account.cdpUser }))).Tags ?? [];

  it("tags, lists and untags a user, keeping other tags", async () => {
    const key = account.cdpKey.accessKeyId;
    await iam.send(new TagUserCommand({ UserName: account.cdpUser, Tags: [{ Key: key, Value: "Jamf Pro CDP a.example - x" }, { Key: "team", Value: "" }] }));
    assert.deepEqual(await list(), [{ Key: key, Value: "Jamf Pro CDP a.example - x" }, { Key: "team", Value: "" }]);
    await iam.send(new UntagUserCommand({ UserName: account.cdpUser, TagKeys: [key, "not-there"] }));
    assert.deepEqual(await list(), [{ Key: "team", Value: "" }]);
  });

  it("refuses what IAM refuses: characters outside the tag alphabet, values over 256, more than 50 tags, unknown users", async () => {
    const refused = async (input: ConstructorParameters<typeof TagUserCommand>[0], name: string, pattern: RegExp) => {
      await assert.rejects(iam.send(new TagUserCommand(input)), (error: Error) => error.name === name && pattern.test(error.message));
    };
    await refused({ UserName: account.cdpUser, Tags: [{ Key: "k", Value: "a · b" }] }, "ValidationError", /tags\.1\.member\.value/);
    await refused({ UserName: account.cdpUser, Tags: [{ Key: "k", Value: "x".repeat(257) }] }, "ValidationError", /length 0-256/);
    await refused(
      { UserName: account.cdpUser, Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" })) },
      "LimitExceededException",
      /TagsPerUser: 50/,
    );
    await refused({ UserName: "nobody", Tags: [{ Key: "k", Value: "v" }] }, "NoSuchEntityException", /nobody cannot be found/);
  });

  it("evaluates the policy: a denied iam:TagUser is AccessDenied naming the action", async () => {
    peer.control.deny("cdp-admin", "iam:TagUser");
    try {
      await assert.rejects(
        iam.send(new TagUserCommand({ UserName: account.cdpUser, Tags: [{ Key: "k", Value: "v" }] })),
        (error: Error) => /not authorized to perform: iam:TagUser/.test(error.message),
      );
      assert.ok(Array.isArray(await list()), "ListUserTags is still allowed");
    } finally {
      peer.control.clearDenies();
    }
  });
});
