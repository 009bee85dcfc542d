// The app's environment on a Mac: opened from Finder it has launchd's PATH and no AWS_* variables.
// credential_process helpers are found (or named, with the fix), the login shell's PATH is adopted,
// and with no credentials at all the chain fails at once instead of waiting on EC2 metadata.
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { adoptLoginShellPath } from "../../src/core/app/login-shell-path";
import { AwsIamClient } from "../../src/core/aws/aws-iam-client";
import { startAwsPeer } from "../../src/sandbox/aws/aws-peer";
import type { AwsPeer } from "../../src/sandbox/aws/aws-peer-types";
import { seedCdpAccount } from "../../src/sandbox/aws/aws-seed";
import type { IssuedKey } from "../../src/sandbox/sandbox-types";
import { failsWith } from "./support/assertions";
import { isolateAwsEnv, type IsolatedAwsEnv } from "./support/aws-env";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

describe("AWS credentials in the app's (GUI) environment", () => {
  let peer: AwsPeer;
  let admin: IssuedKey;
  let home: string;
  let awsEnv: IsolatedAwsEnv;
  const clients: AwsIamClient[] = [];
  const client = (profile?: string) => {
    const made = new AwsIamClient({ region: "eu-west-1", endpointUrl: peer.url, ...(profile ? { profile } : {}) });
    clients.push(made);
    return made;
  };
  const configFile = () => join(home, "aws-config");

  /** A credential_process helper like aws-vault: prints the Version 1 JSON with the admin's keys. */
  async function writeHelper(dir: string, name: string): Promise<void> {
    await mkdir(dir, { recursive: true });
    const json = JSON.stringify({ Version: 1, AccessKeyId: admin.accessKeyId, SecretAccessKey: admin.secretAccessKey });
    await writeFile(join(dir, name), `#!/bin/sh\ncat <<'EOF'\n${json}\nEOF\n`);
    await chmod(join(dir, name), 0o755);
  }

  before(async () => {
    peer = await startAwsPeer();
  });
  after(async () => {
    await peer.stop();
  });
  beforeEach(async () => {
    peer.control.reset();
    ({ admin } = seedCdpAccount(peer.control));
    awsEnv = await isolateAwsEnv("cdp-gui-env-");
    home = awsEnv.home;
  });
  afterEach(async () => {
    for (const made of clients.splice(0)) made.destroy();
    await awsEnv.restore();
  });

  it("names a credential_process helper that is not on PATH, with the absolute-path fix", async () => {
    await writeFile(configFile(), "[profile vault]\ncredential_process = aws-vault-missing exec acme --json\n\n[profile abs]\ncredential_process = /opt/nowhere/bin/granted-missing\n");
    const missing = await failsWith(client("vault").getAdminIdentity(), "AWS_NO_CREDENTIALS");
    assert.match(missing.message, /credential helper "aws-vault-missing" \(the credential_process of AWS profile "vault" in ~\/\.aws\/config\) could not be found/);
    assert.match(missing.action ?? "", /absolute path in ~\/\.aws\/config, e\.g\. credential_process = \/opt\/homebrew\/bin\/aws-vault-missing/);
    assert.doesNotMatch(missing.message, /check that profile .* exists/);

    const absolute = await failsWith(client("abs").getAdminIdentity(), "AWS_NO_CREDENTIALS");
    assert.match(absolute.message, /credential helper \/opt\/nowhere\/bin\/granted-missing .* does not exist/);
    assert.match(absolute.action ?? "", /command -v granted-missing/);
  });

  it("a helper that fails or prints no credentials is named with what it said", async () => {
    const bin = join(home, "bin");
    await mkdir(bin);
    await writeFile(join(bin, "sso-helper"), "#!/bin/sh\necho 'session expired, run: sso-helper login' >&2\nexit 3\n");
    await writeFile(join(bin, "bad-json"), "#!/bin/sh\necho not-json\n");
    await chmod(join(bin, "sso-helper"), 0o755);
    await chmod(join(bin, "bad-json"), 0o755);
    await writeFile(configFile(), `[profile failing]\ncredential_process = ${join(bin, "sso-helper")}\n\n[profile garbled]\ncredential_process = ${join(bin, "bad-json")}\n`);
    const failing = await failsWith(client("failing").getAdminIdentity(), "AWS_NO_CREDENTIALS");
    assert.match(failing.message, /sso-helper" .* failed: session expired, run: sso-helper login/);
    const garbled = await failsWith(client("garbled").getAdminIdentity(), "AWS_NO_CREDENTIALS");
    assert.match(garbled.message, /ran but did not return usable credentials \(returned invalid JSON\)/);
  });

  it("a real helper on PATH supplies the admin identity", async () => {
    const bin = join(home, "helpers");
    await writeHelper(bin, "fake-vault");
    process.env.PATH = `${bin}:${process.env.PATH ?? ""}`;
    await writeFile(configFile(), "[profile vault]\ncredential_process = fake-vault exec acme --json\n");
    assert.equal((await client("vault").getAdminIdentity()).arn, "arn:aws:iam::123456789012:user/cdp-admin");
    // AWS_PROFILE names it just as well (the profile a CLI user exported).
    process.env.AWS_PROFILE = "vault";
    assert.equal((await client().listAccessKeys("jamf-cdp")).length, 1);
  });

  it("adopting the login shell's PATH makes a Homebrew-style helper work", async () => {
    const brewBin = join(home, "homebrew", "bin");
    await writeHelper(brewBin, "brew-vault");
    await writeFile(configFile(), "[profile vault]\ncredential_process = brew-vault exec acme\n");
    // launchd's PATH: the helper is not on it.
    process.env.PATH = "/usr/bin:/bin:/usr/sbin:/sbin";
    await failsWith(client("vault").getAdminIdentity(), "AWS_NO_CREDENTIALS");

    // The admin's login shell adds Homebrew (a banner printed first, as some profiles do).
    await writeFile(join(home, ".bash_profile"), `echo "Welcome back"\nexport PATH="${brewBin}:$PATH"\n`);
    process.env.SHELL = "/bin/bash";
    assert.equal(await adoptLoginShellPath(process.env), true);
    assert.equal(process.env.PATH?.split(":")[0], brewBin);
    assert.ok(process.env.PATH?.split(":").includes("/usr/sbin"), "the folders the app had are kept");
    assert.equal((await client("vault").getAdminIdentity()).account, "123456789012");
  });

  it("with no credentials at all it fails at once and never asks EC2 instance metadata", async () => {
    let trapped = 0;
    const trap = createServer((request, response) => {
      trapped += 1;
      response.writeHead(500).end();
    });
    await new Promise<void>((resolve) => trap.listen(0, "127.0.0.1", () => resolve()));
    try {
      process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
      process.env.AWS_EC2_METADATA_V1_DISABLED = "true";
      await writeFile(configFile(), "[default]\nregion = eu-west-1\n");

      // The trap works: the SDK's own default chain does go to the metadata service.
      await assert.rejects(fromNodeProviderChain({ maxRetries: 0, timeout: 2_000 })());
      assert.ok(trapped > 0, "the SDK's default chain asks the (trapped) metadata service");
      trapped = 0;

      const none = await failsWith(client().getAdminIdentity(), "AWS_NO_CREDENTIALS");
      assert.match(none.action ?? "", /aws configure/);
      await failsWith(client("default").listAccessKeys("jamf-cdp"), "AWS_NO_CREDENTIALS");
      assert.equal(trapped, 0, "no request reached the metadata service");
      assert.deepEqual(peer.control.requests(), [], "nothing unsigned went to AWS either");
    } finally {
      await new Promise<void>((resolve) => trap.close(() => resolve()));
    }
  });
});
