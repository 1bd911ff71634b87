// Draws the tab bar icons (81x81 PNG, line style, grey + brand red) into src/assets/tab/ and the
// empty-state illustrations (160x160, grey) into src/assets/state/.
// WeChat wants local PNGs under 40 KB; these are ~1 KB. Run: node miniapp/scripts/make-tab-icons.mjs
import { Buffer } from 'node:buffer';
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let SIZE = 81;
const STROKE = 0.075;
const assets = join(dirname(fileURLToPath(import.meta.url)), '../src/assets');

const rect = (x0, y0, x1, y1) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const arc = (cx, cy, r, from, to, n = 24) =>
  Array.from({ length: n + 1 }, (_, i) => {
    const a = ((from + ((to - from) * i) / n) * Math.PI) / 180;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
  });

/** Each icon: polylines (stroked) in a 0..1 box. */
const ICONS = {
  home: [
    [
      [0.12, 0.5],
      [0.5, 0.16],
      [0.88, 0.5],
    ],
    [
      [0.24, 0.42],
      [0.24, 0.84],
      [0.76, 0.84],
      [0.76, 0.42],
    ],
    [
      [0.42, 0.84],
      [0.42, 0.62],
      [0.58, 0.62],
      [0.58, 0.84],
    ],
  ],
  category: [rect(0.16, 0.16, 0.44, 0.44), rect(0.56, 0.16, 0.84, 0.44), rect(0.16, 0.56, 0.44, 0.84), rect(0.56, 0.56, 0.84, 0.84)],
  cart: [
    [
      [0.08, 0.2],
      [0.22, 0.2],
      [0.33, 0.66],
      [0.8, 0.66],
      [0.89, 0.32],
      [0.27, 0.32],
    ],
    arc(0.38, 0.8, 0.06, 0, 360),
    arc(0.74, 0.8, 0.06, 0, 360),
  ],
  me: [arc(0.5, 0.34, 0.17, 0, 360), arc(0.5, 0.98, 0.36, 200, 340)],
};
const STATE_ICONS = {
  home: ICONS.home,
  category: ICONS.category,
  cart: ICONS.cart,
  me: ICONS.me,
  lock: [
    rect(0.24, 0.46, 0.76, 0.86),
    arc(0.5, 0.46, 0.17, 180, 360),
    [
      [0.5, 0.6],
      [0.5, 0.72],
    ],
  ],
};

function segDist(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function coverage(lines, x, y) {
  let hits = 0;
  const n = 4;
  for (let sy = 0; sy < n; sy++)
    for (let sx = 0; sx < n; sx++) {
      const px = (x + (sx + 0.5) / n) / SIZE,
        py = (y + (sy + 0.5) / n) / SIZE;
      let d = Infinity;
      for (const line of lines) for (let i = 1; i < line.length; i++) d = Math.min(d, segDist(px, py, line[i - 1], line[i]));
      if (d <= STROKE / 2) hits++;
    }
  return hits / (n * n);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(lines, [r, g, b]) {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0;
    for (let x = 0; x < SIZE; x++) {
      const o = y * (SIZE * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = Math.round(255 * coverage(lines, x, y));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(join(assets, 'tab'), { recursive: true });
for (const [name, lines] of Object.entries(ICONS)) {
  writeFileSync(join(assets, 'tab', `${name}.png`), png(lines, [0x8a, 0x8f, 0x99]));
  writeFileSync(join(assets, 'tab', `${name}-active.png`), png(lines, [0xe4, 0x39, 0x3c]));
}
SIZE = 160;
mkdirSync(join(assets, 'state'), { recursive: true });
for (const [name, lines] of Object.entries(STATE_ICONS)) writeFileSync(join(assets, 'state', `${name}.png`), png(lines, [0xa8, 0xad, 0xb6]));
console.log('icons written to', assets);
