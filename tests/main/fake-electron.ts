// Just enough of Electron's main-process API, in plain Node, to boot the real main bundle and watch
// what it does: which windows, tray, IPC handlers, protocol and permission handlers it sets up.
// Every object records its calls; tests drive events (clicks, IPC, blur) through it.
import { EventEmitter } from "node:events";

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  url = "";
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  getURL() {
    return this.url;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  /** Fires a cancellable event; true when a listener called preventDefault. */
  fireCancellable(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export function createFakeElectron(options: { appPath: string }) {
  const app = Object.assign(new EventEmitter(), {
    dockHidden: false,
    isPackaged: false,
    quitCalls: 0,
    loginItem: { openAtLogin: false },
    requestSingleInstanceLock: () => true,
    dock: { hide: () => void (app.dockHidden = true) },
    whenReady: () => Promise.resolve(),
    getAppPath: () => options.appPath,
    getVersion: () => "0.1.0",
    quit: () => {
      app.quitCalls += 1;
      const event = { preventDefault: () => undefined };
      app.emit("before-quit", event);
    },
    exit: (code: number) => {
      throw new Error(`app.exit(${code})`);
    },
    getLoginItemSettings: () => ({ ...app.loginItem }),
    setLoginItemSettings: (settings: { openAtLogin: boolean }) => void (app.loginItem.openAtLogin = settings.openAtLogin),
    setAboutPanelOptions: () => undefined,
    showAboutPanel: () => undefined,
  });

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    visible = false;
    position: [number, number] | null = null;
    constructor(readonly options: { width: number; height: number; webPreferences: Record<string, unknown> }) {
      super();
      windows.push(this);
      app.emit("web-contents-created", {}, this.webContents);
    }
    isDestroyed = () => false;
    isVisible = () => this.visible;
    show = () => void (this.visible = true);
    hide = () => void (this.visible = false);
    focus = () => undefined;
    setPosition = (x: number, y: number) => void (this.position = [x, y]);
    getSize = () => [this.options.width, this.options.height];
    allWorkspaces: { visible: boolean; options: unknown } | null = null;
    setVisibleOnAllWorkspaces = (visible: boolean, options?: unknown) => void (this.allWorkspaces = { visible, options });
    loadURL = async (url: string) => {
      this.webContents.url = url;
      setImmediate(() => this.webContents.emit("did-finish-load"));
    };
  }

  const trays: FakeTray[] = [];
  class FakeTray extends EventEmitter {
    image: { path: string };
    title = "";
    tooltip = "";
    menus: { template: unknown[] }[] = [];
    constructor(image: { path: string }) {
      super();
      this.image = image;
      trays.push(this);
    }
    setImage = (image: { path: string }) => void (this.image = image);
    setTitle = (title: string) => void (this.title = title);
    setToolTip = (tooltip: string) => void (this.tooltip = tooltip);
    setIgnoreDoubleClickEvents = () => undefined;
    getBounds = (): Rect => ({ x: 1000, y: 0, width: 24, height: 24 });
    popUpContextMenu = (menu: { template: unknown[] }) => void this.menus.push(menu);
  }

  const notifications: FakeNotification[] = [];
  class FakeNotification extends EventEmitter {
    static isSupported = () => true;
    shown = false;
    constructor(readonly request: unknown) {
      super();
      notifications.push(this);
    }
    show = () => void (this.shown = true);
  }

  const ipcHandlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[] = [];
  const permission: { request?: (wc: unknown, permission: string, callback: (ok: boolean) => void) => void; check?: (wc: unknown, permission: string) => boolean } = {};
  const opened: string[] = [];
  const openedPaths: string[] = [];
  const errors: string[] = [];
  // Electron's powerSaveBlocker: ids, which are started, and every call in order.
  const powerSave = { nextId: 1, started: new Map<number, string>(), calls: [] as string[] };
  const applicationMenu: { current: { template: unknown[] } | null } = { current: null };
  /** Every request the core sent through net.fetch (Chromium's stack in the real app), with its options. */
  const netRequests: { url: string; init: RequestInit & { bypassCustomProtocolHandlers?: boolean } }[] = [];

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Notification: FakeNotification,
    Menu: {
      buildFromTemplate: (template: unknown[]) => ({ template }),
      setApplicationMenu: (menu: { template: unknown[] } | null) => void (applicationMenu.current = menu),
    },
    nativeImage: { createFromPath: (path: string) => ({ path, setTemplateImage: () => undefined }) },
    nativeTheme: { shouldUseDarkColors: false },
    powerMonitor: new EventEmitter(),
    // Chromium's network stack is unreachable here: Node's fetch stands in, each request recorded.
    net: {
      fetch: (url: string, init: RequestInit & { bypassCustomProtocolHandlers?: boolean }) => {
        netRequests.push({ url, init });
        const { bypassCustomProtocolHandlers: _bypass, ...standard } = init;
        return fetch(url, standard);
      },
    },
    powerSaveBlocker: {
      start: (type: string) => {
        const id = powerSave.nextId++;
        powerSave.started.set(id, type);
        powerSave.calls.push(`start ${type}`);
        return id;
      },
      stop: (id: number) => (powerSave.calls.push("stop"), powerSave.started.delete(id)),
      isStarted: (id: number) => powerSave.started.has(id),
    },
    screen: { getDisplayNearestPoint: () => ({ workArea: { x: 0, y: 25, width: 1440, height: 875 } }) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: typeof permission.request) => void (permission.request = handler),
        setPermissionCheckHandler: (handler: typeof permission.check) => void (permission.check = handler),
      },
    },
    shell: {
      openExternal: async (url: string) => void opened.push(url),
      // Electron resolves with an error message, or "" when the folder opened.
      openPath: async (path: string) => (openedPaths.push(path), ""),
    },
    dialog: {
      showErrorBox: (title: string, content: string) => void errors.push(`${title}: ${content}`),
      showMessageBox: async () => ({ response: 0 }),
    },
    ipcMain: {
      handle: (channel: string, listener: (event: unknown, payload: unknown) => Promise<unknown>) => {
        if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        ipcHandlers.set(channel, listener);
      },
      removeHandler: (channel: string) => void ipcHandlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: typeof privilegedSchemes) => void privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => void protocolHandlers.set(scheme, handler),
    },
  };

  return { electron, app, applicationMenu, powerSave, windows, trays, notifications, ipcHandlers, protocolHandlers, privilegedSchemes, permission, opened, openedPaths, errors, netRequests };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
