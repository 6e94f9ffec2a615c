// A data folder opened by a command that changes it: the folder's lock taken (or the command
// refused with exit 3), the vault opened, a token engine that signs in only the profiles the
// command names (no schedule of its own), token files kept in step, and everything closed and
// released at the end, whatever happened.
import { mkdirSync } from 'node:fs';

import type { TokenView } from '#common/token-view';

import { systemClock } from '../core/clock';
import { acquireDataLock, type DataLock, lockHolder, type LockOwner } from '../core/data-lock';
import { silentLogger } from '../core/logger';
import { findProvider } from '../core/providers';
import { TokenFiles } from '../core/service/token-files';
import { readStoreFile } from '../core/status-report';
import { TokenEngine } from '../core/tokens/engine';
import { Vault } from '../core/vault/vault';
import { CliFailure, type CliHost, type CliIo, EXIT } from './host';
import type { CliTexts } from './texts';
import type { CliKey } from './texts/types';

/** Sign-ins run this many at a time, so a thousand profiles do not hit a provider at once. */
const SIGN_IN_CONCURRENCY = 8;

export interface FolderSession {
  vault: Vault;
  engine: TokenEngine;
  /**
   * Signs these profiles in (or renews them), a few at a time, and answers each one's token view.
   * `prepare` tells the engine about a profile just before its turn (new, or changed).
   */
  signIn(ids: readonly string[], prepare?: (engine: TokenEngine, id: string) => void): Promise<TokenView[]>;
}

export function lockedFailure(dir: string, owner: LockOwner | null, texts: CliTexts): CliFailure {
  const key: CliKey = owner ? `errors.locked.${owner.host}` : 'errors.locked.unknown';
  return new CliFailure(EXIT.locked, 'locked', texts.t(key, { pid: owner?.pid ?? '', dir }));
}

/** Refuses at once, before anything is read, when another Tessera holds the folder. */
export function refuseIfHeld(dir: string, texts: CliTexts): void {
  const owner = lockHolder(dir);
  if (owner) throw lockedFailure(dir, owner, texts);
}

export async function withFolder<T>(
  dir: string,
  host: CliHost,
  io: CliIo,
  texts: CliTexts,
  run: (session: FolderSession) => Promise<T>,
): Promise<T> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const attempt = acquireDataLock(dir, 'cli');
  if (!attempt.ok) throw lockedFailure(dir, attempt.owner, texts);
  const lock: DataLock = attempt.lock;
  let sandbox: Awaited<ReturnType<CliHost['startSandbox']>>;
  let engine: TokenEngine | undefined;
  try {
    // A damaged store is the app's to repair (it keeps a copy aside); a command does not touch it.
    if (readStoreFile(dir).kind === 'unreadable')
      throw new CliFailure(EXIT.failed, 'store-unreadable', texts.t('errors.storeUnreadable', { dir }));
    const clock = io.clock ?? systemClock;
    const vault = Vault.open({
      store: host.store(dir),
      box: host.box(dir),
      catalog: (id) => findProvider(id)?.info,
      clock,
      logger: silentLogger,
    });
    sandbox = await host.startSandbox();
    const running = new TokenEngine({
      store: vault,
      http: host.http(),
      clock,
      logger: silentLogger,
      ...(sandbox ? { sandbox: sandbox.locate } : {}),
    });
    engine = running;
    await running.start({ passive: true });
    const sinks = new TokenFiles(running, vault, { protectedFolders: [dir] }, silentLogger);
    void sinks;
    const signIn = async (ids: readonly string[], prepare?: (engine: TokenEngine, id: string) => void): Promise<TokenView[]> => {
      const views: TokenView[] = new Array<TokenView>(ids.length);
      let next = 0;
      const worker = async () => {
        while (next < ids.length) {
          const i = next++;
          const id = ids[i]!;
          prepare?.(running, id);
          views[i] = await running.refresh(id);
        }
      };
      await Promise.all(Array.from({ length: Math.min(SIGN_IN_CONCURRENCY, ids.length) }, worker));
      return views;
    };
    const result = await run({ vault, engine: running, signIn });
    await vault.settle();
    return result;
  } finally {
    // Stops the engine, which writes what is pending (tokens, history) before the lock goes.
    engine?.stop();
    await sandbox?.close();
    lock.release();
  }
}
