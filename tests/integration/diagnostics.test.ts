// Field diagnostics through the whole core against the built-in simulators: every exchange of a
// profile's sign-ins and renewals is recorded (address, status, duration, chosen headers, the
// body redacted), the last five are kept, a failed connection test brings its own report, and
// the report an installer copies holds no secret in any encoding (the leak sweep's own forms).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { AppErrorView, DiagnosticsView, ProfileView, Result } from '#common/contract';
import type { CredentialValues } from '#common/profile-schema';
import type { TokenState } from '#common/token-view';

import { createFolderCore } from '../../electron/browser-host/composition';
import { MAX_BODY_CHARS } from '../../electron/core/diagnostics/capture';
import { PROVIDERS } from '../../electron/core/providers';
import { type SimulatedProviderId, type Simulator, startSimulator } from '../../electron/core/simulator';
import { coreInternals, type TesseraCore } from '../../electron/core/tessera-core';
import { diagnosticsReport } from '../../renderer/src/app/diagnostics-report';
import type { Translate } from '../../renderer/src/app/explain';
import { en } from '../../renderer/src/i18n/locales/en';
import { es } from '../../renderer/src/i18n/locales/es';
import { needlesFor } from '../e2e/support/leak-scan';
import { eventually } from '../support/eventually';
import { removeTempDirs, tempDir } from '../support/temp-dir';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  removeTempDirs();
});

const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64url = (s: string) => Buffer.from(s).toString('base64url');

/** A `t` over a message file, with i18next's {{placeholder}} interpolation. */
const translate =
  (messages: object): Translate =>
  (key, values = {}) => {
    let node: unknown = messages;
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    if (typeof node !== 'string') return key;
    return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
  };

/** Where any of `secrets` appears in `text`, in any form the leak sweep searches for. */
function leaks(text: string, secrets: Record<string, string | undefined>): string[] {
  return Object.entries(secrets).flatMap(([name, value]) =>
    value
      ? needlesFor({ kind: 'password', value, source: name })
          .filter((n) => text.includes(n.text))
          .map((n) => `${name} (${n.form})`)
      : [],
  );
}

async function setup(providerId: SimulatedProviderId, options: { timeoutMs?: number } = {}) {
  const sim = await startSimulator(providerId, { config: { rotateRefreshTokens: true } });
  cleanup.push(() => sim.close());
  const dir = tempDir();
  const core: TesseraCore = await createFolderCore(dir, {
    version: '9.9.9-test',
    systemLocale: 'en',
    sandbox: (id) => (id === providerId ? sim.baseUrl : undefined),
    // Backoff near its ceiling: no automatic retry slips in between the steps of a test.
    random: () => 0.99,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  cleanup.push(() => core.close());
  const credentials: CredentialValues = { ...sim.info.sandboxDemo, ...(providerId === 'ereceipt' ? { posOsVersion: 'Test OS 1.0' } : {}) };
  const call = async <T>(method: string, input?: unknown): Promise<T> => {
    const result = await core.dispatch(method, input);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value as T;
  };
  const create = async (name: string, creds: CredentialValues = credentials) =>
    (await call<ProfileView>('createProfile', { name, provider: providerId, environment: { kind: 'sandbox' }, credentials: creds })).id;
  const until = async (id: string, states: TokenState[]) => {
    await eventually(() => expect(states).toContain(coreInternals(core).engine.view(id).state));
  };
  const diagnostics = (id: string) => call<DiagnosticsView>('getDiagnostics', { id });
  return { sim, core, dir, credentials, call, create, until, diagnostics };
}

/** The token-endpoint paths the simulator received, in order. */
const receivedPaths = (sim: Simulator) => sim.log.filter((e) => e.method === 'POST').map((e) => e.path);

describe.each(PROVIDERS.map((p) => p.info.id as SimulatedProviderId))('%s diagnostics', (providerId) => {
  it('records the sign-in and each renewal where the adapter sent them, without the tokens received', async () => {
    const t = await setup(providerId);
    const id = await t.create('Till 1');
    await t.until(id, ['valid']);
    const first = await coreInternals(t.core).engine.getToken(id);
    await t.call('refreshToken', { id });
    const second = await coreInternals(t.core).engine.getToken(id);

    const view = await t.diagnostics(id);
    const origin = new URL(t.sim.baseUrl).origin;
    // The addresses called, as the simulator saw them, and the report's own idea of them.
    expect(view.exchanges.map((e) => e.url)).toEqual(receivedPaths(t.sim).map((p) => `${origin}${p}`));
    expect(view.tokenUrl).toBe(view.exchanges[0]!.url);
    if (t.sim.info.renewal === 'refresh-token') {
      expect(view.exchanges.map((e) => e.phase)).toEqual(['login', 'refresh']);
      expect(view.refreshUrl).toBe(view.exchanges[1]!.url);
    } else {
      expect(view.exchanges.map((e) => e.phase)).toEqual(['login', 'login']);
      expect(view.refreshUrl).toBeUndefined();
    }
    for (const e of view.exchanges) {
      expect(e).toMatchObject({ method: 'POST', status: 200 });
      expect(e.failure).toBeUndefined();
      expect(e.headers['content-type']).toMatch(/json/);
      expect(Date.parse(e.headers.date!)).not.toBeNaN();
      // The answer's shape stays readable; its tokens do not.
      expect(e.body).toContain('[redacted]');
      expect(e.body).toMatch(/expires_?in/i);
    }
    expect(view).toMatchObject({ version: '9.9.9-test', host: 'browser', provider: providerId, environment: { kind: 'sandbox' } });
    expect(view.subject).toEqual({ kind: 'profile', name: 'Till 1', state: 'valid', failures: 0 });
    const secrets = { access1: first.accessToken, access2: second.accessToken, ...t.credentials };
    delete secrets.clientId;
    delete secrets.username;
    delete secrets.posSerial;
    delete secrets.posOsVersion;
    delete secrets.posFramework;
    delete secrets.scope;
    expect(leaks(JSON.stringify(view), secrets)).toEqual([]);
  });
});

describe('the exchanges of a profile', () => {
  it('keeps the last five, oldest first, each with its status, headers, body and what came of it; the report says it all in Spanish', async () => {
    const t = await setup('factus');
    const account = {
      clientId: 'till-7',
      clientSecret: 'cl1ent-secret/for+till=7',
      username: 'till7@factus.test',
      password: 'p4ssword-of-till-seven',
    };
    t.sim.addAccount(account);
    const id = await t.create('Caja 7', account);
    await t.until(id, ['valid']);
    const tokens = [await coreInternals(t.core).engine.getToken(id)];

    // 1 sign-in (200), 2 an outage, 3 a rate limit echoing secrets in every encoding, 4 a refused
    // refresh token and 5 the sign-in that follows, 6 a refresh answered 200 without a token and
    // 7 the one sign-in that follows it (the refresh token may have rotated in the unreadable
    // answer), answered the same way.
    t.sim.failNext(1, { kind: 'error', status: 503, headers: { 'Retry-After': '120' } });
    await t.call('refreshToken', { id });
    const echo = [
      account.password,
      b64(account.clientSecret),
      `Basic ${b64(`${account.clientId}:${account.clientSecret}`)}`,
      b64url(`x${tokens[0]!.accessToken}`),
      encodeURIComponent(account.password),
    ].join(' | ');
    t.sim.failNext(1, {
      kind: 'error',
      status: 429,
      body: { error: 'slow_down', error_description: `Too many requests from ${echo}` },
      headers: { 'Retry-After': '90' },
    });
    await t.call('refreshToken', { id });
    t.sim.failNext(1, {
      kind: 'error',
      status: 401,
      body: { error: 'invalid_token' },
      headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
    });
    await t.call('refreshToken', { id });
    tokens.push(await coreInternals(t.core).engine.getToken(id));
    t.sim.failNext(2, {
      kind: 'raw',
      status: 200,
      contentType: 'text/html',
      body: `<html><body>${'Down for maintenance. '.repeat(100)}</body></html>`,
    });
    await t.call('refreshToken', { id });

    const view = await t.diagnostics(id);
    expect(t.sim.stats().tokenRequests).toBe(7);
    expect(view.exchanges).toHaveLength(5);
    type Exchange = DiagnosticsView['exchanges'][number];
    const [rateLimited, refused, signedIn, unusable, unusableLogin] = view.exchanges as [Exchange, Exchange, Exchange, Exchange, Exchange];
    expect(rateLimited).toMatchObject({
      phase: 'refresh',
      status: 429,
      headers: { 'retry-after': '90' },
      failure: { errorClass: 'transient', code: 'slow_down' },
    });
    expect(rateLimited.body).toContain('Too many requests from [redacted] | [redacted] | Basic ');
    expect(refused).toMatchObject({ phase: 'refresh', status: 401, failure: { errorClass: 'refresh-rejected', code: 'invalid_token' } });
    expect(refused.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(refused.body).toBe('{"error":"invalid_token"}');
    expect(signedIn).toMatchObject({ phase: 'login', status: 200 });
    expect(signedIn.failure).toBeUndefined();
    expect(unusable).toMatchObject({
      phase: 'refresh',
      status: 200,
      headers: { 'content-type': 'text/html' },
      failure: { errorClass: 'protocol', code: 'not_json' },
    });
    expect(unusableLogin).toMatchObject({ phase: 'login', status: 200, failure: { errorClass: 'protocol', code: 'not_json' } });
    expect(unusable.body).toHaveLength(MAX_BODY_CHARS);
    expect(unusable.bodyLength).toBeGreaterThan(MAX_BODY_CHARS);
    for (let i = 1; i < 5; i++) expect(view.exchanges[i]!.at).toBeGreaterThanOrEqual(view.exchanges[i - 1]!.at);
    for (const e of view.exchanges) expect(e.ms).toBeGreaterThanOrEqual(0);
    expect(view.subject).toMatchObject({ kind: 'profile', name: 'Caja 7', state: 'retrying', failures: 1 });
    expect(view.lastError).toMatchObject({ errorClass: 'protocol', code: 'not_json' });

    const secrets = {
      password: account.password,
      clientSecret: account.clientSecret,
      ...Object.fromEntries(tokens.map((tk, i) => [`access${i}`, tk.accessToken])),
    };
    expect(leaks(JSON.stringify(view), secrets)).toEqual([]);

    const info = t.sim.info;
    const report = diagnosticsReport(view, info, 'es', translate(es));
    const port = new URL(t.sim.baseUrl).port;
    expect(report).toMatch(/^Diagnóstico de Tessera \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)\n/);
    for (const line of [
      'Tessera 9.9.9-test · Servidor para navegador (desarrollo) [browser] · ' + process.platform,
      'Perfil: Caja 7',
      'Proveedor: Factus [factus]',
      'Entorno: Entorno de pruebas integrado',
      `URL del token: http://127.0.0.1:${port}/oauth/token`,
      'Estado: Reintentando · intentos fallidos seguidos: 1',
      'Último error: Respuesta inesperada: El proveedor respondió con algo que no es una respuesta de token. [not_json]',
    ]) {
      expect(report.split('\n'), line).toContain(line);
    }
    expect(report).toMatch(
      /Últimos 5 intercambios con el servicio de tokens, del más antiguo al más reciente \(guardados en memoria desde .* UTC\):/,
    );
    expect(report).toMatch(/\n#1 \S+ \S+ UTC · renovación · POST \/oauth\/token → HTTP 429 · \d+ ms\n {3}content-type: application\/json/);
    expect(report).toContain('   retry-after: 90\n');
    expect(report).toContain(
      `   Resultado: Problema temporal: ${translate(es)('failure.unknownCode', { code: 'slow_down' })} [slow_down]\n`,
    );
    expect(report).toContain('   www-authenticate: Bearer error="invalid_token"\n');
    expect(report).toContain('   Resultado: Sesión rechazada: ');
    expect(report).toMatch(/#3 .* · inicio de sesión · POST \/oauth\/token → HTTP 200 · \d+ ms\n/);
    expect(report).toContain('   Resultado: token recibido\n');
    expect(report).toContain(
      `   Cuerpo (primeros ${MAX_BODY_CHARS} de ${unusable.bodyLength} caracteres):\n      <html><body>Down for maintenance. Down`,
    );
    expect(leaks(report, secrets)).toEqual([]);
    // The same report in English reads the same, in English.
    expect(diagnosticsReport(view, info, 'en', translate(en))).toContain('\nLast 5 exchanges with the token endpoint, oldest first');
  });

  it('says when no answer came: a dead connection, a timeout', async () => {
    const t = await setup('invoisys', { timeoutMs: 400 });
    t.sim.failNext(1, { kind: 'hang' });
    const id = await t.create('Till 1');
    await t.until(id, ['retrying']);
    let view = await t.diagnostics(id);
    expect(view.exchanges).toHaveLength(1);
    expect(view.exchanges[0]).toMatchObject({ phase: 'login', headers: {}, failure: { errorClass: 'transient', code: 'timeout' } });
    expect(view.exchanges[0]!.status).toBeUndefined();
    expect(view.exchanges[0]!.body).toBeUndefined();
    expect(view.exchanges[0]!.ms).toBeGreaterThanOrEqual(350);

    t.sim.failNext(1, { kind: 'reset' });
    await t.call('refreshToken', { id });
    view = await t.diagnostics(id);
    expect(view.exchanges[1]).toMatchObject({ phase: 'login', failure: { errorClass: 'transient', code: 'network' } });
    const report = diagnosticsReport(view, t.sim.info, 'en', translate(en));
    expect(report).toMatch(
      /#2 .* · sign-in · POST \/api\/token → no answer · \d+ ms\n {3}Result: Temporary problem: The network failed before the provider answered\./,
    );
  });

  it('keeps each profile to itself, and forgets a removed one', async () => {
    const t = await setup('invoisys');
    const a = await t.create('Till A');
    const b = await t.create('Till B');
    await t.until(a, ['valid']);
    await t.until(b, ['valid']);
    await t.call('refreshToken', { id: a });
    expect((await t.diagnostics(a)).exchanges).toHaveLength(2);
    expect((await t.diagnostics(b)).exchanges).toHaveLength(1);
    await t.call('removeProfile', { id: a });
    expect(t.core.diagnostics.exchanges(a)).toEqual([]);
    const missing = await t.core.dispatch('getDiagnostics', { id: a });
    expect(missing).toEqual({ ok: false, error: { code: 'not_found' } });
  });

  it('are not written to disk: the store file holds none of a body', async () => {
    const t = await setup('onapi');
    t.sim.failNext(1, {
      kind: 'error',
      status: 503,
      body: { message: 'planned-maintenance-window-7731' },
      headers: { 'Retry-After': '120' },
    });
    const id = await t.create('Till 1');
    await t.until(id, ['retrying']);
    expect((await t.diagnostics(id)).exchanges[0]!.body).toContain('planned-maintenance-window-7731');
    t.core.flush();
    // The provider's message is part of the last error (the card shows it); the body is not.
    expect(readFileSync(join(t.dir, 'tessera.json'), 'utf8')).not.toContain('{"message":"planned-maintenance-window-7731"}');
  });
});

describe('a failed connection test', () => {
  it('brings its own report, with the one exchange it made and no secret', async () => {
    const t = await setup('onapi');
    const draft = {
      name: 'New till',
      provider: 'onapi',
      environment: { kind: 'sandbox' },
      credentials: { ...t.credentials, password: 'wrong-password-for-the-test' },
    };
    const result = (await t.core.dispatch('testConnection', { profile: draft })) as Result<unknown> & { ok: false; error: AppErrorView };
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ code: 'provider', failure: { errorClass: 'credentials' } });
    const view = result.error.diagnostics!;
    expect(view.subject).toEqual({ kind: 'test', name: 'New till' });
    expect(view.exchanges).toHaveLength(1);
    expect(view.exchanges[0]).toMatchObject({ phase: 'login', status: 401, failure: { errorClass: 'credentials' } });
    expect(view.tokenUrl).toBe(`${t.sim.baseUrl}/integrator/authenticate`);
    expect(view.refreshUrl).toBe(`${t.sim.baseUrl}/integrator/refresh-token`);
    expect(view.lastError).toMatchObject({ errorClass: 'credentials', status: 401 });
    expect(leaks(JSON.stringify(result), { password: 'wrong-password-for-the-test' })).toEqual([]);
    const report = diagnosticsReport(view, t.sim.info, 'en', translate(en));
    expect(report).toContain('\nConnection test (not saved): New till\n');
    expect(report).not.toContain('State:');

    // A test that works brings no report, and a test is no profile: nothing is kept.
    const ok = await t.core.dispatch('testConnection', { profile: { ...draft, credentials: t.credentials } });
    expect(ok.ok).toBe(true);
    expect(JSON.stringify(ok)).not.toContain('exchanges');
    expect(coreInternals(t.core).vault.profiles()).toHaveLength(0);
  });
});

describe('a provider message echoing a secret in base64 or base64url (issue 10 §6)', () => {
  it('reaches neither the card nor the store file', async () => {
    const t = await setup('multinexo');
    const account = {
      clientId: 'till-3',
      clientSecret: 'multinexo-secret-of-till-3',
      username: 'till3',
      password: 'p4ss-of-till-three',
      scope: 'openid profile email voucher',
    };
    t.sim.addAccount(account);
    const echoed = [
      b64(account.password),
      b64url(`:${account.clientSecret}?`),
      `Basic ${b64(`${account.clientId}:${account.clientSecret}`)}`,
    ].join(', ');
    t.sim.failNext(1, { kind: 'error', status: 400, body: { error: 'invalid_grant', error_description: `Rejected: ${echoed}` } });
    const id = await t.create('Till 3', account);
    await t.until(id, ['needs-attention']);
    const card = (await t.call<ProfileView[]>('listProfiles')).find((p) => p.id === id)!;
    expect(card.token.lastError?.providerMessage).toMatch(/^Rejected: \[redacted\]/);
    t.core.flush();
    const store = readFileSync(join(t.dir, 'tessera.json'), 'utf8');
    const secrets = { password: account.password, clientSecret: account.clientSecret };
    expect(leaks(JSON.stringify(card), secrets)).toEqual([]);
    expect(leaks(store, secrets)).toEqual([]);
  });
});
