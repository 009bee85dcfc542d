#!/usr/bin/env node
// Draws the app's icons into assets/: menu-bar template icons (black on transparent, 16×16 and
// 32×32 "@2x", one per tray state) and the 1024×1024 colour app icon. A tiny rasteriser
// (supersampled coverage of simple shapes) and a PNG encoder (zlib from Node): no dependencies,
// so `node scripts/draw-icons.mjs` reproduces the committed PNGs exactly.
import { writeFileSync, mkdirSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const ASSETS = fileURLToPath(new URL("../assets", import.meta.url));

// ---------- shapes: (x, y) in a 32-unit design square → inside? ----------

const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const union = (...shapes) => (x, y) => shapes.some((s) => s(x, y));
const minus = (shape, ...holes) => (x, y) => shape(x, y) && !holes.some((h) => h(x, y));
const ring = (cx, cy, r0, r1) => minus(circle(cx, cy, r1), circle(cx, cy, r0));
/**
 * Maps a shape drawn in local coordinates onto the design square: local (0,0) lands on (ox, oy),
 * local +x points along `angle` (radians, clockwise on screen), scaled by `scale`.
 */
const place = (shape, ox, oy, angle, scale = 1) => {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return (x, y) => {
    const dx = (x - ox) / scale;
    const dy = (y - oy) / scale;
    return shape(dx * c + dy * s, -dx * s + dy * c);
  };
};
const triangle = (ax, ay, bx, by, cx, cy) => (x, y) => {
  const d1 = (x - bx) * (ay - by) - (ax - bx) * (y - by);
  const d2 = (x - cx) * (by - cy) - (bx - cx) * (y - cy);
  const d3 = (x - ax) * (cy - ay) - (cx - ax) * (y - ay);
  const neg = d1 < 0 || d2 < 0 || d3 < 0;
  const pos = d1 > 0 || d2 > 0 || d3 > 0;
  return !(neg && pos);
};
/** Arc band between radii r0..r1 from angle a0 to a1 (radians, counter-clockwise on screen). */
const arc = (cx, cy, r0, r1, a0, a1) => (x, y) => {
  const d2 = (x - cx) ** 2 + (y - cy) ** 2;
  if (d2 < r0 * r0 || d2 > r1 * r1) return false;
  let a = Math.atan2(cy - y, x - cx);
  while (a < a0) a += 2 * Math.PI;
  while (a >= a0 + 2 * Math.PI) a -= 2 * Math.PI;
  return a <= a1;
};

/** An arc band ending in an arrowhead that points along the arc (counter-clockwise). */
const arrowArc = (cx, cy, r0, r1, a0, a1, head) => {
  const mid = (r0 + r1) / 2;
  const at = (r, a) => [cx + r * Math.cos(a), cy - r * Math.sin(a)];
  const [bx, by] = at(r0 - head * 0.55, a1);
  const [ex, ey] = at(r1 + head * 0.55, a1);
  const [tx, ty] = at(mid, a1 + (head * 1.1) / mid);
  return union(arc(cx, cy, r0, r1, a0, a1), triangle(bx, by, ex, ey, tx, ty));
};

// The key, drawn along +x: bow (a ring) at the origin, shaft, two teeth on the -y side.
const keyLocal = union(
  ring(0, 0, 2.4, 6.4),
  rect(4.8, -2, 25, 2),
  rect(16.5, -7.4, 19.8, 0),
  rect(21.6, -6.2, 25, 0),
);
// Bow at the bottom left, pointing to the top right; the teeth face the top left, which keeps
// the bottom-right corner free for a state badge.
const KEY = place(keyLocal, 8.4, 23.6, -Math.PI / 4);

// Centred on a pixel boundary at 16 px (12.5 px) so 2-unit strokes land on whole pixels.
const BADGE = { cx: 25, cy: 25, r: 6.6 };
const badgeClearance = circle(BADGE.cx, BADGE.cy, BADGE.r + 1.6);
const disc = circle(BADGE.cx, BADGE.cy, BADGE.r);

const badges = {
  ok: null,
  // A clock: a disc with its hands cut out.
  "due-soon": minus(disc, rect(BADGE.cx - 1, BADGE.cy - 4.6, BADGE.cx + 1, BADGE.cy + 1), rect(BADGE.cx - 1, BADGE.cy - 1, BADGE.cx + 3.8, BADGE.cy + 1)),
  // An exclamation mark cut out of a disc.
  alert: minus(disc, rect(BADGE.cx - 1, BADGE.cy - 4.6, BADGE.cx + 1, BADGE.cy + 1.2), circle(BADGE.cx, BADGE.cy + 3.3, 1.25)),
  // A circular arrow: an open ring with an arrowhead at its end.
  rotating: arrowArc(BADGE.cx, BADGE.cy, BADGE.r - 2.8, BADGE.r - 0.4, -Math.PI * 0.4, Math.PI * 0.72, 3.4),
};

function trayShape(state) {
  const badge = badges[state];
  return badge ? union(minus(KEY, badgeClearance), badge) : KEY;
}

// ---------- raster ----------

/** Coverage 0..1 of each pixel, from samples×samples points per pixel. */
function rasterize(shape, size, samples, designSize = 32) {
  const scale = designSize / size;
  const out = new Float32Array(size * size);
  const step = 1 / samples;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          if (shape((px + (sx + 0.5) * step) * scale, (py + (sy + 0.5) * step) * scale)) hits += 1;
        }
      }
      out[py * size + px] = hits / (samples * samples);
    }
  }
  return out;
}

function templatePixels(coverage, size) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let i = 0; i < size * size; i += 1) rgba[i * 4 + 3] = Math.round(coverage[i] * 255);
  return rgba;
}

// ---------- PNG ----------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
export function encodePng(rgba, width, height) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---------- app icon (colour) ----------

function roundedSquare(x0, y0, x1, y1, r) {
  return union(
    rect(x0 + r, y0, x1 - r, y1),
    rect(x0, y0 + r, x1, y1 - r),
    circle(x0 + r, y0 + r, r),
    circle(x1 - r, y0 + r, r),
    circle(x0 + r, y1 - r, r),
    circle(x1 - r, y1 - r, r),
  );
}

function appIcon(size) {
  // macOS icon grid: the tile is 824/1024 of the canvas, corner radius about 185/1024.
  const u = 32 / 1024;
  const tile = roundedSquare(100 * u, 100 * u, 924 * u, 924 * u, 185 * u);
  // A big key across the tile, circled by a rotation arrow.
  // Centre the key: local (9.5, -1.5) is the middle of its bounding box.
  const k = 0.62;
  const a = -Math.PI / 4;
  const cx = 16 - k * (9.5 * Math.cos(a) + 1.5 * Math.sin(a));
  const cy = 16 - k * (9.5 * Math.sin(a) - 1.5 * Math.cos(a));
  const keyShape = place(keyLocal, cx, cy, a, k);
  const arrow = union(
    arrowArc(16, 16, 10.4, 11.8, Math.PI * 0.15, Math.PI * 0.85, 1.6),
    arrowArc(16, 16, 10.4, 11.8, Math.PI * 1.15, Math.PI * 1.85, 1.6),
  );
  const shadowShape = (x, y) => keyShape(x - 0.35, y - 0.45);
  const samples = 3;
  const layers = [
    { coverage: rasterize(tile, size, samples), colour: (_x, y) => mix([38, 166, 154], [21, 101, 192], y / size), alpha: 1 },
    { coverage: rasterize(arrow, size, samples), colour: () => [255, 255, 255], alpha: 0.55 },
    { coverage: rasterize(shadowShape, size, samples), colour: () => [0, 0, 0], alpha: 0.22 },
    { coverage: rasterize(keyShape, size, samples), colour: () => [255, 255, 255], alpha: 1 },
  ];
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const i = y * size + x;
      let r = 0, g = 0, b = 0, a = 0;
      for (const layer of layers) {
        const la = layer.coverage[i] * layer.alpha;
        if (la === 0) continue;
        const [cr, cg, cb] = layer.colour(x, y);
        // Porter-Duff "over" on premultiplied values.
        r = cr * la + r * (1 - la);
        g = cg * la + g * (1 - la);
        b = cb * la + b * (1 - la);
        a = la + a * (1 - la);
      }
      // Outside the tile nothing is drawn: keep it fully transparent.
      const tileCoverage = layers[0].coverage[i];
      a *= tileCoverage > 0 ? 1 : 0;
      rgba[i * 4] = a > 0 ? Math.round(r / a) : 0;
      rgba[i * 4 + 1] = a > 0 ? Math.round(g / a) : 0;
      rgba[i * 4 + 2] = a > 0 ? Math.round(b / a) : 0;
      rgba[i * 4 + 3] = Math.round(a * 255);
    }
  }
  return rgba;
}

function mix(a, b, t) {
  return a.map((v, i) => Math.round(v + (b[i] - v) * t));
}

// ---------- write ----------

export const TRAY_STATES = ["ok", "due-soon", "alert", "rotating"];

function main() {
  mkdirSync(ASSETS, { recursive: true });
  const written = [];
  const write = (name, png) => {
    writeFileSync(join(ASSETS, name), png);
    written.push(name);
  };
  for (const state of TRAY_STATES) {
    const shape = trayShape(state);
    for (const [size, suffix] of [[16, ""], [32, "@2x"]]) {
      const png = encodePng(templatePixels(rasterize(shape, size, 8), size), size, size);
      write(`tray-${state}Template${suffix}.png`, png);
      // The plain names are the "ok" state, for tools that look for trayTemplate.png.
      if (state === "ok") write(`trayTemplate${suffix}.png`, png);
    }
  }
  const icon = 1024;
  write("icon.png", encodePng(appIcon(icon), icon, icon));
  console.log(`Wrote ${written.length} icons to assets/: ${written.join(", ")}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
