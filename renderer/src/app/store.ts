// The renderer's single source of truth: what core told us, kept immutable so components can
// select exactly the slice they show. A token event replaces one entry of `tokens`, so only
// the card of that profile re-renders; the list re-renders only when the order changes. The
// dashboard model (health, order, summary) is rebuilt at most every MODEL_DELAY_MS while events
// pour in, and at the moments a token's health changes by itself, never on a 1-second timer.
import { useSyncExternalStore } from 'react';

import type { ProviderInfo } from '#common/profile-schema';

import { getApi, onConnectionChange } from '../bridge';
import type {
  AccessKeyView,
  AppEvent,
  AppInfo,
  HistoryEvent,
  LockView,
  ProfileView,
  Result,
  ServiceStatus,
  Settings,
  StoreWriteView,
  TesseraApi,
  TokenView,
} from '../bridge/types';
import type { MessageKey } from '../i18n/keys';
import { buildModel, type DashboardModel, EMPTY_MODEL, worsened } from './dashboard-model';

export type HistoryState = { status: 'loading' } | { status: 'ready'; events: readonly HistoryEvent[] } | { status: 'failed' };

export interface AppState {
  phase: 'connecting' | 'ready' | 'failed';
  connection: 'open' | 'closed';
  appInfo?: AppInfo;
  catalog: readonly ProviderInfo[];
  profiles: readonly ProfileView[];
  tokens: Readonly<Record<string, TokenView>>;
  histories: Readonly<Record<string, HistoryState>>;
  settings?: Settings;
  /** The local token service for POS programs: running or not, and where. */
  service?: ServiceStatus;
  /** Whether changes reach the disk (live; a banner shows while they do not). */
  storeWrite?: StoreWriteView;
  /**
   * The service's access keys, loaded when Settings opens (undefined before). Never the keys
   * themselves: a new key lives only in the screen that created it.
   */
  accessKeys?: readonly AccessKeyView[];
  /** The installer lock as core last told it, and when (its times are relative to that). */
  lock?: LockView & { receivedAt: number };
  /** The "Installer PIN" dialog is asked for (by an installer action while locked). */
  unlockPrompt?: number;
  /** A short confirmation for the toast (also announced): a message key, translated when shown. */
  notice?: Notice;
  /** What the one polite live region says next (toasts, profiles getting worse, "Refresh all"). */
  announcement?: Notice;
  /** Each profile's health, the dashboard's order and the summary line. */
  model: DashboardModel;
}

export interface Notice {
  id: number;
  key: MessageKey;
  values: Record<string, string | number>;
}

/** How long token events are gathered before the model is rebuilt (1,000 renewals cost a few rebuilds). */
const MODEL_DELAY_MS = 100;
/** setTimeout's longest delay. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type Listener = () => void;

export class AppStore {
  private state: AppState = {
    phase: 'connecting',
    connection: 'open',
    catalog: [],
    profiles: [],
    tokens: {},
    histories: {},
    model: EMPTY_MODEL,
  };
  private modelTimer: ReturnType<typeof setTimeout> | undefined;
  private changeTimer: ReturnType<typeof setTimeout> | undefined;
  /** While "Refresh all" runs, profiles getting worse are not announced one by one. */
  private bulk = 0;
  private readonly listeners = new Set<Listener>();
  private api: TesseraApi | undefined;
  private noticeId = 0;
  private connecting: Promise<void> | undefined;
  private unlockWaiters: ((unlocked: boolean) => void)[] = [];

  getState = (): AppState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<AppState> | ((s: AppState) => Partial<AppState>)): void {
    const next = typeof patch === 'function' ? patch(this.state) : patch;
    this.state = { ...this.state, ...next };
    for (const listener of [...this.listeners]) listener();
  }

  /** The API; only valid once connected. */
  requireApi(): TesseraApi {
    if (!this.api) throw new Error('Not connected to Tessera yet.');
    return this.api;
  }

  /** Connects once, however often it is called (StrictMode runs effects twice in development). */
  connect(): Promise<void> {
    return (this.connecting ??= this.connectOnce());
  }

  private async connectOnce(): Promise<void> {
    let api: TesseraApi;
    try {
      api = await getApi();
    } catch {
      this.set({ phase: 'failed' });
      return;
    }
    this.api = api;
    onConnectionChange((connection) => this.set({ connection }));
    // Subscribed before loading, so nothing that happens meanwhile is missed; the answers
    // arrive after any event they already include (one ordered channel).
    api.onEvent((event) => this.handleEvent(event));
    const [appInfo, catalog, profiles, settings, service, lock] = await Promise.all([
      api.getAppInfo(),
      api.getCatalog(),
      api.listProfiles(),
      api.getSettings(),
      api.getServiceStatus(),
      api.getLockState(),
    ]);
    if (!appInfo.ok || !catalog.ok || !profiles.ok || !settings.ok || !service.ok || !lock.ok) {
      this.set({ phase: 'failed' });
      return;
    }
    this.set({
      phase: 'ready',
      appInfo: appInfo.value,
      catalog: catalog.value,
      settings: settings.value,
      // A service event seen while loading is at least as new as the answer.
      service: this.state.service ?? service.value,
      lock: this.state.lock ?? { ...lock.value, receivedAt: Date.now() },
      storeWrite: this.state.storeWrite ?? appInfo.value.storeWrite,
      ...this.profilesPatch(profiles.value),
    });
    this.rebuildModel();
  }

  /**
   * (Re)loads the access keys. Core sends no event when a key is merely used, so Settings calls
   * this each time it opens to show fresh "last used" times.
   */
  async loadAccessKeys(): Promise<boolean> {
    const result = await this.call((api) => api.listAccessKeys());
    if (result.ok) this.set({ accessKeys: result.value });
    return result.ok;
  }

  private profilesPatch(profiles: ProfileView[]): Pick<AppState, 'profiles' | 'tokens' | 'histories'> {
    const tokens: Record<string, TokenView> = {};
    const histories: Record<string, HistoryState> = {};
    for (const p of profiles) {
      tokens[p.id] = p.token;
      const history = this.state.histories[p.id];
      if (history) histories[p.id] = history;
    }
    return { profiles, tokens, histories };
  }

  async reloadProfiles(): Promise<void> {
    const result = await this.requireApi().listProfiles();
    if (result.ok) {
      this.set(this.profilesPatch(result.value));
      // A profile added or removed changes the list at once; waiting would show a card out of place.
      this.rebuildModel();
    }
  }

  /** Rebuilds the model soon, gathering the events that arrive meanwhile. */
  private scheduleModel(): void {
    this.modelTimer ??= setTimeout(() => this.rebuildModel(), MODEL_DELAY_MS);
  }

  /** Rebuilds health, order and summary now, announces who got worse, and waits for the next change. */
  rebuildModel(now: number = Date.now()): void {
    if (this.modelTimer) clearTimeout(this.modelTimer);
    this.modelTimer = undefined;
    const before = this.state.model;
    const model = buildModel(this.state.profiles, this.state.tokens, before, now);
    if (this.bulk === 0) {
      for (const id of worsened(before, model)) {
        const profile = this.state.profiles.find((p) => p.id === id);
        if (profile) this.say('summary.worse', { name: profile.name, problem: `health.${model.healths[id]}` });
      }
    }
    this.set({ model });
    if (this.changeTimer) clearTimeout(this.changeTimer);
    this.changeTimer = undefined;
    if (model.nextChangeAt !== undefined) {
      // A few ms late, so the moment has surely passed when the model is rebuilt.
      this.changeTimer = setTimeout(() => this.rebuildModel(), Math.min(model.nextChangeAt - now + 5, MAX_TIMER_MS));
    }
  }

  /**
   * Runs a bulk action ("Refresh all") without one announcement per profile that gets worse;
   * the caller announces the outcome once.
   */
  async quietly<T>(run: () => Promise<T>): Promise<T> {
    this.bulk += 1;
    try {
      return await run();
    } finally {
      this.rebuildModel();
      this.bulk -= 1;
    }
  }

  handleEvent(event: AppEvent): void {
    switch (event.type) {
      case 'token':
        this.set((s) => ({ tokens: { ...s.tokens, [event.view.profileId]: event.view } }));
        this.scheduleModel();
        return;
      case 'history':
        this.appendHistory(event.profileId, event.event);
        return;
      case 'profiles':
        void this.reloadProfiles();
        return;
      case 'settings':
        this.set({ settings: event.settings });
        return;
      case 'service':
        this.set({ service: event.status });
        return;
      case 'accessKeys':
        // Only kept fresh once Settings has asked for them.
        if (this.state.accessKeys) void this.loadAccessKeys();
        return;
      case 'lock':
        this.setLock(event.lock);
        return;
      case 'storeWrite':
        this.set({ storeWrite: event.status });
        return;
    }
  }

  // ---- the installer lock ---------------------------------------------------------------

  setLock(lock: LockView): void {
    const wasOpen = this.state.lock?.pinSet === true && !this.state.lock.locked;
    // Locked, the installer's views go: the access keys are listed again after an unlock.
    this.set(() => ({ lock: { ...lock, receivedAt: Date.now() }, ...(lock.locked ? { accessKeys: undefined } : {}) }));
    if (wasOpen && lock.locked) this.announce('installerLock.lockedNotice');
    if (!lock.locked) this.settleUnlock(true);
  }

  /** Installer actions would be refused now (core decides; this mirrors it for the UI). */
  isLocked(): boolean {
    return this.state.lock?.locked === true;
  }

  /** Opens the "Installer PIN" dialog; true once unlocked, false when the user gave up. */
  requestUnlock(): Promise<boolean> {
    if (!this.isLocked()) return Promise.resolve(true);
    return new Promise((resolve) => {
      this.unlockWaiters.push(resolve);
      if (this.state.unlockPrompt === undefined) this.set({ unlockPrompt: Date.now() });
    });
  }

  /** The dialog closed: unlocked (or the PIN was reset), or cancelled. */
  settleUnlock(unlocked: boolean): void {
    const waiters = this.unlockWaiters.splice(0);
    if (this.state.unlockPrompt !== undefined) this.set({ unlockPrompt: undefined });
    for (const resolve of waiters) resolve(unlocked);
  }

  /** Runs an installer action: asks for the PIN first when locked, then does it. */
  async asInstaller(action: () => void | Promise<void>): Promise<void> {
    if (await this.requestUnlock()) await action();
  }

  /**
   * An installer call: the PIN is asked for first when locked, and again if the unlock ran out
   * on the way (core answered `locked`); then the call is made once more. Cancelling the dialog
   * leaves the `locked` answer for the caller to show.
   */
  async installerCall<T>(run: (api: TesseraApi) => Promise<Result<T>>): Promise<Result<T>> {
    const locked: Result<T> = { ok: false, error: { code: 'locked' } };
    if (!(await this.requestUnlock())) return locked;
    const result = await this.call(run);
    if (result.ok || result.error.code !== 'locked') return result;
    this.set((s) => (s.lock ? { lock: { ...s.lock, locked: true } } : {}));
    return (await this.requestUnlock()) ? this.call(run) : locked;
  }

  private appendHistory(profileId: string, event: HistoryEvent): void {
    const history = this.state.histories[profileId];
    // Not loaded (or loading: the answer will already hold it): nothing to append to.
    if (!history || history.status !== 'ready') return;
    const events = [...history.events];
    // Repeated hand-outs are coalesced by core into one entry per consumer, named by firstAt.
    const same =
      event.kind === 'served' && event.firstAt !== undefined
        ? events.findIndex((e) => e.kind === 'served' && e.consumer === event.consumer && (e.firstAt ?? e.at) === event.firstAt)
        : -1;
    if (same >= 0) events[same] = event;
    else events.push(event);
    this.set((s) => ({ histories: { ...s.histories, [profileId]: { status: 'ready', events } } }));
  }

  async loadHistory(profileId: string): Promise<void> {
    const current = this.state.histories[profileId];
    if (current && current.status !== 'failed') return;
    this.set((s) => ({ histories: { ...s.histories, [profileId]: { status: 'loading' } } }));
    const result = await this.requireApi().getHistory({ id: profileId });
    this.set((s) => ({
      histories: { ...s.histories, [profileId]: result.ok ? { status: 'ready', events: result.value } : { status: 'failed' } },
    }));
  }

  setSettings(settings: Settings): void {
    this.set({ settings });
  }

  /** Keeps a token view returned by a call (events usually bring it first). */
  putToken(view: TokenView): void {
    this.set((s) => ({ tokens: { ...s.tokens, [view.profileId]: view } }));
    this.scheduleModel();
  }

  /** A confirmation shown as a toast for a few seconds, and said by the announcer. */
  announce(key: MessageKey, values: Record<string, string | number> = {}): void {
    this.noticeId += 1;
    const notice = { id: this.noticeId, key, values };
    this.set({ notice, announcement: notice });
  }

  /**
   * Said by the announcer only (no toast). A value that is itself a message key ("health.…")
   * is translated when said.
   */
  say(key: MessageKey, values: Record<string, string | number> = {}): void {
    this.noticeId += 1;
    this.set({ announcement: { id: this.noticeId, key, values } });
  }

  /** Calls core and reports a dropped connection as an error result instead of throwing. */
  async call<T>(run: (api: TesseraApi) => Promise<Result<T>>): Promise<Result<T>> {
    try {
      return await run(this.requireApi());
    } catch {
      return { ok: false, error: { code: 'internal' } };
    }
  }
}

export const store = new AppStore();

/** A slice of the state; the selector must return stored references or primitives. */
export function useAppState<T>(selector: (state: AppState) => T): T {
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}

export function useProvider(id: string): ProviderInfo | undefined {
  return useAppState((s) => s.catalog.find((p) => p.id === id));
}
