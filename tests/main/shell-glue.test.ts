import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createLoginItem, mirrorLoginItem, type LoginItemApp } from "../../src/main/login-item";
import { trayMenuEntries } from "../../src/main/tray-menu";
import { HARDENED_WEB_PREFERENCES, isNavigationAllowed, isPermissionAllowed } from "../../src/main/window-hardening";
import { DEFAULT_APP_SETTINGS, type AppSettings, type AppSettingsView } from "../../src/shared/domain";

/** Electron's app login-item API, as macOS behaves: optionally needing approval first. */
class FakeLoginItems implements LoginItemApp {
  openAtLogin = false;
  constructor(private readonly needsApproval = false) {}
  getLoginItemSettings() {
    return { openAtLogin: this.openAtLogin, status: this.needsApproval && this.openAtLogin ? "requires-approval" : "enabled" };
  }
  setLoginItemSettings(settings: { openAtLogin: boolean }) {
    this.openAtLogin = settings.openAtLogin;
  }
}

describe("launch at login", () => {
  it("applies the choice and reads it back", () => {
    const os = new FakeLoginItems();
    const item = createLoginItem(os);
    item.setEnabled(true);
    assert.equal(os.openAtLogin, true);
    assert.equal(item.isEnabled(), true);
    item.setEnabled(false);
    assert.equal(item.isEnabled(), false);
  });

  it("says what to do when macOS wants approval first", () => {
    const item = createLoginItem(new FakeLoginItems(true));
    assert.throws(() => item.setEnabled(true), (error: Error & { action?: string }) => /System Settings/.test(error.action ?? ""));
  });

  it("mirrors the operating system's state into the settings", async () => {
    const os = new FakeLoginItems();
    os.openAtLogin = true;
    let stored: AppSettings = { ...DEFAULT_APP_SETTINGS, launchAtLogin: false };
    const settings = {
      get: async () => stored,
      set: async (patch: Partial<AppSettings>) => (stored = { ...stored, ...patch }),
    };
    const result = await mirrorLoginItem(createLoginItem(os), settings);
    assert.equal(result.launchAtLogin, true);
    assert.equal(stored.launchAtLogin, true);
  });

  it("applies a configuration profile's LaunchAtLogin to the OS instead of mirroring the OS", async () => {
    const os = new FakeLoginItems();
    const managed: AppSettingsView = { ...DEFAULT_APP_SETTINGS, launchAtLogin: true, managedKeys: ["launchAtLogin"] };
    const patches: Partial<AppSettings>[] = [];
    const settings = {
      get: async () => managed,
      set: async (patch: Partial<AppSettings>) => {
        patches.push(patch);
        return managed;
      },
    };
    assert.equal((await mirrorLoginItem(createLoginItem(os), settings)).launchAtLogin, true);
    assert.equal(os.openAtLogin, true, "the login item follows the profile");
    assert.deepEqual(patches, [], "the profile's value is not overwritten");
    // Waiting for approval in System Settings does not break reading the settings.
    const waiting = new FakeLoginItems(true);
    assert.equal((await mirrorLoginItem(createLoginItem(waiting), settings)).launchAtLogin, true);
  });
});

describe("window hardening", () => {
  it("uses the Electron security checklist's web preferences", () => {
    assert.equal(HARDENED_WEB_PREFERENCES.contextIsolation, true);
    assert.equal(HARDENED_WEB_PREFERENCES.sandbox, true);
    assert.equal(HARDENED_WEB_PREFERENCES.nodeIntegration, false);
    assert.equal(HARDENED_WEB_PREFERENCES.webviewTag, false);
    assert.equal(HARDENED_WEB_PREFERENCES.webSecurity, true);
  });

  it("allows only the notifications permission", () => {
    assert.equal(isPermissionAllowed("notifications"), true);
    for (const permission of ["media", "geolocation", "clipboard-read", "openExternal", "fullscreen", "hid", "serial"]) {
      assert.equal(isPermissionAllowed(permission), false, permission);
    }
  });

  it("refuses navigation away from the app page", () => {
    const here = "app://bundle/index.html";
    assert.equal(isNavigationAllowed(here, "https://evil.example/"), false);
    assert.equal(isNavigationAllowed(here, "app://bundle/other.html"), false);
    assert.equal(isNavigationAllowed(here, "file:///etc/passwd"), false);
    assert.equal(isNavigationAllowed(null, here), false);
    assert.equal(isNavigationAllowed(here, "app://bundle/index.html#settings"), true, "a reload or an in-page anchor is fine");
  });
});

describe("tray menu", () => {
  it("lists Refresh, Rotate…, Settings…, Launch at Login, About and Quit", () => {
    const entries = trayMenuEntries({ launchAtLogin: true, urgentTarget: { id: "t1", name: "Acme" }, refreshing: false });
    const labels = entries.map((e) => (e.type === "separator" ? "-" : e.label));
    assert.deepEqual(labels, ["Refresh", "Rotate Acme…", "Settings…", "-", "Launch at Login", "-", "Show Logs…", "About CDP Key Rotator", "Quit CDP Key Rotator"]);
    const login = entries.find((e) => e.type === "checkbox");
    assert.ok(login && login.type === "checkbox" && login.checked);
  });

  it("shows Launch at Login disabled when a configuration profile sets it", () => {
    const login = (managed?: boolean) =>
      trayMenuEntries({ launchAtLogin: true, launchAtLoginManaged: managed, urgentTarget: null, refreshing: false }).find((e) => e.type === "checkbox");
    assert.equal(login(true)?.type === "checkbox" && login(true)?.enabled, false);
    assert.equal(login(false)?.type === "checkbox" && login(false)?.enabled, true);
    assert.equal(login(undefined)?.type === "checkbox" && login(undefined)?.enabled, true);
  });

  it("disables Rotate… without targets and Refresh while refreshing", () => {
    const entries = trayMenuEntries({ launchAtLogin: false, urgentTarget: null, refreshing: true });
    const byAction = new Map(entries.flatMap((e) => (e.type === "separator" ? [] : [[e.action, e] as const])));
    assert.equal(byAction.get("rotate")?.enabled, false);
    assert.equal(byAction.get("rotate")?.label, "Rotate…");
    assert.equal(byAction.get("refresh")?.enabled, false);
  });
});
