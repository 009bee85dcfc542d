// The CLI asks for an MFA code on its terminal, in the same words as the app's dialog.
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { mfaQuestion } from "../../src/core/aws/mfa-question";
import { SANDBOX_MFA_CODE, type AwsPeerSandboxControl } from "../../src/sandbox/aws/aws-peer-types";
import { CliWorld, keychainSkipReason } from "./cli-harness";

const skip = await keychainSkipReason();

describe("cdp-key-rotator with an assume-role profile that needs MFA", { skip }, () => {
  let world: CliWorld;
  /** The sandbox world's AWS peer, with its roles and MFA devices. */
  const sandboxControl = () => world.sandbox.aws.control as AwsPeerSandboxControl;
  let env: Record<string, string>;
  beforeEach(async () => {
    world = await CliWorld.start();
    const control = sandboxControl();
    control.createUser("alice");
    const alice = control.issueKey("alice");
    control.createRole({ roleName: "key-rotator", trustedUsers: ["alice"], requireMfa: true, actions: ["iam:*"] });
    env = { AWS_CONFIG_FILE: join(world.home, "aws-config"), AWS_SHARED_CREDENTIALS_FILE: join(world.home, "aws-credentials") };
    await writeFile(env.AWS_SHARED_CREDENTIALS_FILE!, `[alice]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n`);
    await writeFile(
      env.AWS_CONFIG_FILE!,
      `[profile rotator]\nrole_arn = arn:aws:iam::123456789012:role/key-rotator\nsource_profile = alice\nmfa_serial = ${control.mfaSerial("alice")}\nrole_session_name = cdp-cli\n`,
    );
  });
  afterEach(async () => {
    await world.stop();
  });

  it("asks the shared question on stderr, reads the code from stdin, and refuses a wrong one", async () => {
    await world.addTarget("MFA Lab", ["--aws-profile", "rotator", "--iam-user", world.sandbox.cdpUser]);
    const serial = sandboxControl().mfaSerial("alice");
    const running = world.start(["targets", "test", "MFA Lab"], { env, input: null });
    await running.waitFor(/MFA code: $/);
    running.write(`${SANDBOX_MFA_CODE}\n`, true);
    const passed = await running.done;
    assert.equal(passed.code, 0, passed.stdout + passed.stderr);
    assert.ok(passed.stderr.includes(mfaQuestion(serial)), "the app's words, from src/core");
    assert.match(passed.stdout, /All checks passed/);

    const wrong = await world.run(["targets", "test", "MFA Lab"], { env, input: "12ab\n" });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stdout + wrong.stderr, /An MFA code is 6 digits/);
  });
});
