import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createElectronIpcTransport } from "../../src/main/ipc/electron-ipc-transport";
import { createIpcRouter, redactErrorData } from "../../src/main/ipc/ipc-router";
import { ALL_CHANNELS, registerAllHandlers } from "../../src/main/ipc/register-handlers";
import { electronSenderPolicy, httpSenderPolicy } from "../../src/main/ipc/sender-policy";
import { AppError } from "../../src/shared/errors";
import { ipcRequestSchemas, type CdpBackend, type IpcChannel } from "../../src/shared/ipc-contract";
import { FakeIpcMain } from "./fake-ipc-main";

const POPOVER_ID = 7;
const popover = { id: POPOVER_ID, url: "app://bundle/index.html" };

/** A backend whose handlers record what reached them (the validated, parsed request). */
function recordingBackend() {
  const received: { channel: IpcChannel; request: unknown }[] = [];
  const backend = Object.fromEntries(
    (Object.keys(ipcRequestSchemas) as IpcChannel[]).map((channel) => [
      channel,
      async (request: unknown) => {
        received.push({ channel, request });
        if (channel === "cdp:targets:remove") throw new AppError({ code: "TARGET_NOT_FOUND", message: "No such target.", action: "Refresh the list." });
        if (channel === "cdp:audit:list") throw new Error("disk exploded wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        return channel === "cdp:status:list" ? [] : null;
      },
    ]),
  ) as unknown as CdpBackend;
  return { backend, received };
}

function setup() {
  const ipcMain = new FakeIpcMain();
  const transport = createElectronIpcTransport(ipcMain);
  const { backend, received } = recordingBackend();
  const router = createIpcRouter({ transport, isTrustedSender: electronSenderPolicy(() => POPOVER_ID) });
  registerAllHandlers(router, backend);
  return { ipcMain, transport, received };
}

describe("IPC router over the Electron transport", () => {
  it("registers exactly the channels of the contract", () => {
    const { ipcMain } = setup();
    assert.deepEqual([...ipcMain.handlers.keys()].sort(), Object.keys(ipcRequestSchemas).sort());
    assert.deepEqual([...ALL_CHANNELS].sort(), Object.keys(ipcRequestSchemas).sort());
  });

  it("passes a valid call from the popover to its handler, with defaults applied", async () => {
    const { ipcMain, received } = setup();
    const result = await ipcMain.invoke("cdp:rotation:start", { targetId: "t1" }, popover);
    assert.deepEqual(result, { ok: true, value: null });
    assert.deepEqual(received, [{ channel: "cdp:rotation:start", request: { targetId: "t1", deleteOld: "later" } }]);
    const list = await ipcMain.invoke("cdp:status:list", undefined, popover);
    assert.deepEqual(list, { ok: true, value: [] });
  });

  it("rejects bad payloads with INVALID_INPUT naming the field, and never calls the handler", async () => {
    const { ipcMain, received } = setup();
    const cases: [IpcChannel, unknown][] = [
      ["cdp:rotation:start", { targetId: "" }],
      ["cdp:rotation:start", { targetId: "t1", deleteOld: "yesterday" }],
      ["cdp:rotation:confirm", { rotationId: "r", stepId: "format-disk", approve: true }],
      ["cdp:status:list", { extra: 1 }],
      ["cdp:audit:list", { limit: -5 }],
      ["cdp:app:open-external", { url: "not a url" }],
      ["cdp:targets:remove", "t1"],
      ["cdp:settings:set", { settings: { remindersEnabled: "yes" } }],
    ];
    for (const [channel, payload] of cases) {
      const result = await ipcMain.invoke(channel, payload, popover);
      assert.equal(result.ok, false, channel);
      if (!result.ok) {
        assert.equal(result.error.code, "INVALID_INPUT", channel);
        assert.ok(result.error.action, `${channel} says what to do`);
      }
    }
    const bad = await ipcMain.invoke("cdp:rotation:start", { targetId: "t1", deleteOld: "yesterday" }, popover);
    assert.ok(!bad.ok && /deleteOld/.test(bad.error.message), "the message names the field");
    assert.equal(received.length, 0);
  });

  it("refuses foreign senders: another window, a subframe, a remote page, a gone frame", async () => {
    const { ipcMain, received } = setup();
    for (const from of [
      { id: 99, url: "app://bundle/index.html" },
      { id: POPOVER_ID, url: "https://evil.example/" },
      { id: POPOVER_ID, url: "file:///Users/x/index.html" },
      { id: POPOVER_ID, url: "app://bundle/index.html", subframe: true },
      { id: POPOVER_ID, url: null },
    ]) {
      const result = await ipcMain.invoke("cdp:status:list", {}, from);
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.error.code, "IPC_FORBIDDEN");
    }
    assert.equal(received.length, 0);
  });

  it("turns handler errors into plain data, without secrets or stack traces", async () => {
    const { ipcMain } = setup();
    const known = await ipcMain.invoke("cdp:targets:remove", { targetId: "t1" }, popover);
    assert.deepEqual(known, { ok: false, error: { code: "TARGET_NOT_FOUND", message: "No such target.", action: "Refresh the list." } });
    const unknown = await ipcMain.invoke("cdp:audit:list", {}, popover);
    assert.equal(unknown.ok, false);
    const text = JSON.stringify(unknown);
    assert.doesNotMatch(text, /wJalrXUtnFEMI/);
    assert.doesNotMatch(text, /at .*\.ts:\d+/);
    if (!unknown.ok) assert.equal(unknown.error.code, "INTERNAL");
  });

  it("removes its handlers on dispose", () => {
    const { ipcMain, transport } = setup();
    transport.dispose();
    assert.equal(ipcMain.handlers.size, 0);
  });
});

describe("sender policies", () => {
  it("the Electron policy needs a popover window to exist", () => {
    const policy = electronSenderPolicy(() => null);
    assert.equal(policy({ kind: "electron", webContentsId: 1, frameUrl: "app://bundle/", isMainFrame: true }), false);
  });

  it("the HTTP policy needs same origin, own host, same-site fetch and a session", () => {
    const policy = httpSenderPolicy({ origin: "http://127.0.0.1:4000", isSession: (value) => value === "tok_123" });
    const good = { kind: "http" as const, origin: "http://127.0.0.1:4000", host: "127.0.0.1:4000", session: "tok_123", fetchSite: "same-origin" };
    assert.equal(policy(good), true);
    assert.equal(policy({ ...good, host: "localhost:4000" }), true);
    assert.equal(policy({ ...good, session: null }), false);
    assert.equal(policy({ ...good, session: "tok_124" }), false);
    assert.equal(policy({ ...good, origin: "http://evil.example" }), false);
    assert.equal(policy({ ...good, origin: null }), false);
    assert.equal(policy({ ...good, host: "rebound.example:4000" }), false);
    assert.equal(policy({ ...good, fetchSite: "cross-site" }), false);
    assert.equal(policy({ kind: "electron", webContentsId: 1, frameUrl: "app://bundle/", isMainFrame: true }), false);
  });

  it("redacts secret-shaped strings from error data", () => {
    const data = redactErrorData({ code: "INTERNAL", message: "x", details: "key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY Bearer abc.def" });
    assert.equal(data.details, "key <redacted> <redacted>");
  });
});
