// Where AwsIamClient gets the admin identity when no static keys are given: the SDK's standard
// chain over real shared config/credentials files (profiles, assume-role with MFA through a
// Prompter, SSO), environment credentials and the standard endpoint overrides.
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { AwsIamClient } from "../../src/core/aws/aws-iam-client";
import type { AwsIamClientOptions } from "../../src/core/aws/aws-iam-client";
import { listAwsProfiles } from "../../src/core/aws/aws-profiles";
import type { Prompter } from "../../src/core/ports";
import { closedPort, failsWith } from "./support/assertions";
import { isolateAwsEnv, type IsolatedAwsEnv } from "./support/aws-env";
import { startAwsPeer } from "../../src/sandbox/aws/aws-peer";
import type { AwsPeer } from "../../src/sandbox/aws/aws-peer-types";
import { SANDBOX_MFA_CODE } from "../../src/sandbox/aws/aws-peer-types";
import { seedCdpAccount } from "../../src/sandbox/aws/aws-seed";
import type { IssuedKey } from "../../src/sandbox/sandbox-types";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

class ScriptedPrompter implements Prompter {
  readonly asked: string[] = [];
  constructor(private readonly answer: () => string) {}
  async mfaCode(serial: string): Promise<string> {
    this.asked.push(serial);
    return this.answer();
  }
}

describe("AwsIamClient credentials and endpoints from the environment", () => {
  let peer: AwsPeer;
  let admin: IssuedKey;
  let home: string;
  let awsEnv: IsolatedAwsEnv;
  const clients: AwsIamClient[] = [];
  const client = (options: Partial<AwsIamClientOptions>, prompter?: Prompter) => {
    const made = new AwsIamClient({ region: "eu-west-1", ...options }, prompter ? { prompter } : {});
    clients.push(made);
    return made;
  };
  const configFile = () => join(home, "aws-config");
  const credentialsFile = () => join(home, "aws-credentials");

  before(async () => {
    peer = await startAwsPeer();
  });
  after(async () => {
    await peer.stop();
  });
  beforeEach(async () => {
    peer.control.reset();
    ({ admin } = seedCdpAccount(peer.control));
    // A private HOME and no inherited AWS settings: the developer's own ~/.aws never leaks in.
    awsEnv = await isolateAwsEnv("cdp-aws-home-");
    home = awsEnv.home;
    process.env.AWS_EC2_METADATA_DISABLED = "true";
  });
  afterEach(async () => {
    for (const made of clients.splice(0)) made.destroy();
    await awsEnv.restore();
  });

  it("uses a named profile's keys from the shared credentials file", async () => {
    await writeFile(credentialsFile(), `[rotation-admin]\naws_access_key_id = ${admin.accessKeyId}\naws_secret_access_key = ${admin.secretAccessKey}\n`);
    await writeFile(configFile(), "[profile rotation-admin]\nregion = eu-west-1\n");
    const aws = client({ profile: "rotation-admin", endpointUrl: peer.url });
    assert.equal((await aws.getAdminIdentity()).arn, "arn:aws:iam::123456789012:user/cdp-admin");
    assert.equal((await aws.listAccessKeys("jamf-cdp")).length, 1);
  });

  it("uses AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY when no profile is named", async () => {
    process.env.AWS_ACCESS_KEY_ID = admin.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = admin.secretAccessKey;
    assert.equal((await client({ endpointUrl: peer.url }).getAdminIdentity()).arn, "arn:aws:iam::123456789012:user/cdp-admin");
  });

  it("assumes a role whose profile has mfa_serial, asking the Prompter once for the code", async () => {
    peer.control.createUser("alice");
    const alice = peer.control.issueKey("alice");
    peer.control.createRole({ roleName: "key-rotator", trustedUsers: ["alice"], requireMfa: true, actions: ["iam:ListAccessKeys", "iam:GetAccessKeyLastUsed"] });
    const serial = peer.control.mfaSerial("alice");
    await writeFile(credentialsFile(), `[alice]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n`);
    await writeFile(
      configFile(),
      `[profile rotator]\nrole_arn = arn:aws:iam::123456789012:role/key-rotator\nsource_profile = alice\nmfa_serial = ${serial}\nrole_session_name = cdp-key-rotator\n`,
    );
    const prompter = new ScriptedPrompter(() => SANDBOX_MFA_CODE);
    const aws = client({ profile: "rotator", endpointUrl: peer.url }, prompter);
    assert.equal((await aws.getAdminIdentity()).arn, "arn:aws:sts::123456789012:assumed-role/key-rotator/cdp-key-rotator");
    assert.equal((await aws.listAccessKeys("jamf-cdp")).length, 1);
    assert.deepEqual(prompter.asked, [serial], "one code for the whole session, for IAM and STS alike");
    // The role may list but not create: AccessDenied names the assumed role.
    const denied = await failsWith(aws.createAccessKey("jamf-cdp"), "AWS_ACCESS_DENIED");
    assert.match(denied.message, /assumed-role\/key-rotator\/cdp-key-rotator/);

    const wrong = await failsWith(client({ profile: "rotator", endpointUrl: peer.url }, new ScriptedPrompter(() => "000000")).getAdminIdentity(), "AWS_MFA_REQUIRED");
    assert.match(wrong.message, /did not accept the MFA code/);
    const cancelled = new ScriptedPrompter(() => {
      throw new Error("cancelled");
    });
    await failsWith(client({ profile: "rotator", endpointUrl: peer.url }, cancelled).getAdminIdentity(), "AWS_MFA_REQUIRED");
    await failsWith(client({ profile: "rotator", endpointUrl: peer.url }, new ScriptedPrompter(() => "12ab")).getAdminIdentity(), "AWS_MFA_REQUIRED");
    const noPrompter = await failsWith(client({ profile: "rotator", endpointUrl: peer.url }).getAdminIdentity(), "AWS_MFA_REQUIRED");
    assert.match(noPrompter.message, /needs an MFA code/);
  });

  it("AWS_NO_CREDENTIALS names the missing profile; none at all says how to configure", async () => {
    await writeFile(configFile(), "[default]\nregion = us-east-1\n");
    const missing = await failsWith(client({ profile: "does-not-exist", endpointUrl: peer.url }).getAdminIdentity(), "AWS_NO_CREDENTIALS");
    assert.match(missing.message, /"does-not-exist"/);
    assert.match(missing.action ?? "", /aws configure --profile does-not-exist/);
    const none = await failsWith(client({ endpointUrl: peer.url }).listAccessKeys("jamf-cdp"), "AWS_NO_CREDENTIALS");
    assert.match(none.action ?? "", /aws configure/);
  });

  it("an expired SSO session says to sign in with IAM Identity Center for that profile", async () => {
    const startUrl = "https://example.awsapps.com/start";
    await writeFile(
      configFile(),
      [
        "[profile legacy-sso]",
        `sso_start_url = ${startUrl}`,
        "sso_region = us-east-1",
        "sso_account_id = 123456789012",
        "sso_role_name = KeyRotation",
        "",
        "[profile modern-sso]",
        "sso_session = corp",
        "sso_account_id = 123456789012",
        "sso_role_name = KeyRotation",
        "",
        "[sso-session corp]",
        `sso_start_url = ${startUrl}`,
        "sso_region = us-east-1",
        "",
      ].join("\n"),
    );
    const cache = join(home, ".aws", "sso", "cache");
    await mkdir(cache, { recursive: true });
    const expired = { accessToken: "expired-token-value", expiresAt: "2020-01-01T00:00:00Z", region: "us-east-1", startUrl };
    const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");
    await writeFile(join(cache, `${sha1(startUrl)}.json`), JSON.stringify(expired));
    await writeFile(join(cache, `${sha1("corp")}.json`), JSON.stringify(expired));

    const legacy = await failsWith(client({ profile: "legacy-sso", endpointUrl: peer.url }).getAdminIdentity(), "AWS_SSO_SIGN_IN_REQUIRED");
    assert.match(legacy.message, /sign-in for AWS profile "legacy-sso" is missing or has expired/);
    assert.match(legacy.action ?? "", /cdp-key-rotator login --profile legacy-sso/);
    const modern = await failsWith(client({ profile: "modern-sso", endpointUrl: peer.url }).getAdminIdentity(), "AWS_SSO_SIGN_IN_REQUIRED");
    assert.match(modern.action ?? "", /Sign in with IAM Identity Center .*cdp-key-rotator login --profile modern-sso/);
    assert.equal(JSON.stringify(modern.toData()).includes("expired-token-value"), false);
  });

  it("honours AWS_ENDPOINT_URL_IAM and AWS_ENDPOINT_URL_STS", async () => {
    process.env.AWS_ENDPOINT_URL_IAM = peer.url;
    process.env.AWS_ENDPOINT_URL_STS = peer.url;
    const aws = client({ staticCredentials: admin });
    assert.equal((await aws.listAccessKeys("jamf-cdp")).length, 1);
    assert.equal((await aws.getAdminIdentity()).account, "123456789012");
    assert.deepEqual(
      peer.control.requests().map((entry) => entry.action),
      ["iam:ListAccessKeys", "sts:GetCallerIdentity"],
    );
  });

  it("honours AWS_ENDPOINT_URL, also for assume-role profiles through the SDK's own role assumer", async () => {
    process.env.AWS_ENDPOINT_URL = peer.url;
    peer.control.createRole({ roleName: "plain-role", trustedUsers: ["cdp-admin"], actions: ["iam:*"] });
    await writeFile(credentialsFile(), `[base]\naws_access_key_id = ${admin.accessKeyId}\naws_secret_access_key = ${admin.secretAccessKey}\n`);
    await writeFile(configFile(), "[profile via-role]\nrole_arn = arn:aws:iam::123456789012:role/plain-role\nsource_profile = base\nrole_session_name = env-endpoint\n");
    const aws = client({ profile: "via-role" });
    assert.equal((await aws.getAdminIdentity()).arn, "arn:aws:sts::123456789012:assumed-role/plain-role/env-endpoint");
    assert.equal((await aws.probeKey(admin)).arn, "arn:aws:iam::123456789012:user/cdp-admin");
  });

  it("an explicit endpoint URL wins over the environment", async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`;
    process.env.AWS_ENDPOINT_URL = dead;
    process.env.AWS_ENDPOINT_URL_IAM = dead;
    process.env.AWS_ENDPOINT_URL_STS = dead;
    const aws = client({ staticCredentials: admin, endpointUrl: peer.url });
    assert.equal((await aws.listAccessKeys("jamf-cdp")).length, 1);
    assert.equal((await aws.probeKey(admin)).account, "123456789012");
    // And the environment really was in force: without the explicit URL the dead endpoint is used.
    await failsWith(client({ staticCredentials: admin, maxAttempts: 1 }).listAccessKeys("jamf-cdp"), "NETWORK");
  });

  it("lists profile names from the files AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name", async () => {
    await writeFile(
      configFile(),
      "[default]\nregion = us-east-1\n\n[profile rotator]\nrole_arn = x\n\n[sso-session corp]\nsso_region = us-east-1\n\n[profile  spaced ] # comment\n[services local]\n",
    );
    await writeFile(credentialsFile(), "[default]\naws_access_key_id = A\n[alice]\naws_access_key_id = B\n");
    assert.deepEqual(await listAwsProfiles(process.env), ["default", "alice", "rotator", "spaced"]);
    assert.deepEqual(await listAwsProfiles({ HOME: home, AWS_CONFIG_FILE: join(home, "none"), AWS_SHARED_CREDENTIALS_FILE: join(home, "none2") }), []);
    // Without the variables, ~/.aws under HOME is read.
    await mkdir(join(home, ".aws"));
    await writeFile(join(home, ".aws", "config"), "[profile from-home]\n");
    assert.deepEqual(await listAwsProfiles({ HOME: home }), ["from-home"]);
  });
});
