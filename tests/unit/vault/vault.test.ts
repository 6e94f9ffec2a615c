// The vault on a real conf file and the development box: validation, sealing, edits,
// damaged stores and unreadable secrets.
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { memoryLogger } from '../../../electron/core/logger';
import { findProvider } from '../../../electron/core/providers';
import { createConfStore } from '../../../electron/core/vault/conf-store';
import { createDevSecretBox } from '../../../electron/core/vault/dev-box';
import type { SecretBox } from '../../../electron/core/vault/types';
import { Vault, VaultError } from '../../../electron/core/vault/vault';
import { fakeClock } from '../../support/fake-clock';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

const PSK = 'pre-shared-key-4471-secret';
const CLIENT_SECRET = 'client-secret-9931-secret';

function open(dir: string, box: SecretBox = createDevSecretBox(dir)) {
  const logger = memoryLogger();
  const vault = Vault.open({
    store: createConfStore(dir),
    box,
    catalog: (id) => findProvider(id)?.info,
    clock: fakeClock(),
    logger,
  });
  return { vault, logger };
}

function ereceiptInput(overrides: Record<string, unknown> = {}, credentials: Record<string, string> = {}) {
  return {
    name: 'Counter 1',
    provider: 'ereceipt',
    environment: { kind: 'preset', id: 'preproduction' },
    credentials: {
      clientId: 'client-1',
      clientSecret: CLIENT_SECRET,
      posSerial: 'SN-0001',
      posOsVersion: 'Windows 11',
      posFramework: '1',
      preSharedKey: PSK,
      ...credentials,
    },
    ...overrides,
  };
}

async function issuesOf(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VaultError);
  return (err as VaultError).issues;
}

afterEach(() => removeTempDirs());

describe('saving a profile', () => {
  it('seals secrets: the file holds none of them, and they open again', async () => {
    const dir = tempDir();
    const { vault } = open(dir);
    const record = await vault.create(ereceiptInput());
    const bytes = readFileSync(join(dir, 'tessera.json'), 'utf8');
    expect(bytes).not.toContain(PSK);
    expect(bytes).not.toContain(CLIENT_SECRET);
    expect(bytes).toContain('SN-0001');
    expect(await vault.credentials(record.id)).toMatchObject({ preSharedKey: PSK, clientSecret: CLIENT_SECRET, posSerial: 'SN-0001' });
    expect(vault.secretFlags(record.id)).toEqual({ clientSecret: true, password: false, preSharedKey: true });
  });

  it('keeps the store and the key file owner-only', async () => {
    const dir = tempDir();
    const { vault } = open(dir);
    await vault.create(ereceiptInput());
    expect(statSync(join(dir, 'tessera.json')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'dev-secret.key')).mode & 0o777).toBe(0o600);
  });

  it('refuses a 300-character serial with a field message and saves nothing', async () => {
    const dir = tempDir();
    const { vault } = open(dir);
    const issues = await issuesOf(vault.create(ereceiptInput({}, { posSerial: 'S'.repeat(300) })));
    expect(issues).toEqual([{ path: 'credentials.posSerial', message: 'validation.tooLong', maximum: 100 }]);
    expect(vault.profiles()).toHaveLength(0);
    expect(existsSync(join(dir, 'tessera.json'))).toBe(false);
  });

  it('saves an eReceipt profile without framework and pre-shared key, and still limits them when given', async () => {
    const { vault } = open(tempDir());
    const record = await vault.create(ereceiptInput({}, { posFramework: '', preSharedKey: '' }));
    expect(vault.secretFlags(record.id)).toMatchObject({ clientSecret: true, preSharedKey: false });
    expect(await vault.credentials(record.id)).not.toHaveProperty('preSharedKey');
    const tooLong = await issuesOf(
      vault.create(ereceiptInput({ name: 'Counter 2' }, { posFramework: 'F'.repeat(11), preSharedKey: 'k'.repeat(201) })),
    );
    expect(tooLong).toEqual([
      { path: 'credentials.posFramework', message: 'validation.tooLong', maximum: 10 },
      { path: 'credentials.preSharedKey', message: 'validation.tooLong', maximum: 200 },
    ]);
    // The serial and the OS version stay required.
    const missing = await issuesOf(vault.create(ereceiptInput({ name: 'Counter 3' }, { posSerial: '', posOsVersion: '' })));
    expect(missing.map((i) => `${i.path} ${i.message}`).sort()).toEqual([
      'credentials.posOsVersion validation.required',
      'credentials.posSerial validation.required',
    ]);
  });

  it('removes a stored optional secret only when asked, and never a required one without a new value', async () => {
    const { vault } = open(tempDir());
    const record = await vault.create(ereceiptInput());
    const edit = ereceiptInput({}, { clientSecret: '', preSharedKey: '' });
    // Empty means "keep".
    expect((await vault.update(record.id, edit)).signInChanged).toBe(false);
    expect(await vault.credentials(record.id)).toMatchObject({ preSharedKey: PSK });
    // Asked to remove it: gone, and the sign-in changed (the old token is dropped).
    expect((await vault.update(record.id, edit, ['preSharedKey'])).signInChanged).toBe(true);
    expect(await vault.credentials(record.id)).not.toHaveProperty('preSharedKey');
    expect(vault.secretFlags(record.id)).toMatchObject({ clientSecret: true, preSharedKey: false });
    // A required secret cannot simply be removed.
    const issues = await issuesOf(vault.update(record.id, edit, ['clientSecret']));
    expect(issues).toEqual([{ path: 'credentials.clientSecret', message: 'validation.required' }]);
    expect(await vault.credentials(record.id)).toMatchObject({ clientSecret: CLIENT_SECRET });
    // Removing and typing a new value at once keeps the new value.
    await vault.update(record.id, ereceiptInput({}, { clientSecret: '', preSharedKey: 'new-key-7' }), ['preSharedKey']);
    expect(await vault.credentials(record.id)).toMatchObject({ preSharedKey: 'new-key-7' });
  });

  it('refuses plain http to a remote host, a missing secret, a taken name and a header with a line break', async () => {
    const { vault } = open(tempDir());
    await vault.create(ereceiptInput());
    const issues = await issuesOf(
      vault.create(
        ereceiptInput(
          { name: 'counter 1', environment: { kind: 'custom', baseUrl: 'http://id.eta.example.com' } },
          { clientSecret: '', posFramework: 'a\r\nb' },
        ),
      ),
    );
    expect(issues.map((i) => `${i.path} ${i.message}`).sort()).toEqual([
      'credentials.clientSecret validation.required',
      'credentials.posFramework validation.controlChars',
      'credentials.posFramework validation.headerChars',
      'environment.baseUrl validation.url.insecure',
    ]);
    // The name clash is reported once the fields themselves are valid.
    const clash = await issuesOf(vault.create(ereceiptInput({ name: ' COUNTER 1 ' })));
    expect(clash).toEqual([{ path: 'name', message: 'validation.nameTaken' }]);
  });

  it('accepts http on loopback for a local gateway or simulator', async () => {
    const { vault } = open(tempDir());
    const record = await vault.create(ereceiptInput({ environment: { kind: 'custom', baseUrl: 'http://127.0.0.1:8080/' } }));
    expect(record.environment).toEqual({ kind: 'custom', baseUrl: 'http://127.0.0.1:8080/' });
  });

  it('refuses to store secrets when the box cannot seal, and says so', async () => {
    const dir = tempDir();
    const unavailable: SecretBox = {
      status: () => Promise.resolve({ available: false, backend: 'none' }),
      seal: () => Promise.reject(new Error('no')),
      open: () => Promise.reject(new Error('no')),
    };
    const { vault } = open(dir, unavailable);
    await expect(vault.create(ereceiptInput())).rejects.toMatchObject({ code: 'encryption_unavailable' });
    expect(vault.profiles()).toHaveLength(0);
  });
});

describe('editing a profile', () => {
  it('keeps a secret left empty, replaces one typed anew, and reports whether sign-in changed', async () => {
    const { vault } = open(tempDir());
    const record = await vault.create(ereceiptInput());
    const renamed = await vault.update(record.id, ereceiptInput({ name: 'Front counter' }, { clientSecret: '', preSharedKey: '' }));
    expect(renamed.signInChanged).toBe(false);
    expect((await vault.credentials(record.id)).preSharedKey).toBe(PSK);
    const rekeyed = await vault.update(
      record.id,
      ereceiptInput({ name: 'Front counter' }, { clientSecret: '', preSharedKey: 'new-key-2' }),
    );
    expect(rekeyed.signInChanged).toBe(true);
    expect(await vault.credentials(record.id)).toMatchObject({ preSharedKey: 'new-key-2', clientSecret: CLIENT_SECRET });
  });

  it('does not let the provider of a profile change', async () => {
    const { vault } = open(tempDir());
    const record = await vault.create(ereceiptInput());
    await expect(
      vault.update(record.id, { name: 'x', provider: 'invoisys', environment: { kind: 'sandbox' }, credentials: { username: 'a@b.co' } }),
    ).rejects.toMatchObject({ issues: [{ path: 'provider', message: 'validation.providerFixed' }] });
  });

  it('removes secrets, token and history with the profile', async () => {
    const dir = tempDir();
    const { vault } = open(dir);
    const record = await vault.create(ereceiptInput());
    await vault.saveToken(record.id, { accessToken: 'a'.repeat(40), tokenType: 'Bearer', issuedAt: 1, expiresAt: 2 });
    vault.appendHistory(record.id, { at: 1, kind: 'signed-in' });
    vault.remove(record.id);
    vault.flush();
    const doc = JSON.parse(readFileSync(join(dir, 'tessera.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    expect(doc.secrets).toEqual({});
    expect(doc.tokens).toEqual({});
    expect(doc.history).toEqual({});
  });
});

describe('damage and recovery', () => {
  it('moves an unreadable store aside, reports it, and starts empty without losing the bytes', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'tessera.json'), '{"version":1,"profiles":[{"id":');
    const { vault, logger } = open(dir);
    expect(vault.profiles()).toHaveLength(0);
    expect(vault.problems).toHaveLength(1);
    const problem = vault.problems[0]!;
    expect(problem.kind).toBe('store-unreadable');
    const aside = readdirSync(dir).find((f) => f.startsWith('tessera.json.unreadable-'))!;
    expect(readFileSync(join(dir, aside), 'utf8')).toBe('{"version":1,"profiles":[{"id":');
    expect(logger.lines.some((l) => l.includes('moved aside'))).toBe(true);
    await vault.create(ereceiptInput());
    expect(open(dir).vault.profiles()).toHaveLength(1);
  });

  it('keeps the sound profiles of a damaged store and a copy of the original', async () => {
    const dir = tempDir();
    const first = open(dir).vault;
    const kept = await first.create(ereceiptInput());
    const doc = JSON.parse(readFileSync(join(dir, 'tessera.json'), 'utf8')) as { profiles: unknown[] };
    doc.profiles.push({ id: 'broken', name: 42 });
    writeFileSync(join(dir, 'tessera.json'), JSON.stringify(doc));
    const { vault } = open(dir);
    expect(vault.profiles().map((p) => p.id)).toEqual([kept.id]);
    expect(await vault.credentials(kept.id)).toMatchObject({ preSharedKey: PSK });
    expect(vault.problems).toEqual([expect.objectContaining({ kind: 'store-repaired', droppedProfiles: 1 })]);
    expect(readdirSync(dir).some((f) => f.startsWith('tessera.json.damaged-'))).toBe(true);
  });

  it('reports secrets it can no longer open (key changed) instead of returning garbage', async () => {
    const dir = tempDir();
    const { vault } = open(dir);
    const record = await vault.create(ereceiptInput());
    await vault.saveToken(record.id, { accessToken: 'a'.repeat(40), tokenType: 'Bearer', issuedAt: 1, expiresAt: 2 });
    vault.flush();
    rmSync(join(dir, 'dev-secret.key'));
    const reopened = open(dir).vault;
    await expect(reopened.credentials(record.id)).rejects.toMatchObject({ code: 'secret_unreadable' });
    expect(await reopened.loadToken(record.id)).toBeUndefined();
  });

  it('keeps only the newest history events', () => {
    const dir = tempDir();
    const vault = Vault.open({
      store: createConfStore(dir),
      box: createDevSecretBox(dir),
      catalog: (id) => findProvider(id)?.info,
      clock: fakeClock(),
      logger: memoryLogger(),
      historyLimit: 5,
    });
    return vault.create(ereceiptInput()).then((record) => {
      for (let i = 0; i < 12; i++) vault.appendHistory(record.id, { at: i, kind: 'served' });
      expect(vault.history(record.id).map((e) => e.at)).toEqual([7, 8, 9, 10, 11]);
    });
  });
});
