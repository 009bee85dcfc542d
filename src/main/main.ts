// The Electron main process: a menu-bar item with a popover, nothing else on screen. This file only
// wires Electron to the plain-Node modules beside it (tray presentation, popover controller, IPC
// router, reminders, sandbox targets), which carry the logic and have their own tests.
import {
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  app,
  dialog,
  ipcMain,
  nativeImage,
  nativeTheme,
  net,
  powerMonitor,
  powerSaveBlocker,
  protocol,
  screen,
  session,
  shell,
  type MenuItemConstructorOptions,
  type NativeImage,
} from "electron";
import { homedir } from "node:os";
import { join } from "node:path";
import { adoptLoginShellPath } from "../core/app/login-shell-path";
import { systemClock } from "../core/ports";
import { createFileLogger, ensureLogDir } from "../core/log/file-logger";
import { resolveLogDir } from "../core/log/log-dir";
import { teeLogger } from "../core/log/tee-logger";
import { FileReminderLedgerStore } from "../core/store/reminder-ledger-store";
import { KeychainSecretStore } from "../core/store/keychain-secret-store";
import { MemorySecretStore } from "../core/store/memory-secret-store";
import { resolveDataDir } from "../core/store/data-dir";
import { startSandbox } from "../sandbox/world";
import { toErrorData } from "../shared/errors";
import { IPC_EVENT_CHANNELS, type IpcEventChannel, type IpcEvents, type NavigateView } from "../shared/ipc-contract";
import { APP_INDEX_URL, APP_SCHEME, createAppProtocolHandler } from "./app-protocol";
import { createAppServices, type AppServices } from "./app-services";
import { createAppStateStore } from "./app-state-store";
import { appMenuTemplate, devToolsEnabled } from "./app-menu";
import { cliModeArgs, runCliMode } from "./cli-mode";
import { createConsoleLogger } from "./console-logger";
import { electronHttpFetch } from "./electron-fetch";
import { welcomeOnFirstLaunch, type WelcomeNotice } from "./first-launch";
import { createIpcRouter } from "./ipc/ipc-router";
import { createElectronIpcTransport } from "./ipc/electron-ipc-transport";
import type { IpcEventSink } from "./ipc/ipc-transport";
import { registerAllHandlers } from "./ipc/register-handlers";
import { electronSenderPolicy } from "./ipc/sender-policy";
import { createLoginItem, mirrorLoginItem } from "./login-item";
import { POPOVER_SIZE, createPopoverController, type PopoverController } from "./popover-controller";
import { createPowerSaveGuard } from "./power-save-guard";
import { createReminderDispatcher } from "./reminder-dispatcher";
import { createStatusModel, type StatusModel } from "./status-model";
import { trayMenuEntries, type TrayMenuAction } from "./tray-menu";
import { trayPresentation, type TrayIconState, type TrayPresentation } from "./tray-presentation";
import { createTrayRefreshScheduler } from "./tray-refresh-scheduler";
import { systemTimers } from "./timers";
import { HARDENED_WEB_PREFERENCES, isNavigationAllowed, isPermissionAllowed } from "./window-hardening";

const E2E = process.env.CDP_E2E === "1";
/** Statuses are re-read from AWS and Jamf Pro this often in the background. */
const BACKGROUND_REFRESH_MS = 6 * 60 * 60_000;
const OPEN_FOLDER_HINT = process.platform === "darwin" ? "In Finder, choose Go > Go to Folder… and paste the path above." : "Open the path above in your file manager.";
/** After wake the network needs a moment before AWS and Jamf Pro answer. */
const WAKE_REFRESH_DELAY_MS = 10_000;

const logLevel = process.env.CDP_LOG_LEVEL === "debug" ? "debug" : "info";
const consoleLogger = createConsoleLogger(logLevel);
// Finder gives a launched app no terminal: the log folder is where an admin finds what happened.
const logDir = resolveLogDir(process.env, process.platform, homedir());
const logger = teeLogger(
  consoleLogger,
  createFileLogger({ dir: logDir, writer: "app", clock: systemClock, minLevel: logLevel, onError: (problem) => consoleLogger.log("warn", problem) }),
);

// CLI mode (the pkg's /usr/local/bin/cdp-key-rotator) is decided first: no protocol, window, tray
// or single-instance lock, so a command runs while the menu-bar app is open.
const cliArgs = cliModeArgs(process.argv);
if (cliArgs) {
  void runCliMode(cliArgs, { dock: app.dock, exit: (code) => app.exit(code) });
} else {
  startMenuBarApp();
}

function startMenuBarApp(): void {
  // Must run before `ready`: app:// behaves like a standard, secure origin (fetch, relative URLs).
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
  } else {
    app.dock?.hide();
    // A menu-bar app stays alive with no window open.
    app.on("window-all-closed", () => undefined);
    hardenEveryWebContents();
    app
      .whenReady()
      .then(start)
      .catch((error: unknown) => {
        const data = toErrorData(error);
        logger.log("error", "CDP Key Rotator could not start.", { code: data.code, message: data.message });
        dialog.showErrorBox("CDP Key Rotator could not start", [data.message, data.action].filter(Boolean).join("\n\n"));
        app.exit(1);
      });
  }
}

function hardenEveryWebContents(): void {
  app.on("web-contents-created", (_event, contents) => {
    contents.on("will-navigate", (event, url) => {
      if (!isNavigationAllowed(contents.getURL(), url)) event.preventDefault();
    });
    contents.on("will-redirect", (event, url) => {
      if (!isNavigationAllowed(contents.getURL(), url)) event.preventDefault();
    });
    contents.on("will-attach-webview", (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: "deny" }));
  });
}

async function start(): Promise<void> {
  const appRoot = app.getAppPath();
  const rendererDir = join(appRoot, "dist", "renderer");
  const assetsDir = join(appRoot, "assets");

  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionAllowed(permission)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate("CDP Key Rotator")));

  logger.log("info", "CDP Key Rotator started.", { version: app.getVersion(), packaged: app.isPackaged, platform: process.platform, arch: process.arch });
  const window = createPopoverWindow();
  const events: IpcEventSink = {
    send(event, payload) {
      if (!window.isDestroyed()) window.webContents.send(event, payload);
    },
  };

  const tray = new Tray(trayImage(assetsDir, "ok"));
  const popover = createPopoverController({
    window,
    trayBounds: () => tray.getBounds(),
    workAreaNear: (point) => screen.getDisplayNearestPoint(point).workArea,
    events,
    clock: systemClock,
    hideOnBlur: !E2E,
  });
  window.on("blur", () => popover.handleBlur());
  window.webContents.on("before-input-event", (event, input) => {
    if (popover.handleKey(input)) event.preventDefault();
  });
  window.webContents.on("did-finish-load", () => popover.markLoaded());
  app.on("second-instance", () => popover.show());
  // Opened again from Finder, Spotlight or Self Service while running: show where the app is.
  app.on("activate", () => popover.show());

  const loginItem = process.platform === "darwin" || process.platform === "win32" ? createLoginItem(app) : null;
  const dataDir = resolveDataDir(process.env, process.platform, homedir());
  // Finder and login items start the app with launchd's PATH: Homebrew's credential helpers
  // (credential_process) are found only on the login shell's PATH. Read once, bounded by a timeout.
  if (process.platform === "darwin" && !E2E && (await adoptLoginShellPath(process.env, { logger }))) {
    logger.log("info", "Using the login shell's PATH for AWS credential helpers");
  }
  const services = await createAppServices({
    dataDir,
    // End-to-end runs never touch the developer's Keychain.
    secretStore: E2E ? new MemorySecretStore() : new KeychainSecretStore(),
    env: process.env,
    logger,
    startWorld: async () => {
      const world = await startSandbox();
      return { world, release: () => world.stop() };
    },
    openExternal: (url) => shell.openExternal(url),
    hidePopover: () => popover.hide(),
    loginItem,
    // Chromium's network stack: the Mac's proxy settings (PAC/WPAD) and the System keychain's roots.
    fetch: electronHttpFetch(net),
  });

  const transport = createElectronIpcTransport(ipcMain);
  const router = createIpcRouter({
    transport,
    isTrustedSender: electronSenderPolicy(() => (window.isDestroyed() ? null : window.webContents.id)),
    logger,
  });
  registerAllHandlers(router, services.backend);
  const powerSave = createPowerSaveGuard({ blocker: powerSaveBlocker, timers: systemTimers, logger });
  const offPowerSave = services.core.onEvent("cdp:event:rotation", (snapshot) => powerSave.track(snapshot));
  const offEvents = IPC_EVENT_CHANNELS.map((channel: IpcEventChannel) =>
    services.onEvent(channel, (payload) => events.send(channel, payload as IpcEvents[typeof channel])),
  );
  // An MFA code is asked for in the popover: bring it up when a request opens.
  offEvents.push(services.prompter.onEvent((event) => event.kind === "asked" && popover.show()));

  const model = createStatusModel(services.core, logger);
  let presentation: TrayPresentation = trayPresentation([], []);
  const images = new Map<TrayIconState, NativeImage>();
  const scheduler = createTrayRefreshScheduler({
    clock: systemClock,
    timers: systemTimers,
    render: (now) => {
      presentation = trayPresentation(model.statuses(), model.rotatingIds(), now);
      let image = images.get(presentation.icon);
      if (!image) images.set(presentation.icon, (image = trayImage(assetsDir, presentation.icon)));
      tray.setImage(image);
      tray.setTitle(presentation.title, { fontType: "monospacedDigit" });
      tray.setToolTip(presentation.tooltip);
    },
  });
  model.onChange(() => scheduler.trigger("status-change"));

  const ledger = new FileReminderLedgerStore({ dataDir, logger });
  const navigateTo = (view: NavigateView, targetId: string | null) => popover.show({ view, targetId });
  const reminders = createReminderDispatcher({
    clock: systemClock,
    timers: systemTimers,
    ledger,
    statuses: () => model.statuses(),
    rotatingIds: () => model.rotatingIds(),
    remindersEnabled: async () => (await services.backend["cdp:settings:get"]({})).remindersEnabled,
    createNotification: Notification.isSupported() ? (request) => new Notification(request) : null,
    openTarget: (targetId) => navigateTo("overview", targetId),
    rotateNow: (targetId) => navigateTo("rotation", targetId),
    logger,
  });

  tray.setIgnoreDoubleClickEvents(true);
  tray.on("click", (_event, bounds) => popover.toggle(bounds));
  tray.on("right-click", () => void openMenu());

  async function openMenu(): Promise<void> {
    // Read each time: a configuration profile that sets LaunchAtLogin may arrive at any time.
    const settings = await services.backend["cdp:settings:get"]({}).catch(() => null);
    tray.popUpContextMenu(buildMenu(settings?.managedKeys?.includes("launchAtLogin") ?? false));
  }

  function buildMenu(launchAtLoginManaged: boolean): Menu {
    const urgent = model.statuses().find((s) => s.targetId === presentation.urgentTargetId) ?? null;
    const entries = trayMenuEntries({
      launchAtLogin: loginItem?.isEnabled() ?? false,
      launchAtLoginManaged,
      urgentTarget: urgent ? { id: urgent.targetId, name: urgent.name } : null,
      refreshing: model.refreshing(),
    });
    const template: MenuItemConstructorOptions[] = entries.map((entry) =>
      entry.type === "separator"
        ? { type: "separator" }
        : {
            type: entry.type,
            label: entry.label,
            enabled: entry.type === "checkbox" && entry.action === "launch-at-login" ? entry.enabled && loginItem !== null : entry.enabled,
            checked: entry.type === "checkbox" ? entry.checked : undefined,
            click: () => void onMenu(entry.action, urgent?.targetId ?? null),
          },
    );
    return Menu.buildFromTemplate(template);
  }

  async function onMenu(action: TrayMenuAction, urgentId: string | null): Promise<void> {
    switch (action) {
      case "refresh":
        await model.refresh();
        await reminders.check();
        return;
      case "rotate":
        navigateTo("rotation", urgentId);
        return;
      case "settings":
        navigateTo("settings", null);
        return;
      case "launch-at-login": {
        const wanted = !(loginItem?.isEnabled() ?? false);
        try {
          await services.backend["cdp:settings:set"]({ settings: { launchAtLogin: wanted } });
        } catch (error) {
          const data = toErrorData(error);
          await dialog.showMessageBox({ type: "warning", message: data.message, detail: data.action ?? "" });
        }
        return;
      }
      case "show-logs":
        await showLogs();
        return;
      case "about":
        app.setAboutPanelOptions({ applicationName: "CDP Key Rotator", applicationVersion: app.getVersion() });
        app.showAboutPanel();
        return;
      case "quit":
        app.quit();
        return;
    }
  }

  async function showLogs(): Promise<void> {
    let problem: string;
    try {
      problem = await shell.openPath(ensureLogDir(logDir));
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    if (problem) {
      logger.log("warn", "The logs folder could not be opened.", { path: logDir, reason: problem });
      await dialog.showMessageBox({ type: "warning", message: "The logs folder could not be opened.", detail: `${logDir}\n\n${problem}\n\n${OPEN_FOLDER_HINT}` });
    }
  }

  const onWake = (reason: "resume" | "unlock-screen") => {
    scheduler.trigger(reason);
    setTimeout(() => {
      void model.refresh().then(() => reminders.check());
    }, WAKE_REFRESH_DELAY_MS).unref();
  };
  powerMonitor.on("resume", () => onWake("resume"));
  powerMonitor.on("unlock-screen", () => onWake("unlock-screen"));
  const background = setInterval(() => void model.refresh().then(() => reminders.check()), BACKGROUND_REFRESH_MS);
  background.unref();

  if (loginItem) await mirrorLoginItem(loginItem, { get: () => services.backend["cdp:settings:get"]({}), set: (patch) => services.backend["cdp:settings:set"]({ settings: patch }) }).catch(() => undefined);
  await model.load();
  scheduler.start();
  await window.loadURL(APP_INDEX_URL);
  void model.refresh().then(() => reminders.start());
  // Electron drops a Notification's handlers once it is garbage collected: keep the welcome.
  const welcomes = new Set<Notification>();
  const postWelcome = (welcome: WelcomeNotice) => {
    const notice = new Notification({ title: welcome.title, body: welcome.body, silent: true });
    welcomes.add(notice);
    notice.on("click", () => {
      welcomes.delete(notice);
      popover.show();
    });
    notice.on("close", () => welcomes.delete(notice));
    notice.show();
  };
  await welcomeOnFirstLaunch({
    state: createAppStateStore(dataDir),
    clock: systemClock,
    showPopover: () => popover.show(),
    notify: Notification.isSupported() ? postWelcome : null,
    logger,
  });

  if (E2E) exposeTestHook(popover, model, () => presentation, window);

  let quitting = false;
  app.on("before-quit", (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    clearInterval(background);
    scheduler.stop();
    reminders.stop();
    offPowerSave();
    powerSave.dispose();
    model.dispose();
    offEvents.forEach((off) => off());
    transport.dispose();
    void shutdown(services).finally(() => app.quit());
  });
}

async function shutdown(services: AppServices): Promise<void> {
  await services.dispose().catch(() => undefined);
}

function createPopoverWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: POPOVER_SIZE.width,
    height: POPOVER_SIZE.height,
    show: false,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    hasShadow: true,
    title: "CDP Key Rotator",
    backgroundColor: nativeTheme.shouldUseDarkColors ? "#1e1e1e" : "#ffffff",
    webPreferences: {
      ...HARDENED_WEB_PREFERENCES,
      devTools: devToolsEnabled(app.isPackaged),
      preload: join(__dirname, "..", "preload", "preload.cjs"),
    },
  });
  // The window is already a UI element (LSUIElement): skipping the process-type switch keeps the
  // Dock from flickering each time this is applied.
  window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true, skipTransformProcessType: true });
  return window;
}

function trayImage(assetsDir: string, state: TrayIconState): NativeImage {
  // Electron picks the @2x file beside it; "Template" in the name makes macOS tint it for the bar.
  const image = nativeImage.createFromPath(join(assetsDir, `tray-${state}Template.png`));
  image.setTemplateImage(true);
  return image;
}

/** CDP_E2E=1 only: lets Playwright's _electron open the popover without clicking the menu bar. */
function exposeTestHook(popover: PopoverController, model: StatusModel, presentation: () => TrayPresentation, window: BrowserWindow): void {
  Object.assign(globalThis, {
    __cdpE2E: {
      showPopover: (view?: NavigateView, targetId?: string) => popover.show(view ? { view, targetId: targetId ?? null } : undefined),
      hidePopover: () => popover.hide(),
      isPopoverVisible: () => window.isVisible(),
      tray: () => presentation(),
      statuses: () => model.statuses(),
    },
  });
}
