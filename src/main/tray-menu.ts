// The right-click menu as plain data; main.ts turns it into an Electron Menu and wires the clicks.
export type TrayMenuAction = "refresh" | "rotate" | "settings" | "launch-at-login" | "show-logs" | "about" | "quit";

export type TrayMenuEntry =
  | { type: "normal"; action: TrayMenuAction; label: string; enabled: boolean }
  | { type: "checkbox"; action: TrayMenuAction; label: string; enabled: boolean; checked: boolean }
  | { type: "separator" };

export interface TrayMenuState {
  launchAtLogin: boolean;
  /** A configuration profile sets LaunchAtLogin: the item shows it but cannot change it. */
  launchAtLoginManaged?: boolean;
  /** The most urgent target, which "Rotate…" opens; null when there is none. */
  urgentTarget: { id: string; name: string } | null;
  refreshing: boolean;
}

export function trayMenuEntries(state: TrayMenuState): TrayMenuEntry[] {
  return [
    { type: "normal", action: "refresh", label: state.refreshing ? "Refreshing…" : "Refresh", enabled: !state.refreshing },
    {
      type: "normal",
      action: "rotate",
      label: state.urgentTarget ? `Rotate ${state.urgentTarget.name}…` : "Rotate…",
      enabled: state.urgentTarget !== null,
    },
    { type: "normal", action: "settings", label: "Settings…", enabled: true },
    { type: "separator" },
    {
      type: "checkbox",
      action: "launch-at-login",
      label: "Launch at Login",
      enabled: state.launchAtLoginManaged !== true,
      checked: state.launchAtLogin,
    },
    { type: "separator" },
    { type: "normal", action: "show-logs", label: "Show Logs…", enabled: true },
    { type: "normal", action: "about", label: "About CDP Key Rotator", enabled: true },
    { type: "normal", action: "quit", label: "Quit CDP Key Rotator", enabled: true },
  ];
}
