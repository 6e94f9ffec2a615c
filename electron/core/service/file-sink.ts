// For POS programs that can only read a file: the profile's current access token, written
// atomically (temporary file, then rename) with owner-only permissions, rewritten on every
// renewal, and removed when there is no valid token or the profile is removed.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { silentLogger, type Logger } from '../logger';
import { hasControlChars } from '../profile-schema';
import type { TokenEngine } from '../tokens/engine';
import type { Vault } from '../vault/vault';
import type { FieldIssue } from '../vault/vault';

/** Why a path cannot hold the token, as a field issue; null when it can. */
export function fileSinkProblem(path: string): FieldIssue | null {
  const issue = (message: string): FieldIssue => ({ path: 'path', message });
  if (path.length > 1024) return { path: 'path', message: 'validation.tooLong', maximum: 1024 };
  if (hasControlChars(path)) return issue('validation.controlChars');
  if (!isAbsolute(path)) return issue('validation.path.relative');
  if (!existsSync(dirname(path)) || !statSync(dirname(path)).isDirectory()) return issue('validation.path.noFolder');
  if (existsSync(path) && statSync(path).isDirectory()) return issue('validation.path.isFolder');
  return null;
}

export function writeFileAtomically(path: string, content: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temporary, 'wx', 0o600);
  // Whatever fails (a full disk, the rename), no copy of the token is left behind.
  try {
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
}

export class FileSinks {
  /** What each sink file holds now: the issue time of the token written, or nothing. */
  private readonly written = new Map<string, { path: string; issuedAt: number }>();

  constructor(
    private readonly engine: TokenEngine,
    private readonly vault: Vault,
    private readonly logger: Logger = silentLogger,
  ) {
    engine.on('change', (view) => this.sync(view.profileId));
    engine.on('removed', (id) => this.drop(id));
  }

  /** Brings every sink up to date (at startup). */
  syncAll(): void {
    for (const profile of this.vault.profiles()) this.sync(profile.id);
  }

  /** Points a profile's sink at a new path (or none): the old file goes, the new one is written. */
  set(profileId: string, path: string | null): void {
    this.drop(profileId);
    this.vault.setFileSink(profileId, path);
    this.sync(profileId);
  }

  /** Removes the file of a profile that is being removed. */
  drop(profileId: string): void {
    const previous = this.written.get(profileId);
    this.written.delete(profileId);
    if (previous) this.remove(profileId, previous.path);
  }

  private sync(profileId: string): void {
    const path = this.vault.profile(profileId)?.fileSink?.path;
    if (!path) return;
    const token = this.engine.currentToken(profileId);
    const previous = this.written.get(profileId);
    if (!token) {
      // An expired or rejected token must not sit in the file looking usable.
      if (previous || existsSync(path)) this.remove(profileId, path);
      this.written.delete(profileId);
      return;
    }
    if (previous?.path === path && previous.issuedAt === token.issuedAt) return;
    try {
      writeFileAtomically(path, `${token.accessToken}\n`);
      this.written.set(profileId, { path, issuedAt: token.issuedAt });
    } catch (err) {
      this.logger.error('could not write the token file', { profile: profileId, code: (err as NodeJS.ErrnoException).code });
    }
  }

  private remove(profileId: string, path: string): void {
    try {
      rmSync(path, { force: true });
    } catch (err) {
      this.logger.error('could not remove the token file', { profile: profileId, code: (err as NodeJS.ErrnoException).code });
    }
  }
}
