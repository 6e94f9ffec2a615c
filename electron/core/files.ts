// Files core writes outside the store (token files, profile bundles, the data folder's lock):
// owner-only, synced to disk, and never left half-written.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Creates `path` only if nothing is there (EEXIST otherwise), owner-only, with `content`
 * written and synced. If the write fails (a full disk), the file it created is removed.
 */
export function writeNewFile(path: string, content: string | Uint8Array): void {
  const fd = openSync(path, 'wx', 0o600);
  let complete = false;
  try {
    writeFileSync(fd, content);
    fsyncSync(fd);
    complete = true;
  } finally {
    closeSync(fd);
    if (!complete) rmSync(path, { force: true });
  }
}

/** A new temporary file beside `path` (same folder, so a rename is atomic) holding `content`. */
export function writeTemporary(path: string, content: string | Uint8Array): string {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  writeNewFile(temporary, content);
  return temporary;
}

/** Replaces a file atomically: a reader sees the old content or the new one, never a mix. */
export function writeFileAtomically(path: string, content: string | Uint8Array): void {
  const temporary = writeTemporary(path, content);
  // Whatever fails (a full disk, the rename), no copy of the content is left behind.
  try {
    renameSync(temporary, path);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
}
