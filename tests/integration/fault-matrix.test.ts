// The fault matrix over real HTTP: core and its token service against a simulator that times
// out, refuses, fails, answers HTML, truncated or incomplete JSON, or absurd lifetimes. For each:
// the failure is classified, attempts stay bounded, the still-valid token keeps being served,
// the service never hands out an expired token, and a wake-up recovers.
import { createServer } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import type { ProfileView, Result } from '#common/contract';
import type { ErrorClass } from '#common/profile-schema';

import { createFolderCore } from '../../electron/browser-host/composition';
import { type Fault, type Simulator, type SimulatorConfigPatch, startSimulator } from '../../electron/core/simulator';
import { coreInternals } from '../../electron/core/tessera-core';
import { eventually } from '../support/eventually';
import { removeTempDirs, tempDir } from '../support/temp-dir';

const ACCOUNT = { username: 'till@shop.test', password: 'till-password-6620' };
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  removeTempDirs();
});

async function setup(opts: { baseUrl?: (sim: Simulator) => string } = {}) {
  const sim = await startSimulator('invoisys');
  cleanup.push(() => sim.close());
  sim.addAccount(ACCOUNT);
  const dir = tempDir();
  const core = await createFolderCore(dir, {
    version: 'test',
    systemLocale: 'en',
    // Short, so the hanging cases end quickly; not shorter, because the simulator shares this
    // event loop: after a stall on a loaded machine the timer can fire before a prompt answer
    // is read, and a truncated body would then read as a timeout.
    timeoutMs: 2_000,
    // Mid-range jitter: the first backoff is 1 s, a wake-up retries within 1 s.
    random: () => 0.5,
    service: { port: 0, rateLimit: { burst: 1e6, perSecond: 1e6 } },
  });
  cleanup.push(() => core.close());
  const call = async <T>(method: string, input?: unknown) => {
    const r: Result<unknown> = await core.dispatch(method, input);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value as T;
  };
  const profile = await call<ProfileView>('createProfile', {
    name: 'Till 1',
    provider: 'invoisys',
    environment: { kind: 'custom', baseUrl: opts.baseUrl?.(sim) ?? sim.baseUrl },
    credentials: ACCOUNT,
  });
  const { key } = await call<{ key: string }>('createAccessKey', { name: 'POS', profiles: null });
  const waitFor = async (ok: () => boolean, what: string) => {
    await eventually(() => expect(ok(), `waiting for ${what}`).toBe(true));
  };
  /** A POS program asking for a token; every token it gets must be one the provider accepts. */
  const served: string[] = [];
  const ask = async () => {
    const res = await fetch(`${core.service.url!}/v1/profiles/Till%201/token`, { headers: { Authorization: `Bearer ${key}` } });
    const body = (await res.json()) as { access_token?: string; error?: { code: string } };
    if (res.status === 200) {
      expect(sim.isValidAccessToken(body.access_token!)).toBe(true);
      served.push(body.access_token!);
    }
    return { status: res.status, body };
  };
  return { sim, core, profile, key, ask, served, waitFor };
}

interface Case {
  name: string;
  fault?: Fault;
  config?: SimulatorConfigPatch;
  errorClass: ErrorClass;
  code: string | RegExp;
  retryAfterMs?: number;
}

const CASES: Case[] = [
  { name: 'a request that never answers', fault: { kind: 'hang' }, errorClass: 'transient', code: 'timeout' },
  { name: 'an answer that trickles in past the deadline', fault: { kind: 'trickle' }, errorClass: 'transient', code: 'timeout' },
  { name: 'a reset connection', fault: { kind: 'reset' }, errorClass: 'transient', code: /network|connection/ },
  {
    name: 'a 503 with Retry-After',
    fault: { kind: 'error', status: 503, headers: { 'Retry-After': '30' } },
    errorClass: 'transient',
    code: 'http_503',
    retryAfterMs: 30_000,
  },
  {
    name: 'a 429 with Retry-After',
    fault: { kind: 'error', status: 429, headers: { 'Retry-After': '45' } },
    errorClass: 'transient',
    code: 'http_429',
    retryAfterMs: 45_000,
  },
  { name: "a proxy's HTML error page", fault: { kind: 'html', status: 502 }, errorClass: 'transient', code: 'http_502' },
  { name: 'truncated JSON', fault: { kind: 'truncated' }, errorClass: 'protocol', code: 'not_json' },
  {
    name: 'a 200 that is HTML',
    fault: { kind: 'raw', status: 200, body: '<html><body>Maintenance</body></html>', contentType: 'text/html' },
    errorClass: 'protocol',
    code: 'not_json',
  },
  {
    name: 'JSON without the token',
    fault: { kind: 'raw', status: 200, body: '{"token_type":"bearer","expires_in":3600}', contentType: 'application/json' },
    errorClass: 'protocol',
    code: 'missing_field',
  },
  { name: 'a negative lifetime', config: { lifetimeOverride: -5 }, errorClass: 'protocol', code: 'bad_lifetime' },
  { name: 'a huge lifetime', config: { lifetimeOverride: 10 ** 9 }, errorClass: 'protocol', code: 'bad_lifetime' },
  { name: 'a non-numeric lifetime', config: { lifetimeOverride: 'soon' }, errorClass: 'protocol', code: 'bad_lifetime' },
];

describe('each fault is classified, bounded and recovered from, and the valid token stays in service', () => {
  it.each(CASES)('$name', async (c) => {
    const t = await setup();
    await t.waitFor(() => coreInternals(t.core).engine.view(t.profile.id).state === 'valid', 'the first sign-in');
    const before = await t.ask();
    expect(before.status).toBe(200);

    if (c.fault) t.sim.failNext(1, c.fault);
    if (c.config) t.sim.configure(c.config);
    const requests = t.sim.stats().tokenRequests;
    const view = await coreInternals(t.core).engine.refresh(t.profile.id);
    expect(view.state).toBe('retrying');
    expect(view.lastError?.errorClass).toBe(c.errorClass);
    expect(view.lastError?.code).toMatch(c.code);
    if (c.retryAfterMs) expect(view.nextAttemptAt! - Date.now()).toBeGreaterThan(c.retryAfterMs - 2_000);
    // One attempt, no storm: the next one waits for its backoff.
    await new Promise((r) => setTimeout(r, 300));
    expect(t.sim.stats().tokenRequests).toBe(requests + 1);
    // The token in hand is still valid: POS programs keep getting it.
    const during = await t.ask();
    expect(during.status).toBe(200);
    expect(during.body.access_token).toBe(before.body.access_token);

    // The fault is over; the network-back signal retries at once and recovers.
    if (c.config) t.sim.configure({ lifetimeOverride: undefined });
    t.core.wake();
    await t.waitFor(() => coreInternals(t.core).engine.view(t.profile.id).state === 'valid', 'recovery');
    const after = await t.ask();
    expect(after.body.access_token).not.toBe(before.body.access_token);
  });
});

describe('when faults outlast the token', () => {
  it('the service answers 503 with Retry-After and never hands out the expired token', async () => {
    const t = await setup();
    t.sim.configure({ lifetimeSeconds: 2 });
    await coreInternals(t.core).engine.refresh(t.profile.id);
    t.sim.failNext(1000, { kind: 'error', status: 503 });
    const expiresAt = coreInternals(t.core).engine.view(t.profile.id).expiresAt!;
    const answers: number[] = [];
    // Ask every 50 ms from before the expiry until well after it.
    while (Date.now() < expiresAt + 1_500) {
      answers.push((await t.ask()).status);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(answers).toContain(200);
    expect(answers.at(-1)).toBe(503);
    const last = await fetch(`${t.core.service.url!}/v1/profiles/Till%201/token`, { headers: { Authorization: `Bearer ${t.key}` } });
    expect(last.status).toBe(503);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await last.json()).toMatchObject({ error: { code: 'token_unavailable', provider_code: 'http_503' } });
    // Every 200 carried a token the provider accepted at that moment (checked in ask()).
    expect(t.served.length).toBeGreaterThan(0);
    // Attempts stayed bounded: backoff, not one per request.
    expect(t.sim.stats().tokenRequests).toBeLessThan(15);
  });

  it('a refused connection (nothing listening) is transient, retried with backoff, and the profile keeps its settings', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const t = await setup({ baseUrl: () => `http://127.0.0.1:${closedPort}` });
    await t.waitFor(() => coreInternals(t.core).engine.view(t.profile.id).failures > 0, 'the first attempt');
    const view = coreInternals(t.core).engine.view(t.profile.id);
    expect(view.state).toBe('retrying');
    expect(view.lastError).toMatchObject({ errorClass: 'transient', code: 'connection_refused' });
    expect((await t.ask()).body).toMatchObject({ error: { code: 'token_unavailable' } });
    expect(coreInternals(t.core).vault.profile(t.profile.id)?.environment).toEqual({
      kind: 'custom',
      baseUrl: `http://127.0.0.1:${closedPort}`,
    });
    expect(await coreInternals(t.core).vault.credentials(t.profile.id)).toMatchObject(ACCOUNT);
  });
});
