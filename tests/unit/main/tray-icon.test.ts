// The tray icon's pixels and their PNG: a dot in the level's colour, anti-aliased at the edge,
// transparent around it, in a PNG any decoder reads (checked here with our own tiny reader).
import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { crc32, dotStyle, drawDot, encodePng, LEVEL_FILL, trayIconPng } from '../../../electron/main/tray-icon';
import type { TrayLevel } from '../../../electron/main/tray-summary';

/** Reads an 8-bit RGBA, non-interlaced PNG with filter 0 rows, checking every chunk's CRC. */
function readPng(png: Buffer): { width: number; height: number; rgba: Buffer } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  const types: string[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(zlibCrc32(png.subarray(at + 4, at + 8 + length)));
    types.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([...data.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  expect(types[0]).toBe('IHDR');
  expect(types.at(-1)).toBe('IEND');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  expect(raw.length).toBe((stride + 1) * height);
  const rgba = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (stride + 1)]).toBe(0);
    raw.copy(rgba, y * stride, y * (stride + 1) + 1, (y + 1) * (stride + 1));
  }
  return { width, height, rgba };
}

const pixel = (rgba: Uint8Array, size: number, x: number, y: number) => [...rgba.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];

describe('drawDot', () => {
  it.each([16, 32])('fills the centre of a %i px dot with the colour, opaque, and leaves the corners clear', (size) => {
    const style = dotStyle('valid');
    const rgba = drawDot(size, style);
    expect(rgba.length).toBe(size * size * 4);
    const c = size / 2;
    expect(pixel(rgba, size, c, c)).toEqual([...style.fill, 255]);
    for (const [x, y] of [
      [0, 0],
      [size - 1, 0],
      [0, size - 1],
      [size - 1, size - 1],
    ] as const) {
      expect(pixel(rgba, size, x, y)[3]).toBe(0);
    }
  });

  it('is anti-aliased: the edge has partly transparent pixels', () => {
    const rgba = drawDot(16, dotStyle('needs-attention'));
    const alphas = new Set<number>();
    for (let i = 3; i < rgba.length; i += 4) alphas.add(rgba[i]!);
    const partial = [...alphas].filter((a) => a > 0 && a < 255);
    expect(partial.length).toBeGreaterThan(3);
  });

  it('is symmetric about both axes', () => {
    const size = 16;
    const rgba = drawDot(size, dotStyle('expired'));
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        expect(pixel(rgba, size, size - 1 - x, y)).toEqual(pixel(rgba, size, x, y));
        expect(pixel(rgba, size, x, size - 1 - y)).toEqual(pixel(rgba, size, x, y));
      }
    }
  });

  it('draws a ring with a clear middle when there is nothing to report', () => {
    const rgba = drawDot(16, dotStyle('none'));
    expect(pixel(rgba, 16, 8, 8)[3]).toBe(0);
    // The rim, straight left of centre.
    expect(pixel(rgba, 16, 1, 8)[3]).toBeGreaterThan(0);
  });

  it('rejects sizes it cannot draw', () => {
    expect(() => drawDot(2, dotStyle('valid'))).toThrow(RangeError);
    expect(() => drawDot(15.5, dotStyle('valid'))).toThrow(RangeError);
  });
});

describe('the levels', () => {
  const levels = Object.keys(LEVEL_FILL) as TrayLevel[];

  it('tell the problem states apart by colour', () => {
    const problems: TrayLevel[] = ['needs-attention', 'expired', 'retrying', 'acquiring', 'valid'];
    const fills = new Set(problems.map((l) => LEVEL_FILL[l].join(',')));
    expect(fills.size).toBe(problems.length);
    expect(LEVEL_FILL.renewing).toEqual(LEVEL_FILL.acquiring);
  });

  it.each(levels)('%s encodes to a valid 16 and 32 px PNG of its dot', (level) => {
    for (const size of [16, 32]) {
      const { width, height, rgba } = readPng(trayIconPng(level, size));
      expect([width, height]).toEqual([size, size]);
      expect([...rgba]).toEqual([...drawDot(size, dotStyle(level))]);
    }
  });
});

describe('encodePng and crc32', () => {
  it('computes the same CRC-32 as zlib', () => {
    for (const text of ['', 'IEND', 'The quick brown fox jumps over the lazy dog']) {
      expect(crc32(Buffer.from(text))).toBe(zlibCrc32(Buffer.from(text)));
    }
  });

  it('round-trips arbitrary pixels and refuses a size mismatch', () => {
    const rgba = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256);
    const decoded = readPng(encodePng(3, 2, rgba));
    expect([decoded.width, decoded.height]).toEqual([3, 2]);
    expect([...decoded.rgba]).toEqual([...rgba]);
    expect(() => encodePng(3, 3, rgba)).toThrow(RangeError);
  });
});
