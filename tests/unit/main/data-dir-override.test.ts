// --data-dir=<dir> and TESSERA_DATA_DIR: how tests give each run its own data folder.
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { dataDirOverride } from '../../../electron/main/data-dir-override';

const cwd = path.resolve('/work/app');

describe('dataDirOverride', () => {
  it('is absent without a flag or variable', () => {
    expect(dataDirOverride(['/usr/bin/electron', '.'], {}, cwd)).toBeUndefined();
  });

  it('reads --data-dir=<dir> wherever Chromium and Playwright put it', () => {
    const argv = ['/usr/bin/electron', '--inspect=0', '--remote-debugging-port=0', '.', '--data-dir=/tmp/t1'];
    expect(dataDirOverride(argv, {}, cwd)).toEqual({ dir: path.resolve('/tmp/t1'), source: 'argument' });
  });

  it('resolves a relative folder against the working directory', () => {
    expect(dataDirOverride(['electron', '--data-dir=.data'], {}, cwd)?.dir).toBe(path.join(cwd, '.data'));
    expect(dataDirOverride(['electron'], { TESSERA_DATA_DIR: 'x/../y' }, cwd)?.dir).toBe(path.join(cwd, 'y'));
  });

  it('prefers the flag, then the variable; the last flag wins', () => {
    const env = { TESSERA_DATA_DIR: '/tmp/env' };
    expect(dataDirOverride(['electron', '--data-dir=/tmp/a', '--data-dir=/tmp/b'], env, cwd)).toEqual({
      dir: path.resolve('/tmp/b'),
      source: 'argument',
    });
    expect(dataDirOverride(['electron'], env, cwd)).toEqual({ dir: path.resolve('/tmp/env'), source: 'environment' });
  });

  it('treats empty values as absent and ignores the separate-value form', () => {
    expect(dataDirOverride(['electron', '--data-dir='], { TESSERA_DATA_DIR: ' ' }, cwd)).toBeUndefined();
    expect(dataDirOverride(['electron', '--data-dir', '/tmp/x'], {}, cwd)).toBeUndefined();
  });
});
