// The local token service over real HTTP, backed by the real core and the built-in sandbox.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { AccessKeyView, ProfileView, Result } from '#common/contract';

import { createFolderCore } from '../../../electron/browser-host/composition';
import { memoryLogger } from '../../../electron/core/logger';
import { type Sandbox, startSandbox } from '../../../electron/core/simulator';
import { coreInternals, type CoreOptions } from '../../../electron/core/tessera-core';
import { eventually } from '../../support/eventually';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

const PASSWORD = 'till-password-5531-secret';
const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
  removeTempDirs();
});

function unwrap<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`call failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

async function setup(opts: { dir?: string; sandbox?: Sandbox; service?: CoreOptions['service'] } = {}) {
  const dir = opts.dir ?? tempDir();
  const sandbox = opts.sandbox ?? (await startSandbox());
  if (!opts.sandbox) open.push(sandbox);
  sandbox.simulators.invoisys.addAccount({ username: 'till@shop.test', password: PASSWORD });
  const logger = memoryLogger();
  const core = await createFolderCore(dir, {
    version: 'test',
    systemLocale: 'en',
    logger,
    sandbox: (id) => sandbox.baseUrlFor(id),
    service: opts.service ?? { port: 0 },
    invalidateWindowMs: 500,
  });
  open.push({ close: () => core.close() });
  const call = async <T>(method: string, input?: unknown) => unwrap<T>(await core.dispatch(method, input));
  const addProfile = (name: string) =>
    call<ProfileView>('createProfile', {
      name,
      provider: 'invoisys',
      environment: { kind: 'sandbox' },
      credentials: { username: 'till@shop.test', password: PASSWORD },
    });
  const addKey = (name: string, profiles: string[] | null = null) =>
    call<{ key: string; accessKey: AccessKeyView }>('createAccessKey', { name, profiles });
  const base = () => core.service.url!;
  const get = (path: string, key?: string, headers: Record<string, string> = {}) =>
    fetch(base() + path, { headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...headers } });
  const post = (path: string, key: string, body?: unknown) =>
    fetch(base() + path, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const waitValid = async (id: string) => {
    await eventually(() => expect(coreInternals(core).engine.view(id).state).toBe('valid'));
  };
  return { dir, sandbox, core, logger, call, addProfile, addKey, get, post, waitValid, sim: sandbox.simulators.invoisys };
}

/** A raw request, for headers fetch will not let us set (Host). */
function rawGet(port: number, path: string, headers: Record<string, string>, agent?: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, ...(agent ? { agent } : {}) }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('access', () => {
  it('is off until an access key exists, then listens on loopback', async () => {
    const t = await setup();
    expect(t.core.service.running).toBe(false);
    await t.addKey('Till software');
    expect(t.core.service).toMatchObject({ running: true, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) as string });
  });

  it('refuses a missing or wrong key with 401 and a stable code', async () => {
    const t = await setup();
    const { key } = await t.addKey('Till software');
    const missing = await t.get('/v1/profiles');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect(await missing.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const wrong = await t.get('/v1/profiles', key.slice(0, -2) + 'xx');
    expect(wrong.status).toBe(401);
  });

  it('refuses a Host that is not loopback (DNS rebinding) and any browser Origin', async () => {
    const t = await setup();
    const { key } = await t.addKey('Till software');
    const port = t.core.service.port;
    const rebound = await rawGet(port, '/v1/profiles', { Host: `evil.example:${port}`, Authorization: `Bearer ${key}` });
    expect(rebound.status).toBe(421);
    expect(JSON.parse(rebound.body)).toMatchObject({ error: { code: 'bad_host' } });
    const browser = await t.get('/v1/profiles', key, { Origin: 'https://evil.example' });
    expect(browser.status).toBe(403);
    expect(await browser.json()).toMatchObject({ error: { code: 'browser_request' } });
  });

  it('a revoked key is refused at once', async () => {
    const t = await setup();
    const keep = await t.addKey('Back office');
    const gone = await t.addKey('Old till');
    expect((await t.get('/v1/profiles', gone.key)).status).toBe(200);
    await t.call('revokeAccessKey', { id: gone.accessKey.id });
    expect((await t.get('/v1/profiles', gone.key)).status).toBe(401);
    expect((await t.get('/v1/profiles', keep.key)).status).toBe(200);
  });

  it('a key limited to some profiles sees and reads only those', async () => {
    const t = await setup();
    const a = await t.addProfile('Till A');
    await t.addProfile('Till B');
    await t.waitValid(a.id);
    const { key } = await t.addKey('Till A only', [a.id]);
    const list = (await (await t.get('/v1/profiles', key)).json()) as { profiles: { name: string }[] };
    expect(list.profiles.map((p) => p.name)).toEqual(['Till A']);
    expect((await t.get('/v1/profiles/Till%20A/token', key)).status).toBe(200);
    const other = await t.get('/v1/profiles/Till%20B/token', key);
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ error: { code: 'profile_not_found' } });
  });

  it('a key limited to other profiles gets the very answer a missing profile gets, without touching the provider', async () => {
    const t = await setup();
    const a = await t.addProfile('Till A');
    await t.waitValid(a.id);
    // Till B exists but never signed in: reading it would have to call the provider, which hangs.
    t.sim.failNext(5, { kind: 'hang' });
    const signIns = t.sim.stats().tokenRequests;
    const b = await t.addProfile('Till B');
    await eventually(() => expect(t.sim.stats().tokenRequests).toBeGreaterThan(signIns));
    const { key } = await t.addKey('Till A only', [a.id]);
    const port = t.core.service.port;
    const ask = (path: string, method = 'GET') =>
      new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, path, method, headers: { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${key}` } },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => {
              const { date: _date, ...headers } = res.headers;
              resolve({ status: res.statusCode ?? 0, headers, body });
            });
          },
        );
        req.on('error', reject);
        req.end();
      });
    const requestsBefore = t.sim.stats().tokenRequests;
    for (const suffix of ['token', 'token/invalidate']) {
      const method = suffix === 'token' ? 'GET' : 'POST';
      const existing = await ask(`/v1/profiles/Till%20B/${suffix}`, method);
      const missing = await ask(`/v1/profiles/Till%20Z/${suffix}`, method);
      // Status, headers (but Date) and body byte for byte.
      expect(existing).toEqual(missing);
      expect(existing.status).toBe(404);
      expect(JSON.parse(existing.body)).toEqual({ error: { code: 'profile_not_found', message: expect.any(String) as string } });
    }
    // Answered on the same short path: neither waited on the hanging provider or asked it anything,
    // and Till B's timeline records no hand-out.
    expect(t.sim.stats().tokenRequests).toBe(requestsBefore);
    expect(
      coreInternals(t.core)
        .engine.history(b.id)
        .some((e) => e.kind === 'served' || e.kind === 'invalidated'),
    ).toBe(false);
    const listed = (await (await t.get('/v1/profiles', key)).json()) as { profiles: { name: string }[] };
    expect(listed.profiles.map((p) => p.name)).toEqual(['Till A']);
  });

  it('refuses a key limited to no profile and a too-long name, with the limit', async () => {
    const t = await setup();
    expect(await t.core.dispatch('createAccessKey', { name: 'Nothing', profiles: [] })).toMatchObject({
      ok: false,
      error: { code: 'validation', issues: [{ path: 'profiles', message: 'validation.required' }] },
    });
    expect(await t.core.dispatch('createAccessKey', { name: 'k'.repeat(61), profiles: null })).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'name', message: 'validation.tooLong', maximum: 60 }] },
    });
    expect(coreInternals(t.core).vault.accessKeys()).toEqual([]);
  });

  it('says when its port comes from the command line, and reports a key being used', async () => {
    const t = await setup();
    expect(t.core.service.portOverridden).toBe(true);
    const { key } = await t.addKey('Till software');
    const events: string[] = [];
    t.core.onEvent((e) => events.push(e.type));
    await t.get('/v1/profiles', key);
    expect(events).toEqual(['accessKeys']);
    await t.get('/v1/profiles', key); // within the minute: not stamped again
    expect(events).toEqual(['accessKeys']);
  });

  it('rate-limits a key that floods it', async () => {
    const t = await setup({ service: { port: 0, rateLimit: { burst: 20, perSecond: 1 } } });
    const { key } = await t.addKey('Runaway loop');
    const statuses = await Promise.all(Array.from({ length: 30 }, () => t.get('/v1/profiles', key).then((r) => r)));
    const limited = statuses.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(9);
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});

describe('handing out tokens', () => {
  it('serves a valid token with no-store, and records the hand-out without the token', async () => {
    const t = await setup();
    const profile = await t.addProfile('Till 1');
    await t.waitValid(profile.id);
    const { key } = await t.addKey('Till software');
    const res = await t.get('/v1/profiles/Till%201/token', key);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { access_token: string; token_type: string; expires_in: number; expires_at: string };
    expect(t.sim.isValidAccessToken(body.access_token)).toBe(true);
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBeGreaterThan(60);
    expect(Date.parse(body.expires_at)).toBeGreaterThan(Date.now() + 60_000);
    const served = coreInternals(t.core)
      .engine.history(profile.id)
      .filter((e) => e.kind === 'served');
    expect(served).toEqual([expect.objectContaining({ consumer: 'Till software' })]);
    expect(JSON.stringify(coreInternals(t.core).engine.history(profile.id))).not.toContain(body.access_token);
    const listing = await (await t.get('/v1/profiles', key)).text();
    expect(listing).not.toContain(body.access_token);
    expect(listing).not.toContain(PASSWORD);
  });

  // Over 100 keep-alive connections, as a busy POS program's pool would: the service holds at
  // most 128 connections per key (connection-guard.ts), so 1,000 sockets at once would be refused.
  it('1,000 concurrent requests (over 100 connections) on an expired profile cause one upstream login', async () => {
    const dir = tempDir();
    const sandbox = await startSandbox();
    open.push(sandbox);
    sandbox.simulators.invoisys.configure({ lifetimeSeconds: 2 });
    const first = await setup({ dir, sandbox });
    const profile = await first.addProfile('Till 1');
    await first.waitValid(profile.id);
    const { key } = await first.addKey('Till software');
    await open.pop()!.close(); // Tessera stops...
    await new Promise((r) => setTimeout(r, 2_100)); // ...and its token expires meanwhile.
    sandbox.simulators.invoisys.configure({ lifetimeSeconds: 3600, latencyMs: 300 });
    const loginsBefore = sandbox.simulators.invoisys.stats().logins;
    const t = await setup({ dir, sandbox });
    const agent = new Agent({ keepAlive: true, maxSockets: 100 });
    const port = t.core.service.port;
    const responses = await Promise.all(
      Array.from({ length: 1000 }, () =>
        rawGet(port, '/v1/profiles/Till%201/token', { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${key}` }, agent),
      ),
    );
    agent.destroy();
    const bodies = responses.map((r) => JSON.parse(r.body) as { access_token: string });
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(new Set(bodies.map((b) => b.access_token)).size).toBe(1);
    expect(sandbox.simulators.invoisys.stats().logins - loginsBefore).toBe(1);
  }, 30_000);

  it('50 concurrent invalidations renew once and all get the new token', async () => {
    const t = await setup();
    const profile = await t.addProfile('Till 1');
    await t.waitValid(profile.id);
    const { key } = await t.addKey('Till software');
    const old = ((await (await t.get('/v1/profiles/Till%201/token', key)).json()) as { access_token: string }).access_token;
    await new Promise((r) => setTimeout(r, 600)); // past the (shortened) de-duplication window of the sign-in
    t.sim.configure({ latencyMs: 200 });
    const before = t.sim.stats().logins;
    const results = await Promise.all(
      Array.from({ length: 50 }, () => t.post('/v1/profiles/Till%201/token/invalidate', key, { access_token: old })),
    );
    const tokens = (await Promise.all(results.map((r) => r.json()))) as { access_token: string }[];
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(t.sim.stats().logins - before).toBe(1);
    expect(new Set(tokens.map((b) => b.access_token))).toEqual(new Set([tokens[0]!.access_token]));
    expect(tokens[0]!.access_token).not.toBe(old);
  }, 30_000);

  it('answers 503 with Retry-After and a reason when no token can be had', async () => {
    const t = await setup();
    const { key } = await t.addKey('Till software');
    t.sim.failNext(20, { kind: 'error', status: 503 });
    const outage = await t.addProfile('Till down');
    await eventually(() => expect(coreInternals(t.core).engine.view(outage.id).failures).toBeGreaterThan(0));
    const down = await t.get('/v1/profiles/Till%20down/token', key);
    expect(down.status).toBe(503);
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await down.json()).toMatchObject({ error: { code: 'token_unavailable', provider_code: 'http_503' } });

    t.sim.reset(); // forgets the till's account: its password is now refused
    const refused = await t.addProfile('Till refused');
    await eventually(() => expect(coreInternals(t.core).engine.view(refused.id).state).toBe('needs-attention'));
    const attention = await t.get('/v1/profiles/Till%20refused/token', key);
    expect(attention.status).toBe(503);
    expect(await attention.json()).toMatchObject({ error: { code: 'needs_attention', provider_code: 'credenciais_invalidas' } });
    expect((await t.get('/v1/profiles/Nobody/token', key)).status).toBe(404);
  });
});

describe('token file', () => {
  it('writes the token owner-only, rewrites it on renewal, removes it with the profile', async () => {
    const t = await setup();
    const profile = await t.addProfile('Till 1');
    await t.waitValid(profile.id);
    const file = join(tempDir(), 'token.txt');
    await t.call('setFileSink', { id: profile.id, path: file });
    const first = readFileSync(file, 'utf8').trim();
    expect(t.sim.isValidAccessToken(first)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await t.call('refreshToken', { id: profile.id });
    const second = readFileSync(file, 'utf8').trim();
    expect(second).not.toBe(first);
    expect(t.sim.isValidAccessToken(second)).toBe(true);
    await t.call('removeProfile', { id: profile.id });
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a relative path or a missing folder as a field issue', async () => {
    const t = await setup();
    const profile = await t.addProfile('Till 1');
    const relative = await t.core.dispatch('setFileSink', { id: profile.id, path: 'token.txt' });
    expect(relative).toMatchObject({
      ok: false,
      error: { code: 'validation', issues: [{ path: 'path', message: 'validation.path.relative' }] },
    });
    const missing = await t.core.dispatch('setFileSink', { id: profile.id, path: '/no/such/folder/token.txt' });
    expect(missing).toMatchObject({ ok: false, error: { issues: [{ message: 'validation.path.noFolder' }] } });
  });
});
