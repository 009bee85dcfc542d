// A hostile renderer against both doors into the app — the Electron IPC router and the preview's
// HTTP bridge — with the real core over the sandbox. Every channel of the contract gets hostile
// payloads (hostile-cases.ts) before and after a full rotation; then loopback traps standing in
// for an attacker's Jamf Pro and AWS endpoint must have received nothing: not the stored Jamf
// Pro secret, not the stored AWS admin key, not the new AWS secret key. A control case proves the
// same trap does receive a secret typed for it, so the suite can fail.
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startSandbox } from "../../src/sandbox/world";
import type { SandboxWorld } from "../../src/sandbox/sandbox-types";
import type { RotationSnapshot, TargetInput } from "../../src/shared/domain";
import { ERROR_CODES } from "../../src/shared/errors";
import { ipcRequestSchemas, type IpcResult, type TargetView } from "../../src/shared/ipc-contract";
import { startTrap, type TrapServer } from "../support/trap-server";
import { startIpcDriver, startPreviewDriver, type BridgeDriver } from "./bridge-drivers";
import { CHANNEL_CASES, hostileCases, type CaseContext, type HostileCase } from "./hostile-cases";

// Credentials of the SDK's default chain (which reads process.env): used only by an unsaved target
// without stored keys, i.e. the control case. Made up; SigV4 sends the key id, never the secret.
const CONTROL_KEY_ID = "AKIACONTROLCONTROL01";
const TYPED_SECRET = "typed-for-the-trap-Zq81xv";
const AWS_VARIABLES = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_EC2_METADATA_DISABLED", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL_STS"];

describe("the contract's channels all have hostile cases", () => {
  it("lists exactly the channels of ipc-contract.ts", () => {
    assert.deepEqual(Object.keys(CHANNEL_CASES).sort(), Object.keys(ipcRequestSchemas).sort());
  });
});

let rendererDir: string;
let scratch: string;
const savedEnv = new Map<string, string | undefined>();

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), "cdp-hostile-"));
  rendererDir = join(scratch, "renderer");
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, "index.html"), "<!doctype html><html><head><title>CDP Key Rotator</title></head><body></body></html>");
  for (const name of AWS_VARIABLES) savedEnv.set(name, process.env[name]);
  for (const name of AWS_VARIABLES) delete process.env[name];
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: CONTROL_KEY_ID,
    AWS_SECRET_ACCESS_KEY: "controlSecretNotSentByDesign0000000000000",
    AWS_CONFIG_FILE: join(scratch, "no-config"),
    AWS_SHARED_CREDENTIALS_FILE: join(scratch, "no-credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
  });
});

after(async () => {
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await rm(scratch, { recursive: true, force: true });
});

const drivers: { name: string; start(world: SandboxWorld): Promise<BridgeDriver> }[] = [
  { name: "Electron IPC router", start: (world) => startIpcDriver(world, { ...process.env }) },
  { name: "preview HTTP bridge", start: (world) => startPreviewDriver(world, { ...process.env }, rendererDir) },
];

for (const door of drivers) {
  describe(`hostile renderer through the ${door.name}`, () => {
    let world: SandboxWorld;
    let driver: BridgeDriver;
    let jamfTrap: TrapServer;
    let awsTrap: TrapServer;
    let target: TargetView;
    let ctx: CaseContext;
    let secrets: Record<string, string>;

    const call = async (channel: string, payload: unknown) => (await driver.call(channel, payload === undefined ? "" : JSON.stringify(payload))).result;
    const value = async <T>(channel: string, payload: unknown): Promise<T> => {
      const result = await call(channel, payload);
      assert.ok(result.ok, `${channel}: ${JSON.stringify(result)}`);
      return (result as { ok: true; value: T }).value;
    };

    before(async () => {
      world = await startSandbox();
      jamfTrap = await startTrap();
      awsTrap = await startTrap();
      driver = await door.start(world);
      target = await value<TargetView>("cdp:sandbox:add-target", {});
      assert.equal(target.hasSecret, true);
      const { id: _id, createdAt: _c, updatedAt: _u, hasSecret: _h, ...input } = target;
      ctx = { targetId: target.id, targetName: target.name, input: input as TargetInput, jamfTrap: jamfTrap.url, awsTrap: awsTrap.url };
      secrets = {
        "stored Jamf Pro client secret": world.jamfClient.clientSecret,
        "stored AWS admin secret key": world.admin.secretAccessKey,
        "CDP secret key held by Jamf Pro": world.cdpKey.secretAccessKey,
      };
    });

    after(async () => {
      await driver?.stop();
      await jamfTrap?.close();
      await awsTrap?.close();
      await world?.stop();
    });

    const runAll = async (cases: HostileCase[]) => {
      const problems: string[] = [];
      for (const c of cases) {
        const { result, text } = await driver.call(c.channel, c.body);
        const problem = judge(c, result, text, secrets);
        if (problem) problems.push(`${c.channel} — ${c.what}: ${problem}`);
      }
      assert.deepEqual(problems, []);
      assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted"), false, "Object.prototype was polluted");
      assert.equal(({} as Record<string, unknown>)["isAdmin"], undefined, "Object.prototype was polluted");
    };

    it("refuses or safely answers every hostile payload on every channel", async () => {
      const cases = hostileCases(ctx);
      for (const channel of Object.keys(ipcRequestSchemas)) {
        assert.ok(cases.filter((c) => c.channel === channel).length >= 5, `${channel} has hostile cases`);
      }
      await runAll(cases);
    });

    it("runs a full rotation with hostile moves while it waits, then the hostile cases again with the new secret in the list", async () => {
      const first = await value<RotationSnapshot>("cdp:rotation:start", { targetId: target.id, deleteOld: "now" });
      let waited = 0;
      const ended = new Set(["completed", "pending-deletion", "failed", "declined", "aborted", "interrupted"]);
      let snapshot = first;
      let lastConfirmed = "";
      for (let i = 0; i < 400 && !ended.has(snapshot.status); i += 1) {
        if (snapshot.status === "awaiting-confirmation" && snapshot.currentStepId && snapshot.currentStepId !== lastConfirmed) {
          // While the rotation waits for the admin, the renderer tries to move the target.
          for (const moved of [{ jamfUrl: jamfTrap.url }, { awsEndpointUrl: awsTrap.url }]) {
            const refusedSave = await call("cdp:targets:save", { targetId: target.id, target: { ...ctx.input, ...moved } });
            assert.equal(refusedSave.ok, false);
            const refusedTest = await call("cdp:targets:test", { targetId: target.id, target: { ...ctx.input, ...moved } });
            assert.equal(refusedTest.ok, false);
          }
          waited += 1;
          lastConfirmed = snapshot.currentStepId;
          await value("cdp:rotation:confirm", { rotationId: first.rotationId, stepId: snapshot.currentStepId, approve: true });
        } else {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        snapshot = (await value<RotationSnapshot | null>("cdp:rotation:get", { targetId: target.id })) ?? snapshot;
      }
      assert.equal(snapshot.status, "completed", JSON.stringify(snapshot.error));
      assert.ok(waited >= 3, "every change was confirmed");
      const newSecret = world.jamf.control.getCdp().password;
      assert.notEqual(newSecret, world.cdpKey.secretAccessKey, "Jamf Pro holds a new secret key");
      secrets["new AWS secret key"] = newSecret;

      await runAll(hostileCases(ctx));
      await value("cdp:status:refresh", {});
    });

    it("leaves the target where it was, working, with nothing sent to the traps", async () => {
      const [saved] = (await value<TargetView[]>("cdp:targets:list", {})).filter((t) => t.id === target.id);
      assert.equal(saved?.jamfUrl, target.jamfUrl);
      assert.deepEqual(saved?.jamfAuth, target.jamfAuth);
      assert.equal(saved?.awsEndpointUrl, target.awsEndpointUrl);
      assert.equal(saved?.hasSecret, true);
      const report = await value<{ ok: boolean }>("cdp:targets:test", { targetId: target.id });
      assert.equal(report.ok, true, "the stored secrets still work at their own address");

      // The renderer could not widen the AWS endpoint allow-list.
      const settings = await value<Record<string, unknown>>("cdp:settings:get", {});
      assert.equal(settings["allowedAwsEndpointHosts"], undefined);
      const evil = await call("cdp:targets:save", { target: { ...ctx.input, name: "Evil", awsEndpointUrl: "https://iam.evil.example" } });
      assert.ok(!evil.ok && evil.error.code === "INVALID_INPUT");

      const all = Object.values(secrets);
      assert.deepEqual(jamfTrap.received, [], "the Jamf trap received no request at all");
      assert.deepEqual(awsTrap.received, [], "the AWS trap received no request at all");
      assert.equal(jamfTrap.sawAny(all), false);
      assert.equal(awsTrap.sawAny([...all, world.admin.accessKeyId]), false);
      for (const [name, secret] of Object.entries(secrets)) {
        assert.deepEqual(driver.carried().filter((text) => text.includes(secret)).map((text) => text.slice(0, 80)), [], `${name} crossed the bridge`);
      }
      assert.ok(driver.carried().some((text) => text.startsWith("events") || text.startsWith("cdp:event:")), "events were carried and scanned");
      assert.deepEqual(driver.opened.filter((url) => !url.startsWith("https://learn.jamf.com/")), [], "only allowed links were opened");
    });

    it("control: a secret typed for the trap does reach it, so the checks above can fail", async () => {
      const report = await call("cdp:targets:test", { target: { ...ctx.input, jamfUrl: jamfTrap.url, awsEndpointUrl: awsTrap.url }, secret: TYPED_SECRET });
      assert.equal(report.ok, true, JSON.stringify(report));
      assert.equal(jamfTrap.sawAny([TYPED_SECRET]), true, "the typed Jamf secret reached the Jamf trap");
      assert.ok(awsTrap.received.some((text) => text.includes(CONTROL_KEY_ID)), "a signed AWS request reached the AWS trap");
    });
  });
}

/** Null when the answer is what the case expects and carries no secret; else what is wrong. */
function judge(c: HostileCase, result: IpcResult<unknown>, text: string, secrets: Record<string, string>): string | null {
  for (const [name, secret] of Object.entries(secrets)) if (text.includes(secret)) return `the answer contains the ${name}`;
  if (typeof result !== "object" || result === null || typeof result.ok !== "boolean") return `not an IpcResult: ${text.slice(0, 120)}`;
  if (!result.ok) {
    const { code, message, action } = result.error;
    if (!(ERROR_CODES as readonly string[]).includes(code)) return `unknown error code ${code}`;
    if (/\n\s+at\s/.test(`${message}\n${action ?? ""}`) || /node_modules|\.ts:\d+/.test(message)) return `a stack trace in the error: ${message.slice(0, 120)}`;
    if (!action) return `no way forward in the error ${code}: ${message}`;
    if (text.length > 20_000) return `a ${text.length}-character error echoes the input`;
  }
  const expect = c.expect;
  if (expect === "either") return null;
  if (expect === "answered") return result.ok ? null : `expected an answer, got ${result.error.code}: ${result.error.message}`;
  if (result.ok) return `expected a refusal, got an answer: ${text.slice(0, 160)}`;
  if (expect.refused !== "any" && !expect.refused.includes(result.error.code)) return `expected ${expect.refused.join(" or ")}, got ${result.error.code}: ${result.error.message}`;
  return null;
}
