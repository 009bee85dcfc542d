import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { AppError } from "../../shared/errors";
import { awsEndpointHostRuleSchema, isAllowedAwsEndpointHost } from "./aws-endpoint-allow";
import { applyManagedPreferences, readManagedPreferences, type ManagedPreferencesSource } from "./managed-preferences";
import { DEFAULT_APP_SETTINGS, type TargetInput } from "../../shared/domain";
import { FileTargetStore, parseTargetInput } from "./target-store";

const base = { name: "Acme", jamfUrl: "https://acme.jamfcloud.com", jamfAuth: { kind: "api-client", clientId: "cid" } };
const clock = { now: () => new Date("2026-01-01T00:00:00Z"), sleep: async () => undefined };

const refusedFor = (host: string) => (error: unknown) =>
  error instanceof AppError &&
  error.code === "INVALID_INPUT" &&
  error.message.includes(`${host} is not an AWS address`) &&
  error.message.includes("*.amazonaws.com") &&
  error.message.includes("AllowedAwsEndpointHosts");

describe("AWS endpoint allow-list", () => {
  it("accepts AWS hosts, VPC endpoints and loopback", () => {
    for (const url of [
      "https://iam.amazonaws.com",
      "https://vpce-0abc.iam.us-east-1.vpce.amazonaws.com",
      "https://iam.cn-north-1.amazonaws.com.cn",
      "https://sts.us-east-1.api.aws",
      "https://IAM.AmazonAWS.com",
      "http://127.0.0.1:4566",
      "http://localhost:4566",
      "http://[::1]:4566",
    ]) {
      assert.equal(parseTargetInput({ ...base, awsEndpointUrl: url }).awsEndpointUrl, url);
    }
  });

  it("refuses any other host with a message naming it and what to do", () => {
    for (const url of [
      "https://evil.example.com",
      "https://amazonaws.com.evil.example",
      "https://notamazonaws.com",
      "https://api.aws",
      "https://amazonaws.com",
      "https://iam.amazonaws.com.evil.example",
      "https://10.0.0.5",
    ]) {
      assert.throws(() => parseTargetInput({ ...base, awsEndpointUrl: url }), refusedFor(new URL(url).hostname), url);
    }
  });

  it("accepts a host the organization allows, exactly or under a domain", () => {
    assert.equal(isAllowedAwsEndpointHost("iam.proxy.corp.example", ["*.corp.example"]), true);
    assert.equal(isAllowedAwsEndpointHost("corp.example", ["*.corp.example"]), false, "a wildcard does not match the domain itself");
    assert.equal(isAllowedAwsEndpointHost("evilcorp.example", ["*.corp.example"]), false);
    assert.equal(isAllowedAwsEndpointHost("iam-gw.corp.example.", ["iam-gw.corp.example"]), true, "a trailing dot is the same host");
    assert.equal(isAllowedAwsEndpointHost("other.corp.example", ["iam-gw.corp.example"]), false);
    const options = { extraAwsEndpointHosts: ["iam-gw.corp.example"] };
    assert.equal(parseTargetInput({ ...base, awsEndpointUrl: "https://iam-gw.corp.example" }, options).awsEndpointUrl, "https://iam-gw.corp.example");
    assert.throws(
      () => parseTargetInput({ ...base, awsEndpointUrl: "http://iam-gw.corp.example" }, options),
      /Use https:\/\//,
      "an allowed host still needs https",
    );
    assert.throws(
      () => parseTargetInput({ ...base, awsEndpointUrl: "https://evil.example" }, options),
      (error: unknown) => error instanceof AppError && error.message.includes("a host your organization allows (iam-gw.corp.example)"),
    );
  });

  it("takes only host names and *.domain patterns of two labels or more from a profile", () => {
    for (const good of ["iam-gw.corp.example", "*.corp.example", " IAM.Corp.Example ", "10.0.0.5"]) {
      assert.equal(awsEndpointHostRuleSchema.safeParse(good).success, true, good);
    }
    for (const bad of ["*", "*.com", "*corp.example", "https://iam.corp.example", "iam.corp.example:443", "a..b", "-x.example", "", "iam/corp"]) {
      assert.equal(awsEndpointHostRuleSchema.safeParse(bad).success, false, bad);
    }
  });
});

describe("AWS endpoint allow-list from a configuration profile", () => {
  const source = (json: unknown): ManagedPreferencesSource => ({
    platform: "linux",
    env: { CDP_KEY_ROTATOR_MANAGED_PREFS: "/profile.json" },
    readText: async () => JSON.stringify(json),
    plistToJson: async () => null,
  });

  it("reads AllowedAwsEndpointHosts as a rule, not as one of the app's settings", async () => {
    const managed = await readManagedPreferences(source({ AllowedAwsEndpointHosts: ["*.Corp.Example", "iam-gw.other.example", "*.corp.example"] }));
    assert.deepEqual(managed.problems, []);
    const applied = applyManagedPreferences(DEFAULT_APP_SETTINGS, managed);
    assert.deepEqual(applied.allowedAwsEndpointHosts, ["*.corp.example", "iam-gw.other.example"]);
    assert.deepEqual(applied.managedKeys, [], "no app setting becomes read-only");
  });

  it("ignores a bad list whole, with a problem naming the key and what it expects", async () => {
    for (const bad of [["*"], "*.corp.example", [1], Array.from({ length: 101 }, (_, i) => `h${i}.corp.example`)]) {
      const managed = await readManagedPreferences(source({ AllowedAwsEndpointHosts: bad }));
      assert.equal(managed.values.AllowedAwsEndpointHosts, undefined);
      assert.match(managed.problems.join("\n"), /AllowedAwsEndpointHosts must be a list of up to 100 host names or \*\.domain patterns \(an <array> of <string> in the profile\); AllowedAwsEndpointHosts is ignored/);
      assert.deepEqual(applyManagedPreferences(DEFAULT_APP_SETTINGS, managed).allowedAwsEndpointHosts, []);
    }
  });
});

describe("FileTargetStore and the AWS endpoint allow-list", () => {
  it("refuses to add or change a target to a host that is not allowed, and reads the allowed hosts on every check", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cdp-endpoint-"));
    try {
      let allowed: string[] = [];
      const store = new FileTargetStore({ dataDir: dir, clock, allowedAwsEndpointHosts: async () => allowed });
      await assert.rejects(store.add({ ...base, awsEndpointUrl: "https://iam-gw.corp.example" } as TargetInput), refusedFor("iam-gw.corp.example"));
      assert.deepEqual(await store.list(), [], "nothing was saved");

      const target = await store.add(base as TargetInput);
      await assert.rejects(store.update(target.id, { awsEndpointUrl: "https://iam.evil.example" }), refusedFor("iam.evil.example"));
      assert.equal((await store.find(target.id))?.awsEndpointUrl, undefined, "the target is unchanged");

      allowed = ["*.corp.example"];
      const changed = await store.update(target.id, { awsEndpointUrl: "https://iam-gw.corp.example" });
      assert.equal(changed.awsEndpointUrl, "https://iam-gw.corp.example");
      await assert.rejects(store.parseInput({ ...base, awsEndpointUrl: "https://iam.evil.example" }), refusedFor("iam.evil.example"));

      // The profile stops allowing it: the next change must correct or clear the endpoint.
      allowed = [];
      await assert.rejects(store.update(target.id, { name: "Acme 2" }), refusedFor("iam-gw.corp.example"));
      assert.equal((await store.update(target.id, { name: "Acme 2", awsEndpointUrl: undefined })).awsEndpointUrl, undefined);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
