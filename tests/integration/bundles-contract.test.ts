// Profile bundles through the contract, as each host carries them: the browser host (the page
// uploads and downloads the encrypted bytes) and the app (main's dialogs choose paths, core reads
// and writes the files, no bytes reach the page). Imported profiles sign in at once; neither the
// passphrase nor a secret comes back or reaches the log.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { BundleFileView, ExportResult, ImportOutcome, ImportPreview, Result } from '#common/contract';

import { createFolderCore } from '../../electron/browser-host/composition';
import type { BundleFileHost } from '../../electron/core/bundle/transfers';
import { memoryLogger } from '../../electron/core/logger';
import { type Sandbox, startSandbox } from '../../electron/core/simulator';
import { coreInternals, type TesseraCore } from '../../electron/core/tessera-core';
import { eventually } from '../support/eventually';
import { draftOf, fleetOfFive, type FleetProfile, leakForms, registerAccounts } from '../support/fleet';
import { removeTempDirs, tempDir } from '../support/temp-dir';

const PASSPHRASE = 'contract passphrase 77';
let sandbox: Sandbox;
const logger = memoryLogger();
const answers: string[] = [];
const cores: TesseraCore[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  for (const core of cores) await core.close();
  await sandbox.close();
  removeTempDirs();
});

async function core(bundleFiles?: BundleFileHost): Promise<TesseraCore> {
  const made = await createFolderCore(tempDir(), {
    version: '0.1.0',
    systemLocale: 'en',
    logger,
    sandbox: (id) => sandbox.baseUrlFor(id),
    bundleWorkFactor: 12,
    ...(bundleFiles ? { bundleFiles } : {}),
  });
  cores.push(made);
  return made;
}

async function call<T>(target: TesseraCore, method: string, input?: unknown): Promise<Result<T>> {
  const result = (await target.dispatch(method, input)) as Result<T>;
  answers.push(JSON.stringify(result));
  return result;
}

async function withFleet(target: TesseraCore, fleet: FleetProfile[]): Promise<string[]> {
  const ids: string[] = [];
  for (const p of fleet) {
    const created = await call<{ id: string }>(target, 'createProfile', draftOf(p));
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    ids.push(created.value.id);
  }
  return ids;
}

async function allValid(target: TesseraCore, ids: string[]): Promise<void> {
  await eventually(() => expect(ids.map((id) => coreInternals(target).engine.view(id).state)).toEqual(ids.map(() => 'valid')));
}

describe('in the browser host (the page moves the bytes)', () => {
  it('exports a download, imports an upload, and each imported profile signs in at once', async () => {
    const fleet = fleetOfFive('TILL-A-1');
    registerAccounts(sandbox, fleet, 'TILL-B-2');
    const source = await core();
    const ids = await withFleet(source, fleet);

    expect(await call(source, 'openBundleFile', { kind: 'dialog' })).toMatchObject({
      ok: false,
      error: { code: 'bundle', bundle: { reason: 'file' } },
    });
    const exported = await call<ExportResult>(source, 'exportProfiles', { ids, withSecrets: true, passphrase: PASSPHRASE });
    if (!exported.ok || exported.value.kind !== 'download') throw new Error('expected a download');
    expect(exported.value).toMatchObject({ profiles: 5, withSecrets: true });
    expect(exported.value.fileName).toMatch(/^tessera-profiles-\d{4}-\d{2}-\d{2}\.tessera$/);
    const bytes = Buffer.from(exported.value.data, 'base64');
    expect(bytes.subarray(0, 21).toString()).toBe('age-encryption.org/v1');

    const target = await core();
    const events: string[] = [];
    target.onEvent((e) => events.push(e.type));
    const opened = await call<BundleFileView>(target, 'openBundleFile', {
      kind: 'upload',
      fileName: 'C:\\Users\\till\\fleet.tessera',
      data: exported.value.data,
    });
    if (!opened.ok) throw new Error('open failed');
    expect(opened.value).toMatchObject({ fileName: 'fleet.tessera', size: bytes.length });
    // A wrong passphrase keeps the file, so the user can try again.
    expect(await call(target, 'previewImport', { fileId: opened.value.fileId, passphrase: 'not it at all' })).toMatchObject({
      ok: false,
      error: { code: 'bundle', bundle: { reason: 'passphrase' } },
    });
    const preview = await call<ImportPreview>(target, 'previewImport', { fileId: opened.value.fileId, passphrase: PASSPHRASE });
    if (!preview.ok) throw new Error('preview failed');
    expect(preview.value).toMatchObject({ fileName: 'fleet.tessera', appVersion: '0.1.0', withSecrets: true });
    expect(preview.value.profiles.map((p) => [p.name, p.provider, p.environment.kind, p.needs, p.clash])).toEqual(
      fleet.map((p) => [p.name, p.provider, 'sandbox', p.provider === 'ereceipt' ? ['posSerial', 'posOsVersion'] : [], null]),
    );

    const choices = preview.value.profiles.map((p) => ({
      index: p.index,
      action: 'import',
      values: { posSerial: 'TILL-B-2', posOsVersion: preview.value.osVersion },
    }));
    const imported = await call<ImportOutcome[]>(target, 'importProfiles', { importId: preview.value.importId, choices });
    if (!imported.ok) throw new Error(JSON.stringify(imported.error));
    expect(imported.value.map((o) => [o.name, o.outcome])).toEqual(fleet.map((p) => [p.name, 'created']));
    expect(events).toContain('profiles');
    await allValid(
      target,
      imported.value.map((o) => o.id!),
    );
    // Imported once: the bundle is forgotten.
    expect(await call(target, 'importProfiles', { importId: preview.value.importId, choices })).toMatchObject({
      ok: false,
      error: { code: 'bundle', bundle: { reason: 'expired' } },
    });
  });

  it('refuses what is not a bundle before asking for a passphrase, and forgets a closed import', async () => {
    const target = await core();
    const notBundle = await call(target, 'openBundleFile', {
      kind: 'upload',
      fileName: 'notes.txt',
      data: Buffer.from('shopping list').toString('base64'),
    });
    expect(notBundle).toMatchObject({ ok: false, error: { code: 'bundle', bundle: { reason: 'not_bundle' } } });
    expect(await call(target, 'openBundleFile', { kind: 'upload', fileName: 'x', data: 'not base64 ***' })).toMatchObject({
      ok: false,
      error: { bundle: { reason: 'not_bundle' } },
    });
    const opened = await call<BundleFileView>(target, 'openBundleFile', {
      kind: 'upload',
      fileName: 'x.tessera',
      data: Buffer.from('age-encryption.org/v1\n-> scrypt').toString('base64'),
    });
    if (!opened.ok) throw new Error('open failed');
    expect(await call(target, 'closeImport', { id: opened.value.fileId })).toEqual({ ok: true, value: null });
    expect(await call(target, 'previewImport', { fileId: opened.value.fileId, passphrase: PASSPHRASE })).toMatchObject({
      ok: false,
      error: { bundle: { reason: 'expired' } },
    });
  });

  it('names the fields of an import that must be fixed, all at once', async () => {
    const fleet = fleetOfFive();
    const source = await core();
    const ids = await withFleet(source, fleet);
    const exported = await call<ExportResult>(source, 'exportProfiles', { ids, withSecrets: false, passphrase: PASSPHRASE });
    if (!exported.ok || exported.value.kind !== 'download') throw new Error('expected a download');
    const opened = await call<BundleFileView>(source, 'openBundleFile', {
      kind: 'upload',
      fileName: 'f.tessera',
      data: exported.value.data,
    });
    if (!opened.ok) throw new Error('open failed');
    const preview = await call<ImportPreview>(source, 'previewImport', { fileId: opened.value.fileId, passphrase: PASSPHRASE });
    if (!preview.ok) throw new Error('preview failed');
    expect(preview.value.withSecrets).toBe(false);
    expect(preview.value.profiles.every((p) => p.clash?.sameProvider === true)).toBe(true);
    const result = await call(source, 'importProfiles', {
      importId: preview.value.importId,
      choices: preview.value.profiles.map((p) => ({ index: p.index, action: 'rename', values: {} })),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation' } });
    const paths = (result as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'profiles.0.credentials.clientSecret',
        'profiles.0.credentials.posSerial',
        'profiles.1.credentials.password',
        'profiles.4.credentials.password',
      ]),
    );
    // eReceipt's pre-shared key is optional (issue 9): a template may leave it out.
    expect(paths).not.toContain('profiles.0.credentials.preSharedKey');
    expect(coreInternals(source).vault.profiles()).toHaveLength(5);
  });
});

describe('in the app (main’s dialogs choose the files)', () => {
  it('writes where the save dialog says, reads what the open dialog says, and never hands the page bytes', async () => {
    const folder = tempDir('tessera-bundles-');
    let savePath: string | null = join(folder, 'fleet.tessera');
    let openPath: string | null = null;
    const dialogs: BundleFileHost = {
      chooseExportFile: (suggested) => Promise.resolve(savePath && (expect(suggested).toMatch(/\.tessera$/), savePath)),
      chooseImportFile: () => Promise.resolve(openPath),
    };
    const fleet = fleetOfFive('TILL-A-9');
    registerAccounts(sandbox, fleet, 'TILL-C-3');
    const source = await core(dialogs);
    const ids = await withFleet(source, fleet);

    expect(await call(source, 'openBundleFile', { kind: 'upload', fileName: 'x', data: '' })).toMatchObject({
      ok: false,
      error: { bundle: { reason: 'file' } },
    });
    savePath = null;
    expect(await call(source, 'exportProfiles', { ids, withSecrets: true, passphrase: PASSPHRASE })).toEqual({
      ok: true,
      value: { kind: 'cancelled' },
    });
    savePath = join(folder, 'fleet.tessera');
    const saved = await call<ExportResult>(source, 'exportProfiles', { ids, withSecrets: true, passphrase: PASSPHRASE });
    expect(saved).toEqual({ ok: true, value: { kind: 'saved', fileName: 'fleet.tessera', profiles: 5, withSecrets: true } });
    expect(statSync(savePath).mode & 0o777).toBe(0o600);

    const target = await core(dialogs);
    expect(await call(target, 'openBundleFile', { kind: 'dialog' })).toEqual({ ok: true, value: null });
    openPath = savePath;
    const opened = await call<BundleFileView>(target, 'openBundleFile', { kind: 'dialog' });
    if (!opened.ok || !opened.value) throw new Error('open failed');
    const preview = await call<ImportPreview>(target, 'previewImport', { fileId: opened.value.fileId, passphrase: PASSPHRASE });
    if (!preview.ok) throw new Error('preview failed');
    const imported = await call<ImportOutcome[]>(target, 'importProfiles', {
      importId: preview.value.importId,
      choices: preview.value.profiles.map((p) => ({
        index: p.index,
        action: 'import',
        values: { posSerial: 'TILL-C-3', posOsVersion: 'Windows 11' },
      })),
    });
    if (!imported.ok) throw new Error(JSON.stringify(imported.error));
    await allValid(
      target,
      imported.value.map((o) => o.id!),
    );
  });

  it('says so when the chosen file cannot be written or read', async () => {
    const dialogs: BundleFileHost = {
      chooseExportFile: () => Promise.resolve('/nonexistent-folder/x.tessera'),
      chooseImportFile: () => Promise.resolve('/nonexistent-folder/x.tessera'),
    };
    const target = await core(dialogs);
    const [id] = await withFleet(target, fleetOfFive().slice(1, 2));
    expect(await call(target, 'exportProfiles', { ids: [id], withSecrets: true, passphrase: PASSPHRASE })).toMatchObject({
      ok: false,
      error: { code: 'bundle', bundle: { reason: 'file' } },
    });
    expect(existsSync('/nonexistent-folder')).toBe(false);
    expect(await call(target, 'openBundleFile', { kind: 'dialog' })).toMatchObject({
      ok: false,
      error: { code: 'bundle', bundle: { reason: 'file' } },
    });
    const big = join(tempDir(), 'big.tessera');
    writeFileSync(big, Buffer.alloc(5 * 1024 * 1024, 0x61));
    const bigDialogs = await core({ chooseExportFile: () => Promise.resolve(null), chooseImportFile: () => Promise.resolve(big) });
    expect(await call(bigDialogs, 'openBundleFile', { kind: 'dialog' })).toMatchObject({
      ok: false,
      error: { bundle: { reason: 'too_large' } },
    });
    expect(readFileSync(big).length).toBe(5 * 1024 * 1024);
  });
});

describe('what comes back', () => {
  it('never a secret or the passphrase, in any answer or log line', () => {
    const all = `${answers.join('\n')}\n${logger.lines.join('\n')}`;
    expect(answers.length).toBeGreaterThan(20);
    expect(all).not.toContain(PASSPHRASE);
    expect(all).not.toMatch(/s3cr3t-/);
    for (const form of leakForms(PASSPHRASE)) expect(all).not.toContain(form);
  });
});
