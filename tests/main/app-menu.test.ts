import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { MenuItemConstructorOptions } from "electron";
import { appMenuTemplate, devToolsEnabled } from "../../src/main/app-menu";

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [String(item.role)] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe("application menu", () => {
  it("has only the app and Edit menus: copy/paste work in the popover, nothing reloads or opens DevTools", () => {
    const template = appMenuTemplate("CDP Key Rotator");
    assert.deepEqual(template.map((m) => m.label), ["CDP Key Rotator", "Edit"]);
    const all = roles(template);
    for (const role of ["copy", "paste", "cut", "selectAll", "undo", "quit"]) assert.ok(all.includes(role), role);
    for (const role of ["toggleDevTools", "reload", "forceReload", "viewMenu"]) assert.ok(!all.includes(role), role);
  });

  it("allows DevTools only in a development run", () => {
    assert.equal(devToolsEnabled(true), false);
    assert.equal(devToolsEnabled(false), true);
  });
});
