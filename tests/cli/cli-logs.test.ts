// The CLI leaves its lines in the same log folder as the app (cli-<day>.log), through the real
// binary: a whole sandbox rotation is logged without a secret, --help writes nothing, and a
// failure is logged with its code.
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { CliWorld } from "./cli-harness";

describe("cdp-key-rotator logs", () => {
  let world: CliWorld;
  // No Secret Service at all: --no-keychain keeps the run away from any Keychain.
  let env: Record<string, string>;
  const logs = () => join(world.home, "Logs");
  const logText = async () => {
    const files = (await readdir(logs()).catch(() => [])).filter((name) => /^cli-\d{4}-\d{2}-\d{2}\.log$/.test(name));
    return (await Promise.all(files.map((name) => readFile(join(logs(), name), "utf8")))).join("");
  };

  before(async () => {
    world = await CliWorld.start();
    env = { DBUS_SESSION_BUS_ADDRESS: "unix:path=/nonexistent/bus" };
  });
  after(async () => {
    await world.stop();
  });

  it("writes nothing for --help", async () => {
    const result = await world.run(["rotate", "--help"], { env });
    assert.equal(result.code, 0);
    assert.equal(await logText(), "");
  });

  it("logs a rotation's command and outcome, with no secret in the log folder", async () => {
    const { sandbox } = world;
    const added = await world.run(["targets", "add", "--no-keychain", "--name", "Mem", "--jamf-url", sandbox.jamf.url, "--jamf-client-id", sandbox.jamfClient.clientId], { env });
    assert.equal(added.code, 0, added.stderr);
    const rotated = await world.run(["rotate", "--no-keychain", "--yes", "--delete-old", "now"], { env });
    assert.equal(rotated.code, 0, rotated.stdout + rotated.stderr);
    const text = await logText();
    assert.match(text, /INFO \[cli \d+\] Command started\. \{"command":"targets add"\}/);
    assert.match(text, /INFO \[cli \d+\] Command started\. \{"command":"rotate"\}\n/);
    assert.match(text, /INFO \[cli \d+\] Command finished\. \{"command":"rotate","exitCode":0\}\n/);
    // The new key is now in Jamf Pro: neither it nor any other known secret is in any file.
    await world.assertNoLeaks([sandbox.jamf.control.getCdp().password]);
  });

  it("logs a failed command with its code", async () => {
    const result = await world.run(["status", "--no-keychain", "--target", "Nope"], { env });
    assert.notEqual(result.code, 0);
    assert.match(await logText(), /ERROR \[cli \d+\] Command failed\. \{"code":"TARGET_NOT_FOUND","message":"[^\n]*Nope/);
  });
});
