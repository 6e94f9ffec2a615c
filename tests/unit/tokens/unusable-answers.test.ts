// A successful (2xx) answer Tessera cannot use must never become a login loop: the engine
// backs off from 1 minute up to 1 hour and stops after 3 such answers in a row, like a
// credentials stop. Under a fake clock with a scripted adapter, attempts are counted over days.
import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';

import { memoryLogger } from '../../../electron/core/logger';
import { findProvider } from '../../../electron/core/providers';
import { TokenEngine } from '../../../electron/core/tokens/engine';
import {
  BACKOFF_CAP_MS,
  isUnusableAnswer,
  UNUSABLE_ANSWERS_BEFORE_STOP,
  UNUSABLE_BACKOFF_BASE_MS,
  UNUSABLE_BACKOFF_CAP_MS,
  unusableBackoffDelay,
} from '../../../electron/core/tokens/plan';
import { createConfStore } from '../../../electron/core/vault/conf-store';
import { createDevSecretBox } from '../../../electron/core/vault/dev-box';
import { Vault } from '../../../electron/core/vault/vault';
import { en } from '../../../renderer/src/i18n/locales/en';
import { fail, fakeAdapter, ok } from '../../support/fake-adapter';
import { fakeClock } from '../../support/fake-clock';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

const DAY = 24 * 3600_000;
const missingToken = () => fail('protocol', 'missing_field', { excerpt: 'missing "access_token"' });

async function harness(providerId: 'factus' | 'invoisys' | 'onapi' = 'invoisys', random: () => number = () => 0.5) {
  const clock = fakeClock();
  const dir = tempDir();
  const info = findProvider(providerId)!.info;
  const adapter = fakeAdapter(info, clock);
  const vault = Vault.open({
    store: createConfStore(dir),
    box: createDevSecretBox(dir),
    catalog: (id) => findProvider(id)?.info,
    clock,
    logger: memoryLogger(),
  });
  const engine = new TokenEngine({ store: vault, http: axios.create(), clock, random, providers: () => adapter });
  await engine.start();
  const credentials =
    providerId === 'factus'
      ? { clientId: 'client-1', clientSecret: 'client-secret-8841', username: 'till@shop.test', password: 'password-2290' }
      : providerId === 'onapi'
        ? { clientId: 'integra', username: 'till@shop.test', password: 'password-2290' }
        : { username: 'till@shop.test', password: 'password-2290' };
  const addProfile = async () => {
    const record = await vault.create({
      name: 'Till 1',
      provider: providerId,
      environment: { kind: 'preset', id: info.environments[0]!.id },
      credentials,
    });
    engine.track(record.id);
    await clock.settle();
    return record.id;
  };
  const gaps = () => adapter.calls.slice(1).map((c, i) => c.at - adapter.calls[i]!.at);
  return { clock, adapter, engine, vault, addProfile, gaps };
}

afterEach(() => removeTempDirs());

describe('which failures are unusable answers', () => {
  it('protocol failures raised reading a 2xx are; refusals with another status are not', () => {
    expect(isUnusableAnswer({ errorClass: 'protocol' })).toBe(true);
    expect(isUnusableAnswer({ errorClass: 'protocol', status: 200 })).toBe(true);
    expect(isUnusableAnswer({ errorClass: 'protocol', status: 204 })).toBe(true);
    expect(isUnusableAnswer({ errorClass: 'protocol', status: 404 })).toBe(false);
    expect(isUnusableAnswer({ errorClass: 'protocol', status: 302 })).toBe(false);
    expect(isUnusableAnswer({ errorClass: 'transient' })).toBe(false);
    expect(isUnusableAnswer({ errorClass: 'credentials', status: 200 })).toBe(false);
  });

  it('back off from a minute, doubling, capped at an hour, never under a minute', () => {
    const full = () => 1;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => unusableBackoffDelay(n, full))).toEqual([
      60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000, 3_600_000,
    ]);
    for (const n of [1, 2, 5, 30]) expect(unusableBackoffDelay(n, () => 0)).toBe(UNUSABLE_BACKOFF_BASE_MS);
    expect(unusableBackoffDelay(1, () => 0, 300_000)).toBe(300_000);
    expect(UNUSABLE_BACKOFF_CAP_MS).toBe(3600_000);
  });

  it('the timeline says how many in a row stop the engine', () => {
    expect(en.fieldNotes.history.stoppedUnusable).toContain(String(UNUSABLE_ANSWERS_BEFORE_STOP));
  });
});

describe('a 2xx answer that cannot be used', () => {
  it('is tried 3 times a minute or more apart, then the profile needs attention: 3 requests in a day', async () => {
    const h = await harness('invoisys', () => 0);
    // Three unusable answers; anything after them would work, but is never asked for on its own.
    h.adapter.script('login', missingToken(), missingToken(), missingToken());
    const id = await h.addProfile();
    expect(h.engine.view(id).state).toBe('retrying');
    expect(h.engine.view(id).nextAttemptAt! - h.clock.now()).toBe(60_000);
    await h.clock.tick(DAY);
    expect(h.adapter.calls).toHaveLength(UNUSABLE_ANSWERS_BEFORE_STOP);
    for (const gap of h.gaps()) expect(gap).toBeGreaterThanOrEqual(60_000);
    const view = h.engine.view(id);
    expect(view.state).toBe('needs-attention');
    expect(view.lastError).toMatchObject({ errorClass: 'protocol', code: 'missing_field' });
    expect(h.engine.history(id).at(-1)).toMatchObject({ kind: 'needs-attention', errorClass: 'protocol', mechanism: 'login' });
    // A POS program asking, a wake-up, a restart of the day: nothing more until the user acts.
    await expect(h.engine.getToken(id)).rejects.toMatchObject({ code: 'needs_attention' });
    await expect(h.engine.invalidate(id)).rejects.toMatchObject({ code: 'needs_attention' });
    h.engine.wake();
    await h.clock.tick(DAY);
    expect(h.adapter.calls).toHaveLength(UNUSABLE_ANSWERS_BEFORE_STOP);
    // "Refresh now" is the user acting: one attempt, which now works.
    await expect(h.engine.refresh(id)).resolves.toMatchObject({ state: 'valid' });
    expect(h.adapter.calls).toHaveLength(UNUSABLE_ANSWERS_BEFORE_STOP + 1);
  });

  it('waits longer after each one, with full jitter above the one-minute floor', async () => {
    const h = await harness('invoisys', () => 1);
    for (let i = 0; i < 10; i++) h.adapter.script('login', fail('protocol', 'not_json', { status: 200 }));
    await h.addProfile();
    await h.clock.tick(DAY);
    expect(h.gaps()).toEqual([60_000, 120_000]);
  });

  it('counts across transient failures in between, so interleaving cannot loop', async () => {
    const h = await harness('invoisys', () => 0);
    h.adapter.script(
      'login',
      missingToken(),
      fail('transient', 'network'),
      missingToken(),
      fail('transient', 'timeout'),
      missingToken(),
      ok(),
    );
    const id = await h.addProfile();
    await h.clock.tick(DAY);
    expect(h.adapter.calls).toHaveLength(5);
    expect(h.engine.view(id).state).toBe('needs-attention');
  });

  it('a usable answer in between starts the count again', async () => {
    const h = await harness('invoisys', () => 0);
    h.adapter.script('login', missingToken(), missingToken(), ok(60), missingToken(), missingToken(), ok());
    const id = await h.addProfile();
    await h.clock.tick(DAY);
    expect(h.adapter.calls.length).toBeGreaterThan(6);
    expect(h.engine.view(id).state).toBe('valid');
  });

  it('POS programs reporting the token rejected cannot force more than 3 attempts', async () => {
    const h = await harness('invoisys', () => 0);
    const id = await h.addProfile();
    for (let i = 0; i < 100; i++) h.adapter.script('login', missingToken());
    for (let i = 0; i < 50; i++) {
      await h.engine.invalidate(id).catch(() => undefined);
      await h.clock.tick(1_000);
    }
    expect(h.adapter.calls).toHaveLength(1 + UNUSABLE_ANSWERS_BEFORE_STOP);
    expect(h.engine.view(id).state).toBe('needs-attention');
  });

  it('an HTTP error that is merely unexpected (404) keeps the ordinary backoff and never stops on its own', async () => {
    const h = await harness('invoisys', () => 0.5);
    for (let i = 0; i < 1000; i++) h.adapter.script('login', fail('protocol', 'http_404', { status: 404 }));
    const id = await h.addProfile();
    await h.clock.tick(3600_000);
    expect(h.engine.view(id).state).toBe('retrying');
    expect(Math.max(...h.gaps())).toBeLessThanOrEqual(BACKOFF_CAP_MS);
  });

  it('after a refresh, falls back to one full login (the refresh token may have rotated in the lost answer)', async () => {
    const h = await harness('factus', () => 0);
    const id = await h.addProfile();
    h.adapter.script('refresh', missingToken());
    await h.clock.tick(0.8 * 3600_000);
    expect(h.adapter.calls.map((c) => c.kind)).toEqual(['login', 'refresh', 'login']);
    expect(h.engine.view(id).state).toBe('valid');
    const [rejected, signedIn] = h.engine.history(id).slice(-2);
    expect(rejected).toMatchObject({ kind: 'refresh-rejected', errorClass: 'protocol', code: 'missing_field' });
    expect(signedIn).toMatchObject({ kind: 'signed-in', mechanism: 'login', notes: ['refresh-fallback'] });
  });

  it('a refresh and its fallback login both unusable: bounded, then needs attention', async () => {
    const h = await harness('factus', () => 0);
    const id = await h.addProfile();
    for (let i = 0; i < 100; i++) {
      h.adapter.script('refresh', missingToken());
      h.adapter.script('login', missingToken());
    }
    await h.clock.tick(7 * DAY);
    // refresh + fallback login, then logins only (the refresh token is presumed dead).
    expect(h.adapter.calls.map((c) => c.kind)).toEqual(['login', 'refresh', 'login', 'login', 'login']);
    expect(h.engine.view(id).state).toBe('needs-attention');
  });
});

describe('where the path and the lifetime came from, in the history', () => {
  it('a refused refresh token: the login that follows says it was the fallback', async () => {
    const h = await harness('factus', () => 0);
    const id = await h.addProfile();
    h.adapter.script('refresh', fail('refresh-rejected', 'invalid_grant', { status: 400 }));
    await h.clock.tick(0.8 * 3600_000);
    expect(h.engine.history(id).slice(-2)).toMatchObject([
      { kind: 'refresh-rejected', code: 'invalid_grant' },
      { kind: 'signed-in', mechanism: 'login', notes: ['refresh-fallback'] },
    ]);
    // The next renewal uses the new refresh token again.
    await h.clock.tick(0.8 * 3600_000);
    expect(h.engine.history(id).at(-1)).toMatchObject({ kind: 'renewed', mechanism: 'refresh-token' });
    expect(h.engine.history(id).at(-1)).not.toHaveProperty('notes');
  });

  it('a lifetime taken from the token or assumed is noted, and shown on the view', async () => {
    const h = await harness('onapi', () => 0);
    h.adapter.script('login', ok(3600, 'token'));
    h.adapter.script('refresh', ok(300, 'assumed'), ok(3600));
    const id = await h.addProfile();
    expect(h.engine.history(id).at(-1)).toMatchObject({ kind: 'signed-in', notes: ['lifetime-from-token'] });
    expect(h.engine.view(id).lifetimeSource).toBe('token');
    await h.clock.tick(0.8 * 3600_000);
    expect(h.engine.history(id).at(-1)).toMatchObject({ kind: 'renewed', notes: ['lifetime-assumed'] });
    expect(h.engine.view(id).lifetimeSource).toBe('assumed');
    await h.clock.tick(0.8 * 300_000);
    expect(h.engine.history(id).at(-1)).not.toHaveProperty('notes');
    expect(h.engine.view(id)).not.toHaveProperty('lifetimeSource');
  });
});
