// Issue 9 through the whole core (contract -> vault -> engine -> adapter -> HTTP) against the
// built-in simulators switched to behave as the live services are reported to: eReceipt's
// optional POS headers, invalid_client and unreadable tags; OnAPI's expiresIn in seconds,
// milliseconds or 0; Invoisys' token API 3.0 errors; Multinexo's refused refresh; and, for
// every provider, a 2xx answer that cannot be used, which must stay a bounded handful of
// requests (under a fake clock, so a whole day passes in a moment).
import { afterEach, describe, expect, it } from 'vitest';

import type { ProfileView, Result } from '#common/contract';
import type { CredentialValues } from '#common/profile-schema';
import type { TokenState } from '#common/token-view';

import { createFolderCore } from '../../electron/browser-host/composition';
import type { Clock } from '../../electron/core/clock';
import { PROVIDERS } from '../../electron/core/providers';
import { type SimulatedProviderId, type SimulatorConfigPatch, startSimulator } from '../../electron/core/simulator';
import { coreInternals } from '../../electron/core/tessera-core';
import { UNUSABLE_ANSWERS_BEFORE_STOP } from '../../electron/core/tokens/plan';
import { type FakeClock, fakeClock } from '../support/fake-clock';
import { removeTempDirs, tempDir } from '../support/temp-dir';

const DAY = 24 * 3600_000;
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  removeTempDirs();
});

const realSleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setup(providerId: SimulatedProviderId, config: SimulatorConfigPatch = {}, clock?: Clock) {
  const sim = await startSimulator(providerId, { config });
  cleanup.push(() => sim.close());
  const core = await createFolderCore(tempDir(), {
    version: 'test',
    systemLocale: 'en',
    sandbox: (id) => (id === providerId ? sim.baseUrl : undefined),
    random: () => 0,
    ...(clock ? { clock } : {}),
  });
  cleanup.push(() => core.close());
  const create = async (credentials: CredentialValues) => {
    const result: Result<unknown> = await core.dispatch('createProfile', {
      name: 'Till 1',
      provider: providerId,
      environment: { kind: 'sandbox' },
      credentials,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return (result.value as ProfileView).id;
  };
  const busy = (id: string) => ['acquiring', 'renewing'].includes(coreInternals(core).engine.view(id).state);
  /** Waits (in real time) for a request in flight to end. */
  const settled = async (id: string) => {
    for (let i = 0; i < 500 && busy(id); i++) await realSleep(5);
    expect(busy(id)).toBe(false);
  };
  const until = async (id: string, states: TokenState[]) => {
    for (let i = 0; i < 500 && !states.includes(coreInternals(core).engine.view(id).state); i++) await realSleep(5);
    expect(states).toContain(coreInternals(core).engine.view(id).state);
  };
  return { sim, core, create, settled, until, demo: demoCredentials(providerId) };
}

function demoCredentials(providerId: SimulatedProviderId): CredentialValues {
  const info = PROVIDERS.find((p) => p.info.id === providerId)!.info;
  return { ...info.sandboxDemo, ...(providerId === 'ereceipt' ? { posOsVersion: 'Windows 11 23H2' } : {}) };
}

describe('eReceipt as the live service behaves', () => {
  it('a profile saved without framework and pre-shared key signs in and renews', async () => {
    const t = await setup('ereceipt', { optionalPosHeaders: true });
    t.sim.setAccounts([{ credentials: { clientId: 'pos-client', clientSecret: 'pos-client-secret-1183', posSerial: 'SN-CAIRO-7' } }]);
    const id = await t.create({
      clientId: 'pos-client',
      clientSecret: 'pos-client-secret-1183',
      posSerial: 'SN-CAIRO-7',
      posOsVersion: 'Windows 10',
      posFramework: '',
      preSharedKey: '',
    });
    await t.until(id, ['valid']);
    expect(coreInternals(t.core).vault.secretFlags(id)).toMatchObject({ preSharedKey: false });
    await coreInternals(t.core).engine.refresh(id);
    expect(coreInternals(t.core).engine.view(id).state).toBe('valid');
    for (const entry of t.sim.log) {
      expect(entry.headers).not.toHaveProperty('posmodelframework');
      expect(entry.headers).not.toHaveProperty('presharedkey');
    }
    expect(t.sim.stats()).toMatchObject({ logins: 2, failedLogins: 0 });
  });

  it('invalid_client stops the profile at the first refusal, explained, with no automatic retry', async () => {
    const t = await setup('ereceipt', { invalidClient: true });
    const id = await t.create({ ...t.demo, clientSecret: 'a-wrong-client-secret' });
    await t.until(id, ['needs-attention']);
    expect(coreInternals(t.core).engine.view(id).lastError).toMatchObject({
      errorClass: 'credentials',
      code: 'invalid_client',
      status: 400,
    });
    t.core.wake();
    await realSleep(300);
    expect(t.sim.stats().tokenRequests).toBe(1);
    expect(JSON.stringify(coreInternals(t.core).engine.view(id))).not.toContain('a-wrong-client-secret');
  });

  it('a token without a tags claim: a note that the tags could not be read, no B2C warning', async () => {
    const t = await setup('ereceipt', { tagsClaim: null });
    const id = await t.create(t.demo);
    await t.until(id, ['valid']);
    expect(coreInternals(t.core).engine.view(id).identity).toMatchObject({ notes: ['tags-unreadable'], warnings: [] });
  });
});

describe('OnAPI expiresIn in seconds, milliseconds or 0', () => {
  it.each([
    ['seconds', 'seconds', undefined],
    ['milliseconds', 'milliseconds', ['lifetime-from-token']],
    ['0', 'zero', ['lifetime-from-token']],
  ] as const)('%s: signs in once, valid for the JWT hour, renews by refresh, no login loop', async (_label, unit, notes) => {
    const t = await setup('onapi', { lifetimeUnit: unit });
    const id = await t.create(t.demo);
    await t.until(id, ['valid']);
    const view = coreInternals(t.core).engine.view(id);
    expect(view.expiresAt! - view.issuedAt!).toBeGreaterThan(3_598_000);
    expect(view.expiresAt! - view.issuedAt!).toBeLessThanOrEqual(3_600_000);
    expect(view.renewAt! - view.issuedAt!).toBeGreaterThan(40 * 60_000);
    const signedIn = coreInternals(t.core).engine.history(id).at(-1)!;
    expect(signedIn.kind).toBe('signed-in');
    expect(signedIn.notes).toEqual(notes);
    await coreInternals(t.core).engine.refresh(id);
    expect(coreInternals(t.core).engine.history(id).at(-1)).toMatchObject({ kind: 'renewed', ...(notes ? { notes } : {}) });
    await realSleep(200);
    expect(t.sim.stats()).toMatchObject({ logins: 1, refreshes: 1, failedLogins: 0 });
  });

  it('an opaque token and expiresIn 0: 5 minutes assumed, on the view and in the history', async () => {
    const t = await setup('onapi', { lifetimeUnit: 'zero', tokenFormat: 'opaque' });
    const id = await t.create(t.demo);
    await t.until(id, ['valid']);
    const view = coreInternals(t.core).engine.view(id);
    expect(view.lifetimeSource).toBe('assumed');
    expect(view.expiresAt! - view.issuedAt!).toBe(300_000);
    expect(coreInternals(t.core).engine.history(id).at(-1)?.notes).toEqual(['lifetime-assumed']);
    const tested: Result<unknown> = await t.core.dispatch('testConnection', {
      profile: { name: 'Test', provider: 'onapi', environment: { kind: 'sandbox' }, credentials: t.demo },
    });
    expect(tested).toMatchObject({ ok: true, value: { lifetimeSeconds: 300, lifetimeSource: 'assumed' } });
  });
});

describe('Invoisys token API 3.0', () => {
  it('a wrong password: needs attention once, the card has the mensagem, no retry', async () => {
    const t = await setup('invoisys', { tokenApi: '3.0' });
    const id = await t.create({ ...t.demo, password: 'senha-errada-3311' });
    await t.until(id, ['needs-attention']);
    const error = coreInternals(t.core).engine.view(id).lastError!;
    expect(error).toMatchObject({ errorClass: 'credentials', code: 'http_401', status: 401 });
    expect(error.providerMessage).toBe('Usuário ou senha inválidos.');
    t.core.wake();
    await realSleep(300);
    expect(t.sim.stats().tokenRequests).toBe(1);
  });
});

describe('Multinexo refresh (undocumented): a refused refresh falls back to one login, recorded', () => {
  it.each([
    ['a revoked refresh token', (t: Awaited<ReturnType<typeof setup>>) => t.sim.revokeRefreshTokens(), 'invalid_grant'],
    [
      'a client not allowed the refresh grant',
      (t: Awaited<ReturnType<typeof setup>>) => t.sim.setAccounts([{ credentials: t.demo, extras: { grantTypes: ['password'] } }]),
      'unauthorized_client',
    ],
  ])('%s', async (_label, arrange, code) => {
    const t = await setup('multinexo');
    const id = await t.create(t.demo);
    await t.until(id, ['valid']);
    await coreInternals(t.core).engine.refresh(id);
    expect(coreInternals(t.core).engine.history(id).at(-1)).toMatchObject({ kind: 'renewed', mechanism: 'refresh-token' });
    arrange(t);
    await coreInternals(t.core).engine.refresh(id);
    expect(coreInternals(t.core).engine.view(id).state).toBe('valid');
    expect(coreInternals(t.core).engine.history(id).slice(-2)).toMatchObject([
      { kind: 'refresh-rejected', code },
      { kind: 'signed-in', mechanism: 'login', notes: ['refresh-fallback'] },
    ]);
    expect(t.sim.stats()).toMatchObject({ logins: 2, refreshes: 1, failedRefreshes: 1 });
  });
});

describe('a 2xx answer that cannot be used never becomes a login loop', () => {
  /** Lets a simulated day pass: the clock jumps to each planned attempt, real I/O in between. */
  async function liveADay(t: Awaited<ReturnType<typeof setup>>, clock: FakeClock, id: string) {
    const end = clock.now() + DAY;
    await t.settled(id);
    while (clock.now() < end) {
      const view = coreInternals(t.core).engine.view(id);
      const next = view.state === 'needs-attention' ? end : Math.min(end, view.nextAttemptAt ?? view.renewAt ?? end);
      await clock.tick(Math.max(1, next - clock.now()));
      await t.settled(id);
    }
  }

  it.each(PROVIDERS.map((p) => p.info.id as SimulatedProviderId))(
    '%s: 3 attempts over a day, a minute or more apart, then needs attention',
    async (providerId) => {
      const clock = fakeClock(Date.now());
      const t = await setup(providerId, { unusableSuccess: 'no-token' }, clock);
      const id = await t.create(t.demo);
      await liveADay(t, clock, id);
      expect(t.sim.stats().tokenRequests).toBe(UNUSABLE_ANSWERS_BEFORE_STOP);
      const view = coreInternals(t.core).engine.view(id);
      expect(view.state).toBe('needs-attention');
      expect(view.lastError).toMatchObject({ errorClass: 'protocol', code: 'missing_field' });
      const attempts = coreInternals(t.core)
        .engine.history(id)
        .filter((e) => e.kind === 'failed' || e.kind === 'needs-attention');
      expect(attempts.map((e) => e.kind)).toEqual(['failed', 'failed', 'needs-attention']);
      for (const [i, e] of attempts.entries()) if (i > 0) expect(e.at - attempts[i - 1]!.at).toBeGreaterThanOrEqual(60_000);
    },
  );

  it('a portal page instead of the token (HTML with 200): the same bound', async () => {
    const clock = fakeClock(Date.now());
    const t = await setup('ereceipt', { unusableSuccess: 'html' }, clock);
    const id = await t.create(t.demo);
    await liveADay(t, clock, id);
    expect(t.sim.stats().tokenRequests).toBe(UNUSABLE_ANSWERS_BEFORE_STOP);
    expect(coreInternals(t.core).engine.view(id).lastError).toMatchObject({ errorClass: 'protocol', code: 'not_json' });
  });

  it('a working refresh-token profile whose provider turns unusable: refresh, one login, two more, then stop', async () => {
    const clock = fakeClock(Date.now());
    const t = await setup('factus', {}, clock);
    const id = await t.create(t.demo);
    await t.settled(id);
    expect(coreInternals(t.core).engine.view(id).state).toBe('valid');
    t.sim.configure({ unusableSuccess: 'no-token' });
    const before = t.sim.stats().tokenRequests;
    await liveADay(t, clock, id);
    expect(t.sim.stats().tokenRequests - before).toBe(1 + UNUSABLE_ANSWERS_BEFORE_STOP);
    expect(coreInternals(t.core).engine.view(id).state).toBe('needs-attention');
    expect(t.sim.log.slice(-4).map((e) => (e.body as Record<string, string>).grant_type)).toEqual([
      'refresh_token',
      'password',
      'password',
      'password',
    ]);
  });
});
