// Issue 10, findings 5 and 6: one damaged entry of the store costs that entry alone, the notice
// counts exactly what was dropped, and the damaged file is kept; a store file that is not a
// document (null, [], a number) or carries fields Tessera does not know is set aside and
// reported, never read as empty or stripped in silence.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { memoryLogger } from '../../../electron/core/logger';
import { findProvider } from '../../../electron/core/providers';
import { createAccessKey, findAccessKey } from '../../../electron/core/service/access-keys';
import { createConfStore } from '../../../electron/core/vault/conf-store';
import { createDevSecretBox } from '../../../electron/core/vault/dev-box';
import { Vault } from '../../../electron/core/vault/vault';
import { fakeClock } from '../../support/fake-clock';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

const A = { clientSecret: 'a-client-secret-5512', preSharedKey: 'a-pre-shared-key-5512' };
const B = { clientSecret: 'b-client-secret-8820', preSharedKey: 'b-pre-shared-key-8820' };

function open(dir: string) {
  return Vault.open({
    store: createConfStore(dir),
    box: createDevSecretBox(dir),
    catalog: (id) => findProvider(id)?.info,
    clock: fakeClock(),
    logger: memoryLogger(),
  });
}

function ereceipt(name: string, secrets: { clientSecret: string; preSharedKey: string }) {
  return {
    name,
    provider: 'ereceipt',
    environment: { kind: 'preset', id: 'preproduction' },
    credentials: { clientId: `${name}-client`, posSerial: 'SN-1', posOsVersion: 'Windows 11', posFramework: '1', ...secrets },
  };
}

interface Doc {
  secrets: Record<string, Record<string, string>>;
  accessKeys: { hash: string; name: string }[];
  [key: string]: unknown;
}

/** Two profiles and three access keys, saved; then the test damages the file. */
async function twoProfiles() {
  const dir = tempDir();
  const vault = open(dir);
  const a = await vault.create(ereceipt('Till A', A));
  const b = await vault.create(ereceipt('Till B', B));
  const keys = ['POS 1', 'POS 2', 'POS 3'].map((name) => createAccessKey(vault, { name, profiles: null }, 1).key);
  vault.flush();
  const file = join(dir, 'tessera.json');
  const read = () => JSON.parse(readFileSync(file, 'utf8')) as Doc;
  const write = (doc: unknown) => writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return { dir, file, a, b, keys, read, write };
}

const asides = (dir: string, kind: string) => readdirSync(dir).filter((f) => f.startsWith(`tessera.json.${kind}-`));

afterEach(() => removeTempDirs());

describe('one damaged entry costs one entry', () => {
  it('a sealed value that cannot be read drops that secret alone; its profile names it; the other profile keeps working', async () => {
    const t = await twoProfiles();
    const doc = t.read();
    doc.secrets[t.a.id]!.clientSecret = 'not a sealed value';
    t.write(doc);
    const original = readFileSync(t.file, 'utf8');

    const vault = open(t.dir);
    expect(vault.problems).toEqual([
      {
        kind: 'store-repaired',
        copiedTo: expect.stringContaining('tessera.json.damaged-') as string,
        droppedProfiles: 0,
        droppedSecrets: 1,
        droppedKeys: 0,
        droppedOther: 0,
      },
    ]);
    expect(vault.profiles().map((p) => p.name)).toEqual(['Till A', 'Till B']);
    expect(vault.secretFlags(t.a.id)).toEqual({ clientSecret: false, password: false, preSharedKey: true });
    expect(vault.profile(t.a.id)!.attention).toMatchObject({ errorClass: 'credentials', code: 'secret_dropped', fields: ['clientSecret'] });
    // Till A sends nothing without its client secret; Till B is untouched.
    await expect(vault.credentials(t.a.id)).rejects.toMatchObject({
      code: 'secret_missing',
      issues: [{ path: 'credentials.clientSecret' }],
    });
    expect(await vault.credentials(t.b.id)).toMatchObject(B);
    expect(vault.profile(t.b.id)!.attention).toBeNull();
    // The damaged copy is the file as it was.
    expect(readFileSync(join(t.dir, asides(t.dir, 'damaged')[0]!), 'utf8')).toBe(original);
  });

  it('a sealed value that no longer opens (the box works for the others) is dropped alone, counted, with a copy kept', async () => {
    const t = await twoProfiles();
    const doc = t.read();
    const sealed = doc.secrets[t.b.id]!.preSharedKey!;
    // Still tagged, so the schema accepts it; one byte of the ciphertext flipped.
    doc.secrets[t.b.id]!.preSharedKey = sealed.slice(0, -4) + (sealed.at(-4) === 'A' ? 'B' : 'A') + sealed.slice(-3);
    t.write(doc);
    const vault = open(t.dir);
    expect(vault.problems).toEqual([]);
    await vault.checkSecrets();
    expect(vault.problems).toEqual([
      expect.objectContaining({ kind: 'store-repaired', droppedProfiles: 0, droppedSecrets: 1, droppedKeys: 0 }),
    ]);
    expect(vault.secretFlags(t.b.id)).toEqual({ clientSecret: true, password: false, preSharedKey: false });
    expect(vault.profile(t.b.id)!.attention).toMatchObject({ code: 'secret_dropped', fields: ['preSharedKey'] });
    expect(await vault.credentials(t.a.id)).toMatchObject(A);
    const copy = JSON.parse(readFileSync(join(t.dir, asides(t.dir, 'damaged')[0]!), 'utf8')) as Doc;
    expect(copy.secrets[t.b.id]!.preSharedKey).toBe(doc.secrets[t.b.id]!.preSharedKey);

    // Typing it again is all it takes; the other stored secret stays.
    await vault.update(t.b.id, ereceipt('Till B', { clientSecret: '', preSharedKey: 'b-new-pre-shared-key' }));
    expect(await vault.credentials(t.b.id)).toMatchObject({ clientSecret: B.clientSecret, preSharedKey: 'b-new-pre-shared-key' });
    expect(vault.profile(t.b.id)!.attention).toBeNull();
  });

  it('after the repair, the next start finds a sound store: no second notice, and the profile still asks for its secret', async () => {
    const t = await twoProfiles();
    const doc = t.read();
    delete doc.secrets[t.a.id]!.preSharedKey;
    doc.secrets[t.a.id]!.clientSecret = '???';
    t.write(doc);
    expect(open(t.dir).problems).toHaveLength(1);
    const again = open(t.dir);
    expect(again.problems).toEqual([]);
    // The pre-shared key is optional (issue 9): a profile without one is sound, so only the
    // client secret is asked for.
    expect(again.profile(t.a.id)!.attention).toMatchObject({ code: 'secret_dropped', fields: ['clientSecret'] });
    expect(asides(t.dir, 'damaged')).toHaveLength(1);
  });

  it('when nothing opens (the key changed), nothing is dropped: the values wait for the keyring to return', async () => {
    const t = await twoProfiles();
    const before = readFileSync(t.file, 'utf8');
    const other = tempDir();
    const vault = Vault.open({
      store: createConfStore(t.dir),
      box: createDevSecretBox(other),
      catalog: (id) => findProvider(id)?.info,
      clock: fakeClock(),
      logger: memoryLogger(),
    });
    await vault.checkSecrets();
    expect(vault.problems).toEqual([]);
    await expect(vault.credentials(t.a.id)).rejects.toMatchObject({ code: 'secret_unreadable' });
    expect(readFileSync(t.file, 'utf8')).toBe(before);
  });

  it('one bad access-key hash drops that key alone, and the notice says so', async () => {
    const t = await twoProfiles();
    const doc = t.read();
    doc.accessKeys[1]!.hash = 'zz';
    t.write(doc);
    const vault = open(t.dir);
    expect(vault.problems).toEqual([expect.objectContaining({ droppedProfiles: 0, droppedSecrets: 0, droppedKeys: 1, droppedOther: 0 })]);
    expect(vault.accessKeys().map((k) => k.name)).toEqual(['POS 1', 'POS 3']);
    expect(findAccessKey(vault, t.keys[0]!)?.name).toBe('POS 1');
    expect(findAccessKey(vault, t.keys[2]!)?.name).toBe('POS 3');
    expect(findAccessKey(vault, t.keys[1]!)).toBeUndefined();
    expect(await vault.credentials(t.a.id)).toMatchObject(A);
  });

  it('counts a dropped profile, secret, key and setting each once', async () => {
    const t = await twoProfiles();
    const doc = t.read();
    (doc.profiles as unknown[]).push({ id: 'broken', name: 42 });
    doc.secrets[t.b.id]!.password = 'v1:not-a-field-of-eReceipt';
    doc.accessKeys.push({ hash: 'nope', name: '' });
    (doc.settings as Record<string, unknown>).servicePort = 'eighty';
    t.write(doc);
    const vault = open(t.dir);
    expect(vault.problems).toEqual([expect.objectContaining({ droppedProfiles: 1, droppedSecrets: 1, droppedKeys: 1, droppedOther: 1 })]);
    expect(vault.profiles()).toHaveLength(2);
    expect(vault.accessKeys()).toHaveLength(3);
    expect(vault.settings().servicePort).toBe(7478);
    expect(await vault.credentials(t.b.id)).toMatchObject(B);
  });
});

describe('a store file that is not a Tessera document is set aside and reported', () => {
  for (const [label, content] of [
    ['null', 'null'],
    ['an empty list', '[]'],
    ['a number', '42'],
    ['a list of profiles', '[{"id":"x"}]'],
  ] as const) {
    it(`${label}`, () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'tessera.json'), content);
      const vault = open(dir);
      expect(vault.problems).toEqual([
        { kind: 'store-unreadable', movedTo: expect.stringContaining('tessera.json.unreadable-') as string },
      ]);
      expect(readFileSync(join(dir, asides(dir, 'unreadable')[0]!), 'utf8')).toBe(content);
      expect(vault.profiles()).toEqual([]);
    });
  }

  it('unknown top-level fields: the document is kept, the copy too, and the notice counts them', async () => {
    const t = await twoProfiles();
    const doc = t.read();
    t.write({ ...doc, profilesBackup: doc.profiles, exportedBy: 'someone' });
    const original = readFileSync(t.file, 'utf8');
    const vault = open(t.dir);
    expect(vault.problems).toEqual([
      expect.objectContaining({ kind: 'store-repaired', droppedProfiles: 0, droppedSecrets: 0, droppedKeys: 0, droppedOther: 2 }),
    ]);
    expect(vault.profiles()).toHaveLength(2);
    expect(await vault.credentials(t.a.id)).toMatchObject(A);
    expect(readFileSync(join(t.dir, asides(t.dir, 'damaged')[0]!), 'utf8')).toBe(original);
    expect(Object.keys(JSON.parse(readFileSync(t.file, 'utf8')) as object)).not.toContain('exportedBy');
  });

  it('a new store (no file) and an empty object are just empty', () => {
    const fresh = tempDir();
    expect(open(fresh).problems).toEqual([]);
    const empty = tempDir();
    writeFileSync(join(empty, 'tessera.json'), '{}');
    expect(open(empty).problems).toEqual([]);
    expect(existsSync(join(empty, 'tessera.json'))).toBe(true);
  });
});
