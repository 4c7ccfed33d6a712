// Draws the toolbar and store icons (a blue shield with a white check mark) and writes them to
// assets/icons as PNG. Run once after changing the drawing: `tsx scripts/generate-icons.ts`.
// No image library: the shape is a few distance tests, 4×4 supersampled for smooth edges, and
// the PNG is written by hand (signature, IHDR, one zlib IDAT, IEND).
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { HELP_OPTION, parseCliArgs, runCli } from './lib/cli-error';

const SIZES = [16, 32, 48, 128] as const;
const OUT_DIR = new URL('../assets/icons/', import.meta.url);

type Rgba = [number, number, number, number];
const SHIELD: Rgba = [31, 95, 191, 255];
const RIM: Rgba = [16, 55, 120, 255];
const CHECK: Rgba = [255, 255, 255, 255];

/** Half the shield's width at height y (unit square, y down); 0 outside the shield. */
function shieldHalfWidth(y: number): number {
  const top = 0.06;
  const shoulder = 0.52;
  const tip = 0.96;
  if (y < top || y > tip) return 0;
  if (y <= shoulder) return 0.4;
  // From the shoulders the sides curve in to the point at the bottom.
  return 0.4 * Math.cos(((y - shoulder) / (tip - shoulder)) * (Math.PI / 2));
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** The colour of the icon at a point of the unit square, or null for transparent. */
function colourAt(x: number, y: number): Rgba | null {
  const half = shieldHalfWidth(y);
  if (half === 0 || Math.abs(x - 0.5) > half) return null;
  const rim = 0.06;
  const inner = shieldHalfWidth(y - rim) > 0 && shieldHalfWidth(y + rim) > 0 && Math.abs(x - 0.5) <= half - rim;
  const check = Math.min(
    distanceToSegment(x, y, 0.3, 0.5, 0.45, 0.66),
    distanceToSegment(x, y, 0.45, 0.66, 0.72, 0.34),
  );
  if (check < 0.065) return CHECK;
  return inner ? SHIELD : RIM;
}

function render(size: number): Uint8Array {
  const samples = 4;
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (colour === null) continue;
          // Premultiplied accumulation, so edge pixels do not darken towards transparent black.
          const alpha = colour[3] / 255;
          sum[0]! += colour[0] * alpha;
          sum[1]! += colour[1] * alpha;
          sum[2]! += colour[2] * alpha;
          sum[3]! += alpha;
        }
      }
      const i = (py * size + px) * 4;
      const coverage = sum[3]!;
      if (coverage > 0) {
        rgba[i] = Math.round(sum[0]! / coverage);
        rgba[i + 1] = Math.round(sum[1]! / coverage);
        rgba[i + 2] = Math.round(sum[2]! / coverage);
      }
      rgba[i + 3] = Math.round((coverage / (samples * samples)) * 255);
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // compression, filter and interlace methods stay 0
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    // Each scanline starts with its filter type; 0 = none.
    Buffer.from(rgba.subarray(y * size * 4, (y + 1) * size * 4)).copy(rows, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

const USAGE = `usage: tsx scripts/generate-icons.ts
  draws the icons into assets/icons (${SIZES.join(', ')} px)`;

runCli(async () => {
  if (!parseCliArgs({ options: HELP_OPTION }, USAGE)) return;
  mkdirSync(OUT_DIR, { recursive: true });
  for (const size of SIZES) {
    const file = new URL(`icon-${size}.png`, OUT_DIR);
    writeFileSync(file, encodePng(size, render(size)));
    console.log(`wrote ${file.pathname}`);
  }
});
