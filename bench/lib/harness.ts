// Wiring shared by the core benchmarks: throw-away data folders, a vault on the real conf store
// and development box (with its store writes timed), engines on the real clock, GC and timers.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import type { AxiosInstance } from 'axios';

import type { CredentialValues } from '#common/profile-schema';

import { type Clock, systemClock, type TimerHandle } from '../../electron/core/clock';
import { silentLogger } from '../../electron/core/logger';
import { findProvider } from '../../electron/core/providers';
import type { ProviderAdapter } from '../../electron/core/providers/types';
import { TokenEngine } from '../../electron/core/tokens/engine';
import { createConfStore } from '../../electron/core/vault/conf-store';
import { createDevSecretBox } from '../../electron/core/vault/dev-box';
import type { Store } from '../../electron/core/vault/types';
import { Vault } from '../../electron/core/vault/vault';

const made: string[] = [];

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A Store that times every whole-document write the vault makes. */
export interface TimedStore extends Store {
  readonly writes: number[];
  /** Size of the store file after the latest write, in bytes. */
  fileBytes(): number;
}

export function timedStore(inner: Store): TimedStore {
  const writes: number[] = [];
  return {
    path: inner.path,
    writes,
    read: () => inner.read(),
    write: (doc) => {
      const started = performance.now();
      inner.write(doc);
      writes.push(performance.now() - started);
    },
    fileBytes: () => {
      try {
        return statSync(inner.path).size;
      } catch {
        return 0;
      }
    },
  };
}

export interface BenchVault {
  dir: string;
  vault: Vault;
  store: TimedStore;
}

export function openVault(dir = tempDir()): BenchVault {
  const store = timedStore(createConfStore(dir));
  const vault = Vault.open({
    store,
    box: createDevSecretBox(dir),
    catalog: (id) => findProvider(id)?.info,
    clock: systemClock,
    logger: silentLogger,
  });
  return { dir, vault, store };
}

export const FACTUS = findProvider('factus')!;

/** The Factus sandbox account the simulator accepts out of the box. */
export const FACTUS_DEMO: CredentialValues = FACTUS.info.sandboxDemo;

/** A profile input on the built-in sandbox environment. */
export function factusProfile(name: string) {
  return { name, provider: 'factus', environment: { kind: 'sandbox' as const }, credentials: { ...FACTUS_DEMO } };
}

/** Factus with its refresh method hidden: every renewal is a full login, as for login-only providers. */
export const FACTUS_LOGIN_ONLY: ProviderAdapter = { info: FACTUS.info, login: FACTUS.login.bind(FACTUS) };

/**
 * The real clock with a schedule that never fires: what an engine sees after a machine slept
 * through its renewal time. Used only where a token must still be expired when it is asked for.
 */
export const frozenScheduleClock: Clock = {
  now: () => systemClock.now(),
  monotonic: () => systemClock.monotonic(),
  setTimeout: () => ({}) as TimerHandle,
  clearTimeout: () => undefined,
};

export function newEngine(opts: {
  vault: Vault;
  http: AxiosInstance;
  baseUrl: string;
  clock?: Clock;
  providers?: (id: string) => ProviderAdapter | undefined;
  /** Token requests at once per endpoint; the engine's own limit when left out. */
  maxExchangesPerEndpoint?: number;
}): TokenEngine {
  return new TokenEngine({
    store: opts.vault,
    http: opts.http,
    clock: opts.clock ?? systemClock,
    logger: silentLogger,
    providers: opts.providers ?? findProvider,
    sandbox: (id) => (id === 'factus' ? opts.baseUrl : undefined),
    ...(opts.maxExchangesPerEndpoint !== undefined ? { maxExchangesPerEndpoint: opts.maxExchangesPerEndpoint } : {}),
  });
}

// ---- garbage collection --------------------------------------------------------------------

export type GcMethod = 'global.gc' | 'v8.setFlagsFromString' | 'none';

/**
 * A way to force a full GC: `global.gc` when node runs with --expose-gc (e.g.
 * `NODE_OPTIONS=--expose-gc`), else the flag switched on at run time and `gc` taken from a
 * fresh vm context, else none (heap figures are then without GC and say so).
 */
export function findGc(): { gc: (() => void) | undefined; method: GcMethod } {
  const global = (globalThis as { gc?: () => void }).gc;
  if (typeof global === 'function') return { gc: global, method: 'global.gc' };
  try {
    setFlagsFromString('--expose-gc');
    const fn = runInNewContext('gc') as unknown;
    if (typeof fn === 'function') return { gc: fn as () => void, method: 'v8.setFlagsFromString' };
  } catch {
    // Not available on this runtime.
  }
  return { gc: undefined, method: 'none' };
}

/** heapUsed after a few full collections (or right away without GC), median of three reads. */
export async function settledHeapUsed(gc: (() => void) | undefined): Promise<number> {
  const reads: number[] = [];
  for (let i = 0; i < 3; i++) {
    // Let pending callbacks and finalizers run between collections.
    await sleep(20);
    gc?.();
    gc?.();
    reads.push(process.memoryUsage().heapUsed);
  }
  reads.sort((a, b) => a - b);
  return reads[1]!;
}

// ---- timers ---------------------------------------------------------------------------------

/** Node timers as `process.getActiveResourcesInfo()` lists them (it leaves out unref'd ones). */
export function activeTimeoutResources(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

export interface TimerTracker {
  /** Timers set through the global setTimeout that have neither fired nor been cleared. */
  live(): { total: number; unrefd: number };
  /** Callbacks of tracked timers that ran since the tracker was installed. */
  fired(): number;
  uninstall(): void;
}

/**
 * Counts live timers independently of the engine: wraps the global setTimeout/clearTimeout
 * (which core's system clock calls at each use), so unref'd timers are seen too.
 */
export function installTimerTracker(): TimerTracker {
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  const live = new Set<NodeJS.Timeout>();
  let fired = 0;
  const tracked = (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): NodeJS.Timeout => {
    const timer = realSet(
      (...a: unknown[]) => {
        live.delete(timer);
        fired += 1;
        fn(...a);
      },
      ms,
      ...args,
    );
    live.add(timer);
    return timer;
  };
  Object.defineProperty(tracked, promisify.custom, { value: promisify(realSet) });
  const clear = (timer: string | number | NodeJS.Timeout | undefined): void => {
    if (timer !== undefined && typeof timer === 'object') live.delete(timer);
    realClear(timer);
  };
  globalThis.setTimeout = tracked as unknown as typeof globalThis.setTimeout;
  globalThis.clearTimeout = clear;
  return {
    live: () => {
      let unrefd = 0;
      for (const t of live) if (!t.hasRef()) unrefd += 1;
      return { total: live.size, unrefd };
    },
    fired: () => fired,
    uninstall: () => {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
    },
  };
}
