// An in-memory window.tessera for component tests: every method of the contract (TesseraApi,
// so a new channel fails typecheck here until it is modelled), backed by plain state a test
// seeds and inspects. It answers as core does in the cases the screens show (locked, validation,
// a key shown once); `answer` replaces one method for a test, and `emit` sends core's events.
import type {
  AccessKeyView,
  AppErrorView,
  AppEvent,
  AppInfo,
  LockView,
  ProfileView,
  Result,
  ServiceStatus,
  Settings,
  TesseraApi,
} from '#common/contract';
import { fieldIssuesOf } from '#common/field-issue';
import { type CredentialField, isSecretField, type ProviderInfo, SECRET_FIELDS, type SecretField } from '#common/profile-schema';
import { settingsPatchSchema } from '#common/settings';
import type { HistoryEvent } from '#common/token-view';

import { providerCatalog } from '../../../electron/core/providers';

/** Every call of the contract (onEvent is the event channel, not a call). */
type Method = Exclude<keyof TesseraApi, 'onEvent'>;
type Call = { method: Method; input: unknown };

export interface FakeSeed {
  profiles?: ProfileView[];
  settings?: Partial<Settings>;
  accessKeys?: AccessKeyView[];
  lock?: Partial<LockView>;
  /** The PIN that opens the lock (with lock.pinSet). */
  pin?: string;
  history?: Record<string, HistoryEvent[]>;
  appInfo?: Partial<AppInfo>;
  catalog?: ProviderInfo[];
}

const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });
const fail = (error: AppErrorView): Promise<Result<never>> => Promise.resolve({ ok: false, error });

/** What an installer action answers while locked, as core refuses it. */
const INSTALLER_METHODS: ReadonlySet<Method> = new Set<Method>([
  'createProfile',
  'updateProfile',
  'removeProfile',
  'testConnection',
  'createAccessKey',
  'revokeAccessKey',
  'listAccessKeys',
  'setFileSink',
  'chooseTokenFile',
  'exportProfiles',
  'importProfiles',
]);

export function profileView(over: Partial<ProfileView> & { id: string; name: string }): ProfileView {
  const now = Date.now();
  return {
    provider: 'invoisys',
    environment: { kind: 'sandbox' },
    fields: {},
    secrets: { clientSecret: true, password: true, preSharedKey: false },
    createdAt: now,
    updatedAt: now,
    token: { profileId: over.id, state: 'valid', since: now, failures: 0 },
    fileSink: null,
    ...over,
  };
}

export class FakeTessera {
  readonly calls: Call[] = [];
  profiles: ProfileView[];
  settings: Settings;
  accessKeys: AccessKeyView[];
  lock: LockView;
  history: Record<string, HistoryEvent[]>;
  readonly catalog: ProviderInfo[];
  readonly appInfo: AppInfo;
  private readonly pin: string | undefined;
  private readonly listeners = new Set<(event: AppEvent) => void>();
  private readonly overrides = new Map<Method, (input: never) => Promise<Result<unknown>>>();
  private nextId = 1;

  constructor(seed: FakeSeed = {}) {
    this.profiles = seed.profiles ?? [];
    this.settings = { language: null, startAtLogin: false, servicePort: 7478, tokenMarginSeconds: 60, ...seed.settings };
    this.accessKeys = seed.accessKeys ?? [];
    this.lock = { pinSet: false, locked: false, unlockMs: 300_000, ...seed.lock };
    this.pin = seed.pin;
    this.history = seed.history ?? {};
    this.catalog = seed.catalog ?? providerCatalog();
    this.appInfo = {
      version: '0.1.0',
      host: 'browser',
      platform: 'linux',
      osVersion: 'Linux 6.1',
      systemLocale: 'en-US',
      secretBox: { available: true, backend: 'keychain' },
      storeProblems: [],
      storeWrite: { ok: true },
      sandboxRunning: true,
      sandboxProviders: this.catalog.map((p) => p.id),
      ...seed.appInfo,
    };
  }

  /** Replaces one method's answer (the call is still recorded). */
  answer<M extends Method>(method: M, run: TesseraApi[M]): void {
    this.overrides.set(method, run);
  }

  /** Sends an event as core would. */
  emit(event: AppEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** The inputs the page sent to one method, in order. */
  inputs(method: Method): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.input);
  }

  /** The object to install as window.tessera. */
  api(): TesseraApi {
    const handlers = this.handlers();
    const api: Record<string, unknown> = {};
    for (const method of Object.keys(handlers) as Method[]) {
      api[method] = (input?: unknown) => {
        this.calls.push({ method, input });
        const override = this.overrides.get(method);
        if (override) return override(input as never);
        if (this.lock.locked && INSTALLER_METHODS.has(method)) return fail({ code: 'locked' });
        return (handlers[method] as (input: unknown) => Promise<Result<unknown>>)(input);
      };
    }
    api.onEvent = (listener: (event: AppEvent) => void) => {
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    };
    return api as unknown as TesseraApi;
  }

  private service(): ServiceStatus {
    const running = this.accessKeys.length > 0;
    return {
      running,
      port: this.settings.servicePort,
      portOverridden: false,
      ...(running ? { url: `http://127.0.0.1:${this.settings.servicePort}`, listening: ['127.0.0.1'] } : {}),
    };
  }

  private saveProfile(
    id: string | undefined,
    profile: Parameters<TesseraApi['createProfile']>[0],
    clear: readonly SecretField[] = [],
  ): ProfileView {
    const existing = this.profiles.find((p) => p.id === id);
    // Plain fields come back as typed; secrets only as "stored" flags, as from core. An empty
    // secret in an edit keeps the stored one; a cleared one is gone.
    const secrets = Object.fromEntries(
      SECRET_FIELDS.map((f) => [f, !clear.includes(f) && (!!profile.credentials[f] || (existing?.secrets[f] ?? false))]),
    ) as ProfileView['secrets'];
    const view = profileView({
      ...(existing ?? {}),
      id: existing?.id ?? `p${this.nextId++}`,
      name: profile.name,
      provider: profile.provider,
      environment: profile.environment,
      fields: Object.fromEntries(Object.entries(profile.credentials).filter(([k]) => !isSecretField(k as CredentialField))),
      secrets,
    });
    this.profiles = existing ? this.profiles.map((p) => (p.id === existing.id ? view : p)) : [...this.profiles, view];
    queueMicrotask(() => this.emit({ type: 'profiles' }));
    return view;
  }

  /** Every method of the contract; `satisfies` keeps the set complete. */
  private handlers() {
    return {
      getAppInfo: () => ok(this.appInfo),
      getCatalog: () => ok(this.catalog),
      listProfiles: () => ok(this.profiles),
      createProfile: (profile) => ok(this.saveProfile(undefined, profile)),
      updateProfile: ({ id, profile, clearSecrets }) =>
        this.profiles.some((p) => p.id === id) ? ok(this.saveProfile(id, profile, clearSecrets)) : fail({ code: 'not_found' }),
      removeProfile: ({ id }) => {
        this.profiles = this.profiles.filter((p) => p.id !== id);
        queueMicrotask(() => this.emit({ type: 'profiles' }));
        return ok(null);
      },
      testConnection: () => {
        const now = Date.now();
        return ok({ lifetimeSeconds: 3600, expiresAt: now + 3_600_000, tokenType: 'Bearer' });
      },
      refreshToken: ({ id }) => {
        const profile = this.profiles.find((p) => p.id === id);
        if (!profile) return fail({ code: 'not_found' });
        const now = Date.now();
        return ok({ profileId: id, state: 'valid' as const, since: now, issuedAt: now, expiresAt: now + 3_600_000, failures: 0 });
      },
      refreshAll: () => ok([]),
      getHistory: ({ id }) => ok(this.history[id] ?? []),
      getSettings: () => ok(this.settings),
      updateSettings: (patch) => {
        const parsed = settingsPatchSchema.safeParse(patch);
        if (!parsed.success) return fail({ code: 'validation', issues: fieldIssuesOf(parsed.error) });
        this.settings = { ...this.settings, ...parsed.data };
        return ok(this.settings);
      },
      getServiceStatus: () => ok(this.service()),
      listAccessKeys: () => ok(this.accessKeys),
      createAccessKey: ({ name, profiles }) => {
        // As core: names are unique whatever their case and surrounding spaces.
        const wanted = name.trim().toLocaleLowerCase();
        if (this.accessKeys.some((k) => k.name.trim().toLocaleLowerCase() === wanted)) {
          return fail({ code: 'validation', issues: [{ path: 'name', message: 'validation.nameTaken' }] });
        }
        const key = `tsk_${'k'.repeat(8)}${this.nextId}secretvalue`;
        const accessKey: AccessKeyView = {
          id: `k${this.nextId++}`,
          name,
          hint: key.slice(0, 8),
          createdAt: Date.now(),
          lastUsedAt: null,
          profiles: profiles ?? null,
        };
        this.accessKeys = [...this.accessKeys, accessKey];
        queueMicrotask(() => this.emit({ type: 'accessKeys' }));
        return ok({ key, accessKey });
      },
      revokeAccessKey: ({ id }) => {
        this.accessKeys = this.accessKeys.filter((k) => k.id !== id);
        queueMicrotask(() => this.emit({ type: 'accessKeys' }));
        return ok(null);
      },
      setFileSink: () => fail({ code: 'internal' }),
      getLockState: () => ok(this.lock),
      unlock: ({ pin }) => {
        if (pin !== this.pin) return fail({ code: 'wrong_pin', retryInMs: 0 });
        this.lock = { ...this.lock, locked: false, relocksInMs: this.lock.unlockMs };
        queueMicrotask(() => this.emit({ type: 'lock', lock: this.lock }));
        return ok(this.lock);
      },
      lock: () => {
        this.lock = { ...this.lock, locked: this.lock.pinSet };
        return ok(this.lock);
      },
      setInstallerPin: () => fail({ code: 'internal' }),
      resetInstallerPin: () => fail({ code: 'internal' }),
      getDiagnostics: () => fail({ code: 'internal' }),
      chooseTokenFile: () => ok(null),
      exportProfiles: () => fail({ code: 'internal' }),
      openBundleFile: () => ok(null),
      previewImport: () => fail({ code: 'internal' }),
      importProfiles: () => fail({ code: 'internal' }),
      closeImport: () => ok(null),
    } satisfies { [M in Method]: TesseraApi[M] };
  }
}
