// The tray icon, drawn in code: an anti-aliased dot whose colour is the worst token state, with
// a darker rim so it reads on light and dark taskbars alike. Plain Node (no `electron` import)
// so tests/unit/main can check the pixels; tray.ts wraps the PNGs in a NativeImage.
//
// PNG rather than nativeImage.createFromBitmap: a raw bitmap must be in Skia's platform pixel
// order with premultiplied alpha, which differs between platforms and could not be checked here
// without a binary; a PNG decodes the same everywhere.
import { deflateSync } from 'node:zlib';

import type { TrayLevel } from './tray-summary';

export type Rgb = readonly [number, number, number];

export interface DotStyle {
  fill: Rgb;
  rim: Rgb;
  /** Only the rim (nothing to report: no profiles yet). */
  hollow?: boolean;
}

/** One colour per level; acquiring and renewing look alike (work in progress). */
export const LEVEL_FILL: Readonly<Record<TrayLevel, Rgb>> = {
  'needs-attention': [217, 48, 37],
  expired: [232, 113, 10],
  retrying: [242, 169, 0],
  acquiring: [26, 115, 232],
  renewing: [26, 115, 232],
  'signed-out': [128, 134, 139],
  valid: [30, 142, 62],
  none: [128, 134, 139],
};

export function dotStyle(level: TrayLevel): DotStyle {
  const fill = LEVEL_FILL[level];
  // A ring alone is drawn in mid grey, which reads on light and dark taskbars alike.
  if (level === 'none') return { fill, rim: fill, hollow: true };
  return { fill, rim: darken(fill, 0.65) };
}

function darken([r, g, b]: Rgb, factor: number): Rgb {
  return [Math.round(r * factor), Math.round(g * factor), Math.round(b * factor)];
}

/** Samples per pixel side: 4 x 4 = 16 coverage levels, plenty for a 16 px dot. */
const SUPERSAMPLE = 4;

/**
 * A `size` x `size` RGBA image (straight alpha, rows top to bottom) of a dot centred in the
 * square with a one-sixteenth margin, its rim one-sixteenth of the size wide (at least 1 px).
 */
export function drawDot(size: number, style: DotStyle): Uint8Array {
  if (!Number.isInteger(size) || size < 4) throw new RangeError('size must be an integer of at least 4');
  const pixels = new Uint8Array(size * size * 4);
  const centre = size / 2;
  const unit = size / 16;
  const outer = centre - unit;
  const inner = outer - Math.max(1, unit);
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let rimHits = 0;
      let fillHits = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const dx = x + (sx + 0.5) / SUPERSAMPLE - centre;
          const dy = y + (sy + 0.5) / SUPERSAMPLE - centre;
          const d = Math.hypot(dx, dy);
          if (d > outer) continue;
          if (d > inner) rimHits++;
          else if (!style.hollow) fillHits++;
        }
      }
      const hits = rimHits + fillHits;
      if (hits === 0) continue;
      const at = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) {
        pixels[at + c] = Math.round((style.rim[c]! * rimHits + style.fill[c]! * fillHits) / hits);
      }
      pixels[at + 3] = Math.round((255 * hits) / samples);
    }
  }
  return pixels;
}

// ---- PNG (RGBA, 8 bits per channel, no interlace) -----------------------------------------------

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new RangeError('pixel data does not match the size');
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // Compression, filter method and interlace stay 0.
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    // Each row starts with its filter type, 0 (none).
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]);
}

/** The tray PNG of a level at one pixel size (16 for 1x, 32 for 2x screens). */
export function trayIconPng(level: TrayLevel, size: number): Buffer {
  return encodePng(size, size, drawDot(size, dotStyle(level)));
}
