// The token file's atomic write: when the disk refuses (full, an I/O error) after the
// temporary copy was created, that copy, which holds the token, is removed too.
import type * as Fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, expect, it, vi } from 'vitest';

const failSync = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  return {
    ...fs,
    fsyncSync: (fd: number) => {
      if (failSync.on) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      fs.fsyncSync(fd);
    },
  };
});

const { writeFileAtomically } = await import('../../../electron/core/files');
const dirs: string[] = [];
afterEach(() => {
  failSync.on = false;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('writes the file whole when the disk accepts it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-atomic-'));
  dirs.push(dir);
  writeFileAtomically(join(dir, 'till.token'), 'token-one\n');
  expect(readdirSync(dir)).toEqual(['till.token']);
  expect(readFileSync(join(dir, 'till.token'), 'utf8')).toBe('token-one\n');
});

it('leaves neither a temporary copy nor a changed file when the disk refuses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-atomic-'));
  dirs.push(dir);
  const path = join(dir, 'till.token');
  writeFileAtomically(path, 'token-one\n');
  failSync.on = true;
  expect(() => writeFileAtomically(path, 'token-two-that-must-not-linger\n')).toThrow(/ENOSPC/);
  expect(readdirSync(dir)).toEqual(['till.token']);
  expect(readFileSync(path, 'utf8')).toBe('token-one\n');
});
