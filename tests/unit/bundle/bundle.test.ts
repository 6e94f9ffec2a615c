// Profile bundles in core: what goes into one (and what never does), reading one back, every
// refusal (nothing written), name clashes, per-terminal values, and one store write per import.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Decrypter, Encrypter, generateIdentity, identityToRecipient } from 'age-encryption';
import { afterEach, describe, expect, it } from 'vitest';

import type { BundleRefusal } from '#common/bundle-view';

import {
  buildDocument,
  exportBundle,
  type ImportChoice,
  importDocument,
  planImport,
  previewProfiles,
  readBundle,
} from '../../../electron/core/bundle/bundle';
import { openBundle, sealBundle } from '../../../electron/core/bundle/crypto';
import { BundleError } from '../../../electron/core/bundle/errors';
import { type BundleDocument, encodeDocument } from '../../../electron/core/bundle/format';
import { memoryLogger } from '../../../electron/core/logger';
import { findProvider } from '../../../electron/core/providers';
import { createConfStore } from '../../../electron/core/vault/conf-store';
import { createDevSecretBox } from '../../../electron/core/vault/dev-box';
import { Vault, VaultError } from '../../../electron/core/vault/vault';
import { fakeClock } from '../../support/fake-clock';
import { countingStore, draftOf, fleetOfFive, type FleetProfile, fleetProfile, folderSnapshot, leakForms } from '../../support/fleet';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

const PASSPHRASE = 'correct horse battery staple';
/** Fast scrypt for tests; the default (18) is exercised once below. */
const WORK = 10;
const catalog = (id: string) => findProvider(id)?.info;

afterEach(() => removeTempDirs());

function open(dir = tempDir()) {
  const store = countingStore(createConfStore(dir));
  const logger = memoryLogger();
  const vault = Vault.open({ store, box: createDevSecretBox(dir), catalog, clock: fakeClock(), logger });
  return { dir, vault, store, logger };
}

async function withProfiles(profiles: FleetProfile[]) {
  const opened = open();
  for (const p of profiles) await opened.vault.create(draftOf(p));
  return opened;
}

async function exported(vault: Vault, withSecrets = true, workFactor = WORK) {
  const { bytes } = await exportBundle(vault, {
    ids: vault.profiles().map((p) => p.id),
    withSecrets,
    appVersion: '0.1.0',
    now: Date.UTC(2026, 2, 1),
    passphrase: PASSPHRASE,
    workFactor,
  });
  return bytes;
}

async function refusal(promise: Promise<unknown>): Promise<BundleRefusal> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BundleError);
  return (err as BundleError).reason;
}

function choicesFor(doc: BundleDocument, values: Record<string, string> = {}, action: ImportChoice['action'] = 'import'): ImportChoice[] {
  return doc.profiles.map((_, index) => ({ index, action, values }));
}

describe('exporting', () => {
  it('writes an age file with a passphrase that holds no secret in any encoding, and opens with age itself', async () => {
    const fleet = fleetOfFive();
    const { vault } = await withProfiles(fleet);
    const bytes = await exported(vault, true, 18);
    const text = Buffer.from(bytes).toString('latin1');
    expect(text.startsWith('age-encryption.org/v1\n-> scrypt ')).toBe(true);
    for (const secret of fleet.flatMap((p) => p.secrets)) for (const form of leakForms(secret)) expect(text).not.toContain(form);
    // Any age implementation opens it with the passphrase: here the library's own decrypter.
    const decrypter = new Decrypter();
    decrypter.addPassphrase(PASSPHRASE);
    const inside = JSON.parse(await decrypter.decrypt(bytes, 'text')) as BundleDocument;
    expect(inside.kind).toBe('tessera-profiles');
    expect(inside.version).toBe(1);
    expect(inside.profiles.map((p) => p.name)).toEqual(fleet.map((p) => p.name));
  }, 30_000);

  it('carries provider, environment, plain fields and secrets, but never the POS identity, tokens, history or access keys', async () => {
    const fleet = fleetOfFive('TILL-A-0001');
    const { vault } = await withProfiles(fleet);
    const id = vault.profiles()[0]!.id;
    await vault.saveToken(id, { accessToken: 'eyJ.token-never-exported.sig', tokenType: 'Bearer', issuedAt: 1, expiresAt: 2 });
    vault.appendHistory(id, { at: 1, kind: 'signed-in', expiresAt: 2 });
    vault.addAccessKey({ id: 'k1', name: 'POS', hash: 'a'.repeat(64), hint: 'tsk_abcd', createdAt: 1, lastUsedAt: null, profiles: null });
    const doc = await buildDocument(vault, { ids: vault.profiles().map((p) => p.id), withSecrets: true, appVersion: '0.1.0', now: 0 });
    const text = JSON.stringify(doc);
    expect(text).not.toContain('TILL-A-0001');
    expect(text).not.toContain('Linux test 1');
    expect(text).not.toContain('token-never-exported');
    expect(text).not.toContain('tsk_abcd');
    expect(text).not.toContain('signed-in');
    const ereceipt = doc.profiles.find((p) => p.provider === 'ereceipt')!;
    expect(ereceipt.fields).toEqual({ clientId: fleet[0]!.credentials.clientId, posFramework: '2.1' });
    expect(ereceipt.secrets).toEqual({
      clientSecret: fleet[0]!.credentials.clientSecret,
      preSharedKey: fleet[0]!.credentials.preSharedKey,
    });
    expect(ereceipt.environment).toEqual({ kind: 'sandbox' });
  });

  it('leaves every secret out of a template', async () => {
    const fleet = fleetOfFive();
    const { vault } = await withProfiles(fleet);
    const bytes = await exported(vault, false);
    const inside = await openBundle(bytes, PASSPHRASE);
    for (const secret of fleet.flatMap((p) => p.secrets)) expect(inside).not.toContain(secret);
    expect((JSON.parse(inside) as BundleDocument).profiles.every((p) => p.secrets === undefined)).toBe(true);
  });

  it('refuses a short passphrase, and names the profile whose secret cannot be opened', async () => {
    const { vault, dir } = await withProfiles([fleetProfile('factus', 'Till 1')]);
    const ids = vault.profiles().map((p) => p.id);
    expect(await refusal(exportBundle(vault, { ids, withSecrets: true, appVersion: 'x', now: 0, passphrase: 'short' }))).toBe(
      'passphrase_short',
    );
    // Another box (another keyring) cannot open what this one sealed.
    const other = Vault.open({
      store: createConfStore(dir),
      box: createDevSecretBox(tempDir()),
      catalog,
      clock: fakeClock(),
      logger: memoryLogger(),
    });
    const err = await exportBundle(other, {
      ids,
      withSecrets: true,
      appVersion: 'x',
      now: 0,
      passphrase: PASSPHRASE,
      workFactor: WORK,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleError);
    expect((err as BundleError).toView()).toEqual({ reason: 'secret_unreadable', profile: 'Till 1' });
  });
});

describe('importing', () => {
  it('recreates every profile with this terminal’s serial and OS version, in one store write', async () => {
    const fleet = fleetOfFive('TILL-A-0001');
    const { vault: source } = await withProfiles(fleet);
    const bytes = await exported(source);
    const target = open();
    const doc = await readBundle(bytes, PASSPHRASE, catalog);
    const preview = previewProfiles(target.vault, doc, catalog);
    expect(preview.map((p) => [p.name, p.provider, p.needs])).toEqual([
      ['Till 1 ereceipt', 'ereceipt', ['posSerial', 'posOsVersion']],
      ['Till 2 onapi', 'onapi', []],
      ['Till 3 multinexo', 'multinexo', []],
      ['Till 4 factus', 'factus', []],
      ['Till 5 invoisys', 'invoisys', []],
    ]);
    const { outcomes } = await importDocument(
      target.vault,
      doc,
      choicesFor(doc, { posSerial: 'TILL-B-0002', posOsVersion: 'Windows 11 Pro' }),
      catalog,
    );
    expect(target.store.writes).toBe(1);
    expect(outcomes.map((o) => o.outcome)).toEqual(['created', 'created', 'created', 'created', 'created']);
    for (const [i, p] of fleet.entries()) {
      const record = target.vault.profiles()[i]!;
      const expected =
        p.provider === 'ereceipt' ? { ...p.credentials, posSerial: 'TILL-B-0002', posOsVersion: 'Windows 11 Pro' } : p.credentials;
      expect(await target.vault.credentials(record.id)).toEqual(expected);
    }
    const stored = readFileSync(join(target.dir, 'tessera.json'), 'utf8');
    for (const secret of fleet.flatMap((p) => p.secrets)) for (const form of leakForms(secret)) expect(stored).not.toContain(form);
    expect(target.logger.lines.join('\n')).not.toMatch(/s3cr3t-/);
  });

  it('a template needs its secrets typed: missing ones are field issues and nothing is written', async () => {
    const fleet = [fleetProfile('factus', 'Till 1')];
    const { vault: source } = await withProfiles(fleet);
    const doc = await readBundle(await exported(source, false), PASSPHRASE, catalog);
    const target = open();
    expect(previewProfiles(target.vault, doc, catalog)[0]!.needs).toEqual(['clientSecret', 'password']);
    const before = folderSnapshot(target.dir);
    const err = await importDocument(target.vault, doc, choicesFor(doc, { password: 'typed-password' }), catalog).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultError);
    expect((err as VaultError).issues).toEqual([{ path: 'profiles.0.credentials.clientSecret', message: 'validation.required' }]);
    expect(folderSnapshot(target.dir)).toEqual(before);
    expect(target.store.writes).toBe(0);
    await importDocument(target.vault, doc, choicesFor(doc, { password: 'typed-password', clientSecret: 'typed-secret' }), catalog);
    expect(await target.vault.credentials(target.vault.profiles()[0]!.id)).toMatchObject({
      clientSecret: 'typed-secret',
      password: 'typed-password',
    });
  });

  it('a template offers its optional secrets (eReceipt’s pre-shared key) to type, and imports with or without them', async () => {
    const original = fleetProfile('ereceipt', 'Till 1');
    const { vault: source } = await withProfiles([original]);
    const doc = await readBundle(await exported(source, false), PASSPHRASE, catalog);
    const target = open();
    const [preview] = previewProfiles(target.vault, doc, catalog);
    expect(preview!.needs).toEqual(['clientSecret', 'posSerial', 'posOsVersion']);
    expect(preview!.optional).toEqual(['preSharedKey']);
    const terminal = { clientSecret: 'typed-secret', posSerial: 'TILL-B', posOsVersion: 'Linux' };
    await importDocument(target.vault, doc, choicesFor(doc, { ...terminal, preSharedKey: 'typed-psk' }), catalog);
    await importDocument(target.vault, doc, choicesFor(doc, terminal, 'rename'), catalog);
    const [withKey, withoutKey] = target.vault.profiles();
    expect((await target.vault.credentials(withKey!.id)).preSharedKey).toBe('typed-psk');
    expect((await target.vault.credentials(withoutKey!.id)).preSharedKey).toBeUndefined();
    // A bundle with secrets already says whether the profile had one: nothing optional is asked.
    const full = await readBundle(await exported(source), PASSPHRASE, catalog);
    expect(previewProfiles(target.vault, full, catalog)[0]!.optional).toEqual([]);
  });

  it('a missing or malformed POS serial is refused, and nothing is written', async () => {
    const { vault: source } = await withProfiles([fleetProfile('ereceipt', 'Till 1')]);
    const doc = await readBundle(await exported(source), PASSPHRASE, catalog);
    const target = open();
    for (const [values, message] of [
      [{ posOsVersion: 'Linux' }, 'validation.required'],
      [{ posSerial: 'x'.repeat(300), posOsVersion: 'Linux' }, 'validation.tooLong'],
      [{ posSerial: 'ÜNÏCODE', posOsVersion: 'Linux' }, 'validation.headerChars'],
    ] as const) {
      const err = await importDocument(target.vault, doc, choicesFor(doc, values), catalog).catch((e: unknown) => e);
      expect((err as VaultError).issues).toContainEqual(expect.objectContaining({ path: 'profiles.0.credentials.posSerial', message }));
    }
    expect(target.store.writes).toBe(0);
    expect(target.vault.profiles()).toEqual([]);
  });

  it('reports an undecided clash and a missing serial in the same answer', async () => {
    const { vault: source } = await withProfiles([fleetProfile('ereceipt', 'Till 1')]);
    const doc = await readBundle(await exported(source), PASSPHRASE, catalog);
    const target = await withProfiles([fleetProfile('ereceipt', 'Till 1')]);
    const err = await importDocument(target.vault, doc, choicesFor(doc, { posOsVersion: 'Linux' }), catalog).catch((e: unknown) => e);
    expect((err as VaultError).issues).toEqual([
      { path: 'profiles.0.action', message: 'bundles.validation.clash' },
      { path: 'profiles.0.credentials.posSerial', message: 'validation.required' },
    ]);
  });

  it('a clash must be decided: skip, replace (in place, keeping the id) or rename', async () => {
    const { vault: source } = await withProfiles([fleetProfile('factus', 'Till 1'), fleetProfile('invoisys', 'Till 2')]);
    const doc = await readBundle(await exported(source), PASSPHRASE, catalog);
    const target = open();
    const mine = fleetProfile('factus', 'till 1');
    const kept = await target.vault.create(draftOf(mine));
    const writes = target.store.writes;
    const preview = previewProfiles(target.vault, doc, catalog);
    expect(preview[0]!.clash).toEqual({ id: kept.id, name: 'till 1', provider: 'factus', sameProvider: true });
    expect(preview[0]!.suggestedName).toBe('Till 1 (2)');
    // Not decided: refused, nothing written.
    const err = await importDocument(target.vault, doc, choicesFor(doc), catalog).catch((e: unknown) => e);
    expect((err as VaultError).issues).toEqual([{ path: 'profiles.0.action', message: 'bundles.validation.clash' }]);
    expect(target.store.writes).toBe(writes);

    const skip = await importDocument(
      target.vault,
      doc,
      [
        { index: 0, action: 'skip', values: {} },
        { index: 1, action: 'import', values: {} },
      ],
      catalog,
    );
    expect(skip.outcomes.map((o) => o.outcome)).toEqual(['skipped', 'created']);
    expect(await target.vault.credentials(kept.id)).toEqual(mine.credentials);

    const rename = await importDocument(
      target.vault,
      doc,
      [
        { index: 0, action: 'rename', values: {} },
        { index: 1, action: 'rename', name: 'Till 2 copy', values: {} },
      ],
      catalog,
    );
    expect(rename.outcomes.map((o) => o.name)).toEqual(['Till 1 (2)', 'Till 2 copy']);

    const replace = await importDocument(
      target.vault,
      doc,
      [
        { index: 0, action: 'replace', values: {} },
        { index: 1, action: 'skip', values: {} },
      ],
      catalog,
    );
    expect(replace.outcomes[0]).toEqual({ index: 0, name: 'Till 1', outcome: 'replaced', id: kept.id });
    expect(target.vault.profile(kept.id)!.name).toBe('Till 1');
    expect((await target.vault.credentials(kept.id)).clientSecret).toBe(doc.profiles[0]!.secrets!.clientSecret);
  });

  it('replacing with another provider’s profile removes the old one in the same write', async () => {
    const { vault: source } = await withProfiles([fleetProfile('invoisys', 'Till 1')]);
    const doc = await readBundle(await exported(source), PASSPHRASE, catalog);
    const target = open();
    const old = await target.vault.create(draftOf(fleetProfile('factus', 'Till 1')));
    const writes = target.store.writes;
    const { result } = await importDocument(target.vault, doc, [{ index: 0, action: 'replace', values: {} }], catalog);
    expect(result.removed).toEqual([old.id]);
    expect(target.vault.profiles().map((p) => [p.name, p.provider])).toEqual([['Till 1', 'invoisys']]);
    expect(target.store.writes).toBe(writes + 1);
  });

  it('a template replacing a profile of the same provider keeps its stored secrets', async () => {
    const original = fleetProfile('factus', 'Till 1');
    const { vault: source } = await withProfiles([original]);
    const doc = await readBundle(await exported(source, false), PASSPHRASE, catalog);
    const target = open();
    const mine = await target.vault.create(draftOf(original));
    await importDocument(target.vault, doc, [{ index: 0, action: 'replace', values: {} }], catalog);
    expect(await target.vault.credentials(mine.id)).toEqual(original.credentials);
  });

  it('plans nothing without a choice for every profile', async () => {
    const { vault: source } = await withProfiles([fleetProfile('invoisys', 'Till 1')]);
    const doc = await readBundle(await exported(source), PASSPHRASE, catalog);
    const target = open();
    expect(() => planImport(target.vault, doc, [], catalog)).toThrow(VaultError);
  });
});

describe('refusals: nothing is written', () => {
  async function bundle() {
    const { vault } = await withProfiles([fleetProfile('invoisys', 'Till 1')]);
    return exported(vault);
  }

  it('a wrong passphrase', async () => {
    expect(await refusal(readBundle(await bundle(), 'not the passphrase', catalog))).toBe('passphrase');
  });

  it('a truncated file, at any length', async () => {
    const bytes = await bundle();
    for (const length of [0, 10, 40, 90, 120, bytes.length - 17, bytes.length - 1]) {
      const reason = await refusal(readBundle(bytes.subarray(0, length), PASSPHRASE, catalog));
      expect(['damaged', 'not_bundle'], `cut at ${length}`).toContain(reason);
    }
    expect(await refusal(readBundle(bytes.subarray(0, bytes.length - 1), PASSPHRASE, catalog))).toBe('damaged');
  });

  it('a changed byte in the payload is damage; in the header it reads as a wrong passphrase (age cannot tell)', async () => {
    const bytes = await bundle();
    const payload = bytes.slice();
    payload[payload.length - 20]! ^= 0x01;
    expect(await refusal(readBundle(payload, PASSPHRASE, catalog))).toBe('damaged');
    const header = bytes.slice();
    const macLine = Buffer.from(header).indexOf('\n--- ') + 10;
    header[macLine]! ^= 0x01;
    expect(['damaged', 'passphrase']).toContain(await refusal(readBundle(header, PASSPHRASE, catalog)));
  });

  it('a file that is not a bundle, or an age file made for a key', async () => {
    expect(await refusal(readBundle(Buffer.from('{"kind":"tessera-profiles"}'), PASSPHRASE, catalog))).toBe('not_bundle');
    const identity = await generateIdentity();
    const encrypter = new Encrypter();
    encrypter.addRecipient(await identityToRecipient(identity));
    expect(await refusal(readBundle(await encrypter.encrypt('{}'), PASSPHRASE, catalog))).toBe('not_bundle');
    expect(await refusal(readBundle(await sealBundle('a shopping list', PASSPHRASE, WORK), PASSPHRASE, catalog))).toBe('not_bundle');
  });

  it('a newer format version, named as such', async () => {
    const bytes = await sealBundle(JSON.stringify({ kind: 'tessera-profiles', version: 2, profiles: [] }), PASSPHRASE, WORK);
    const err = await readBundle(bytes, PASSPHRASE, catalog).catch((e: unknown) => e);
    expect((err as BundleError).toView()).toEqual({ reason: 'newer_version', version: 2 });
  });

  it('an invalid bundle or profile, naming the profile and the field', async () => {
    const base: BundleDocument = {
      kind: 'tessera-profiles',
      version: 1,
      createdAt: new Date(0).toISOString(),
      app: { name: 'Tessera', version: '0.1.0' },
      withSecrets: true,
      profiles: [
        {
          name: 'Till 1',
          provider: 'invoisys',
          environment: { kind: 'sandbox' },
          fields: { username: 'a@b.test' },
          secrets: { password: 'pw-123456789' },
        },
      ],
    };
    const seal = (doc: unknown) => sealBundle(JSON.stringify(doc), PASSPHRASE, WORK);
    expect(await readBundle(await seal(base), PASSPHRASE, catalog)).toEqual(base);
    const refused = async (doc: unknown) =>
      ((await readBundle(await seal(doc), PASSPHRASE, catalog).catch((e: unknown) => e)) as BundleError).toView();
    expect(await refused({ ...base, profiles: [{ ...base.profiles[0], provider: 'acme' }] })).toEqual({
      reason: 'invalid_profile',
      profile: 'Till 1',
      field: 'provider',
      message: 'validation.provider',
    });
    expect(await refused({ ...base, profiles: [{ ...base.profiles[0], fields: { username: 'not an e-mail' } }] })).toEqual({
      reason: 'invalid_profile',
      profile: 'Till 1',
      field: 'credentials.username',
      message: 'validation.email',
    });
    expect(
      await refused({ ...base, profiles: [{ ...base.profiles[0], environment: { kind: 'custom', baseUrl: 'http://example.com' } }] }),
    ).toMatchObject({ reason: 'invalid_profile', field: 'environment.baseUrl' });
    expect(await refused({ ...base, profiles: [base.profiles[0], base.profiles[0]] })).toEqual({ reason: 'invalid' });
    expect(await refused({ ...base, withSecrets: false })).toEqual({ reason: 'invalid' });
    expect(await refused({ ...base, profiles: [{ ...base.profiles[0], token: 'x' }] })).toEqual({ reason: 'invalid' });
    expect(await refused({ ...base, profiles: [] })).toEqual({ reason: 'invalid' });
  });

  it('the encoded document is what gets encrypted, byte for byte', async () => {
    const { vault } = await withProfiles([fleetProfile('invoisys', 'Till 1')]);
    const doc = await buildDocument(vault, { ids: vault.profiles().map((p) => p.id), withSecrets: true, appVersion: '0.1.0', now: 0 });
    expect(await openBundle(await sealBundle(encodeDocument(doc), PASSPHRASE, WORK), PASSPHRASE)).toBe(encodeDocument(doc));
  });
});

describe('single creates', () => {
  it('still write the store once each, as durably as before', async () => {
    const { vault, store } = open();
    for (const p of fleetOfFive()) await vault.create(draftOf(p));
    expect(store.writes).toBe(5);
  });
});
