// Where the popover opens: centred under the menu-bar icon, kept inside the screen's work area
// (above the icon when the bar is at the bottom, as on Windows/Linux taskbars).
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** Space between the icon (or screen edge) and the popover. */
const GAP = 4;

export function popoverPosition(trayBounds: Rect, windowSize: Size, workArea: Rect): Point {
  const minX = workArea.x + GAP;
  const maxX = workArea.x + workArea.width - windowSize.width - GAP;
  const minY = workArea.y + GAP;
  const maxY = workArea.y + workArea.height - windowSize.height - GAP;

  // Some platforms report empty tray bounds: fall back to the top-right corner of the screen.
  if (trayBounds.width <= 0 && trayBounds.height <= 0) {
    return { x: Math.round(Math.max(minX, maxX)), y: Math.round(minY) };
  }

  const centreX = trayBounds.x + trayBounds.width / 2;
  const x = clamp(Math.round(centreX - windowSize.width / 2), minX, maxX);

  const trayCentreY = trayBounds.y + trayBounds.height / 2;
  const barAtTop = trayCentreY < workArea.y + workArea.height / 2;
  const y = barAtTop
    ? Math.max(trayBounds.y + trayBounds.height, workArea.y) + GAP
    : Math.min(trayBounds.y, workArea.y + workArea.height) - windowSize.height - GAP;
  return { x, y: clamp(Math.round(y), minY, maxY) };
}

/** Clamps into [min, max]; when the window is wider than the screen, its left/top edge wins. */
function clamp(value: number, min: number, max: number): number {
  if (max < min) return min;
  return Math.min(Math.max(value, min), max);
}
