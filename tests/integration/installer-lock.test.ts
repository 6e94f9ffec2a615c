// The installer lock through core's dispatch, the way both transports reach it: with a PIN set
// and the app locked, every installer method of the contract (the list comes from the contract
// and the policy table, so a new method is covered the day it is added) answers `locked`
// whatever its input and changes nothing, while a cashier's calls still work. Then unlocking,
// the lock shared by two browser-host sockets, "Forgot the PIN?" and a restart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { type AppEvent, type LockView, type Method, METHODS, type ProfileView, type Result } from '#common/contract';

import { createFolderCore } from '../../electron/browser-host/composition';
import { type BrowserHost, startBrowserHost } from '../../electron/browser-host/server';
import { METHOD_POLICY, type MethodPolicy } from '../../electron/core/lock/policy';
import { memoryLogger } from '../../electron/core/logger';
import { type Sandbox, startSandbox } from '../../electron/core/simulator';
import { coreInternals, type TesseraCore } from '../../electron/core/tessera-core';
import { eventually } from '../support/eventually';
import { removeTempDirs, tempDir } from '../support/temp-dir';

const PIN = '908172635401';
const PASSWORD = 'till-password-5521-secret';
const CHEAP = { N: 2 ** 10, r: 8, p: 1, keyLength: 32 };

let sandbox: Sandbox;
let dir: string;
let core: TesseraCore;
let profile: ProfileView;
const logger = memoryLogger();
const events: AppEvent[] = [];

async function call<T = unknown>(method: string, input?: unknown): Promise<Result<T>> {
  return (await core.dispatch(method, input)) as Result<T>;
}

async function ok<T = unknown>(method: Method, input?: unknown): Promise<T> {
  const result = await call<T>(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

async function until(check: () => boolean, what: string): Promise<void> {
  await eventually(() => expect(check(), `waiting for ${what}`).toBe(true));
}

function openCore(): Promise<TesseraCore> {
  return createFolderCore(dir, {
    version: 'test',
    systemLocale: 'en',
    logger,
    sandbox: (id) => sandbox.baseUrlFor(id),
    service: { port: 0 },
    installerLock: { scrypt: CHEAP },
  });
}

beforeAll(async () => {
  dir = tempDir();
  sandbox = await startSandbox();
  sandbox.simulators.invoisys.addAccount({ username: 'till@shop.test', password: PASSWORD });
  core = await openCore();
  core.onEvent((e) => events.push(e));
  profile = await ok<ProfileView>('createProfile', {
    name: 'Till 1',
    provider: 'invoisys',
    environment: { kind: 'sandbox' },
    credentials: { username: 'till@shop.test', password: PASSWORD },
  });
  await ok('createAccessKey', { name: 'POS', profiles: null });
  await until(() => coreInternals(core).engine.view(profile.id).state === 'valid', 'the first token');
  await ok('setInstallerPin', { newPin: PIN });
  expect(await ok<LockView>('lock')).toMatchObject({ pinSet: true, locked: true });
});

afterAll(async () => {
  await core.close();
  await sandbox.close();
  removeTempDirs();
});

/** Everything a refused call could have changed. */
function state() {
  core.flush();
  return {
    store: readFileSync(join(dir, 'tessera.json'), 'utf8'),
    profiles: JSON.stringify(coreInternals(core).vault.profiles()),
    keys: coreInternals(core).vault.accessKeys().length,
    service: JSON.stringify(core.service),
  };
}

const policyOf = (m: Method) => METHOD_POLICY[m] as MethodPolicy<Method>;
const installerMethods = METHODS.filter((m) => policyOf(m) === 'installer');
const cashierMethods = METHODS.filter((m) => policyOf(m) === 'cashier');
const byFieldMethods = METHODS.filter((m) => typeof policyOf(m) === 'object');
const fieldsOf = (m: Method, role: 'cashier' | 'installer') =>
  Object.entries((policyOf(m) as { byField: Record<string, string> }).byField)
    .filter(([, r]) => r === role)
    .map(([f]) => f);

/** Inputs that would do real damage if let through, for the methods that take one. */
function dangerous(method: Method): unknown[] {
  const draft = {
    name: 'Till 1',
    provider: 'invoisys',
    environment: { kind: 'custom', baseUrl: 'https://collector.example.com' },
    credentials: { username: 'till@shop.test' },
  };
  switch (method) {
    case 'createProfile':
      return [{ ...draft, name: 'Till 2', credentials: { username: 'x@shop.test', password: 'another-password-1' } }];
    case 'updateProfile':
      return [{ id: profile.id, profile: draft }];
    case 'testConnection':
      return [{ id: profile.id, profile: draft }];
    case 'removeProfile':
      return [{ id: profile.id }];
    case 'createAccessKey':
      return [{ name: 'Mine', profiles: null }];
    case 'revokeAccessKey':
      return [{ id: coreInternals(core).vault.accessKeys()[0]!.id }];
    case 'setFileSink':
      return [{ id: profile.id, path: join(dir, 'stolen.token') }];
    case 'setInstallerPin':
      return [{ newPin: null }, { currentPin: PIN, newPin: '1234' }];
    default:
      return [];
  }
}

describe('locked', () => {
  it('the contract has installer methods, cashier methods and a method split by field (the table is not empty)', () => {
    expect(installerMethods.length).toBeGreaterThan(5);
    expect(cashierMethods).toContain('refreshAll');
    expect(byFieldMethods).toContain('updateSettings');
  });

  it.each(installerMethods)('%s answers `locked`, whatever its input, and changes nothing', async (method) => {
    const before = state();
    const seen = events.length;
    for (const input of [undefined, null, {}, 'x', { id: profile.id }, ...dangerous(method)]) {
      const result = await call(method, input);
      expect(result, JSON.stringify(input)).toEqual({ ok: false, error: { code: 'locked' } });
    }
    expect(events.slice(seen)).toEqual([]);
    expect(state()).toEqual(before);
  });

  it.each(byFieldMethods)('%s answers `locked` for each installer field, and not for its cashier fields', async (method) => {
    const before = state();
    for (const field of fieldsOf(method, 'installer')) {
      for (const value of [1, true, 'x', null, 8080]) {
        expect(await call(method, { [field]: value }), `${field}: ${String(value)}`).toEqual({ ok: false, error: { code: 'locked' } });
      }
      // Mixed with a cashier field, the installer field still decides.
      for (const other of fieldsOf(method, 'cashier')) {
        expect((await call(method, { [other]: null, [field]: 1 })).ok).toBe(false);
      }
    }
    expect(state().store).toEqual(before.store);
    for (const field of fieldsOf(method, 'cashier')) {
      const result = await call(method, { [field]: 'not a valid value' });
      expect(result.ok || result.error.code).not.toBe('locked');
    }
  });

  it.each(cashierMethods)('%s is never refused as locked', async (method) => {
    const result = await call(method, undefined);
    expect(result.ok || result.error.code).not.toBe('locked');
  });

  it('a cashier refreshes, reads the dashboard and changes the language', async () => {
    const first = coreInternals(core).engine.view(profile.id).issuedAt!;
    await new Promise((r) => setTimeout(r, 5));
    const view = await ok<{ state: string; issuedAt: number }>('refreshToken', { id: profile.id });
    expect(view.state).toBe('valid');
    expect(view.issuedAt).toBeGreaterThan(first);
    expect(await ok<unknown[]>('refreshAll')).toHaveLength(1);
    expect(await ok<ProfileView[]>('listProfiles')).toHaveLength(1);
    expect(await ok<unknown[]>('getHistory', { id: profile.id })).not.toEqual([]);
    expect(await ok('updateSettings', { language: 'es' })).toMatchObject({ language: 'es' });
    expect(await ok('getLockState')).toMatchObject({ pinSet: true, locked: true });
  });

  it('POS programs keep getting tokens while locked', async () => {
    expect(core.lock.isLocked()).toBe(true);
    const token = await coreInternals(core).engine.getToken(profile.id);
    expect(token.accessToken).toBeTruthy();
  });
});

describe('unlocking', () => {
  it('a wrong PIN says how long to wait; the right one opens installer methods, for everyone', async () => {
    const wrong = await call('unlock', { pin: '111122223333' });
    expect(wrong).toEqual({ ok: false, error: { code: 'wrong_pin', retryInMs: expect.any(Number) as number } });
    expect(!wrong.ok && wrong.error.retryInMs).toBeGreaterThan(500);
    expect(!wrong.ok && wrong.error.retryInMs).toBeLessThanOrEqual(1000);
    const early = await call('unlock', { pin: PIN });
    expect(!early.ok && early.error.code).toBe('pin_backoff');
    await new Promise((r) => setTimeout(r, 1000));
    const seen = events.length;
    expect(await ok('unlock', { pin: PIN })).toMatchObject({ pinSet: true, locked: false, relocksInMs: expect.any(Number) as number });
    expect(events.slice(seen)).toContainEqual({ type: 'lock', lock: expect.objectContaining({ locked: false }) as LockView });
    expect(await ok('updateSettings', { startAtLogin: true })).toMatchObject({ startAtLogin: true });
    // Changing the PIN needs the current one even now.
    const noCurrent = await call('setInstallerPin', { newPin: '2468' });
    expect(!noCurrent.ok && noCurrent.error).toMatchObject({ code: 'validation', issues: [{ path: 'currentPin' }] });
    expect(await ok('lock')).toMatchObject({ locked: true });
    expect(await call('updateSettings', { startAtLogin: false })).toEqual({ ok: false, error: { code: 'locked' } });
  });

  it('is one lock for every browser-host socket: unlocking on one opens the other, and both hear it', async () => {
    const host: BrowserHost = await startBrowserHost({ core, rendererDir: tempDir(), port: 0, logger: memoryLogger() });
    const sockets: WebSocket[] = [];
    try {
      const connect = async () => {
        const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?key=${encodeURIComponent(host.accessKey)}`, {
          origin: `http://127.0.0.1:${host.port}`,
        });
        sockets.push(ws);
        const received: unknown[] = [];
        ws.on('message', (data: Buffer) => received.push(JSON.parse(data.toString())));
        await new Promise((res, rej) => {
          ws.once('open', res);
          ws.once('error', rej);
        });
        let id = 0;
        const send = (method: string, input?: unknown) =>
          new Promise<Result<unknown>>((resolve) => {
            const mine = ++id;
            const onMessage = (data: Buffer) => {
              const message = JSON.parse(data.toString()) as { id?: number; result?: Result<unknown> };
              if (message.id !== mine) return;
              ws.off('message', onMessage);
              resolve(message.result!);
            };
            ws.on('message', onMessage);
            ws.send(JSON.stringify({ id: mine, method, input }));
          });
        return { send, received };
      };
      const a = await connect();
      const b = await connect();
      expect(await b.send('createAccessKey', { name: 'B', profiles: null })).toEqual({ ok: false, error: { code: 'locked' } });
      expect((await a.send('unlock', { pin: PIN })).ok).toBe(true);
      await until(() => b.received.some((m) => (m as { event?: AppEvent }).event?.type === 'lock'), 'the lock event on the other socket');
      expect(b.received).toContainEqual({ event: { type: 'lock', lock: expect.objectContaining({ locked: false }) as LockView } });
      const created = await b.send('createAccessKey', { name: 'B', profiles: null });
      expect(created.ok).toBe(true);
      expect((await b.send('revokeAccessKey', { id: (created as { value: { accessKey: { id: string } } }).value.accessKey.id })).ok).toBe(
        true,
      );
      await b.send('lock');
      await until(
        () => a.received.some((m) => (m as { event?: { type: string; lock?: LockView } }).event?.lock?.locked === true),
        'the lock event on the first socket',
      );
      expect(await a.send('createAccessKey', { name: 'A', profiles: null })).toEqual({ ok: false, error: { code: 'locked' } });
    } finally {
      for (const ws of sockets) ws.terminate();
      await host.close();
    }
  });

  it('ends by itself after the unlock window and says so', async () => {
    const short = tempDir();
    const other = await createFolderCore(short, {
      version: 'test',
      systemLocale: 'en',
      logger: memoryLogger(),
      installerLock: { unlockMs: 300, scrypt: CHEAP },
    });
    try {
      const seen: AppEvent[] = [];
      other.onEvent((e) => seen.push(e));
      await other.dispatch('setInstallerPin', { newPin: '2468' });
      expect(other.lock.isLocked()).toBe(false);
      await until(() => seen.some((e) => e.type === 'lock' && e.lock.locked), 'the expiry event');
      expect(await other.dispatch('updateSettings', { servicePort: 9000 })).toEqual({ ok: false, error: { code: 'locked' } });
    } finally {
      await other.close();
    }
  });
});

describe('"Forgot the PIN?" and restarts', () => {
  it('a restart starts locked and keeps the wrong-PIN wait', async () => {
    expect((await call('unlock', { pin: '000000000000' })).ok).toBe(false);
    await core.close();
    core = await openCore();
    core.onEvent((e) => events.push(e));
    const view = await ok<LockView>('getLockState');
    expect(view).toMatchObject({ pinSet: true, locked: true });
    expect(view.retryInMs).toBeGreaterThan(0);
    expect(await call('removeProfile', { id: profile.id })).toEqual({ ok: false, error: { code: 'locked' } });
  });

  it('removes the PIN only with every secret and token: each profile must be typed again', async () => {
    await until(() => coreInternals(core).engine.view(profile.id).state === 'valid', 'the restored token');
    const lockedView = await ok<LockView>('resetInstallerPin', { confirm: 'delete-all-secrets' });
    expect(lockedView).toEqual({ pinSet: false, locked: false, unlockMs: expect.any(Number) as number });
    core.flush();
    const stored = JSON.parse(readFileSync(join(dir, 'tessera.json'), 'utf8')) as {
      secrets: object;
      tokens: object;
      installerLock: unknown;
      accessKeys: unknown[];
    };
    expect(stored.secrets).toEqual({});
    expect(stored.tokens).toEqual({});
    expect(stored.installerLock).toBeNull();
    // Access keys stay: POS programs work again once the secrets are typed.
    expect(stored.accessKeys).toHaveLength(1);
    const view = coreInternals(core).engine.view(profile.id);
    expect(view.state).toBe('needs-attention');
    expect(view.lastError).toMatchObject({ errorClass: 'credentials', code: 'secrets_cleared' });
    expect(view.preview).toBeUndefined();
    await expect(coreInternals(core).engine.getToken(profile.id)).rejects.toMatchObject({ code: 'needs_attention' });
    // Saving without the password is refused; with it, the profile signs in again.
    const draft = { name: 'Till 1', provider: 'invoisys', environment: { kind: 'sandbox' }, credentials: { username: 'till@shop.test' } };
    const missing = await call('updateProfile', { id: profile.id, profile: draft });
    expect(!missing.ok && missing.error).toMatchObject({
      code: 'validation',
      issues: [{ path: 'credentials.password', message: 'validation.required' }],
    });
    await ok('updateProfile', { id: profile.id, profile: { ...draft, credentials: { ...draft.credentials, password: PASSWORD } } });
    await until(() => coreInternals(core).engine.view(profile.id).state === 'valid', 'a sign-in with the typed password');
    // Nothing logged the PIN.
    expect(logger.lines.join('\n')).not.toContain(PIN);
  });

  it('without a PIN set, "Forgot the PIN?" deletes nothing', async () => {
    const before = state();
    expect(await ok('resetInstallerPin', { confirm: 'delete-all-secrets' })).toMatchObject({ pinSet: false });
    expect(state().store).toEqual(before.store);
  });
});
