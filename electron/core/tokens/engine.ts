// The token engine: one state machine per profile, one timer for all of them. It renews
// before expiry, shares one request among concurrent callers, backs off on transient
// failures (slowly after a successful answer it could not use), stops at credential failures
// and at repeated unusable answers until the user acts, and notices sleep and clock jumps. It
// never logs or emits a secret: views carry a masked preview only.
import { EventEmitter } from 'node:events';

import type { AxiosInstance } from 'axios';

import type { FailureView } from '#common/failure';
import { SECRET_FIELDS } from '#common/profile-schema';
import type { HistoryEvent, HistoryNote, TokenView } from '#common/token-view';

import { type Clock, systemClock } from '../clock';
import { baseUrlFor, type SandboxLocator } from '../environments';
import { ProviderError, toFailure } from '../errors';
import { type Logger, silentLogger } from '../logger';
import { findProvider } from '../providers';
import type { ProviderAdapter, RequestContext, TokenGrant } from '../providers/types';
import { VaultError } from '../vault/vault';
import { HandOutLog } from './hand-out-log';
import { EndpointLanes, type LaneStats } from './lanes';
import { backoffDelay, isUnusableAnswer, planRenewal, UNUSABLE_ANSWERS_BEFORE_STOP, unusableBackoffDelay } from './plan';
import { type Slot, usableFor } from './slot';
import { TimerQueue } from './timer-queue';
import type { TokenStore } from './token-store';
import { stateOf, viewOf } from './view';

export interface EngineOptions {
  /** Profiles, tokens and timelines (the vault in the app). */
  store: TokenStore;
  http: AxiosInstance;
  clock?: Clock;
  random?: () => number;
  logger?: Logger;
  /** The adapter of a provider; with `profileId`, the one that profile's renewals run through. */
  providers?: (id: string, profileId?: string) => ProviderAdapter | undefined;
  sandbox?: SandboxLocator;
  /** Per token request (PROVIDERS.md: default 15 s). */
  timeoutMs?: number;
  /** Invalidations within this long after a renewal reuse that renewal's token. */
  invalidateWindowMs?: number;
  /** Token requests at once to one provider endpoint (lanes.ts: 6). */
  maxExchangesPerEndpoint?: number;
}

/** A usable token, for the local token service. The only place a token leaves the engine. */
export interface TokenSnapshot {
  profileId: string;
  accessToken: string;
  tokenType: string;
  issuedAt: number;
  expiresAt: number;
}

export type EngineErrorCode = 'not_found' | 'needs_attention' | 'backoff' | 'unavailable';

/** Why no token can be handed out right now, with when to ask again. Secret-free. */
export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    readonly failure?: FailureView,
    readonly retryAfterMs?: number,
  ) {
    super(code);
    this.name = 'EngineError';
  }
}

type Trigger = NonNullable<HistoryEvent['trigger']>;

/** Somebody waits for this renewal's answer: a POS program (consumer) or the user. */
const isWaiting = (trigger: Trigger) => trigger === 'consumer' || trigger === 'user';
/** Names a renewal while it waits in its endpoint's line (lanes.ts); one per profile and generation. */
const ticketOf = (slot: Slot) => `${slot.id}:${slot.generation}`;

interface EngineEvents {
  change: [TokenView];
  history: [string, HistoryEvent];
  removed: [string];
}

const WAKE_SPREAD_MS = 2_000;
const RESTORE_SPREAD_MS = 10_000;

export class TokenEngine extends EventEmitter<EngineEvents> {
  private readonly slots = new Map<string, Slot>();
  private stopped = false;
  private readonly queue: TimerQueue;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly logger: Logger;
  private readonly providers: (id: string, profileId?: string) => ProviderAdapter | undefined;
  private readonly ctx: RequestContext;
  private readonly handOuts: HandOutLog;
  private readonly lanes: EndpointLanes;

  constructor(private readonly opts: EngineOptions) {
    super();
    this.lanes = new EndpointLanes(opts.maxExchangesPerEndpoint);
    this.clock = opts.clock ?? systemClock;
    this.random = opts.random ?? Math.random;
    this.logger = opts.logger ?? silentLogger;
    this.providers = opts.providers ?? findProvider;
    this.ctx = { http: opts.http, clock: this.clock, timeoutMs: opts.timeoutMs ?? 15_000 };
    this.handOuts = new HandOutLog({
      store: opts.store,
      clock: this.clock,
      record: (id, event) => {
        const slot = this.slots.get(id);
        if (slot) this.record(slot, event);
      },
      announce: (id, event) => this.emit('history', id, event),
    });
    this.queue = new TimerQueue(
      this.clock,
      (id) => this.evaluate(id, 'schedule'),
      (delta) => this.onClockJump(delta),
    );
  }

  /**
   * Loads every profile and its stored token; valid tokens are reused without a login.
   * `passive`: load only, for a command line that then renews just the profiles it names.
   */
  async start({ passive = false }: { passive?: boolean } = {}): Promise<void> {
    const now = this.clock.now();
    for (const record of this.opts.store.profiles()) {
      const slot = this.newSlot(record.id);
      const grant = await this.opts.store.loadToken(record.id);
      if (grant) {
        slot.grant = grant;
        if (grant.expiresAt > now && !passive) {
          const info = this.adapterOf(record.id)?.info;
          let renewAt = info ? planRenewal(grant, info, this.random) : grant.expiresAt;
          // Overdue renewals after a long stop are spread out, not fired all at once.
          if (renewAt <= now) renewAt = now + this.random() * Math.min(RESTORE_SPREAD_MS, (grant.expiresAt - now) / 2);
          slot.renewAt = renewAt;
          this.record(slot, { kind: 'restored', trigger: 'startup', expiresAt: grant.expiresAt });
        }
      }
      this.slots.set(record.id, slot);
    }
    if (passive) return;
    for (const id of this.slots.keys()) this.evaluate(id, 'startup');
  }

  /**
   * Stops for good: no timer, no new request, and a request still in flight is disregarded
   * when it ends (nothing recorded or saved), so a stopped engine never writes over the vault
   * of whatever replaced it.
   */
  stop(): void {
    this.stopped = true;
    for (const slot of this.slots.values()) slot.generation += 1;
    this.queue.stop();
    this.opts.store.flush();
  }

  /** Diagnostics for benchmarks and tests. */
  stats(): { profiles: number; timers: number; scheduled: number } {
    return { profiles: this.slots.size, timers: this.queue.timersInUse, scheduled: this.queue.size };
  }

  /** Token requests running and queued, per provider endpoint (lanes.ts). */
  exchangeStats(): LaneStats[] {
    return this.lanes.stats();
  }

  // ---- profile lifecycle, called by the app after the vault changed --------------------

  /** A new profile: sign in right away. */
  track(id: string): void {
    if (!this.slots.has(id)) this.slots.set(id, this.newSlot(id));
    this.evaluate(id, 'user');
  }

  /** An edited profile. When what signs in changed, the old token belongs to the old identity. */
  profileUpdated(id: string, signInChanged: boolean): void {
    const slot = this.slots.get(id);
    if (!slot) return this.track(id);
    slot.generation += 1;
    slot.inflight = undefined;
    slot.failures = 0;
    slot.unusable = 0;
    slot.nextAttemptAt = undefined;
    slot.lastError = undefined;
    if (signInChanged) {
      slot.grant = undefined;
      slot.renewAt = undefined;
      slot.needsLogin = false;
      slot.invalidated = false;
    }
    this.evaluate(id, 'user');
  }

  untrack(id: string): void {
    const slot = this.slots.get(id);
    if (!slot) return;
    slot.generation += 1;
    this.queue.cancel(id);
    this.slots.delete(id);
    this.handOuts.forget(id);
    this.emit('removed', id);
  }

  // ---- reading --------------------------------------------------------------------------

  view(id: string): TokenView {
    const slot = this.slots.get(id);
    if (!slot) throw new EngineError('not_found');
    return this.toView(slot);
  }

  views(): TokenView[] {
    return [...this.slots.values()].map((s) => this.toView(s));
  }

  history(id: string): readonly HistoryEvent[] {
    return this.opts.store.history(id);
  }

  /** The current token if it is usable now; never starts a request (for token files). */
  currentToken(id: string): TokenSnapshot | undefined {
    const slot = this.slots.get(id);
    return slot && this.usableFor(slot, 0) ? this.snapshot(slot) : undefined;
  }

  // ---- the three ways a token is asked for ----------------------------------------------

  /**
   * A token valid for at least `minValidityMs`: the current one, or a renewed one (shared with
   * any renewal already in flight). Throws EngineError when none can be had right now.
   */
  async getToken(id: string, minValidityMs = 0): Promise<TokenSnapshot> {
    this.queue.checkClock();
    const slot = this.requireSlot(id);
    const margin = this.effectiveMargin(slot, minValidityMs);
    if (this.usableFor(slot, margin)) return this.snapshot(slot);
    if (!slot.inflight) {
      if (this.needsAttention(id)) throw new EngineError('needs_attention', slot.lastError);
      const now = this.clock.now();
      if (slot.failures > 0 && slot.nextAttemptAt !== undefined && slot.nextAttemptAt > now) {
        throw new EngineError('backoff', slot.lastError, slot.nextAttemptAt - now);
      }
    }
    await this.renew(slot, 'consumer').catch(() => undefined);
    return this.snapshotOrThrow(id, minValidityMs);
  }

  /** The user pressed "Refresh now" (or "Retry"): try now, whatever the schedule says. */
  async refresh(id: string): Promise<TokenView> {
    this.queue.checkClock();
    const slot = this.requireSlot(id);
    if (!slot.inflight) {
      this.clearAttention(id);
      slot.failures = 0;
      slot.unusable = 0;
      slot.nextAttemptAt = undefined;
    }
    try {
      await this.renew(slot, 'user');
    } catch {
      // The failure is part of the view returned.
    }
    return this.view(id);
  }

  async refreshAll(): Promise<TokenView[]> {
    await Promise.all([...this.slots.keys()].map((id) => this.refresh(id)));
    return this.views();
  }

  /**
   * A consumer got a 401 with a token: renew once. Reports that arrive while that renewal runs
   * share it; so do reports shortly afterwards from callers who held an older token or cannot
   * say which they held, and a second report of the very token a report just produced
   * (renewing again would only hammer the provider).
   */
  async invalidate(id: string, rejectedToken?: string): Promise<TokenSnapshot> {
    this.queue.checkClock();
    const slot = this.requireSlot(id);
    if (slot.inflight) {
      await this.renew(slot, 'consumer').catch(() => undefined);
      return this.snapshotOrThrow(id, 0);
    }
    const window = this.opts.invalidateWindowMs ?? 10_000;
    const now = this.clock.now();
    const current = slot.grant?.accessToken;
    const olderToken = rejectedToken !== undefined && current !== undefined && rejectedToken !== current;
    const within = (at: number | undefined) => at !== undefined && now - at < window;
    const share = olderToken || (rejectedToken === undefined ? within(slot.lastRenewedAt) : within(slot.rejectedAt));
    if (share && this.usableFor(slot, 0)) return this.snapshot(slot);
    if (this.needsAttention(id)) throw new EngineError('needs_attention', slot.lastError);
    if (slot.grant && !slot.invalidated) {
      slot.invalidated = true;
      this.record(slot, { kind: 'invalidated', trigger: 'consumer' });
    }
    slot.rejectedAt = now;
    // A rejected token is no reason to wait out a backoff: the consumer cannot work without one.
    await this.renew(slot, 'consumer').catch(() => undefined);
    return this.snapshotOrThrow(id, 0);
  }

  /** Notes that a token was handed to a consumer (never the token itself): see hand-out-log.ts. */
  recordServed(id: string, consumer: string): void {
    if (this.slots.has(id)) this.handOuts.served(id, consumer);
  }

  /**
   * The machine woke up or the network came back: check the clock, and give every profile
   * waiting out a transient failure its next attempt now (spread over a couple of seconds).
   */
  wake(): void {
    this.queue.checkClock();
    const now = this.clock.now();
    for (const slot of this.slots.values()) {
      if (slot.failures > 0 && !this.needsAttention(slot.id) && !slot.inflight) {
        slot.nextAttemptAt = now + Math.round(this.random() * WAKE_SPREAD_MS);
      }
      this.evaluate(slot.id, 'wake');
    }
  }

  // ---- internals ------------------------------------------------------------------------

  private newSlot(id: string): Slot {
    return {
      id,
      invalidated: false,
      needsLogin: false,
      state: 'signed-out',
      since: this.clock.now(),
      failures: 0,
      unusable: 0,
      generation: 0,
    };
  }

  private requireSlot(id: string): Slot {
    const slot = this.slots.get(id);
    if (!slot) throw new EngineError('not_found');
    return slot;
  }

  private adapterOf(id: string): ProviderAdapter | undefined {
    const record = this.opts.store.profile(id);
    return record ? this.providers(record.provider) : undefined;
  }

  private needsAttention(id: string): boolean {
    return !!this.opts.store.profile(id)?.attention;
  }

  private clearAttention(id: string): void {
    if (this.needsAttention(id)) this.opts.store.setAttention(id, null);
  }

  private usableFor(slot: Slot, marginMs: number): boolean {
    return usableFor(slot, this.clock.now(), marginMs);
  }

  /** A margin longer than half a token's lifetime could never be met; shorten it. */
  private effectiveMargin(slot: Slot, minValidityMs: number): number {
    const lifetime = slot.grant ? slot.grant.expiresAt - slot.grant.issuedAt : Infinity;
    return Math.min(minValidityMs, lifetime / 2);
  }

  private snapshot(slot: Slot): TokenSnapshot {
    const g = slot.grant!;
    return { profileId: slot.id, accessToken: g.accessToken, tokenType: g.tokenType, issuedAt: g.issuedAt, expiresAt: g.expiresAt };
  }

  private snapshotOrThrow(id: string, minValidityMs: number): TokenSnapshot {
    const slot = this.slots.get(id);
    if (!slot) throw new EngineError('not_found');
    if (this.usableFor(slot, this.effectiveMargin(slot, minValidityMs))) return this.snapshot(slot);
    if (this.needsAttention(id)) throw new EngineError('needs_attention', slot.lastError);
    const wait = slot.nextAttemptAt !== undefined ? Math.max(0, slot.nextAttemptAt - this.clock.now()) : undefined;
    throw new EngineError('unavailable', slot.lastError, wait);
  }

  /** Decides what a profile needs now: nothing, a renewal, or a timer for later. */
  private evaluate(id: string, trigger: Trigger): void {
    const slot = this.slots.get(id);
    if (!slot || this.stopped) return;
    if (slot.inflight || this.needsAttention(id)) {
      this.queue.cancel(id);
      // Attempts are stopped, but a token still valid runs out on its own: wake then, so what
      // hands it on (the token file) learns it expired.
      if (!slot.inflight && this.usableFor(slot, 0)) this.queue.schedule(id, slot.grant!.expiresAt);
      return this.updateState(slot);
    }
    const now = this.clock.now();
    const usable = this.usableFor(slot, 0);
    const actionAt = slot.failures > 0 ? slot.nextAttemptAt : usable ? slot.renewAt : now;
    if (actionAt === undefined || actionAt <= now) {
      this.renew(slot, slot.failures > 0 && trigger === 'schedule' ? 'retry' : trigger).catch(() => undefined);
      return;
    }
    if (slot.grant && !usable && slot.state !== 'expired') {
      this.record(slot, { kind: 'expired', expiresAt: slot.grant.expiresAt });
    }
    this.queue.schedule(id, usable ? Math.min(actionAt, slot.grant!.expiresAt) : actionAt);
    this.updateState(slot);
  }

  /** Single flight: every caller during a renewal shares its promise. */
  private renew(slot: Slot, trigger: Trigger): Promise<TokenGrant> {
    if (slot.inflight) {
      if (isWaiting(trigger)) this.lanes.hurry(ticketOf(slot));
      return slot.inflight;
    }
    this.queue.cancel(slot.id);
    const generation = slot.generation;
    const run = this.runRenewal(slot, trigger, generation).finally(() => {
      if (slot.generation !== generation || slot.inflight !== run) return;
      slot.inflight = undefined;
      this.evaluate(slot.id, 'schedule');
    });
    slot.inflight = run;
    this.updateState(slot);
    return run;
  }

  private async runRenewal(slot: Slot, trigger: Trigger, generation: number): Promise<TokenGrant> {
    const stale = () => slot.generation !== generation || !this.slots.has(slot.id);
    let mechanism: 'refresh-token' | 'login' = 'login';
    let fallback = false;
    try {
      const record = this.opts.store.profile(slot.id);
      const adapter = record && this.providers(record.provider, slot.id);
      if (!record || !adapter) throw new ProviderError({ errorClass: 'credentials', code: 'unknown_provider' });
      const baseUrl = baseUrlFor(record.environment, adapter.info, this.opts.sandbox);
      return await this.lanes.run(
        baseUrl,
        isWaiting(trigger) ? 'waiting' : 'scheduled',
        async () => {
          // Queued behind other renewals meanwhile: an edited, removed or stopped profile sends nothing.
          if (stale()) throw new ProviderError({ errorClass: 'transient', code: 'superseded' });
          const started = this.clock.monotonic();
          const target = { baseUrl, credentials: await this.opts.store.credentials(slot.id) };
          let grant: TokenGrant;
          const current = slot.grant;
          if (adapter.refresh && current?.refreshToken && !slot.needsLogin) {
            mechanism = 'refresh-token';
            try {
              grant = await adapter.refresh(this.ctx, target, current);
            } catch (err) {
              const failure = toFailure(err);
              // The refresh token is dead (revoked, rotated away, expired): one full login. So is an
              // unusable 2xx answer to a refresh: the provider may have rotated the refresh token
              // in the answer Tessera could not read.
              if ((failure.errorClass !== 'refresh-rejected' && !isUnusableAnswer(failure)) || stale()) throw failure;
              slot.needsLogin = true;
              this.record(slot, {
                kind: 'refresh-rejected',
                trigger,
                ...(failure.errorClass === 'protocol' ? { errorClass: failure.errorClass } : {}),
                code: failure.code,
                status: failure.status,
              });
              mechanism = 'login';
              fallback = true;
              grant = await adapter.login(this.ctx, target);
            }
          } else {
            grant = await adapter.login(this.ctx, target);
          }
          if (stale()) return grant;
          this.succeed(slot, grant, adapter, { mechanism, fallback }, trigger, this.clock.monotonic() - started);
          return grant;
        },
        ticketOf(slot),
      );
    } catch (err) {
      const failure = err instanceof VaultError ? vaultFailure(err) : toFailure(err);
      if (!stale()) this.fail(slot, failure, mechanism, trigger);
      throw failure;
    }
  }

  private succeed(
    slot: Slot,
    grant: TokenGrant,
    adapter: ProviderAdapter,
    { mechanism, fallback }: { mechanism: 'refresh-token' | 'login'; fallback: boolean },
    trigger: Trigger,
    ms: number,
  ): void {
    const now = this.clock.now();
    slot.grant = grant;
    slot.invalidated = false;
    slot.needsLogin = false;
    slot.failures = 0;
    slot.unusable = 0;
    slot.nextAttemptAt = undefined;
    slot.lastError = undefined;
    slot.lastRenewedAt = now;
    slot.renewAt = planRenewal(grant, adapter.info, this.random);
    this.clearAttention(slot.id);
    this.opts.store.saveToken(slot.id, grant).catch(() => {
      this.logger.error('could not seal the new token; it lives in memory only', { profile: slot.id });
    });
    const notes: HistoryNote[] = [];
    if (fallback) notes.push('refresh-fallback');
    if (grant.lifetimeSource === 'token') notes.push('lifetime-from-token');
    if (grant.lifetimeSource === 'assumed') notes.push('lifetime-assumed');
    this.record(slot, {
      kind: mechanism === 'login' ? 'signed-in' : 'renewed',
      trigger,
      mechanism,
      ms: Math.round(ms),
      expiresAt: grant.expiresAt,
      ...(notes.length > 0 ? { notes } : {}),
    });
    this.logger.info('token obtained', {
      profile: slot.id,
      provider: adapter.info.id,
      mechanism,
      lifetimeSeconds: Math.round((grant.expiresAt - grant.issuedAt) / 1000),
      ...(grant.lifetimeSource ? { lifetimeSource: grant.lifetimeSource } : {}),
    });
  }

  private fail(slot: Slot, failure: ProviderError, mechanism: 'refresh-token' | 'login', trigger: Trigger): void {
    const now = this.clock.now();
    slot.lastError = { ...failure.toView(), at: now };
    slot.failures += 1;
    const fields = {
      kind: 'failed' as const,
      trigger,
      mechanism,
      errorClass: failure.errorClass,
      code: failure.code,
      status: failure.status,
    };
    this.logger.warn('token request failed', {
      profile: slot.id,
      errorClass: failure.errorClass,
      code: failure.code,
      status: failure.status,
    });
    const unusable = isUnusableAnswer(failure);
    if (unusable) slot.unusable += 1;
    if (
      failure.errorClass === 'credentials' ||
      failure.errorClass === 'refresh-rejected' ||
      (unusable && slot.unusable >= UNUSABLE_ANSWERS_BEFORE_STOP)
    ) {
      // Providers lock accounts after repeated failed logins, and an answer that keeps being
      // unusable would only mean signing in again and again: stop until the user acts.
      slot.nextAttemptAt = undefined;
      this.opts.store.setAttention(slot.id, slot.lastError);
      this.record(slot, { ...fields, kind: 'needs-attention' });
      return;
    }
    const delay = unusable
      ? unusableBackoffDelay(slot.failures, this.random, failure.retryAfterMs)
      : backoffDelay(slot.failures, this.random, failure.retryAfterMs);
    slot.nextAttemptAt = now + delay;
    this.record(slot, { ...fields, ms: delay });
  }

  private onClockJump(deltaMs: number): void {
    const delta = Math.round(deltaMs);
    this.logger.warn('system clock jumped', { ms: delta });
    for (const slot of this.slots.values()) {
      if (delta < 0) {
        // Set back: deadlines measured on the old clock are now too far away; move them so
        // no expired token is taken for valid. (A forward jump or a sleep needs no fix: tokens
        // only look older, which renews them early.)
        if (slot.grant) {
          slot.grant = { ...slot.grant, issuedAt: slot.grant.issuedAt + delta, expiresAt: slot.grant.expiresAt + delta };
          this.opts.store.saveToken(slot.id, slot.grant).catch(() => undefined);
        }
        if (slot.renewAt !== undefined) slot.renewAt += delta;
        if (slot.nextAttemptAt !== undefined) slot.nextAttemptAt += delta;
        if (slot.lastRenewedAt !== undefined) slot.lastRenewedAt += delta;
        if (slot.rejectedAt !== undefined) slot.rejectedAt += delta;
      }
      this.record(slot, { kind: 'clock-jump', ms: delta });
    }
    if (delta < 0) this.queue.shift(delta);
    // Evaluated after the current call stack: the jump may be noticed inside another evaluation.
    queueMicrotask(() => {
      for (const id of this.slots.keys()) this.evaluate(id, 'wake');
    });
  }

  private updateState(slot: Slot): void {
    const state = stateOf(slot, this.clock.now(), this.attentionOf(slot.id));
    if (state !== slot.state) {
      slot.state = state;
      slot.since = this.clock.now();
    }
    this.emit('change', this.toView(slot));
  }

  private toView(slot: Slot): TokenView {
    return viewOf(slot, this.clock.now(), this.attentionOf(slot.id));
  }

  private attentionOf(id: string) {
    return this.opts.store.profile(id)?.attention;
  }

  private record(slot: Slot, event: Omit<HistoryEvent, 'at'>): void {
    const full: HistoryEvent = { at: this.clock.now(), ...event };
    this.opts.store.appendHistory(slot.id, full);
    this.emit('history', slot.id, full);
  }
}

/** Why the vault would not give the credentials, as a failure that stops attempts until the user acts. */
function vaultFailure(err: VaultError): ProviderError {
  switch (err.code) {
    case 'secret_unreadable':
    case 'secrets_unbound':
      return new ProviderError({ errorClass: 'credentials', code: err.code });
    case 'secret_missing':
      return new ProviderError({
        errorClass: 'credentials',
        code: 'secret_dropped',
        fields: SECRET_FIELDS.filter((f) => err.issues.some((i) => i.path === `credentials.${f}`)),
      });
    default:
      return new ProviderError({ errorClass: 'credentials', code: 'profile_missing' });
  }
}
