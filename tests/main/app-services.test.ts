// The app's full backend (real core + shell channels) in plain Node: sandbox targets that survive
// a restart, the external-link allow-list, launch at login mirrored into the settings.
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { MemorySecretStore } from "../../src/core/store/memory-secret-store";
import { secretAccounts } from "../../src/core/store/store-types";
import { silentLogger } from "../../src/core/ports";
import { createAppServices, type AppServices } from "../../src/main/app-services";
import { createLoginItem, type LoginItemApp } from "../../src/main/login-item";
import { SANDBOX_TARGETS_FILE } from "../../src/main/sandbox-targets";
import { startSandbox } from "../../src/sandbox/world";
import type { SandboxWorld } from "../../src/sandbox/sandbox-types";

let dataDir: string;
let worlds: SandboxWorld[];
let running: AppServices[];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "cdp-app-services-"));
  worlds = [];
  running = [];
});

afterEach(async () => {
  for (const services of running) await services.dispose();
  for (const world of worlds) await world.stop().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
});

class FakeLoginItems implements LoginItemApp {
  openAtLogin = false;
  getLoginItemSettings() {
    return { openAtLogin: this.openAtLogin };
  }
  setLoginItemSettings(settings: { openAtLogin: boolean }) {
    this.openAtLogin = settings.openAtLogin;
  }
}

async function start(secretStore = new MemorySecretStore(), loginItems = new FakeLoginItems(), env: Record<string, string> = {}) {
  const opened: string[] = [];
  let hidden = 0;
  const services = await createAppServices({
    dataDir,
    secretStore,
    env,
    logger: silentLogger,
    startWorld: async () => {
      const world = await startSandbox();
      worlds.push(world);
      return { world, release: () => world.stop() };
    },
    openExternal: async (url) => {
      opened.push(url);
    },
    hidePopover: () => {
      hidden += 1;
    },
    loginItem: createLoginItem(loginItems),
  });
  running.push(services);
  return { services, secretStore, loginItems, opened, hidden: () => hidden };
}

async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

describe("sandbox targets", () => {
  it("adds a target pointing at a fresh sandbox world, with its secrets in the secret store", async () => {
    const { services, secretStore } = await start();
    const target = await services.backend["cdp:sandbox:add-target"]({});
    const world = worlds[0];
    assert.ok(world);
    assert.equal(target.name, "Sandbox");
    assert.equal(target.awsEndpointUrl, world.aws.url);
    assert.equal(target.jamfAuth.kind === "api-client" && target.jamfAuth.clientId, world.jamfClient.clientId);
    assert.equal(target.hasSecret, true);
    assert.equal(await secretStore.get(secretAccounts.jamf(target.id)), world.jamfClient.clientSecret);
    assert.deepEqual(JSON.parse((await secretStore.get(secretAccounts.awsAdmin(target.id))) ?? "{}"), {
      accessKeyId: world.admin.accessKeyId,
      secretAccessKey: world.admin.secretAccessKey,
    });
    const registry = JSON.parse(await readFile(join(dataDir, SANDBOX_TARGETS_FILE), "utf8"));
    assert.deepEqual(registry.targetIds, [target.id]);

    const [status] = await services.backend["cdp:status:refresh"]({ targetId: target.id });
    assert.equal(status?.jamfKeyId, world.cdpKey.accessKeyId);
    assert.equal(status?.state, "due-soon");

    const second = await services.backend["cdp:sandbox:add-target"]({});
    assert.equal(second.name, "Sandbox 2");
    assert.notEqual(second.awsEndpointUrl, target.awsEndpointUrl, "each sandbox target has its own world");
  });

  it("after a restart, starts a new world and points the target (and its secrets) at it", async () => {
    const secrets = new MemorySecretStore();
    const first = await start(secrets);
    const target = await first.services.backend["cdp:sandbox:add-target"]({});
    const oldWorld = worlds[0];
    await first.services.dispose();
    assert.equal(await reachable(oldWorld?.aws.url ?? ""), false, "the world ended with the app");

    const second = await start(secrets);
    const newWorld = worlds[1];
    assert.ok(newWorld, "restore started a new world");
    const [restored] = await second.services.backend["cdp:targets:list"]({});
    assert.equal(restored?.id, target.id);
    assert.equal(restored?.awsEndpointUrl, newWorld.aws.url);
    assert.equal(restored?.jamfUrl.replace(/\/$/, ""), newWorld.jamf.url.replace(/\/$/, ""));
    const [status] = await second.services.backend["cdp:status:refresh"]({ targetId: target.id });
    assert.equal(status?.state, "due-soon");
    assert.equal(status?.jamfKeyId, newWorld.cdpKey.accessKeyId);
  });

  it("after a restart on a new world, the old world's open rotation is reset with it (no journal about keys that are gone)", async () => {
    const secrets = new MemorySecretStore();
    const first = await start(secrets);
    const target = await first.services.backend["cdp:sandbox:add-target"]({});
    // A rotation waits for its first confirmation when the app quits: it stays open (interrupted).
    const waiting = new Promise<void>((resolve) => {
      const off = first.services.core.onEvent("cdp:event:rotation", (snapshot) => {
        if (snapshot.status === "awaiting-confirmation") {
          off();
          resolve();
        }
      });
    });
    await first.services.backend["cdp:rotation:start"]({ targetId: target.id, deleteOld: "now" });
    await waiting;
    await first.services.dispose();
    const journal = join(dataDir, "rotations", `${encodeURIComponent(target.id)}.json`);
    assert.ok(await readFile(journal, "utf8"), "the journal outlived the first run");

    const second = await start(secrets);
    assert.equal(await second.services.backend["cdp:rotation:get"]({ targetId: target.id }), null);
    await assert.rejects(readFile(journal, "utf8"), { code: "ENOENT" });
    assert.equal(await secrets.get(secretAccounts.pendingKey(target.id)), null);
    const [status] = await second.services.backend["cdp:status:refresh"]({ targetId: target.id });
    assert.equal(status?.state, "due-soon");
  });

  it("removing a sandbox target stops its world and forgets it", async () => {
    const { services } = await start();
    const target = await services.backend["cdp:sandbox:add-target"]({});
    await services.backend["cdp:targets:remove"]({ targetId: target.id });
    assert.equal(await reachable(worlds[0]?.aws.url ?? ""), false);
    const registry = JSON.parse(await readFile(join(dataDir, SANDBOX_TARGETS_FILE), "utf8"));
    assert.deepEqual(registry.targetIds, []);
  });
});

describe("shell channels", () => {
  it("opens allowed https links only", async () => {
    const { services, opened } = await start();
    await services.backend["cdp:targets:save"]({
      target: { name: "Acme", jamfUrl: "https://acme.jamfcloud.com", jamfAuth: { kind: "api-client", clientId: "id" }, awsRegion: "us-east-1" },
    });
    // Saved but never tested: not trusted yet (external-url-trust.test.ts covers a passed test).
    await assert.rejects(services.backend["cdp:app:open-external"]({ url: "https://acme.jamfcloud.com/view/settings" }), { code: "INVALID_INPUT" });
    await services.backend["cdp:app:open-external"]({ url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/" });
    await assert.rejects(services.backend["cdp:app:open-external"]({ url: "https://evil.example/" }), { code: "INVALID_INPUT" });
    await assert.rejects(services.backend["cdp:app:open-external"]({ url: "http://acme.jamfcloud.com/" }), { code: "INVALID_INPUT" });
    assert.deepEqual(opened, ["https://docs.aws.amazon.com/IAM/latest/UserGuide/"]);
  });

  it("hides the popover", async () => {
    const { services, hidden } = await start();
    assert.equal(await services.backend["cdp:app:hide"]({}), null);
    assert.equal(hidden(), 1);
  });

  it("applies launch at login to the OS and mirrors the OS into the settings", async () => {
    const { services, loginItems } = await start();
    const on = await services.backend["cdp:settings:set"]({ settings: { launchAtLogin: true } });
    assert.equal(on.launchAtLogin, true);
    assert.equal(loginItems.openAtLogin, true);
    // The admin removed the login item in System Settings: the app follows.
    loginItems.openAtLogin = false;
    assert.equal((await services.backend["cdp:settings:get"]({})).launchAtLogin, false);
  });

  it("applies a configuration profile's LaunchAtLogin to the OS and does not let the app change it", async () => {
    const profile = join(dataDir, "managed-preferences.json");
    await writeFile(profile, JSON.stringify({ LaunchAtLogin: true }));
    const { services, loginItems } = await start(undefined, undefined, { CDP_KEY_ROTATOR_MANAGED_PREFS: profile });
    const settings = await services.backend["cdp:settings:get"]({});
    assert.equal(settings.launchAtLogin, true);
    assert.deepEqual(settings.managedKeys, ["launchAtLogin"]);
    assert.equal(loginItems.openAtLogin, true);

    await assert.rejects(services.backend["cdp:settings:set"]({ settings: { launchAtLogin: false } }), (error: Error & { code?: string }) => {
      assert.equal(error.code, "INVALID_INPUT");
      assert.match(error.message, /^Launch at login \(LaunchAtLogin\) is set by your organization's configuration profile\.$/);
      return true;
    });
    assert.equal(loginItems.openAtLogin, true, "the login item was not touched");
    // Removed in System Settings: the next read puts it back, as the profile says.
    loginItems.openAtLogin = false;
    assert.equal((await services.backend["cdp:settings:get"]({})).launchAtLogin, true);
    assert.equal(loginItems.openAtLogin, true);
    assert.equal((await services.backend["cdp:settings:set"]({ settings: { remindersEnabled: false } })).remindersEnabled, false);
  });
});
