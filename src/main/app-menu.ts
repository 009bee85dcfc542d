// The application menu of a menu-bar app: never shown (LSUIElement), but macOS routes ⌘C/⌘V/⌘A/⌘Z
// in the popover's text fields through it, and ⌘Q through the app menu. Nothing else: no View menu,
// so no Reload and no Toggle Developer Tools accelerators in any build.
import type { MenuItemConstructorOptions } from "electron";

export function appMenuTemplate(appName: string): MenuItemConstructorOptions[] {
  return [
    {
      label: appName,
      submenu: [{ role: "about" }, { type: "separator" }, { role: "hide" }, { type: "separator" }, { role: "quit" }],
    },
    {
      label: "Edit",
      submenu: [
        { role: "undo" },
        { role: "redo" },
        { type: "separator" },
        { role: "cut" },
        { role: "copy" },
        { role: "paste" },
        { role: "selectAll" },
      ],
    },
  ];
}

/**
 * DevTools only in a development run: a packaged (signed) app never opens them, so nobody at the
 * Mac can read the renderer's memory or drive the bridge from a console.
 */
export function devToolsEnabled(isPackaged: boolean): boolean {
  return !isPackaged;
}
