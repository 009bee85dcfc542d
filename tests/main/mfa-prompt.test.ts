// MFA in the app: an assume-role profile with mfa_serial asks the window for the code. The request
// reaches the renderer as "cdp:event:mfa", the answer comes back through cdp:mfa:answer over the
// IPC router (zod-checked: six digits), Cancel stops cleanly, and the code is never logged.
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import type { Logger } from "../../src/core/ports";
import { MemorySecretStore } from "../../src/core/store/memory-secret-store";
import { createAppServices, type AppServices } from "../../src/main/app-services";
import { createElectronIpcTransport } from "../../src/main/ipc/electron-ipc-transport";
import { createIpcRouter } from "../../src/main/ipc/ipc-router";
import { registerAllHandlers } from "../../src/main/ipc/register-handlers";
import { electronSenderPolicy } from "../../src/main/ipc/sender-policy";
import { SANDBOX_MFA_CODE, type AwsPeerSandboxControl } from "../../src/sandbox/aws/aws-peer-types";
import type { SandboxWorld } from "../../src/sandbox/sandbox-types";
import { startSandbox } from "../../src/sandbox/world";
import type { PreflightReport } from "../../src/shared/domain";
import type { IpcResult, MfaPromptEvent } from "../../src/shared/ipc-contract";
import { FakeIpcMain } from "./fake-ipc-main";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const WINDOW = { id: 3, url: "app://bundle/index.html" };

describe("MFA codes asked for in the app's window", () => {
  let world: SandboxWorld;
  /** The sandbox world's AWS peer, with its roles and MFA devices. */
  const sandboxControl = () => world.aws.control as AwsPeerSandboxControl;
  let dataDir: string;
  let awsDir: string;
  let services: AppServices;
  let ipc: FakeIpcMain;
  /** A call from the app's window. */
  const invoke = <T = unknown>(channel: string, payload: unknown): Promise<IpcResult<T>> => ipc.invoke<T>(channel, payload, WINDOW);
  let saved: NodeJS.ProcessEnv;
  const logged: string[] = [];
  const events: MfaPromptEvent[] = [];
  const logger: Logger = { log: (level, message, fields) => void logged.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`) };

  beforeEach(async () => {
    saved = { ...process.env };
    world = await startSandbox();
    dataDir = await mkdtemp(join(tmpdir(), "cdp-mfa-data-"));
    awsDir = await mkdtemp(join(tmpdir(), "cdp-mfa-aws-"));
    for (const name of Object.keys(process.env)) if (name.startsWith("AWS_") && name !== "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED") delete process.env[name];
    process.env.AWS_CONFIG_FILE = join(awsDir, "config");
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(awsDir, "credentials");

    const control = sandboxControl();
    control.createUser("alice");
    const alice = control.issueKey("alice");
    control.createRole({ roleName: "key-rotator", trustedUsers: ["alice"], requireMfa: true, actions: ["iam:*"] });
    await writeFile(process.env.AWS_SHARED_CREDENTIALS_FILE, `[alice]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n`);
    await writeFile(
      process.env.AWS_CONFIG_FILE,
      `[profile rotator]\nrole_arn = arn:aws:iam::123456789012:role/key-rotator\nsource_profile = alice\nmfa_serial = ${control.mfaSerial("alice")}\nrole_session_name = cdp-key-rotator\n`,
    );

    services = await createAppServices({
      dataDir,
      secretStore: new MemorySecretStore(),
      env: {},
      logger,
      startWorld: async () => ({ world, release: async () => undefined }),
      openExternal: async () => undefined,
      hidePopover: () => undefined,
      loginItem: null,
    });
    ipc = new FakeIpcMain();
    registerAllHandlers(createIpcRouter({ transport: createElectronIpcTransport(ipc), isTrustedSender: electronSenderPolicy(() => WINDOW.id), logger }), services.backend);
    services.onEvent("cdp:event:mfa", (event) => void events.push(event));
  });

  afterEach(async () => {
    await services.dispose();
    await world.stop();
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    await rm(dataDir, { recursive: true, force: true });
    await rm(awsDir, { recursive: true, force: true });
    logged.length = 0;
    events.length = 0;
  });

  async function nextAsk(): Promise<Extract<MfaPromptEvent, { kind: "asked" }>> {
    for (let i = 0; i < 400; i += 1) {
      const open = events.find((event): event is Extract<MfaPromptEvent, { kind: "asked" }> => event.kind === "asked" && !events.some((e) => e.kind === "closed" && e.requestId === event.requestId));
      if (open) return open;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error("no MFA request was opened");
  }

  it("asks through an event, refuses a malformed code, cancels cleanly, and proceeds with the right code", async () => {
    const saveResult = await invoke<{ id: string }>("cdp:targets:save", {
      target: {
        name: "MFA Lab",
        jamfUrl: world.jamf.url,
        jamfAuth: { kind: "api-client", clientId: world.jamfClient.clientId },
        awsProfile: "rotator",
        awsEndpointUrl: world.aws.url,
        iamUser: world.cdpUser,
      },
      secret: world.jamfClient.clientSecret,
    });
    assert.ok(saveResult.ok, JSON.stringify(saveResult));
    const targetId = saveResult.value.id;

    // Cancel: the action stops, saying so, and AWS was asked nothing with the role.
    const cancelledTest = invoke<PreflightReport>("cdp:targets:test", { targetId });
    const first = await nextAsk();
    assert.equal(first.serial, sandboxControl().mfaSerial("alice"));
    assert.match(first.question, /Enter the 6-digit code it shows now/);
    const pending = await invoke<unknown[]>("cdp:mfa:pending", {});
    assert.ok(pending.ok && pending.value.length === 1, "a window opened later sees the open request");
    assert.deepEqual(await invoke("cdp:mfa:cancel", { requestId: first.requestId }), { ok: true, value: null });
    const cancelled = await cancelledTest;
    assert.ok(cancelled.ok);
    assert.equal(cancelled.value.ok, false);
    assert.match(JSON.stringify(cancelled.value), /MFA code entry for .* was cancelled/);
    assert.ok(events.some((event) => event.kind === "closed" && event.requestId === first.requestId));

    // A malformed code is refused by the schema; the request stays open for the right one.
    const working = invoke<PreflightReport>("cdp:targets:test", { targetId });
    const second = await nextAsk();
    const malformed = await invoke("cdp:mfa:answer", { requestId: second.requestId, code: "12ab56" });
    assert.equal(malformed.ok, false);
    assert.equal(!malformed.ok && malformed.error.code, "INVALID_INPUT");
    assert.match(!malformed.ok ? malformed.error.message : "", /An MFA code is 6 digits/);
    assert.deepEqual(await invoke("cdp:mfa:answer", { requestId: second.requestId, code: SANDBOX_MFA_CODE }), { ok: true, value: null });
    const report = await working;
    assert.ok(report.ok);
    assert.equal(report.value.ok, true, JSON.stringify(report.value.checks.filter((check) => !check.ok)));
    // Answered once: a second answer to the same request is refused.
    const again = await invoke("cdp:mfa:answer", { requestId: second.requestId, code: SANDBOX_MFA_CODE });
    assert.equal(!again.ok && again.error.code, "INVALID_INPUT");

    // One code for the session: the next action does not ask again.
    const asksBefore = events.filter((event) => event.kind === "asked").length;
    const status = await invoke<unknown>("cdp:status:refresh", { targetId });
    assert.ok(status.ok);
    assert.equal(events.filter((event) => event.kind === "asked").length, asksBefore);

    // (Word boundaries: the sandbox's account id 123456789012 starts with the same digits.)
    const theCode = new RegExp(`\\b${SANDBOX_MFA_CODE}\\b`);
    assert.ok(logged.length > 0 && !logged.some((line) => theCode.test(line)), "the code is never logged");
    assert.ok(!theCode.test(JSON.stringify(events)), "the code never goes back to the window");
  });

  it("a request nobody answers closes after the timeout with a way forward", async () => {
    await services.dispose();
    services = await createAppServices({
      dataDir,
      secretStore: new MemorySecretStore(),
      env: {},
      logger,
      mfaTimeoutMs: 150,
      startWorld: async () => ({ world, release: async () => undefined }),
      openExternal: async () => undefined,
      hidePopover: () => undefined,
      loginItem: null,
    });
    services.onEvent("cdp:event:mfa", (event) => void events.push(event));
    await assert.rejects(services.prompter.mfaCode("arn:aws:iam::123456789012:mfa/alice"), /No MFA code was entered .* so nothing was asked of AWS/);
    assert.deepEqual(events.map((event) => event.kind), ["asked", "closed"]);
    assert.deepEqual(services.prompter.pending(), []);
  });
});
