// The core as the app sees it: vault, engine and providers behind the contract's methods.
// Both transports (Electron IPC, the browser host's WebSocket) call dispatch(), which parses
// input with the contract's schema and turns every failure into a typed, secret-free result.
import { dirname } from 'node:path';

import type { AxiosInstance } from 'axios';
import type { z } from 'zod';

import {
  type AppErrorView,
  type AppEvent,
  type AppInfo,
  type Contract,
  contract,
  type Method,
  type ProfileView,
  type Result,
  type ResultOf,
  type ServiceStatus,
} from '#common/contract';
import type { Settings } from '#common/settings';
import type { TokenView } from '#common/token-view';

import { appInfo } from './app/app-info';
import { testConnection } from './app/connection-test';
import { ProfileActions } from './app/profile-actions';
import { ServiceActions } from './app/service-actions';
import { BundleError } from './bundle/errors';
import { type BundleFileHost, BundleTransfers } from './bundle/transfers';
import { type Clock, systemClock } from './clock';
import { DiagnosedError, Diagnostics } from './diagnostics/diagnostics';
import type { SandboxLocator } from './environments';
import { errorName } from './error-facts';
import { ProviderError } from './errors';
import { InstallerLock, LockError } from './lock/installer-lock';
import type { ScryptParameters } from './lock/pin';
import { requiredRole } from './lock/policy';
import { type Logger, silentLogger } from './logger';
import { guessOsVersion } from './machine';
import { findProvider, providerCatalog } from './providers';
import type { ConnectionLimits } from './service/connection-guard';
import type { RateLimit } from './service/rate-limit';
import { ServiceRunner } from './service/service-runner';
import { type TokenFileHost, TokenFiles } from './service/token-files';
import { TokenService } from './service/token-service';
import { EngineError, TokenEngine } from './tokens/engine';
import type { ProfileRecord } from './vault/schema';
import type { SecretBox, Store } from './vault/types';
import { Vault, VaultError } from './vault/vault';

export interface CoreOptions {
  store: Store;
  box: SecretBox;
  http: AxiosInstance;
  host: AppInfo['host'];
  version: string;
  systemLocale: string;
  clock?: Clock;
  random?: () => number;
  logger?: Logger;
  sandbox?: SandboxLocator;
  timeoutMs?: number;
  /** Invalidations this soon after a renewal reuse its token (default 10 s). */
  invalidateWindowMs?: number;
  /**
   * The local token service: a fixed port (0 picks one) instead of the setting, a rate limit,
   * connection caps, the loopback addresses (tests: one this machine lacks, as without IPv6).
   */
  service?: { port?: number; rateLimit?: RateLimit; connections?: ConnectionLimits; addresses?: readonly string[] };
  /** The installer lock: a shorter unlock than 5 minutes (tests), cheaper scrypt (unit tests). */
  installerLock?: { unlockMs?: number; scrypt?: ScryptParameters };
  /** What the host lets token files be: its protected folders and, in Electron, main's save dialog. */
  tokenFileHost?: TokenFileHost;
  /** Native file dialogs for profile bundles (the app); without them the page moves the bytes. */
  bundleFiles?: BundleFileHost;
  /** scrypt work factor of exported bundles (tests lower it; default age's 18). */
  bundleWorkFactor?: number;
}

type Handlers = { [M in Method]: (input: z.output<Contract[M]['input']>) => Promise<ResultOf<M>> };

/** A profile as the shell names it in the tray and in notifications. */
export type ProfileLabel = Pick<ProfileRecord, 'id' | 'name' | 'provider'>;

/** The parts behind a core, for white-box tests of them through a composed core. */
export interface CoreInternals {
  vault: Vault;
  engine: TokenEngine;
}

const internals = new WeakMap<TesseraCore, CoreInternals>();

/**
 * The vault and engine behind a core, for tests only: hosts (main, the browser host) use the
 * core's own methods, so what they may do stays in one list (lint keeps them off this).
 */
export function coreInternals(core: TesseraCore): CoreInternals {
  return internals.get(core)!;
}

export class TesseraCore {
  private readonly vault: Vault;
  private readonly engine: TokenEngine;
  readonly tokenService: TokenService;
  readonly tokenFiles: TokenFiles;
  readonly lock: InstallerLock;
  readonly diagnostics: Diagnostics;
  readonly bundles: BundleTransfers;
  private readonly serviceRunner: ServiceRunner;
  private readonly profileActions: ProfileActions;
  private readonly serviceActions: ServiceActions;
  private readonly listeners = new Set<(event: AppEvent) => void>();
  private readonly logger: Logger;
  private readonly clock: Clock;

  private constructor(private readonly opts: CoreOptions) {
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
    this.vault = Vault.open({
      store: opts.store,
      box: opts.box,
      catalog: (id) => findProvider(id)?.info,
      clock: this.clock,
      logger: this.logger,
    });
    this.diagnostics = new Diagnostics({
      clock: this.clock,
      vault: this.vault,
      sandbox: opts.sandbox,
      app: { version: opts.version, host: opts.host, platform: process.platform },
    });
    this.engine = new TokenEngine({
      store: this.vault,
      // Each profile's renewals run through an adapter that records its exchanges.
      providers: (id, profileId) => {
        const adapter = findProvider(id);
        return adapter && profileId ? this.diagnostics.adapterFor(profileId, adapter) : adapter;
      },
      http: opts.http,
      clock: this.clock,
      random: opts.random,
      logger: this.logger,
      sandbox: opts.sandbox,
      timeoutMs: opts.timeoutMs,
      invalidateWindowMs: opts.invalidateWindowMs,
    });
    internals.set(this, { vault: this.vault, engine: this.engine });
    this.engine.on('change', (view) => this.emit({ type: 'token', view }));
    this.engine.on('history', (profileId, event) => this.emit({ type: 'history', profileId, event }));
    this.engine.on('removed', (id) => {
      this.diagnostics.forget(id);
      this.emit({ type: 'profiles' });
    });
    this.vault.onWriteStatus((status) => this.emit({ type: 'storeWrite', status }));
    this.tokenService = new TokenService({
      engine: this.engine,
      vault: this.vault,
      clock: this.clock,
      logger: this.logger,
      rateLimit: opts.service?.rateLimit,
      connections: opts.service?.connections,
      addresses: opts.service?.addresses,
      // "Last used" in Settings follows, at most once a minute per key.
      onKeyUsed: () => this.emit({ type: 'accessKeys' }),
    });
    // The folder of the store is Tessera's own, whatever the host says besides.
    const fileHost = opts.tokenFileHost ?? { protectedFolders: [] };
    this.tokenFiles = new TokenFiles(
      this.engine,
      this.vault,
      { ...fileHost, protectedFolders: [dirname(opts.store.path), ...fileHost.protectedFolders] },
      this.logger,
      () => this.emit({ type: 'profiles' }),
    );
    this.lock = new InstallerLock({
      vault: this.vault,
      clock: this.clock,
      logger: this.logger,
      ...opts.installerLock,
      onChange: (lock) => this.emit({ type: 'lock', lock }),
    });
    this.bundles = new BundleTransfers({
      vault: this.vault,
      files: opts.bundleFiles,
      clock: this.clock,
      logger: this.logger,
      appVersion: opts.version,
      catalog: (id) => findProvider(id)?.info,
      osVersion: () => guessOsVersion(),
      workFactor: opts.bundleWorkFactor,
    });
    this.profileActions = new ProfileActions({
      vault: this.vault,
      engine: this.engine,
      tokenFiles: this.tokenFiles,
      bundles: this.bundles,
      lock: this.lock,
      clock: this.clock,
      host: opts.host,
      choosePath: opts.tokenFileHost?.choosePath,
      changed: () => this.emit({ type: 'profiles' }),
    });
    this.serviceActions = new ServiceActions({
      vault: this.vault,
      tokenService: this.tokenService,
      clock: this.clock,
      emit: (event) => this.emit(event),
      syncService: () => this.syncService(),
    });
    this.serviceRunner = new ServiceRunner({
      service: this.tokenService,
      clock: this.clock,
      logger: this.logger,
      wanted: () => this.vault.accessKeys().length > 0,
      port: () => this.servicePort(),
      portOverridden: this.portOverridden(),
      onStatus: (status) => this.emit({ type: 'service', status }),
    });
  }

  static async create(opts: CoreOptions): Promise<TesseraCore> {
    const core = new TesseraCore(opts);
    // Before any sign-in: a damaged sealed value is dropped alone and its profile asks for it.
    await core.vault.checkSecrets();
    await core.engine.start();
    core.tokenFiles.syncAll();
    await core.syncService();
    return core;
  }

  /**
   * The token service runs while at least one access key exists, on the configured port; a
   * port another program holds is tried again every 5 s (service-runner.ts).
   */
  syncService(): Promise<void> {
    return this.serviceRunner.sync();
  }

  get service(): ServiceStatus {
    return this.serviceRunner.status;
  }

  private servicePort(): number {
    return this.opts.service?.port ?? this.vault.settings().servicePort;
  }

  private portOverridden(): boolean {
    return this.opts.service?.port !== undefined;
  }

  // ---- what the shell needs besides the contract (tray, notifications, power, quit) -----

  /** The machine woke up, the network came back, or a failure was caught: re-plan every renewal. */
  wake(): void {
    this.engine.wake();
  }

  /** Writes every pending change now: the OS is ending the session. */
  flush(): void {
    this.vault.flush();
  }

  settings(): Settings {
    return this.vault.settings();
  }

  profiles(): readonly ProfileLabel[] {
    return this.vault.profiles();
  }

  profile(id: string): ProfileLabel | undefined {
    return this.vault.profile(id);
  }

  tokenViews(): TokenView[] {
    return this.engine.views();
  }

  refreshAll(): Promise<TokenView[]> {
    return this.engine.refreshAll();
  }

  onEvent(listener: (event: AppEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.lock.dispose();
    this.serviceRunner.stop();
    await this.tokenService.close();
    this.engine.stop();
    this.vault.stopWriting();
    this.listeners.clear();
  }

  /** Parses, runs and answers one call. Never throws; never returns a stack trace. */
  async dispatch(method: string, input: unknown): Promise<Result<unknown>> {
    if (!Object.hasOwn(contract, method)) return { ok: false, error: { code: 'bad_request' } };
    const m = method as Method;
    // The installer lock, decided on the raw input so a locked call is refused whatever it holds.
    if (requiredRole(m, input) === 'installer') {
      if (this.lock.isLocked()) return { ok: false, error: { code: 'locked' } };
      this.lock.touch();
    }
    const parsed = contract[m].input.safeParse(input);
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'bad_request', issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: 'validation.invalid' })) },
      };
    }
    try {
      const handler = this.handlers[m] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      return { ok: false, error: this.toAppError(m, err) };
    }
  }

  /** One call per method: each into the module that owns it. */
  readonly handlers: Handlers = {
    getAppInfo: () => appInfo({ ...this.opts, vault: this.vault }),
    getCatalog: () => Promise.resolve(providerCatalog()),
    listProfiles: () => Promise.resolve(this.profileActions.list()),
    createProfile: (draft) => this.profileActions.create(draft),
    updateProfile: (input) => this.profileActions.update(input),
    removeProfile: ({ id }) => Promise.resolve(this.profileActions.remove(id)),
    testConnection: (input) => testConnection({ ...this.opts, vault: this.vault, diagnostics: this.diagnostics, clock: this.clock }, input),
    refreshToken: ({ id }) => this.engine.refresh(id),
    refreshAll: () => this.engine.refreshAll(),
    getHistory: ({ id }) => Promise.resolve(this.profileActions.history(id)),
    getSettings: () => Promise.resolve(this.vault.settings()),
    updateSettings: (patch) => this.serviceActions.updateSettings(patch),
    getServiceStatus: () => Promise.resolve(this.service),
    listAccessKeys: () => Promise.resolve(this.serviceActions.listAccessKeys()),
    createAccessKey: (input) => this.serviceActions.createAccessKey(input),
    revokeAccessKey: ({ id }) => this.serviceActions.revokeAccessKey(id),
    setFileSink: ({ id, path }) => Promise.resolve(this.profileActions.setTokenFile(id, path)),
    getLockState: () => Promise.resolve(this.lock.view()),
    unlock: ({ pin }) => this.lock.unlock(pin),
    lock: () => Promise.resolve(this.lock.lockNow()),
    setInstallerPin: ({ currentPin, newPin }) => this.lock.setPin(currentPin, newPin),
    resetInstallerPin: () => Promise.resolve(this.profileActions.forgetInstallerPin()),
    getDiagnostics: ({ id }) => this.diagnostics.profileReport(this.profileActions.require(id), this.engine.view(id)),
    chooseTokenFile: ({ id }) => this.profileActions.chooseTokenFile(id),
    exportProfiles: (input) => this.bundles.export(input),
    openBundleFile: (source) => this.bundles.open(source),
    previewImport: ({ fileId, passphrase }) => this.bundles.preview(fileId, passphrase),
    importProfiles: (input) => this.profileActions.importProfiles(input),
    closeImport: ({ id }) => {
      this.bundles.close(id);
      return Promise.resolve(null);
    },
  };

  profileView(record: ProfileRecord): ProfileView {
    return this.profileActions.view(record);
  }

  private emit(event: AppEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        this.logger.error('event listener failed', { name: errorName(err) });
      }
    }
  }

  private toAppError(method: Method, err: unknown): AppErrorView {
    if (err instanceof DiagnosedError) return { ...this.toAppError(method, err.error), diagnostics: err.diagnostics };
    if (err instanceof VaultError) {
      // A missing or unbound secret is the user's to type again: a field issue like any other.
      if (err.code === 'validation' || err.code === 'secret_missing' || err.code === 'secrets_unbound') {
        return { code: 'validation', issues: err.issues };
      }
      return { code: err.code };
    }
    if (err instanceof EngineError) {
      return err.code === 'not_found' ? { code: 'not_found' } : { code: 'provider', ...(err.failure ? { failure: err.failure } : {}) };
    }
    if (err instanceof ProviderError) return { code: 'provider', failure: err.toView() };
    if (err instanceof LockError) return { code: err.code, retryInMs: err.retryInMs };
    if (err instanceof BundleError) return { code: 'bundle', bundle: err.toView() };
    // Only the error's class name is logged: a message could quote input.
    this.logger.error('unexpected error', { method, name: errorName(err) });
    return { code: 'internal' };
  }
}
