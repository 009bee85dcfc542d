import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createPopoverController, type PopoverWindowLike } from "../../src/main/popover-controller";
import { popoverPosition, type Rect } from "../../src/main/popover-position";
import type { IpcEventChannel } from "../../src/shared/ipc-contract";
import { ManualClock } from "./fakes";

const SIZE = { width: 400, height: 560 };

describe("popoverPosition", () => {
  it("centres the popover under the icon on a macOS menu bar", () => {
    const workArea = { x: 0, y: 25, width: 1440, height: 875 };
    const tray = { x: 1000, y: 0, width: 24, height: 24 };
    assert.deepEqual(popoverPosition(tray, SIZE, workArea), { x: 812, y: 29 });
  });

  it("keeps the popover on screen when the icon sits near the right edge", () => {
    const workArea = { x: 0, y: 25, width: 1440, height: 875 };
    const p = popoverPosition({ x: 1420, y: 0, width: 20, height: 24 }, SIZE, workArea);
    assert.equal(p.x, 1440 - 400 - 4);
    assert.ok(p.x + SIZE.width <= workArea.x + workArea.width);
  });

  it("works on a second display left of the main one (negative coordinates)", () => {
    const workArea = { x: -1920, y: 25, width: 1920, height: 1055 };
    const p = popoverPosition({ x: -300, y: 0, width: 22, height: 24 }, SIZE, workArea);
    assert.deepEqual(p, { x: -489, y: 29 });
    assert.ok(p.x >= workArea.x && p.x + SIZE.width <= workArea.x + workArea.width);
  });

  it("opens above the icon when the bar is at the bottom of the screen", () => {
    const workArea = { x: 0, y: 0, width: 1920, height: 1040 };
    const p = popoverPosition({ x: 1700, y: 1040, width: 24, height: 40 }, SIZE, workArea);
    assert.equal(p.y, 1040 - 560 - 4);
  });

  it("falls back to the top-right corner when the tray reports no bounds", () => {
    const workArea = { x: 0, y: 25, width: 1280, height: 775 };
    assert.deepEqual(popoverPosition({ x: 0, y: 0, width: 0, height: 0 }, SIZE, workArea), { x: 876, y: 29 });
  });

  it("stays inside a screen smaller than the popover (top-left wins)", () => {
    const workArea = { x: 0, y: 25, width: 380, height: 500 };
    assert.deepEqual(popoverPosition({ x: 200, y: 0, width: 20, height: 24 }, SIZE, workArea), { x: 4, y: 29 });
  });
});

class FakeWindow implements PopoverWindowLike {
  visible = false;
  destroyed = false;
  position: [number, number] | null = null;
  isDestroyed = () => this.destroyed;
  isVisible = () => this.visible;
  show = () => {
    this.visible = true;
  };
  hide = () => {
    this.visible = false;
  };
  focus = () => undefined;
  setPosition = (x: number, y: number) => {
    this.position = [x, y];
  };
  getSize = () => [400, 560];
}

function setup(hideOnBlur = true) {
  const window = new FakeWindow();
  const clock = new ManualClock();
  const sent: { event: IpcEventChannel; payload: unknown }[] = [];
  const tray: Rect = { x: 1000, y: 0, width: 24, height: 24 };
  const controller = createPopoverController({
    window,
    trayBounds: () => tray,
    workAreaNear: () => ({ x: 0, y: 25, width: 1440, height: 875 }),
    events: { send: (event, payload) => sent.push({ event, payload }) },
    clock,
    hideOnBlur,
  });
  return { window, clock, sent, controller };
}

describe("popover controller", () => {
  it("toggles under the tray icon", () => {
    const { window, controller } = setup();
    controller.toggle();
    assert.equal(window.visible, true);
    assert.deepEqual(window.position, [812, 29]);
    controller.toggle();
    assert.equal(window.visible, false);
  });

  it("opens under the icon that was clicked, on that display, and later shows follow it", () => {
    const window = new FakeWindow();
    // Two displays side by side; macOS shows a menu bar (and our icon) on each. tray.getBounds()
    // only knows the main display's icon.
    const main = { x: 0, y: 25, width: 1440, height: 875 };
    const second = { x: 1440, y: 25, width: 1920, height: 1055 };
    const asked: { x: number; y: number }[] = [];
    const controller = createPopoverController({
      window,
      trayBounds: () => ({ x: 1000, y: 0, width: 24, height: 24 }),
      workAreaNear: (point) => (asked.push(point), point.x >= second.x ? second : main),
      events: { send: () => undefined },
      clock: new ManualClock(),
      hideOnBlur: true,
    });
    controller.toggle({ x: 3300, y: 0, width: 24, height: 24 });
    assert.deepEqual(window.position, [3360 - 400 - 4, 29], "kept inside the second display's right edge");
    assert.deepEqual(asked.at(-1), { x: 3312, y: 12 }, "the display is looked up at the clicked icon");
    controller.hide();
    controller.show({ view: "rotation", targetId: "t1" });
    assert.deepEqual(window.position, [3360 - 400 - 4, 29], "a notification opens it under the same icon");
    controller.hide();
    controller.toggle({ x: 0, y: 0, width: 0, height: 0 });
    assert.deepEqual(window.position, [3360 - 400 - 4, 29], "empty click bounds do not replace the known icon");
  });

  it("hides on blur and on Escape, not on other keys", () => {
    const { window, clock, controller } = setup();
    controller.show();
    controller.handleBlur();
    assert.equal(window.visible, false);
    clock.advance(1000);
    controller.show();
    assert.equal(controller.handleKey({ type: "keyDown", key: "a" }), false);
    assert.equal(window.visible, true);
    assert.equal(controller.handleKey({ type: "keyDown", key: "Escape" }), true);
    assert.equal(window.visible, false);
  });

  it("a tray click that caused the blur does not reopen the popover", () => {
    const { window, clock, controller } = setup();
    controller.show();
    controller.handleBlur();
    controller.toggle();
    assert.equal(window.visible, false);
    clock.advance(1000);
    controller.toggle();
    assert.equal(window.visible, true);
  });

  it("stays open on blur when hide-on-blur is off (end-to-end tests)", () => {
    const { window, controller } = setup(false);
    controller.show();
    controller.handleBlur();
    assert.equal(window.visible, true);
  });

  it("delivers a navigation asked before the page loaded once it has", () => {
    const { sent, controller } = setup();
    controller.show({ view: "rotation", targetId: "t1" });
    assert.equal(sent.length, 0);
    controller.markLoaded();
    assert.deepEqual(sent, [{ event: "cdp:event:navigate", payload: { view: "rotation", targetId: "t1" } }]);
    controller.show({ view: "settings", targetId: null });
    assert.deepEqual(sent[1], { event: "cdp:event:navigate", payload: { view: "settings", targetId: null } });
  });
});
