// The token engine under a fake clock with a scripted adapter: scheduling, single flight,
// backoff, credential stops, invalidation, clock jumps and restarts.
import { readFileSync } from 'node:fs';

import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';

import { memoryLogger } from '../../../electron/core/logger';
import { findProvider } from '../../../electron/core/providers';
import { EngineError, TokenEngine } from '../../../electron/core/tokens/engine';
import { BACKOFF_CAP_MS } from '../../../electron/core/tokens/plan';
import { createConfStore } from '../../../electron/core/vault/conf-store';
import { createDevSecretBox } from '../../../electron/core/vault/dev-box';
import { Vault } from '../../../electron/core/vault/vault';
import { fail, type FakeAdapter, fakeAdapter, ok } from '../../support/fake-adapter';
import { type FakeClock, fakeClock } from '../../support/fake-clock';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

const SECRETS = { clientSecret: 'client-secret-value-7731', password: 'password-value-5518' };

interface Harness {
  clock: FakeClock;
  adapter: FakeAdapter;
  vault: Vault;
  engine: TokenEngine;
  logger: ReturnType<typeof memoryLogger>;
  dir: string;
  addProfile(name?: string): Promise<string>;
  /** A new engine on the same folder and clock; `held`: its provider holds every call until released. */
  restart(next?: { held?: boolean }): Promise<Harness>;
}

async function harness(
  providerId: 'factus' | 'invoisys' = 'factus',
  opts: { random?: () => number; dir?: string; clock?: FakeClock; lifetimeSeconds?: number; held?: boolean } = {},
): Promise<Harness> {
  const clock = opts.clock ?? fakeClock();
  const dir = opts.dir ?? tempDir();
  const logger = memoryLogger();
  const info = findProvider(providerId)!.info;
  const adapter = fakeAdapter(info, clock, opts.lifetimeSeconds);
  if (opts.held) adapter.hold();
  const vault = Vault.open({
    store: createConfStore(dir),
    box: createDevSecretBox(dir),
    catalog: (id) => findProvider(id)?.info,
    clock,
    logger,
  });
  const engine = new TokenEngine({
    store: vault,
    http: axios.create(),
    clock,
    random: opts.random ?? (() => 0.5),
    logger,
    providers: () => adapter,
  });
  await engine.start();
  await clock.settle();
  const h: Harness = {
    clock,
    adapter,
    vault,
    engine,
    logger,
    dir,
    async addProfile(name = 'Till 1') {
      const record = await vault.create({
        name,
        provider: providerId,
        environment: { kind: 'preset', id: info.environments[0]!.id },
        credentials:
          providerId === 'factus'
            ? { clientId: 'client-1', clientSecret: SECRETS.clientSecret, username: 'till@shop.test', password: SECRETS.password }
            : { username: 'till@shop.test', password: SECRETS.password },
      });
      engine.track(record.id);
      await clock.settle();
      return record.id;
    },
    async restart(next = {}) {
      engine.stop();
      return harness(providerId, { ...opts, ...next, dir, clock });
    },
  };
  return h;
}

afterEach(() => removeTempDirs());

describe('signing in and renewing', () => {
  it('signs a new profile in and shows it valid, with a masked preview only', async () => {
    const h = await harness();
    const id = await h.addProfile();
    const view = h.engine.view(id);
    expect(view.state).toBe('valid');
    expect(h.adapter.calls.map((c) => c.kind)).toEqual(['login']);
    expect(view.preview).toMatch(/^acce….{4}$/);
    expect(JSON.stringify(view)).not.toContain('access-token-number-1');
    expect(view.expiresAt! - view.issuedAt!).toBe(3600_000);
  });

  it('renews with the refresh token at 80 % of the lifetime minus jitter, not before', async () => {
    const h = await harness('factus', { random: () => 0 });
    const id = await h.addProfile();
    const issuedAt = h.engine.view(id).issuedAt!;
    expect(h.engine.view(id).renewAt).toBe(issuedAt + 0.8 * 3600_000);
    await h.clock.tick(0.8 * 3600_000 - 1000);
    expect(h.adapter.calls).toHaveLength(1);
    await h.clock.tick(1000);
    expect(h.adapter.calls.map((c) => c.kind)).toEqual(['login', 'refresh']);
    expect(h.adapter.calls[1]!.refreshToken).toBe('refresh-token-number-1');
    expect(h.engine.view(id).state).toBe('valid');
    expect(h.engine.view(id).issuedAt).toBe(issuedAt + 0.8 * 3600_000);
  });

  it('renews a login-only provider by logging in again, at most every 12 h for Invoisys', async () => {
    const h = await harness('invoisys', { random: () => 0, lifetimeSeconds: 92_843 });
    const id = await h.addProfile();
    const view = h.engine.view(id);
    expect(view.renewAt! - view.issuedAt!).toBe(12 * 3600_000);
    await h.clock.tick(12 * 3600_000);
    expect(h.adapter.calls.map((c) => c.kind)).toEqual(['login', 'login']);
  });

  it('uses the newest refresh token after rotation', async () => {
    const h = await harness('factus', { random: () => 0 });
    await h.addProfile();
    await h.clock.tick(0.8 * 3600_000);
    await h.clock.tick(0.8 * 3600_000);
    expect(h.adapter.calls.map((c) => c.refreshToken)).toEqual([undefined, 'refresh-token-number-1', 'refresh-token-number-2']);
  });

  it('falls back to one full login when the refresh token is rejected', async () => {
    const h = await harness('factus', { random: () => 0 });
    const id = await h.addProfile();
    h.adapter.script('refresh', fail('refresh-rejected', 'invalid_grant', { status: 400 }));
    await h.clock.tick(0.8 * 3600_000);
    expect(h.adapter.calls.map((c) => c.kind)).toEqual(['login', 'refresh', 'login']);
    expect(h.engine.view(id).state).toBe('valid');
    expect(h.engine.history(id).map((e) => e.kind)).toContain('refresh-rejected');
  });
});

describe('single flight', () => {
  it('100 concurrent getToken calls on an expired profile make one upstream request', async () => {
    const h = await harness('invoisys', { random: () => 0 });
    const id = await h.addProfile();
    h.adapter.script('login', fail('transient', 'http_503', { status: 503 }));
    h.clock.jumpWall(4 * 3600_000); // slept past expiry; nothing noticed yet
    h.adapter.hold();
    const before = h.adapter.calls.length;
    const all = Promise.all(Array.from({ length: 100 }, () => h.engine.getToken(id)));
    await h.clock.settle();
    h.adapter.release();
    h.adapter.script('login', ok());
    const results = await all.catch((e: unknown) => e);
    // The one request failed transiently: every caller got the same answer from it.
    expect(h.adapter.calls.length - before).toBe(1);
    expect(results).toBeInstanceOf(EngineError);
  });

  it('100 concurrent getToken calls share one successful renewal and get the same token', async () => {
    const h = await harness('invoisys');
    const id = await h.addProfile();
    h.clock.jumpWall(30 * 3600_000);
    h.adapter.hold();
    const before = h.adapter.calls.length;
    const all = Promise.all(Array.from({ length: 100 }, () => h.engine.getToken(id)));
    await h.clock.settle();
    h.adapter.release();
    const tokens = await all;
    expect(h.adapter.calls.length - before).toBe(1);
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
    expect(tokens[0]!.expiresAt).toBeGreaterThan(h.clock.now());
  });

  it('a double-clicked "Refresh now" sends one request', async () => {
    const h = await harness();
    const id = await h.addProfile();
    h.adapter.hold();
    const a = h.engine.refresh(id);
    const b = h.engine.refresh(id);
    await h.clock.settle();
    h.adapter.release();
    await Promise.all([a, b]);
    expect(h.adapter.calls.map((c) => c.kind)).toEqual(['login', 'refresh']);
  });
});

describe('failures', () => {
  it('stops after a credential error: no automatic attempt for days, until the user acts', async () => {
    const h = await harness('invoisys');
    h.adapter.script('login', fail('credentials', 'credenciais_invalidas', { status: 400, providerMessage: 'Credenciais inválidas.' }));
    const id = await h.addProfile();
    expect(h.engine.view(id).state).toBe('needs-attention');
    expect(h.engine.view(id).lastError).toMatchObject({ code: 'credenciais_invalidas', errorClass: 'credentials' });
    await h.clock.tick(3 * 24 * 3600_000);
    h.engine.wake();
    await h.clock.settle();
    await expect(h.engine.getToken(id)).rejects.toMatchObject({ code: 'needs_attention' });
    expect(h.adapter.calls).toHaveLength(1);
    // The user presses "Refresh now": one attempt, which now succeeds.
    await h.engine.refresh(id);
    expect(h.adapter.calls).toHaveLength(2);
    expect(h.engine.view(id).state).toBe('valid');
  });

  it('a credential stop survives a restart: no login is attempted on start', async () => {
    const h = await harness('invoisys');
    h.adapter.script('login', fail('credentials', 'credenciais_invalidas', { status: 400 }));
    const id = await h.addProfile();
    const h2 = await h.restart();
    await h2.clock.tick(3600_000);
    expect(h2.adapter.calls).toHaveLength(0);
    expect(h2.engine.view(id).state).toBe('needs-attention');
  });

  it('backs off transient failures with bounded attempts and keeps the valid token in use', async () => {
    const h = await harness('invoisys', { random: () => 0.5, lifetimeSeconds: 4 * 3600 });
    const id = await h.addProfile();
    for (let i = 0; i < 200; i++) h.adapter.script('login', fail('transient', 'network'));
    await h.clock.tick(0.8 * 4 * 3600_000 - 0.05 * 0.5 * 4 * 3600_000);
    expect(h.adapter.calls).toHaveLength(2);
    expect(h.engine.view(id).state).toBe('retrying');
    // Still serving the current, valid token while retrying.
    expect((await h.engine.getToken(id)).accessToken).toContain('number-1');
    await h.clock.tick(3600_000);
    // Delays 1 s, 2 s, 4 s ... capped at 2.5 min (half of the 5 min cap with random 0.5).
    const attempts = h.adapter.calls.length - 1;
    expect(attempts).toBeGreaterThan(10);
    expect(attempts).toBeLessThan(40);
    const gaps = h.adapter.calls.slice(1).map((c, i, a) => (i === 0 ? 0 : c.at - a[i - 1]!.at));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(BACKOFF_CAP_MS);
  });

  it('honours Retry-After', async () => {
    const h = await harness('invoisys', { random: () => 0 });
    h.adapter.script('login', fail('transient', 'http_429', { status: 429, retryAfterMs: 120_000 }));
    const id = await h.addProfile();
    expect(h.engine.view(id).nextAttemptAt! - h.clock.now()).toBe(120_000);
    await h.clock.tick(119_000);
    expect(h.adapter.calls).toHaveLength(1);
    await h.clock.tick(1_000);
    expect(h.adapter.calls).toHaveLength(2);
    expect(h.engine.view(id).state).toBe('valid');
  });

  it('wake() retries a transient failure at once instead of waiting out the backoff', async () => {
    const h = await harness('invoisys', { random: () => 1 });
    // Full-size delays: attempts at 0, 2, 6, 14, 30, 62, 126 and 254 s, the next one due at 510 s.
    for (let i = 0; i < 8; i++) h.adapter.script('login', fail('transient', 'network'));
    const id = await h.addProfile();
    await h.clock.tick(300_000);
    expect(h.adapter.calls).toHaveLength(8);
    expect(h.engine.view(id).nextAttemptAt! - h.clock.now()).toBe(210_000);
    h.engine.wake(); // the network is back
    await h.clock.tick(2_000);
    expect(h.adapter.calls).toHaveLength(9);
    expect(h.engine.view(id).state).toBe('valid');
  });
});

describe('invalidate (a consumer got a 401)', () => {
  it('50 concurrent invalidations cause one renewal and all get the new token', async () => {
    const h = await harness();
    const id = await h.addProfile();
    const old = (await h.engine.getToken(id)).accessToken;
    await h.clock.tick(60_000);
    h.adapter.hold();
    const all = Promise.all(Array.from({ length: 50 }, () => h.engine.invalidate(id, old)));
    await h.clock.settle();
    h.adapter.release();
    const tokens = await all;
    expect(h.adapter.calls.map((c) => c.kind)).toEqual(['login', 'refresh']);
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
    expect(tokens[0]!.accessToken).not.toBe(old);
  });

  it('a late report of an already replaced token does not renew again', async () => {
    const h = await harness();
    const id = await h.addProfile();
    const old = (await h.engine.getToken(id)).accessToken;
    await h.clock.tick(60_000);
    await h.engine.invalidate(id, old);
    await h.clock.tick(60_000);
    const again = await h.engine.invalidate(id, old);
    expect(h.adapter.calls).toHaveLength(2);
    expect(again.accessToken).not.toBe(old);
  });

  it('renews a token refused right after sign-in, but not again when the new one is refused at once', async () => {
    const h = await harness();
    const id = await h.addProfile();
    const first = (await h.engine.getToken(id)).accessToken;
    const second = await h.engine.invalidate(id, first);
    expect(second.accessToken).not.toBe(first);
    expect(h.adapter.calls).toHaveLength(2);
    // The brand-new token is refused too: that is not a token problem, do not hammer.
    const third = await h.engine.invalidate(id, second.accessToken);
    expect(third.accessToken).toBe(second.accessToken);
    expect(h.adapter.calls).toHaveLength(2);
    // Later, a refusal is worth one more renewal.
    await h.clock.tick(11_000);
    await h.engine.invalidate(id, second.accessToken);
    expect(h.adapter.calls).toHaveLength(3);
  });

  it('a rejected token is never handed out again', async () => {
    const h = await harness('invoisys');
    const id = await h.addProfile();
    const old = (await h.engine.getToken(id)).accessToken;
    await h.clock.tick(60_000);
    h.adapter.script('login', fail('transient', 'network'));
    await expect(h.engine.invalidate(id, old)).rejects.toBeInstanceOf(EngineError);
    await expect(h.engine.getToken(id)).rejects.toBeInstanceOf(EngineError);
  });
});

describe('hand-outs in the history', () => {
  it('two POS programs alternating 1,000 times make two entries, keep the sign-in, and rarely wake the timeline', async () => {
    const h = await harness();
    const id = await h.addProfile();
    const announced: string[] = [];
    h.engine.on('history', (_id, e) => announced.push(e.kind));
    for (let i = 0; i < 1000; i++) {
      h.engine.recordServed(id, i % 2 ? 'Till A' : 'Till B');
      if (i % 100 === 0) await h.clock.tick(500);
    }
    const served = h.engine.history(id).filter((e) => e.kind === 'served');
    expect(served.map((e) => e.consumer).sort()).toEqual(['Till A', 'Till B']);
    expect(served.reduce((n, e) => n + (e.count ?? 1), 0)).toBe(1000);
    expect(h.engine.history(id)[0]?.kind).toBe('signed-in');
    // 5 s of hand-outs: a couple of announcements, not a thousand.
    expect(announced.length).toBeLessThanOrEqual(4);
  });

  it('starts a new entry after a quiet minute', async () => {
    const h = await harness();
    const id = await h.addProfile();
    h.engine.recordServed(id, 'Till A');
    h.engine.recordServed(id, 'Till A');
    await h.clock.tick(61_000);
    h.engine.recordServed(id, 'Till A');
    expect(
      h.engine
        .history(id)
        .filter((e) => e.kind === 'served')
        .map((e) => e.count ?? 1),
    ).toEqual([2, 1]);
  });
});

describe('time', () => {
  it('a wall clock set back an hour does not make an expired token look valid', async () => {
    const h = await harness('invoisys', { random: () => 0.5, lifetimeSeconds: 600 });
    const id = await h.addProfile();
    for (let i = 0; i < 50; i++) h.adapter.script('login', fail('transient', 'network'));
    h.clock.jumpWall(-3600_000);
    await h.clock.tick(0); // the next look at the clock notices
    h.engine.wake();
    await h.clock.settle();
    // 10 real minutes later the token is expired, whatever the wall clock says.
    await h.clock.tick(600_000);
    await expect(h.engine.getToken(id)).rejects.toBeInstanceOf(EngineError);
    expect(h.engine.history(id).some((e) => e.kind === 'clock-jump' && e.ms! <= -3600_000 + 5000)).toBe(true);
  });

  it('after a sleep past expiry the token is renewed on the next timer or wake, not served expired', async () => {
    const h = await harness('invoisys', { random: () => 0 });
    const id = await h.addProfile();
    h.adapter.hold();
    h.clock.jumpWall(5 * 3600_000);
    h.engine.wake();
    await h.clock.settle();
    expect(h.engine.view(id).state).toBe('acquiring');
    h.adapter.release();
    await h.clock.settle();
    expect(h.engine.view(id).state).toBe('valid');
    expect(h.adapter.calls).toHaveLength(2);
  });
});

describe('scale and persistence', () => {
  it('schedules 1,000 profiles on one timer', async () => {
    const h = await harness('invoisys');
    for (let i = 0; i < 1000; i++) await h.addProfile(`Till ${i}`);
    expect(h.engine.stats()).toMatchObject({ profiles: 1000, scheduled: 1000, timers: 1 });
    expect(h.clock.pendingTimers()).toBeLessThanOrEqual(2); // the queue's timer, maybe a pending store write
  }, 60_000);

  it('a restart restores valid tokens without signing in again', async () => {
    const h = await harness('factus');
    const id = await h.addProfile();
    const before = await h.engine.getToken(id);
    await h.clock.tick(60_000);
    const h2 = await h.restart();
    expect(h2.engine.view(id).state).toBe('valid');
    expect((await h2.engine.getToken(id)).accessToken).toBe(before.accessToken);
    expect(h2.adapter.calls).toHaveLength(0);
    expect(h2.engine.history(id).at(-1)?.kind).toBe('restored');
  });

  it('keeps secrets and tokens out of the store file, the logs and the history', async () => {
    const h = await harness('factus');
    const id = await h.addProfile();
    const token = (await h.engine.getToken(id)).accessToken;
    h.adapter.script('refresh', fail('refresh-rejected', 'invalid_grant'));
    h.adapter.script('login', fail('credentials', 'invalid_grant', { providerMessage: 'bad' }));
    await h.engine.refresh(id);
    h.vault.flush();
    const bytes = readFileSync(`${h.dir}/tessera.json`, 'utf8');
    const everything = [bytes, h.logger.lines.join('\n'), JSON.stringify(h.engine.history(id)), JSON.stringify(h.engine.views())];
    for (const text of everything) {
      for (const secret of [SECRETS.clientSecret, SECRETS.password, token, 'refresh-token-number-1']) {
        expect(text).not.toContain(secret);
      }
    }
    expect(bytes).toContain('"dev1:');
  });

  it('stop() during a renewal: the renewal is disregarded and nothing is scheduled again', async () => {
    const h = await harness('invoisys', { lifetimeSeconds: 10 });
    const id = await h.addProfile();
    h.adapter.hold();
    void h.engine.refresh(id);
    await h.clock.settle();
    h.engine.stop();
    h.adapter.release();
    await h.clock.settle();
    await h.clock.tick(3600_000);
    expect(h.adapter.calls).toHaveLength(2);
    expect(h.engine.stats()).toMatchObject({ timers: 0, scheduled: 0 });
    expect(h.engine.history(id).filter((e) => e.kind === 'signed-in')).toHaveLength(1);
  });

  it('an edit during a renewal discards that renewal and signs in with the new settings', async () => {
    const h = await harness('invoisys');
    const id = await h.addProfile();
    h.adapter.hold();
    void h.engine.refresh(id);
    await h.clock.settle();
    await h.vault.update(id, {
      name: 'Till 1',
      provider: 'invoisys',
      environment: { kind: 'preset', id: 'sandbox' },
      credentials: { username: 'other@shop.test' },
    });
    h.engine.profileUpdated(id, true);
    h.adapter.release();
    await h.clock.settle();
    expect(h.adapter.calls).toHaveLength(3);
    expect(h.engine.view(id).state).toBe('valid');
    expect((await h.engine.getToken(id)).accessToken).toContain('number-3');
  });
});

describe('a fleet whose tokens all lapsed (a restart after a weekend)', () => {
  const FLEET = 40;
  /** 40 profiles whose tokens expired while Tessera was stopped, restarted with the provider holding every call. */
  async function lapsedFleet() {
    const h = await harness('invoisys');
    const ids: string[] = [];
    for (let i = 0; i < FLEET; i++) ids.push(await h.addProfile(`Till ${i}`));
    h.engine.stop();
    await h.clock.tick(2 * 3600_000);
    const h2 = await h.restart({ held: true });
    return { h2, ids };
  }

  it('sends at most 6 sign-ins at a time to one endpoint, and every till gets its token', async () => {
    const { h2, ids } = await lapsedFleet();
    expect(h2.adapter.calls).toHaveLength(6);
    expect(h2.engine.exchangeStats()).toEqual([
      { endpoint: expect.stringMatching(/^https:\/\//) as string, running: 6, queued: FLEET - 6 },
    ]);
    h2.adapter.release();
    await h2.clock.settle();
    expect(h2.adapter.calls).toHaveLength(FLEET);
    expect(ids.map((id) => h2.engine.view(id).state)).toEqual(ids.map(() => 'valid'));
    // An endpoint with nothing queued holds nothing.
    expect(h2.engine.exchangeStats()).toEqual([]);
  });

  it('a POS program asking for a token goes ahead of the scheduled renewals', async () => {
    const { h2, ids } = await lapsedFleet();
    const last = ids.at(-1)!;
    const asked = h2.engine.getToken(last);
    h2.adapter.release();
    // The six held calls answer first (tokens 1-6); the next exchange is the one somebody waits for.
    expect((await asked).accessToken).toContain('access-token-number-7-');
  });

  it('a till removed while waiting in line sends nothing; the others still get theirs', async () => {
    const { h2, ids } = await lapsedFleet();
    const removed = ids.at(-1)!;
    h2.vault.remove(removed);
    h2.engine.untrack(removed);
    h2.adapter.release();
    await h2.clock.settle();
    expect(h2.adapter.calls).toHaveLength(FLEET - 1);
    expect(ids.slice(0, -1).map((id) => h2.engine.view(id).state)).toEqual(ids.slice(0, -1).map(() => 'valid'));
  });

  it('an engine stopped with renewals in line sends none of them', async () => {
    const { h2 } = await lapsedFleet();
    h2.engine.stop();
    h2.adapter.release();
    await h2.clock.settle();
    // The six already sent end (and are disregarded); none of the 34 in line goes out.
    expect(h2.adapter.calls).toHaveLength(6);
  });
});
