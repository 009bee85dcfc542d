// Boots the real main-process bundle (esbuild, the same options as `npm run build`) in plain Node
// against a fake Electron, since no Electron binary runs here: proves the wiring of main.ts — the
// hardening, the app:// protocol, IPC with sender checks, the tray and the popover — not just the
// modules it wires.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { build } from "esbuild";
import { mainBundleOptions } from "../../scripts/bundle-options.mjs";
import type { IpcResult } from "../../src/shared/ipc-contract";
import { ipcRequestSchemas } from "../../src/shared/ipc-contract";
import { createFakeElectron, type FakeElectron } from "./fake-electron";
import { eventually } from "./fakes";

const root = fileURLToPath(new URL("../..", import.meta.url));
let work: string;
let home: string;
let fake: FakeElectron;
const savedEnv = { ...process.env };

before(async () => {
  work = await mkdtemp(join(tmpdir(), "cdp-main-bundle-"));
  home = join(work, "home");
  await build(mainBundleOptions(root, join(work, "dist", "main", "main.cjs")));
  // require("electron") in the bundle finds this stand-in; the keyring is the real native module.
  await mkdir(join(work, "node_modules", "electron"), { recursive: true });
  await writeFile(join(work, "node_modules", "electron", "index.js"), "module.exports = globalThis.__fakeElectron;\n");
  await mkdir(join(work, "node_modules", "@napi-rs"), { recursive: true });
  await symlink(join(root, "node_modules", "@napi-rs", "keyring"), join(work, "node_modules", "@napi-rs", "keyring"));

  fake = createFakeElectron({ appPath: root });
  Object.assign(globalThis, { __fakeElectron: fake.electron });
  process.env.CDP_E2E = "1";
  process.env.CDP_KEY_ROTATOR_HOME = home;
  createRequire(import.meta.url)(join(work, "dist", "main", "main.cjs"));
  await eventually(() => assert.equal(fake.windows[0]?.webContents.url, "app://bundle/index.html"), 250);
});

after(async () => {
  if (fake) {
    fake.app.quit();
    await eventually(() => assert.ok(fake.app.quitCalls >= 2, "quits again once disposed"), 250).catch(() => undefined);
  }
  process.env = savedEnv;
  await rm(work, { recursive: true, force: true });
});

function popover() {
  const window = fake.windows[0];
  assert.ok(window, "the popover window exists");
  return window;
}

async function invoke(channel: string, payload: unknown, sender: { id: number; url: string | null }) {
  const handler = fake.ipcHandlers.get(channel);
  assert.ok(handler, `handler for ${channel}`);
  const senderFrame = sender.url === null ? null : { url: sender.url, parent: null };
  return (await handler({ sender: { id: sender.id }, senderFrame }, payload)) as IpcResult<unknown>;
}

describe("main bundle on a fake Electron", () => {
  it("registers app:// as a privileged scheme, hides the Dock icon, and serves the bundle with the CSP", async () => {
    assert.deepEqual(fake.privilegedSchemes.map((s) => s.scheme), ["app"]);
    assert.equal(fake.app.dockHidden, true);
    const handler = fake.protocolHandlers.get("app");
    assert.ok(handler);
    const traversal = await handler(new Request("app://bundle/assets/..%2f..%2f..%2fpackage.json"));
    assert.equal(traversal.status, 403);
    assert.doesNotMatch(await traversal.text(), /cdp-key-rotator/);
    if (existsSync(join(root, "dist", "renderer", "index.html"))) {
      const index = await handler(new Request("app://bundle/index.html"));
      assert.equal(index.status, 200);
      assert.match(index.headers.get("content-security-policy") ?? "", /script-src 'self'/);
    }
  });

  it("creates the popover hardened, with the sandboxed preload", () => {
    const prefs = popover().options.webPreferences;
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.webviewTag, false);
    assert.match(String(prefs.preload), /preload[/\\]preload\.cjs$/);
    assert.deepEqual(popover().getSize(), [400, 560]);
    // A development run (app.isPackaged false) keeps DevTools; app-menu.test.ts covers packaged.
    assert.equal(prefs.devTools, true);
    // On every Space and over full-screen apps, without the process-type switch that flickers the Dock.
    assert.deepEqual(popover().allWorkspaces, { visible: true, options: { visibleOnFullScreen: true, skipTransformProcessType: true } });
  });

  it("first launch opens the popover and posts one notification that the app lives in the menu bar", async () => {
    await eventually(() => assert.equal(fake.notifications.length, 1), 250);
    const welcome = fake.notifications[0];
    assert.ok(welcome?.shown);
    assert.match((welcome.request as { title: string }).title, /in the menu bar/);
    assert.equal(popover().visible, true);
    await eventually(async () => assert.match(await readFile(join(home, "app-state.json"), "utf8"), /"welcomedAt": "\d{4}-/), 250);
    popover().hide();
    welcome.emit("click");
    assert.equal(popover().visible, true, "clicking the notification opens the popover");
    popover().hide();
  });

  it("opened again from Finder or Spotlight (activate), it shows the popover", () => {
    assert.equal(popover().visible, false);
    fake.app.emit("activate", {}, false);
    assert.equal(popover().visible, true);
    popover().hide();
  });

  it("sets the minimal application menu: the app menu and Edit, so ⌘C/⌘V work in text fields", () => {
    const menu = fake.applicationMenu.current;
    assert.ok(menu, "an application menu is set");
    const labels = (menu.template as { label?: string }[]).map((item) => item.label);
    assert.deepEqual(labels, ["CDP Key Rotator", "Edit"]);
    assert.doesNotMatch(JSON.stringify(menu.template), /toggleDevTools|reload/i);
  });

  it("denies navigation, new windows and every permission but notifications", () => {
    const contents = popover().webContents;
    assert.equal(contents.fireCancellable("will-navigate", "https://evil.example/"), true);
    assert.equal(contents.fireCancellable("will-redirect", "https://evil.example/"), true);
    assert.equal(contents.fireCancellable("will-attach-webview"), true);
    assert.deepEqual(contents.windowOpenHandler?.({ url: "https://evil.example/" }), { action: "deny" });
    const answers: Record<string, boolean> = {};
    for (const name of ["notifications", "media", "geolocation"]) fake.permission.request?.({}, name, (ok) => (answers[name] = ok));
    assert.deepEqual(answers, { notifications: true, media: false, geolocation: false });
    assert.equal(fake.permission.check?.({}, "clipboard-read"), false);
  });

  it("serves every channel of the contract, to the popover only", async () => {
    assert.deepEqual([...fake.ipcHandlers.keys()].sort(), Object.keys(ipcRequestSchemas).sort());
    const own = { id: popover().webContents.id, url: "app://bundle/index.html" };
    const settings = await invoke("cdp:settings:get", {}, own);
    assert.equal(settings.ok, true, JSON.stringify(settings));
    const foreign = await invoke("cdp:settings:get", {}, { id: own.id + 100, url: own.url });
    assert.ok(!foreign.ok && foreign.error.code === "IPC_FORBIDDEN");
    const remote = await invoke("cdp:settings:get", {}, { id: own.id, url: "https://evil.example/" });
    assert.ok(!remote.ok && remote.error.code === "IPC_FORBIDDEN");
    const bad = await invoke("cdp:targets:remove", { targetId: 42 }, own);
    assert.ok(!bad.ok && bad.error.code === "INVALID_INPUT");
    assert.ok(existsSync(join(home, "settings.json")) || settings.ok, "the data folder is CDP_KEY_ROTATOR_HOME");
  });

  it("shows the tray, toggles the popover under it, hides on Escape", async () => {
    const tray = fake.trays[0];
    assert.ok(tray);
    assert.match(tray.image.path, /tray-okTemplate\.png$/);
    assert.match(tray.tooltip, /CDP Key Rotator/);
    // The click's own bounds place it (tray.getBounds() says x 1000; this icon is at 600).
    tray.emit("click", {}, { x: 600, y: 0, width: 24, height: 24 }, { x: 610, y: 10 });
    assert.equal(popover().visible, true);
    assert.deepEqual(popover().position, [412, 29]);
    const prevented = popover().webContents.fireCancellable("before-input-event", { type: "keyDown", key: "Escape" });
    assert.equal(prevented, true);
    assert.equal(popover().visible, false);
    const menus = tray.menus.length;
    tray.emit("right-click");
    // The menu reads the settings first (a configuration profile may set Launch at Login).
    await eventually(() => assert.equal(tray.menus.length, menus + 1), 250);
    const labels = (tray.menus.at(-1)?.template as { label?: string }[]).map((item) => item.label).filter(Boolean);
    assert.deepEqual(labels, ["Refresh", "Rotate…", "Settings…", "Launch at Login", "Show Logs…", "About CDP Key Rotator", "Quit CDP Key Rotator"]);
  });

  it("logs to daily files in the log folder, and Show Logs… opens that folder", async () => {
    const logs = join(home, "Logs");
    const files = await readdir(logs);
    assert.equal(files.length, 1, files.join(", "));
    assert.match(files[0] ?? "", /^app-\d{4}-\d{2}-\d{2}\.log$/);
    assert.match(await readFile(join(logs, files[0] ?? ""), "utf8"), /INFO \[app \d+\] CDP Key Rotator started\. \{"version":"0\.1\.0","packaged":false/);
    const tray = fake.trays[0];
    assert.ok(tray);
    const menus = tray.menus.length;
    tray.emit("right-click");
    await eventually(() => assert.equal(tray.menus.length, menus + 1), 250);
    const item = (tray.menus.at(-1)?.template as { label?: string; click?: () => void }[]).find((entry) => entry.label === "Show Logs…");
    assert.ok(item?.click);
    item.click();
    await eventually(() => assert.deepEqual(fake.openedPaths, [logs]), 250);
  });

  it("a sandbox target added over IPC shows up in the tray with its days left", async () => {
    const own = { id: popover().webContents.id, url: "app://bundle/index.html" };
    const added = await invoke("cdp:sandbox:add-target", {}, own);
    assert.equal(added.ok, true, JSON.stringify(added));
    const refreshed = await invoke("cdp:status:refresh", {}, own);
    assert.equal(refreshed.ok, true);
    const tray = fake.trays[0];
    await eventually(() => assert.equal(tray?.title, "7d"), 250);
    assert.match(tray?.image.path ?? "", /tray-due-soonTemplate\.png$/);
    assert.ok(popover().webContents.sent.some((m) => m.channel === "cdp:event:status"), "status events reach the window");
    // Jamf Pro and AWS both went through Electron's net.fetch (the Mac's proxies and roots), cookies kept out of Chromium's store.
    const paths = fake.netRequests.map((r) => new URL(r.url).pathname);
    assert.ok(paths.includes("/api/v1/cloud-distribution-point"), `Jamf Pro through net.fetch: ${paths.join(" ")}`);
    assert.ok(fake.netRequests.some((r) => r.init.method === "POST" && String(r.init.body ?? "").includes("Action=ListAccessKeys")), "AWS IAM through net.fetch");
    assert.ok(fake.netRequests.every((r) => r.init.credentials === "omit" && r.init.bypassCustomProtocolHandlers === true));
  });

  it("holds off App Nap while a rotation runs, and lets go when it waits for the admin or ends", async () => {
    const own = { id: popover().webContents.id, url: "app://bundle/index.html" };
    const listed = await invoke("cdp:status:list", {}, own);
    assert.ok(listed.ok);
    const targetId = (listed.value as { targetId: string }[])[0]?.targetId;
    assert.ok(targetId, "the sandbox target added above");
    const started = await invoke("cdp:rotation:start", { targetId, deleteOld: "later" }, own);
    assert.equal(started.ok, true, JSON.stringify(started));
    let waiting: { status: string; rotationId: string; currentStepId: string } | null = null;
    await eventually(async () => {
      const current = await invoke("cdp:rotation:get", { targetId }, own);
      assert.ok(current.ok);
      waiting = current.value as typeof waiting;
      assert.equal(waiting?.status, "awaiting-confirmation");
    }, 250);
    assert.equal(fake.powerSave.calls[0], "start prevent-app-suspension", "held while the preflight ran");
    assert.equal(fake.powerSave.started.size, 0, "released while the admin decides");
    const asked = waiting as unknown as { rotationId: string; currentStepId: string };
    const declined = await invoke("cdp:rotation:confirm", { rotationId: asked.rotationId, stepId: asked.currentStepId, approve: false }, own);
    assert.ok(declined.ok, JSON.stringify(declined));
    await eventually(async () => {
      const current = await invoke("cdp:rotation:get", { targetId }, own);
      assert.ok(current.ok);
      assert.equal((current.value as { status: string }).status, "declined");
    }, 250);
    assert.equal(fake.powerSave.started.size, 0);
    assert.equal(fake.powerSave.calls.at(-1), "stop");
  });

  it("exposes the end-to-end hook only under CDP_E2E=1", () => {
    const hook = (globalThis as { __cdpE2E?: { showPopover(): void; isPopoverVisible(): boolean } }).__cdpE2E;
    assert.ok(hook);
    hook.showPopover();
    assert.equal(hook.isPopoverVisible(), true);
  });
});
