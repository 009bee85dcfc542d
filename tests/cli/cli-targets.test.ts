// `cdp-key-rotator targets add | list | remove | test` through the real binary against the sandbox.
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { secretAccounts } from "../../src/core/store/store-types";
import { assertNoStack, CliWorld, keychainSkipReason, parseJson } from "./cli-harness";

const skip = await keychainSkipReason();

interface ListedTarget {
  id: string;
  name: string;
  jamfUrl: string;
  jamfAuth: { kind: string; clientId?: string };
  iamUser?: string;
  awsProfile?: string;
  policy?: { maxAgeDays?: number };
  hasSecret: boolean;
  secretSource: string;
}

describe("cdp-key-rotator targets", { skip }, () => {
  let world: CliWorld;
  beforeEach(async () => {
    world = await CliWorld.start();
  });
  afterEach(async () => {
    await world.assertNoLeaks();
    await world.stop();
  });

  it("adds a target with the secret from the environment into the Keychain, lists, tests and removes it", async () => {
    const { sandbox } = world;
    const args = ["targets", "add", "--name", "ACME Prod", "--jamf-url", sandbox.jamf.url, "--jamf-client-id", sandbox.jamfClient.clientId, "--iam-user", sandbox.cdpUser, "--max-age-days", "120"];
    assert.ok(!args.includes(sandbox.jamfClient.clientSecret));
    const added = await world.run(args);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /Added "ACME Prod"/);

    const [id] = await world.targetIds();
    assert.ok(id);
    assert.equal(await world.keychain.get(secretAccounts.jamf(id)), sandbox.jamfClient.clientSecret, "the secret is in the Keychain");

    // Without the secret in the environment, the Keychain is the source.
    const noEnvSecret = { JAMF_CLIENT_SECRET: undefined, JAMF_CLIENT_ID: undefined };
    const listed = await world.run(["targets", "list", "--json"], { env: noEnvSecret });
    assert.equal(listed.code, 0, listed.stderr);
    const targets = parseJson<ListedTarget[]>(listed);
    assert.equal(targets.length, 1);
    assert.equal(targets[0]?.name, "ACME Prod");
    assert.equal(targets[0]?.jamfAuth.clientId, sandbox.jamfClient.clientId);
    assert.equal(targets[0]?.iamUser, sandbox.cdpUser);
    assert.equal(targets[0]?.policy?.maxAgeDays, 120);
    assert.equal(targets[0]?.hasSecret, true);
    assert.equal(targets[0]?.secretSource, "keychain");

    const table = await world.run(["targets", "list"], { env: noEnvSecret });
    assert.match(table.stdout, /ACME Prod\s+http:\/\/127\.0\.0\.1:\d+\s+API client/);

    const tested = await world.run(["targets", "test", "ACME Prod"], { env: noEnvSecret });
    assert.equal(tested.code, 0, tested.stdout + tested.stderr);
    assert.match(tested.stdout, /All checks passed/);
    assert.match(tested.stdout, /✓ Jamf Pro's key: .*AKIA…/);

    const removed = await world.run(["targets", "remove", "--target", "acme prod", "--yes"]);
    assert.equal(removed.code, 0, removed.stderr);
    assert.equal(await world.keychain.get(secretAccounts.jamf(id)), null, "the Keychain item is gone");
    const after = parseJson<ListedTarget[]>(await world.run(["targets", "list", "--json"]));
    assert.deepEqual(after, []);
  });

  it("reads the secret from stdin with --secret-stdin, and refuses to add without any secret", async () => {
    const { sandbox } = world;
    const base = ["targets", "add", "--jamf-url", sandbox.jamf.url, "--jamf-client-id", sandbox.jamfClient.clientId];
    const noEnv = { JAMF_CLIENT_SECRET: undefined, JAMF_CLIENT_ID: undefined };

    const missing = await world.run([...base, "--name", "No Secret"], { env: noEnv });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /No Jamf Pro API client secret was given/);
    assert.match(missing.stderr, /What to do: Set JAMF_CLIENT_SECRET/);
    assertNoStack(missing);
    assert.deepEqual(await world.targetIds(), [], "nothing half-added");

    const piped = await world.run([...base, "--name", "Piped", "--secret-stdin", "--test"], { env: noEnv, input: `${sandbox.jamfClient.clientSecret}\n` });
    assert.equal(piped.code, 0, piped.stdout + piped.stderr);
    assert.match(piped.stdout, /All checks passed/);
    const [id] = await world.targetIds();
    assert.ok(id);
    assert.equal(await world.keychain.get(secretAccounts.jamf(id)), sandbox.jamfClient.clientSecret);
  });

  it("explains bad input: a taken name, an invalid URL, a client id that does not match JAMF_CLIENT_ID", async () => {
    await world.addTarget("Lab");
    const { sandbox } = world;
    const again = await world.run(["targets", "add", "--name", "LAB", "--jamf-url", sandbox.jamf.url, "--jamf-client-id", sandbox.jamfClient.clientId]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already set up/);

    const badUrl = await world.run(["targets", "add", "--name", "Bad", "--jamf-url", "not a url", "--jamf-client-id", "x"]);
    assert.equal(badUrl.code, 1);
    assert.match(badUrl.stderr, /jamfUrl/);
    assert.match(badUrl.stderr, /What to do:/);
    assertNoStack(badUrl);

    const otherClient = await world.run(["targets", "add", "--name", "Other", "--jamf-url", sandbox.jamf.url, "--jamf-client-id", "another-client"]);
    assert.equal(otherClient.code, 1);
    assert.match(otherClient.stderr, /JAMF_CLIENT_SECRET is set for JAMF_CLIENT_ID=/);
    assert.equal((await world.targetIds()).length, 1);
  });

  it("takes an AWS endpoint outside AWS only when the organization's profile allows its host", async () => {
    const { sandbox } = world;
    const args = ["targets", "add", "--name", "Gateway", "--jamf-url", sandbox.jamf.url, "--jamf-client-id", sandbox.jamfClient.clientId, "--aws-endpoint-url", "https://iam-gw.corp.invalid"];
    const refused = await world.run(args);
    assert.equal(refused.code, 1, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /iam-gw\.corp\.invalid is not an AWS address.*AllowedAwsEndpointHosts/s);
    assertNoStack(refused);
    assert.deepEqual(await world.targetIds(), [], "nothing was saved");

    const profile = join(world.home, "managed.json");
    await writeFile(profile, JSON.stringify({ AllowedAwsEndpointHosts: ["*.corp.invalid"] }));
    const allowed = await world.run(args, { env: { CDP_KEY_ROTATOR_MANAGED_PREFS: profile } });
    assert.equal(allowed.code, 0, allowed.stdout + allowed.stderr);
    const listed = parseJson<(ListedTarget & { awsEndpointUrl?: string })[]>(await world.run(["targets", "list", "--json"], { env: { CDP_KEY_ROTATOR_MANAGED_PREFS: profile } }));
    assert.equal(listed[0]?.awsEndpointUrl, "https://iam-gw.corp.invalid");
  });

  it("asks which target when several exist, and removing needs a yes", async () => {
    await world.addTarget("One");
    await world.addTarget("Two");
    const ambiguous = await world.run(["targets", "test"]);
    assert.equal(ambiguous.code, 1);
    assert.match(ambiguous.stderr, /2 Jamf Pro instances are set up, so say which one with --target/);
    assert.match(ambiguous.stderr, /One, Two/);

    const unknown = await world.run(["status", "--target", "Three"]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no Jamf Pro instance named "Three"/);

    const declined = await world.run(["targets", "remove", "One"]);
    assert.equal(declined.code, 1, "no answer on stdin is a no");
    assert.match(declined.stderr, /Nothing removed/);
    const confirmed = await world.run(["targets", "remove", "One"], { input: "y\n" });
    assert.equal(confirmed.code, 0, confirmed.stderr);
    assert.deepEqual(parseJson<ListedTarget[]>(await world.run(["targets", "list", "--json"])).map((t) => t.name), ["Two"]);
  });

  it("records an exported AWS_PROFILE as the target's profile when --aws-profile is left out, and says so", async () => {
    const { sandbox } = world;
    const base = ["targets", "add", "--jamf-url", sandbox.jamf.url, "--jamf-client-id", sandbox.jamfClient.clientId, "--iam-user", sandbox.cdpUser];
    const fromEnv = await world.run([...base, "--name", "From Env"], { env: { AWS_PROFILE: "acme-admin" } });
    assert.equal(fromEnv.code, 0, fromEnv.stderr);
    assert.match(fromEnv.stdout, /AWS profile: "acme-admin" \(from AWS_PROFILE\), recorded so the app uses it too/);

    const explicit = await world.run([...base, "--name", "Explicit", "--aws-profile", "other-admin"], { env: { AWS_PROFILE: "acme-admin" } });
    assert.equal(explicit.code, 0, explicit.stderr);
    assert.doesNotMatch(explicit.stdout, /from AWS_PROFILE/, "an explicit --aws-profile wins silently");

    const none = await world.run([...base, "--name", "No Profile"], { env: { AWS_PROFILE: undefined } });
    assert.equal(none.code, 0, none.stderr);
    assert.doesNotMatch(none.stdout, /AWS profile:/);

    const listed = parseJson<ListedTarget[]>(await world.run(["targets", "list", "--json"]));
    const profiles = Object.fromEntries(listed.map((t) => [t.name, t.awsProfile ?? null]));
    assert.deepEqual(profiles, { "From Env": "acme-admin", Explicit: "other-admin", "No Profile": null });
  });
});
