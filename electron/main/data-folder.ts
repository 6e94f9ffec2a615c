// Where Tessera keeps its store and logs: the OS's userData folder, or, in an unpackaged app, a
// folder named by --data-dir=<dir> or TESSERA_DATA_DIR (tests give each run its own). Must run
// before anything reads userData: the single-instance lock and every session derive from it.
import { mkdirSync } from 'node:fs';

import { app } from 'electron';

import { type DataDirOverride, dataDirOverride } from './data-dir-override';

export interface DataFolder {
  dir: string;
  /** Set when an override was asked for; `honoured` is false in a packaged app. */
  override?: DataDirOverride & { honoured: boolean };
}

export function setupDataFolder(): DataFolder {
  const asked = dataDirOverride(process.argv, process.env, process.cwd());
  // An installed Tessera ignores the override: a shortcut, launcher or inherited environment
  // variable could otherwise point it at a folder someone else planted profiles in or can read,
  // and two instances on different folders would hold two single-instance locks on one user's
  // session. Tests and development run unpackaged, where it is needed.
  const honoured = !!asked && !app.isPackaged;
  // setPath throws for a folder that does not exist yet, so it is created first.
  if (asked && honoured) {
    mkdirSync(asked.dir, { recursive: true, mode: 0o700 });
    app.setPath('userData', asked.dir);
  }
  const dir = app.getPath('userData');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return { dir, ...(asked ? { override: { ...asked, honoured } } : {}) };
}
