// Showing and hiding the popover: left click toggles it under the tray icon, blur and Escape hide
// it, and a notification or menu item opens it on a given view. Electron objects come in as small
// interfaces so this logic runs in plain Node tests.
import type { IpcEvents } from "../shared/ipc-contract";
import type { IpcEventSink } from "./ipc/ipc-transport";
import { popoverPosition, type Point, type Rect } from "./popover-position";
import type { NowPort } from "./timers";

export const POPOVER_SIZE = { width: 400, height: 560 } as const;

export interface PopoverWindowLike {
  isDestroyed(): boolean;
  isVisible(): boolean;
  show(): void;
  hide(): void;
  focus(): void;
  setPosition(x: number, y: number): void;
  getSize(): number[];
}

export interface PopoverControllerDeps {
  window: PopoverWindowLike;
  /** Where the icon is when no click says so (a notification, a menu item, a relaunch). */
  trayBounds(): Rect;
  workAreaNear(point: Point): Rect;
  events: IpcEventSink;
  clock: NowPort;
  /** Off for end-to-end tests, where the test runner steals focus. */
  hideOnBlur: boolean;
}

export interface PopoverController {
  /**
   * A click on the icon. `clickedBounds` is the bounds Electron passes with the click: with several
   * displays each has its own menu bar and icon, and only the click says which one was used.
   */
  toggle(clickedBounds?: Rect): void;
  show(navigate?: IpcEvents["cdp:event:navigate"]): void;
  hide(): void;
  handleBlur(): void;
  /** Electron's before-input-event; returns true when the key was handled (Escape). */
  handleKey(input: { type: string; key: string }): boolean;
  /** The page finished loading: navigation requested before now is delivered. */
  markLoaded(): void;
}

/**
 * Clicking the tray icon while the popover is open first blurs (hides) it; the click that follows
 * must not show it again. Within this window after a blur-hide, a toggle stays hidden.
 */
const BLUR_TOGGLE_GRACE_MS = 300;

export function createPopoverController(deps: PopoverControllerDeps): PopoverController {
  let loaded = false;
  let pendingNavigate: IpcEvents["cdp:event:navigate"] | null = null;
  let hiddenByBlurAt = Number.NEGATIVE_INFINITY;
  // The icon last clicked: later shows (a notification, a relaunch) open under the same one.
  let lastClicked: Rect | null = null;

  const alive = () => !deps.window.isDestroyed();

  const place = () => {
    const tray = lastClicked ?? deps.trayBounds();
    const anchor = { x: Math.round(tray.x + tray.width / 2), y: Math.round(tray.y + tray.height / 2) };
    const [width = POPOVER_SIZE.width, height = POPOVER_SIZE.height] = deps.window.getSize();
    const { x, y } = popoverPosition(tray, { width, height }, deps.workAreaNear(anchor));
    deps.window.setPosition(x, y);
  };

  const navigate = (request: IpcEvents["cdp:event:navigate"]) => {
    if (loaded) deps.events.send("cdp:event:navigate", request);
    else pendingNavigate = request;
  };

  const controller: PopoverController = {
    toggle(clickedBounds) {
      if (!alive()) return;
      if (clickedBounds && (clickedBounds.width > 0 || clickedBounds.height > 0)) lastClicked = clickedBounds;
      if (deps.window.isVisible()) {
        controller.hide();
        return;
      }
      if (deps.clock.now().getTime() - hiddenByBlurAt < BLUR_TOGGLE_GRACE_MS) return;
      controller.show();
    },
    show(request) {
      if (!alive()) return;
      if (request) navigate(request);
      place();
      deps.window.show();
      deps.window.focus();
    },
    hide() {
      if (alive() && deps.window.isVisible()) deps.window.hide();
    },
    handleBlur() {
      if (!deps.hideOnBlur || !alive() || !deps.window.isVisible()) return;
      hiddenByBlurAt = deps.clock.now().getTime();
      deps.window.hide();
    },
    handleKey(input) {
      if (input.type === "keyDown" && input.key === "Escape") {
        controller.hide();
        return true;
      }
      return false;
    },
    markLoaded() {
      loaded = true;
      if (pendingNavigate) {
        const request = pendingNavigate;
        pendingNavigate = null;
        deps.events.send("cdp:event:navigate", request);
      }
    },
  };
  return controller;
}
