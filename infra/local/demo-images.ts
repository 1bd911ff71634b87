/**
 * Demo product, store and banner images, drawn in pure JS and encoded as PNG with node:zlib: a soft
 * gradient background, a light plate and a simple flat shape (leaf, cup, tent, boot...) in the
 * product's colour, antialiased with signed distances. No fonts, no emoji, no dependencies.
 */
import { deflateSync } from 'node:zlib';

// ---------------------------------------------------------------- PNG
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An RGB image (8 bits per channel) as PNG bytes. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * (width * 3 + 1)] = 0; // filter: none
    Buffer.from(rgb.buffer, rgb.byteOffset + y * width * 3, width * 3).copy(raw, y * (width * 3 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- colour
export type Rgb = [number, number, number];

/** HSL (h in degrees, s and l in 0..1) to RGB 0..255. */
export function hsl(h: number, s: number, l: number): Rgb {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

// ---------------------------------------------------------------- shapes (signed distance, < 0 inside; unit square coordinates)
/** Math.hypot is slow in V8; these images never overflow. */
const len = (x: number, y: number): number => Math.sqrt(x * x + y * y);

type Sdf = (x: number, y: number) => number;

const circle =
  (cx: number, cy: number, r: number): Sdf =>
  (x, y) =>
    len(x - cx, y - cy) - r;

const box =
  (cx: number, cy: number, hw: number, hh: number, r = 0): Sdf =>
  (x, y) => {
    const qx = Math.abs(x - cx) - hw + r;
    const qy = Math.abs(y - cy) - hh + r;
    return len(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };

const ellipse =
  (cx: number, cy: number, rx: number, ry: number): Sdf =>
  (x, y) =>
    (len((x - cx) / rx, (y - cy) / ry) - 1) * Math.min(rx, ry);

/** Convex or concave polygon (even-odd), distance to the nearest edge. */
function polygon(points: [number, number][]): Sdf {
  return (x, y) => {
    let d = Infinity;
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i, i += 1) {
      const pi = points[i]!;
      const pj = points[j]!;
      const xi = pi[0];
      const yi = pi[1];
      const xj = pj[0];
      const yj = pj[1];
      const ex = xj - xi;
      const ey = yj - yi;
      const t = Math.max(0, Math.min(1, ((x - xi) * ex + (y - yi) * ey) / (ex * ex + ey * ey)));
      d = Math.min(d, len(x - xi - ex * t, y - yi - ey * t));
      if (yi > y !== yj > y && x < (ex * (y - yi)) / ey + xi) inside = !inside;
    }
    return inside ? -d : d;
  };
}

const union =
  (...s: Sdf[]): Sdf =>
  (x, y) => {
    let m = Infinity;
    for (const f of s) {
      const v = f(x, y);
      if (v < m) m = v;
    }
    return m;
  };
const subtract =
  (a: Sdf, b: Sdf): Sdf =>
  (x, y) =>
    Math.max(a(x, y), -b(x, y));

export const SHAPES = {
  leaf: subtract(
    union(
      ellipse(0.5, 0.5, 0.2, 0.32),
      polygon([
        [0.49, 0.8],
        [0.51, 0.8],
        [0.52, 0.9],
        [0.48, 0.9],
      ]),
    ),
    box(0.5, 0.5, 0.006, 0.27),
  ),
  cup: union(box(0.46, 0.55, 0.17, 0.16, 0.06), subtract(circle(0.66, 0.54, 0.085), circle(0.66, 0.54, 0.045)), ellipse(0.46, 0.73, 0.25, 0.03)),
  teapot: union(
    ellipse(0.5, 0.56, 0.22, 0.17),
    box(0.5, 0.37, 0.06, 0.03, 0.02),
    circle(0.5, 0.33, 0.025),
    polygon([
      [0.7, 0.55],
      [0.84, 0.4],
      [0.86, 0.43],
      [0.74, 0.62],
    ]),
    subtract(circle(0.27, 0.55, 0.08), circle(0.27, 0.55, 0.045)),
  ),
  mooncake: subtract(
    circle(0.5, 0.5, 0.27),
    union(subtract(circle(0.5, 0.5, 0.2), circle(0.5, 0.5, 0.185)), box(0.5, 0.5, 0.008, 0.12), box(0.5, 0.5, 0.12, 0.008)),
  ),
  jar: union(box(0.5, 0.56, 0.17, 0.22, 0.05), box(0.5, 0.3, 0.12, 0.04, 0.015)),
  bottle: union(box(0.5, 0.6, 0.13, 0.22, 0.04), box(0.5, 0.33, 0.05, 0.06, 0.01), box(0.5, 0.24, 0.075, 0.04, 0.015)),
  dress: polygon([
    [0.42, 0.2],
    [0.58, 0.2],
    [0.62, 0.3],
    [0.57, 0.45],
    [0.74, 0.82],
    [0.26, 0.82],
    [0.43, 0.45],
    [0.38, 0.3],
  ]),
  shirt: polygon([
    [0.36, 0.22],
    [0.45, 0.22],
    [0.5, 0.28],
    [0.55, 0.22],
    [0.64, 0.22],
    [0.82, 0.36],
    [0.74, 0.46],
    [0.67, 0.41],
    [0.67, 0.8],
    [0.33, 0.8],
    [0.33, 0.41],
    [0.26, 0.46],
    [0.18, 0.36],
  ]),
  tent: union(
    subtract(
      polygon([
        [0.5, 0.2],
        [0.86, 0.78],
        [0.14, 0.78],
      ]),
      polygon([
        [0.5, 0.5],
        [0.6, 0.79],
        [0.4, 0.79],
      ]),
    ),
    box(0.5, 0.79, 0.4, 0.015),
  ),
  mountain: union(
    polygon([
      [0.38, 0.3],
      [0.66, 0.78],
      [0.1, 0.78],
    ]),
    polygon([
      [0.64, 0.4],
      [0.9, 0.78],
      [0.4, 0.78],
    ]),
  ),
  boot: union(
    polygon([
      [0.34, 0.22],
      [0.56, 0.22],
      [0.58, 0.55],
      [0.8, 0.64],
      [0.82, 0.76],
      [0.3, 0.76],
    ]),
    box(0.56, 0.78, 0.27, 0.03, 0.015),
  ),
  backpack: union(box(0.5, 0.56, 0.2, 0.26, 0.08), subtract(circle(0.5, 0.3, 0.1), circle(0.5, 0.3, 0.065)), box(0.5, 0.66, 0.14, 0.08, 0.03)),
  phone: subtract(box(0.5, 0.5, 0.15, 0.29, 0.05), box(0.5, 0.48, 0.12, 0.23, 0.015)),
  headphones: union(
    subtract(circle(0.5, 0.5, 0.25), union(circle(0.5, 0.5, 0.21), box(0.5, 0.7, 0.3, 0.2))),
    box(0.29, 0.6, 0.06, 0.1, 0.04),
    box(0.71, 0.6, 0.06, 0.1, 0.04),
  ),
  battery: union(box(0.5, 0.52, 0.16, 0.27, 0.04), box(0.5, 0.23, 0.06, 0.025, 0.01)),
  cable: union(subtract(circle(0.5, 0.5, 0.22), circle(0.5, 0.5, 0.185)), box(0.7, 0.34, 0.05, 0.07, 0.015), box(0.3, 0.66, 0.05, 0.07, 0.015)),
  lipstick: union(
    box(0.5, 0.62, 0.09, 0.2, 0.02),
    polygon([
      [0.43, 0.42],
      [0.57, 0.42],
      [0.57, 0.28],
      [0.43, 0.22],
    ]),
  ),
  basket: union(
    polygon([
      [0.22, 0.42],
      [0.78, 0.42],
      [0.7, 0.78],
      [0.3, 0.78],
    ]),
    subtract(circle(0.5, 0.42, 0.2), union(circle(0.5, 0.42, 0.17), box(0.5, 0.55, 0.3, 0.13))),
  ),
  pillow: box(0.5, 0.52, 0.3, 0.18, 0.09),
  bottleBaby: union(box(0.5, 0.6, 0.12, 0.2, 0.05), box(0.5, 0.36, 0.09, 0.04, 0.01), ellipse(0.5, 0.27, 0.05, 0.07)),
  star: polygon(
    Array.from(
      { length: 10 },
      (_, i) => [0.5 + Math.sin((i * Math.PI) / 5) * (i % 2 ? 0.13 : 0.3), 0.53 - Math.cos((i * Math.PI) / 5) * (i % 2 ? 0.13 : 0.3)] as [number, number],
    ),
  ),
  heart: union(
    circle(0.4, 0.42, 0.14),
    circle(0.6, 0.42, 0.14),
    polygon([
      [0.27, 0.49],
      [0.73, 0.49],
      [0.5, 0.78],
    ]),
  ),
} satisfies Record<string, Sdf>;
export type ShapeName = keyof typeof SHAPES;

// ---------------------------------------------------------------- drawing
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];

export interface Picture {
  width: number;
  height: number;
  /** Hue of the background (degrees). */
  hue: number;
  /** The object's colour. */
  colour: Rgb;
  /** Shapes placed in the unit square centred at (cx, cy) with size `scale` (fractions of the height). */
  shapes: { shape: ShapeName; cx: number; cy: number; scale: number; colour?: Rgb }[];
  /** A light round plate behind a centred shape. */
  plate?: boolean;
}

/** An RGB canvas blended in place (clamped bytes: rounding is the array's). */
class Canvas {
  readonly px: Uint8ClampedArray;
  constructor(
    readonly w: number,
    readonly h: number,
  ) {
    this.px = new Uint8ClampedArray(w * h * 3);
  }

  /** Paints row `y` one colour (fast: doubling copies). */
  row(y: number, c: Rgb): void {
    const p = this.px;
    const start = y * this.w * 3;
    const end = start + this.w * 3;
    p[start] = c[0];
    p[start + 1] = c[1];
    p[start + 2] = c[2];
    for (let filled = 3; start + filled < end; filled *= 2) p.copyWithin(start + filled, start, Math.min(start + filled, end - filled));
  }

  blend(x: number, y: number, c: Rgb, alpha: number): void {
    const i = (y * this.w + x) * 3;
    const p = this.px;
    p[i] = p[i]! + (c[0] - p[i]!) * alpha;
    p[i + 1] = p[i + 1]! + (c[1] - p[i + 1]!) * alpha;
    p[i + 2] = p[i + 2]! + (c[2] - p[i + 2]!) * alpha;
  }

  /**
   * Fills `sdf` (unit coordinates, 1 unit = the height) with antialiased edges, within a pixel box.
   * 8x8 blocks far from the edge are filled or skipped from one sample at their centre (the distance
   * functions never overestimate), so only edge blocks are evaluated per pixel.
   */
  fill(sdf: Sdf, c: Rgb, alpha: number, box: [number, number, number, number]): void {
    const unit = 1 / this.h;
    const B = 8;
    const x0 = Math.max(0, Math.floor(box[0]));
    const y0 = Math.max(0, Math.floor(box[1]));
    const x1 = Math.min(this.w, Math.ceil(box[2]));
    const y1 = Math.min(this.h, Math.ceil(box[3]));
    const reach = B * Math.SQRT1_2 * unit + unit;
    for (let by = y0; by < y1; by += B) {
      for (let bx = x0; bx < x1; bx += B) {
        const ex = Math.min(bx + B, x1);
        const ey = Math.min(by + B, y1);
        const d = sdf(((bx + ex) / 2) * unit, ((by + ey) / 2) * unit);
        if (d > reach) continue;
        const solid = d < -reach;
        for (let y = by; y < ey; y += 1) {
          for (let x = bx; x < ex; x += 1) {
            const cover = solid ? 1 : Math.max(0, Math.min(1, 0.5 - sdf((x + 0.5) * unit, (y + 0.5) * unit) / unit));
            if (cover > 0) this.blend(x, y, c, cover * alpha);
          }
        }
      }
    }
  }

  png(): Buffer {
    return encodePng(this.w, this.h, new Uint8Array(this.px.buffer, this.px.byteOffset, this.px.length));
  }
}

/** Renders a picture: gradient background, optional plate with a soft shadow, flat antialiased shapes. */
export function draw(p: Picture): Buffer {
  const { width: w, height: h } = p;
  const canvas = new Canvas(w, h);
  const top = hsl(p.hue, 0.55, 0.93);
  const bottom = hsl((p.hue + 25) % 360, 0.5, 0.82);
  for (let y = 0; y < h; y += 1) canvas.row(y, mix(top, bottom, y / h));
  const aspect = w / h;
  if (p.plate) {
    canvas.fill(ellipse(aspect / 2, 0.86, 0.3, 0.045), hsl(p.hue, 0.3, 0.7), 0.35, [0, 0.78 * h, w, 0.94 * h]);
    canvas.fill(circle(aspect / 2, 0.5, 0.4), [255, 255, 255], 0.55, [(aspect / 2 - 0.41) * h, 0.09 * h, (aspect / 2 + 0.41) * h, 0.91 * h]);
  }
  for (const s of p.shapes) {
    const shape = SHAPES[s.shape];
    const sdf: Sdf = (x, y) => shape((x - s.cx) / s.scale + 0.5, (y - s.cy) / s.scale + 0.5) * s.scale;
    const half = s.scale * 0.5;
    canvas.fill(sdf, s.colour ?? p.colour, 1, [(s.cx - half) * h, (s.cy - half) * h, (s.cx + half) * h, (s.cy + half) * h]);
  }
  return canvas.png();
}

/** A square product photo: the shape on a plate (variant 0) or larger and off-centre on the bare gradient (variant 1). */
export function productImage(shape: ShapeName, colour: Rgb, hue: number, variant: 0 | 1, size = 400): Buffer {
  return variant === 0
    ? draw({ width: size, height: size, hue, colour, plate: true, shapes: [{ shape, cx: 0.5, cy: 0.5, scale: 0.78 }] })
    : draw({
        width: size,
        height: size,
        hue: (hue + 180) % 360,
        colour,
        shapes: [
          { shape, cx: 0.55, cy: 0.54, scale: 0.9 },
          { shape, cx: 0.2, cy: 0.2, scale: 0.28, colour: mix(colour, [255, 255, 255], 0.5) },
        ],
      });
}

/** A wide banner: a row of shapes on a gradient. */
export function bannerImage(shapes: ShapeName[], hue: number, colour: Rgb, width = 750, height = 300): Buffer {
  const n = shapes.length;
  return draw({
    width,
    height,
    hue,
    colour,
    shapes: shapes.map((shape, i) => ({
      shape,
      cx: ((i + 0.5) / n) * (width / height),
      cy: i % 2 ? 0.56 : 0.46,
      scale: 0.8,
      colour: mix(colour, hsl((hue + i * 40) % 360, 0.6, 0.45), i % 2 ? 0.5 : 0),
    })),
  });
}
