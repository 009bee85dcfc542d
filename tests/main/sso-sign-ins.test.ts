// The window's IAM Identity Center sign-ins in main, against the sandbox's SSO peer: start answers
// with the code as soon as it is known, a second Sign in for the same profile shows the same code,
// wait answers once approved, Cancel stops the polling, and only the waiting sign-in's AWS page
// may be opened. Nothing a sign-in logs holds a token.
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import { ssoCacheFile } from "../../src/core/aws/sso-login";
import type { Clock, Logger } from "../../src/core/ports";
import { SsoSignIns } from "../../src/main/sso-sign-ins";
import { startAwsPeer } from "../../src/sandbox/aws/aws-peer";
import type { AwsPeer } from "../../src/sandbox/aws/aws-peer-types";
import { isAppError } from "../../src/shared/errors";
import { assignSsoRole, ssoConfigText } from "../support/sso-fixtures";

describe("IAM Identity Center sign-ins started from the window", () => {
  let peer: AwsPeer;
  let home: string;
  let env: Record<string, string>;
  const logged: string[] = [];
  const logger: Logger = { log: (level, message, fields) => void logged.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`) };
  /** Sleeps advance the sandbox's clock at once; `onSleep` is the admin at the browser. */
  let onSleep: () => void = () => undefined;
  const clock: Clock = {
    now: () => peer.control.now(),
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      peer.control.advanceClock(ms);
      onSleep();
      await new Promise((resolve) => setTimeout(resolve, 5));
    },
  };
  const signIns = () => new SsoSignIns({ env, clock, logger, targetProfile: async (targetId) => (targetId === "t1" ? "sso-admin" : undefined) });

  before(async () => {
    peer = await startAwsPeer();
    assignSsoRole(peer);
  });
  after(async () => {
    await peer.stop();
  });
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), "cdp-sso-main-"));
    env = { HOME: home, AWS_CONFIG_FILE: join(home, "config"), AWS_ENDPOINT_URL: peer.url };
    await writeFile(env.AWS_CONFIG_FILE!, ssoConfigText());
    onSleep = () => undefined;
    logged.length = 0;
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  it("shows the code, shares it for the same profile, and answers once approved", async () => {
    const manager = signIns();
    const started = await manager.start({ targetId: "t1" });
    assert.equal(started.kind, "approve");
    if (started.kind !== "approve") return;
    const { prompt } = started;
    assert.equal(prompt.profile, "sso-admin");
    assert.deepEqual(peer.sso.pendingUserCodes().includes(prompt.userCode), true);
    assert.match(prompt.instructions, new RegExp(`check that it shows the code ${prompt.userCode}`));
    const again = await manager.start({ profile: "sso-admin" });
    assert.deepEqual(again, { kind: "approve", prompt }, "one open sign-in per profile");
    assert.equal(manager.isOpenVerificationUrl(prompt.verificationUriComplete), true);
    assert.equal(manager.isOpenVerificationUrl("https://device.sso.us-east-1.amazonaws.com/?user_code=OTHER-CODE"), false);

    onSleep = () => peer.sso.approve(prompt.userCode);
    const result = await manager.wait(prompt.requestId);
    assert.equal(result.profile, "sso-admin");
    assert.match(result.message, /Signed in to https:\/\/example\.awsapps\.com\/start for AWS profile "sso-admin"/);
    assert.equal(manager.isOpenVerificationUrl(prompt.verificationUriComplete), false, "not once it is done");
    assert.throws(() => manager.cancel(prompt.requestId), (error: unknown) => isAppError(error) && error.code === "INVALID_INPUT");

    // With the saved refresh token, Sign in needs no browser at all.
    const refreshed = await manager.start({ profile: "sso-admin" });
    assert.equal(refreshed.kind, "signed-in");
    if (refreshed.kind === "signed-in") assert.match(refreshed.result.message, /with the saved session \(no browser needed\)/);
    assert.ok(logged.some((line) => line.includes("sign-in finished")));
    const saved = JSON.parse(await readFile(ssoCacheFile(env, { sessionName: "corp", startUrl: "" }), "utf8")) as Record<string, string>;
    for (const token of [saved.accessToken!, saved.refreshToken!, saved.clientSecret!]) {
      assert.ok(token && !logged.some((line) => line.includes(token)), "no token in the log");
      assert.ok(!JSON.stringify([prompt, result, refreshed]).includes(token), "no token reaches the window");
    }
  });

  it("Cancel stops the polling and the wait says so", async () => {
    const manager = signIns();
    const started = await manager.start({ profile: "legacy" });
    assert.equal(started.kind, "approve");
    if (started.kind !== "approve") return;
    manager.cancel(started.prompt.requestId);
    await assert.rejects(manager.wait(started.prompt.requestId), (error: unknown) => isAppError(error) && error.code === "AWS_SSO_CANCELLED");
    const polls = peer.sso.tokenAnswers().length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(peer.sso.tokenAnswers().length, polls, "no more polling after Cancel");
  });

  it("a profile that is not an IAM Identity Center one is refused with the fix", async () => {
    await assert.rejects(signIns().start({ profile: "nope" }), (error: unknown) => isAppError(error) && error.code === "CONFIG_INVALID" && /aws configure sso --profile nope/.test(error.action ?? ""));
  });
});
