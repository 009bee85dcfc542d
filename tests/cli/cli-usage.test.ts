// Usage errors (exit 2, no stack trace), --help for every command, NO_COLOR, `policy`, and damaged
// data files reported in words, all through the real binary.
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { COMMANDS } from "../../src/cli/commands";
import { assertNoStack, CliWorld, keychainSkipReason, parseJson } from "./cli-harness";

const skip = await keychainSkipReason();
// eslint-disable-next-line no-control-regex -- matching the ANSI escape is the point
const ANSI = /\u001b\[/;

describe("cdp-key-rotator usage", () => {
  let world: CliWorld;
  before(async () => {
    world = await CliWorld.start();
  });
  after(async () => {
    await world.assertNoLeaks();
    await world.stop();
  });

  const usageErrors: Array<[string, string[], RegExp]> = [
    ["an unknown command", ["rotat"], /Unknown command "rotat"\. Did you mean "rotate"\?/],
    ["an unknown subcommand", ["targets", "ad"], /Unknown command "targets ad"\. Did you mean "targets add"\?/],
    ["a group without subcommand", ["targets"], /"targets" needs a subcommand: add, list, remove, test/],
    ["an unknown flag", ["status", "--jsn"], /Unknown option --jsn\. Did you mean --json\?/],
    ["a missing value", ["status", "--target"], /--target needs a value/],
    ["a bad choice", ["rotate", "--delete-old", "soon"], /--delete-old must be one of now, later/],
    ["a boolean given a value", ["rotate", "--yes=please"], /--yes does not take a value/],
    ["an extra argument", ["status", "extra"], /Unexpected argument: extra/],
    ["a secret on the command line", ["targets", "add", "--name", "x", "--jamf-client-secret", "abc"], /Secrets are never taken from the command line/],
    ["missing required flags", ["targets", "add", "--name", "x"], /Missing --jamf-url URL/],
    ["both auth kinds", ["targets", "add", "--name", "x", "--jamf-url", "https://x.jamfcloud.com", "--jamf-client-id", "a", "--jamf-username", "b"], /either --jamf-client-id or --jamf-username/],
  ];
  for (const [what, args, message] of usageErrors) {
    it(`exits 2 on ${what}, with a message and where to find help`, async () => {
      const result = await world.run(args);
      assert.equal(result.code, 2, result.stdout + result.stderr);
      assert.match(result.stderr, message);
      assert.match(result.stderr, /Run "cdp-key-rotator.* --help" for usage\./);
      assert.equal(result.stdout, "");
      assertNoStack(result);
    });
  }

  it("--no-keychain runs a whole sandbox rotation without any Keychain, and refuses a real server", async () => {
    // No Secret Service reachable at all: nothing may touch it.
    const env = { DBUS_SESSION_BUS_ADDRESS: "unix:path=/nonexistent/bus", CDP_KEY_ROTATOR_HOME: `${world.home}/no-keychain` };
    const { sandbox } = world;
    const added = await world.run(["targets", "add", "--no-keychain", "--name", "Mem", "--jamf-url", sandbox.jamf.url, "--jamf-client-id", sandbox.jamfClient.clientId], { env });
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /without a stored secret \(--no-keychain\): set JAMF_CLIENT_ID and JAMF_CLIENT_SECRET/);
    const rotated = await world.run(["rotate", "--no-keychain", "--yes", "--delete-old", "now"], { env });
    assert.equal(rotated.code, 0, rotated.stdout + rotated.stderr);
    const keys = sandbox.aws.control.listKeys(sandbox.cdpUser);
    assert.equal(keys.length, 1);
    assert.equal(keys[0]?.accessKeyId, sandbox.jamf.control.getCdp().username);

    const real = await world.run(["targets", "add", "--no-keychain", "--name", "Real", "--jamf-url", "https://acme.jamfcloud.com", "--jamf-client-id", sandbox.jamfClient.clientId], { env });
    assert.equal(real.code, 1);
    assert.match(real.stderr, /--no-keychain is for the local sandbox only/);
  });

  it("prints --help for every command and exits 0", async () => {
    const top = await world.run(["--help"]);
    assert.equal(top.code, 0);
    for (const command of COMMANDS) assert.ok(top.stdout.includes(command.path.join(" ")), command.path.join(" "));
    for (const command of COMMANDS) {
      const help = await world.run([...command.path, "--help"]);
      assert.equal(help.code, 0, command.path.join(" "));
      assert.match(help.stdout, new RegExp(`^Usage: cdp-key-rotator ${command.path.join(" ")}`));
      for (const option of Object.keys(command.options)) assert.ok(help.stdout.includes(`--${option}`), `${command.path.join(" ")} --${option}`);
    }
    const version = await world.run(["--version"]);
    assert.match(version.stdout, /^cdp-key-rotator \d+\.\d+\.\d+/);
  });
});

describe("cdp-key-rotator output and data", { skip }, () => {
  let world: CliWorld;
  before(async () => {
    world = await CliWorld.start();
    await world.addTarget("Sandbox");
  });
  after(async () => {
    await world.assertNoLeaks();
    await world.stop();
  });

  it("prints colour only when asked (FORCE_COLOR) and never with NO_COLOR or --no-color", async () => {
    const plain = await world.run(["status"]);
    assert.doesNotMatch(plain.stdout, ANSI, "no colour without a terminal");
    const forced = await world.run(["status"], { env: { FORCE_COLOR: "1" } });
    assert.match(forced.stdout, ANSI);
    const noColor = await world.run(["status"], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } });
    assert.doesNotMatch(noColor.stdout + noColor.stderr, ANSI);
    assert.match(noColor.stdout, /Sandbox\s+due soon/);
    const flag = await world.run(["status", "--no-color"], { env: { FORCE_COLOR: "1" } });
    assert.doesNotMatch(flag.stdout + flag.stderr, ANSI);
    const error = await world.run(["rotate", "--target", "Nope"], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } });
    assert.equal(error.code, 1);
    assert.doesNotMatch(error.stderr, ANSI);
  });

  it("policy prints the least-privilege IAM policy for the discovered IAM user and the Jamf Pro privileges", async () => {
    const result = await world.run(["policy", "--json"]);
    assert.equal(result.code, 0, result.stderr);
    const policy = parseJson<{ iamPolicy: { Statement: Array<{ Action: string[]; Resource: string[] }> }; jamfPrivileges: string[] }>(result);
    const account = world.sandbox.aws.control.accountId;
    const statement = policy.iamPolicy.Statement[0];
    assert.ok(statement?.Resource.includes(`arn:aws:iam::${account}:user/${world.sandbox.cdpUser}`), JSON.stringify(statement));
    for (const action of ["iam:ListAccessKeys", "iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:DeleteAccessKey", "iam:GetAccessKeyLastUsed"]) {
      assert.ok(statement?.Action.includes(action), action);
    }
    assert.deepEqual(policy.jamfPrivileges, ["Read Cloud Distribution Point", "Update Cloud Distribution Point"]);

    const text = await world.run(["policy", "--target", "sandbox"]);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /"Version": "2012-10-17"/);
    assert.match(text.stdout, /- Update Cloud Distribution Point/);
  });

  it("--verbose adds details; a damaged targets file is reported in words with what to do, never a stack", async () => {
    const verbose = await world.run(["status", "--verbose"]);
    assert.match(verbose.stdout, /keys of jamf-cdp/);
    await writeFile(join(world.home, "targets.json"), "{ not json");
    const broken = await world.run(["status"]);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /^Error: .*targets/im);
    assert.match(broken.stderr, /What to do: /);
    assertNoStack(broken);
  });

  it("a damaged audit log line is reported, not passed off as an empty log", async () => {
    const path = join(world.home, "audit.jsonl");
    await writeFile(path, '{"cut short by a crash\n');
    const result = await world.run(["audit"]);
    assert.equal(result.code, 0);
    assert.match(result.stderr, /1 line\(s\) of the audit log .* could not be read .*line 1/);
    assert.doesNotMatch(result.stdout, /empty/);
    assertNoStack(result);
    assert.equal(await readFile(path, "utf8"), '{"cut short by a crash\n', "the file is left as it was");
  });
});
