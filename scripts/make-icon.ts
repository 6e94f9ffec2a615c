// Draws build/icon.png, the app icon electron-builder turns into each platform's format: the
// header's mark (a tile cut along its diagonal) on Tessera's teal. `npx tsx scripts/make-icon.ts`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { encodePng } from '../electron/main/tray-icon';

const SIZE = 1024;
const SAMPLES = 4; // per axis: 16 samples per pixel smooth the edges
const TEAL = [0x0d, 0x5c, 0x55] as const;

function roundedSquare(x: number, y: number, left: number, size: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, left + radius), left + size - radius);
  const cy = Math.min(Math.max(y, left + radius), left + size - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2 && x >= left && y >= left && x <= left + size && y <= left + size;
}

/** Colour and opacity at a point (in pixels) of the icon. */
function sample(x: number, y: number): [number, number, number, number] {
  if (!roundedSquare(x, y, 64, 896, 200)) return [0, 0, 0, 0];
  const tileLeft = 272;
  const tileSize = 480;
  if (roundedSquare(x, y, tileLeft, tileSize, 56)) {
    // Along the diagonal: white above, a teal gap, then translucent white below.
    const d = (x - tileLeft + (y - tileLeft)) / (2 * tileSize);
    if (d < 0.46) return [255, 255, 255, 1];
    if (d > 0.54) return [TEAL[0] + (255 - TEAL[0]) * 0.55, TEAL[1] + (255 - TEAL[1]) * 0.55, TEAL[2] + (255 - TEAL[2]) * 0.55, 1];
  }
  return [TEAL[0], TEAL[1], TEAL[2], 1];
}

const rgba = new Uint8Array(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    let r = 0,
      g = 0,
      b = 0,
      a = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const [sr, sg, sb, sa] = sample(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
        r += sr * sa;
        g += sg * sa;
        b += sb * sa;
        a += sa;
      }
    }
    const i = (py * SIZE + px) * 4;
    rgba[i] = a ? Math.round(r / a) : 0;
    rgba[i + 1] = a ? Math.round(g / a) : 0;
    rgba[i + 2] = a ? Math.round(b / a) : 0;
    rgba[i + 3] = Math.round((a / SAMPLES ** 2) * 255);
  }
}
writeFileSync(join(import.meta.dirname, '..', 'build', 'icon.png'), encodePng(SIZE, SIZE, rgba));
