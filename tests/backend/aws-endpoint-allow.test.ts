// A target's AWS endpoint override through the real core: only AWS hosts and loopback unless the
// organization's configuration profile allows more, on save, on test, and again when it is used.
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startBackend, type BackendHarness } from "./backend-harness";

const notAws = (host: string) => (error: Error & { code?: string }) =>
  error.code === "INVALID_INPUT" && error.message.includes(`${host} is not an AWS address`) && /AllowedAwsEndpointHosts/.test(error.message);

describe("CoreBackend and the AWS endpoint allow-list", () => {
  let h: BackendHarness;
  let profileDir: string;
  let profile: string;

  before(async () => {
    profileDir = await mkdtemp(join(tmpdir(), "cdp-endpoint-profile-"));
    profile = join(profileDir, "com.cdpkeyrotator.app.json");
    h = await startBackend({ env: { CDP_KEY_ROTATOR_MANAGED_PREFS: profile } });
  });

  after(async () => {
    await h.stop();
    await rm(profileDir, { recursive: true, force: true });
  });

  it("refuses to save or test an endpoint that is not AWS's, and leaves the target as it was", async () => {
    const { id: _id, createdAt: _c, updatedAt: _u, hasSecret: _s, ...input } = h.target;
    await assert.rejects(h.backend["cdp:targets:save"]({ targetId: h.target.id, target: { ...input, awsEndpointUrl: "https://iam.evil.example" } }), notAws("iam.evil.example"));
    await assert.rejects(
      h.backend["cdp:targets:save"]({ target: { ...input, name: "New", awsEndpointUrl: "https://sts.evil.example" }, secret: "typed-secret" }),
      notAws("sts.evil.example"),
    );
    await assert.rejects(
      h.backend["cdp:targets:test"]({ target: { ...input, awsEndpointUrl: "https://iam.evil.example" }, secret: "typed-secret" }),
      notAws("iam.evil.example"),
    );
    const targets = await h.backend["cdp:targets:list"]({});
    assert.deepEqual(
      targets.map((t) => [t.name, t.awsEndpointUrl]),
      [[h.target.name, h.target.awsEndpointUrl]],
    );
    assert.equal((await h.backend["cdp:settings:get"]({})).allowedAwsEndpointHosts, undefined);
  });

  it("accepts a host the profile allows, and refuses to use it once the profile no longer does", async () => {
    await writeFile(profile, JSON.stringify({ AllowedAwsEndpointHosts: ["*.corp.invalid"] }));
    assert.deepEqual((await h.backend["cdp:settings:get"]({})).allowedAwsEndpointHosts, ["*.corp.invalid"]);
    const { id: _id, createdAt: _c, updatedAt: _u, hasSecret: _s, ...input } = h.target;
    const saved = await h.backend["cdp:targets:save"]({
      target: { ...input, name: "Gateway", awsEndpointUrl: "https://iam-gw.corp.invalid" },
      secret: h.world.jamfClient.clientSecret,
    });
    assert.equal(saved.awsEndpointUrl, "https://iam-gw.corp.invalid");

    await rm(profile);
    const statuses = await h.backend["cdp:status:refresh"]({ targetId: saved.id });
    const status = statuses.find((s) => s.targetId === saved.id);
    // CONFIG_INVALID, not NETWORK: the check ran before any request (the .invalid host cannot resolve).
    assert.equal(status?.error?.code, "CONFIG_INVALID");
    assert.match(status?.error?.message ?? "", /iam-gw\.corp\.invalid is not an AWS address.*No request was sent there/);
    assert.match(status?.error?.action ?? "", /correct or clear the AWS endpoint URL/);
    await h.backend["cdp:targets:remove"]({ targetId: saved.id });
  });
});
