// For POS programs that can only read a file: the profile's current access token, in a file
// Tessera creates itself (never over one that exists), owner-only, in a folder only the user can
// write to and outside Tessera's own folders. Renewals replace it atomically (temporary file,
// then rename); it is removed when there is no valid token or the profile goes. Tessera only
// ever replaces or deletes the file while it still holds what Tessera last wrote there: the
// SHA-256 of that is kept with the profile (never the token), so this survives a restart.
export type { TokenFileProblem } from '#common/contract';
import { createHash } from 'node:crypto';
import { existsSync, linkSync, lstatSync, readFileSync, realpathSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

import type { TokenFileProblem } from '#common/contract';
import { hasControlChars } from '#common/profile-schema';

import { writeFileAtomically, writeNewFile, writeTemporary } from '../files';
import { type Logger, silentLogger } from '../logger';
import { isWellFormedToken, MAX_TOKEN_LENGTH } from '../providers/token-shape';
import type { TokenEngine } from '../tokens/engine';
import { type FieldIssue, type TokenFileRecord, type Vault, VaultError } from '../vault/vault';

/** What the host lets core do with token files (core itself never opens a dialog). */
export interface TokenFileHost {
  /** Folders a token file may never be in: Tessera's data, its application, what a host serves. */
  protectedFolders: readonly string[];
  /**
   * The Electron app: main's native save dialog. Core asks it for a path; the renderer never
   * sends one. Resolves null when the user cancels.
   */
  choosePath?: (request: { profileName: string }) => Promise<string | null>;
  /** Where the owner and permission checks apply (they do not on Windows); tests set it. */
  platform?: NodeJS.Platform;
}

const issue = (message: string): FieldIssue => ({ path: 'path', message });

/** Why a path cannot hold the token, judged by its shape and its folder's existence; null when it can. */
export function tokenFilePathProblem(path: string): FieldIssue | null {
  if (path.length > 1024) return { path: 'path', message: 'validation.tooLong', maximum: 1024 };
  if (hasControlChars(path)) return issue('validation.controlChars');
  if (!isAbsolute(path)) return issue('validation.path.relative');
  if (!existsSync(dirname(path)) || !statSync(dirname(path)).isDirectory()) return issue('validation.path.noFolder');
  if (existsSync(path) && statSync(path).isDirectory()) return issue('validation.path.isFolder');
  return null;
}

/**
 * Why a well-formed path may still not become a token file: inside Tessera's own folders
 * (followed through links), a folder of another user or one others can write to (they could
 * swap the file), or a file that already exists. Null when Tessera may create it.
 */
export function tokenFileProblem(path: string, host: TokenFileHost): FieldIssue | null {
  const platform = host.platform ?? process.platform;
  const folder = dirname(resolve(path));
  const realFolder = realpathOr(folder);
  for (const protectedFolder of host.protectedFolders) {
    const guarded = resolve(protectedFolder);
    if (isInside(folder, guarded, platform) || isInside(realFolder, realpathOr(guarded), platform)) {
      return issue('tokenFileRules.protectedFolder');
    }
  }
  // Windows folders are guarded by ACLs, which a mode cannot describe: these checks are skipped there.
  if (platform !== 'win32') {
    const stat = statSync(realFolder);
    const uid = process.getuid?.();
    if (uid !== undefined && stat.uid !== uid) return issue('tokenFileRules.folderNotYours');
    if ((stat.mode & 0o022) !== 0) return issue('tokenFileRules.folderOpen');
  }
  if (lstatOrUndefined(path)) return issue('tokenFileRules.exists');
  return null;
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isInside(path: string, folder: string, platform: NodeJS.Platform): boolean {
  const fold = (p: string) => (platform === 'win32' || platform === 'darwin' ? p.toLowerCase() : p);
  const rel = relative(fold(folder), fold(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

const digestOf = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

/**
 * Publishes a new file only if nothing is at `path` (EEXIST otherwise), complete from the first
 * byte: a hard link of the finished temporary file. Where links are not supported (FAT, some
 * network shares) an exclusive create written in place instead.
 */
function publishExclusively(path: string, content: string): void {
  const temporary = writeTemporary(path, content);
  try {
    linkSync(temporary, path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw err;
    writeNewFile(path, content);
  } finally {
    rmSync(temporary, { force: true });
  }
}

type Ownership = 'absent' | 'ours' | 'foreign';

export class TokenFiles {
  /** The issue time of the token each token file holds now, written this run. */
  private readonly written = new Map<string, number>();
  private readonly problems = new Map<string, TokenFileProblem>();

  constructor(
    private readonly engine: TokenEngine,
    private readonly vault: Vault,
    private readonly host: TokenFileHost = { protectedFolders: [] },
    private readonly logger: Logger = silentLogger,
    /** Called when a token file's problem appears or goes (the profile view shows it). */
    private readonly onProblemChange: (profileId: string) => void = () => undefined,
  ) {
    engine.on('change', (view) => this.sync(view.profileId));
    engine.on('removed', (id) => this.drop(id));
  }

  problemOf(profileId: string): TokenFileProblem | undefined {
    return this.problems.get(profileId);
  }

  /** Brings every token file up to date (at startup). */
  syncAll(): void {
    for (const profile of this.vault.profiles()) this.sync(profile.id);
  }

  /**
   * Points a profile's token file at a new path (or none). A new path must pass every check; the old
   * file goes (if it is still Tessera's), the new one is created by Tessera itself.
   * Throws VaultError('validation') with a `path` issue.
   */
  set(profileId: string, path: string | null): void {
    const record = this.vault.profile(profileId);
    if (!record) throw new VaultError('not_found');
    if (path !== null) {
      if (record.fileSink?.path === path) return this.sync(profileId);
      const taken = this.vault.profiles().some((p) => p.id !== profileId && p.fileSink && resolve(p.fileSink.path) === resolve(path));
      const problem = tokenFilePathProblem(path) ?? (taken ? issue('tokenFileRules.takenByProfile') : tokenFileProblem(path, this.host));
      if (problem) throw new VaultError('validation', [problem]);
    }
    this.drop(profileId);
    this.vault.setTokenFile(profileId, path === null ? null : { path, written: null });
    this.sync(profileId);
  }

  /** Removes the file of a profile (being removed, or whose token file is being changed), if it is still Tessera's. */
  drop(profileId: string): void {
    const file = this.vault.profile(profileId)?.fileSink;
    this.written.delete(profileId);
    this.setProblem(profileId, undefined);
    if (file) this.remove(profileId, file);
  }

  private sync(profileId: string): void {
    const file = this.vault.profile(profileId)?.fileSink;
    if (!file) return;
    const token = this.engine.currentToken(profileId);
    if (!token || !isWellFormedToken(token.accessToken)) {
      // An expired or rejected token must not sit in the file looking usable.
      this.written.delete(profileId);
      if (file.written !== null || this.problems.has(profileId)) this.remove(profileId, file);
      return;
    }
    if (this.written.get(profileId) === token.issuedAt && !this.problems.has(profileId)) return;
    this.write(profileId, file, `${token.accessToken}\n`);
    if (!this.problems.has(profileId)) this.written.set(profileId, token.issuedAt);
  }

  /**
   * Whether the file at its path is Tessera's: absent, or a plain file holding what
   * Tessera last wrote (or, mid-write, what it wrote before). A token file saved by a version that
   * kept no digest adopts a file holding exactly the token about to be written there.
   */
  private ownership(file: TokenFileRecord, adoptable?: string): Ownership {
    let stat;
    try {
      stat = lstatOrUndefined(file.path);
    } catch {
      return 'foreign';
    }
    if (!stat) return 'absent';
    if (!stat.isFile() || stat.size > MAX_TOKEN_LENGTH + 1) return 'foreign';
    let digest: string;
    try {
      digest = digestOf(readFileSync(file.path));
    } catch {
      return 'foreign';
    }
    if (digest === file.written || digest === file.previous) return 'ours';
    if (file.written === undefined && adoptable !== undefined && digest === digestOf(adoptable)) return 'ours';
    return 'foreign';
  }

  private write(profileId: string, file: TokenFileRecord, content: string): void {
    const state = this.ownership(file, content);
    if (state === 'foreign') return this.setProblem(profileId, 'not_ours');
    const digest = digestOf(content);
    if (state === 'ours' && digest === file.written) return this.setProblem(profileId, undefined);
    // Recorded before the file changes, the old digest kept too: a crash in between leaves a
    // file Tessera still recognises as its own.
    const known = file.written ?? undefined;
    this.vault.setTokenFile(profileId, { path: file.path, written: digest, ...(known ? { previous: known } : {}) });
    try {
      if (state === 'absent') publishExclusively(file.path, content);
      else writeFileAtomically(file.path, content);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      this.vault.setTokenFile(profileId, { path: file.path, written: file.written ?? null });
      if (code === 'EEXIST') return this.setProblem(profileId, 'not_ours');
      this.logger.error('could not write the token file', { profile: profileId, code });
      return this.setProblem(profileId, 'unwritable');
    }
    this.vault.setTokenFile(profileId, { path: file.path, written: digest }, { lazily: true });
    this.setProblem(profileId, undefined);
  }

  private remove(profileId: string, file: TokenFileRecord): void {
    const state = this.ownership(file);
    if (state === 'foreign') {
      // A file Tessera did not write (or no longer holds what it wrote) stays as it is.
      if (this.vault.profile(profileId)?.fileSink) this.setProblem(profileId, 'not_ours');
      return;
    }
    const stillSet = () => this.vault.profile(profileId)?.fileSink?.path === file.path;
    if (state === 'ours') {
      if (stillSet())
        this.vault.setTokenFile(profileId, { path: file.path, written: null, ...(file.written ? { previous: file.written } : {}) });
      try {
        unlinkSync(file.path);
      } catch (err) {
        this.logger.error('could not remove the token file', { profile: profileId, code: (err as NodeJS.ErrnoException).code });
      }
    }
    if (stillSet()) this.vault.setTokenFile(profileId, { path: file.path, written: null }, { lazily: true });
    this.setProblem(profileId, undefined);
  }

  private setProblem(profileId: string, problem: TokenFileProblem | undefined): void {
    if (this.problems.get(profileId) === problem) return;
    if (problem === undefined) this.problems.delete(profileId);
    else {
      this.problems.set(profileId, problem);
      if (problem === 'not_ours')
        this.logger.warn('the token file is no longer what Tessera wrote; leaving it alone', { profile: profileId });
    }
    this.onProblemChange(profileId);
  }
}
