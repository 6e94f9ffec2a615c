// Secrets at rest in the app: sealed by safeStorage as `v1:` values, absent in clear from the
// store file (mode 0600), and still opening after a restart on the same data folder.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import type { ProfileDraft } from '#common/contract';
import { SECRET_FIELDS } from '#common/profile-schema';

import { findProvider } from '../../electron/core/providers';
import { electronExecutable, expect, launchApp, NO_BINARY_REASON, type PageGlobals, test } from './support/electron-app';

test.skip(!electronExecutable(), NO_BINARY_REASON);

interface StoreFile {
  profiles: { id: string; fields: Record<string, string> }[];
  secrets: Record<string, Record<string, string>>;
  tokens: Record<string, string>;
}

test('secrets are sealed with safeStorage, never stored in clear, and open after a restart', async ({ app, page, dataDir }) => {
  const demo = findProvider('factus')!.info.sandboxDemo;
  const draft: ProfileDraft = { name: 'Till 1', provider: 'factus', environment: { kind: 'sandbox' }, credentials: { ...demo } };
  const secrets = SECRET_FIELDS.flatMap((field) => (demo[field] ? [demo[field]] : []));
  expect(secrets.length).toBeGreaterThan(0);

  const info = await page.evaluate(() => (globalThis as unknown as PageGlobals).tessera!.getAppInfo());
  if (!info.ok) throw new Error(info.error.code);
  const created = await page.evaluate((input) => (globalThis as unknown as PageGlobals).tessera!.createProfile(input), draft);
  const storeFile = join(dataDir, 'tessera.json');

  if (!info.value.secretBox.available) {
    // No OS encryption here: Tessera must refuse to keep the secrets rather than store them weakly.
    expect(created).toMatchObject({ ok: false, error: { code: 'encryption_unavailable' } });
    const text = readFileSync(storeFile, 'utf8');
    for (const secret of secrets) expect(text).not.toContain(secret);
    return;
  }

  expect(created.ok).toBe(true);
  if (!created.ok) return;
  const id = created.value.id;

  const text = readFileSync(storeFile, 'utf8');
  for (const secret of secrets) expect(text, 'a secret is stored in clear').not.toContain(secret);
  const doc = JSON.parse(text) as StoreFile;
  const sealed = Object.values(doc.secrets[id] ?? {});
  expect(sealed.length).toBe(secrets.length);
  for (const value of [...sealed, ...Object.values(doc.tokens)]) expect(value).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
  // Non-secret fields stay readable, so the profile can be shown without opening anything.
  expect(doc.profiles.find((p) => p.id === id)?.fields).toMatchObject({ clientId: demo.clientId });
  if (process.platform !== 'win32') expect(statSync(storeFile).mode & 0o777).toBe(0o600);

  // Restart on the same folder: the stored secrets open again (blank secrets mean "the stored one").
  await app.close();
  const again = await launchApp(dataDir);
  try {
    const kept = { clientId: demo.clientId, username: demo.username };
    const tested = await again.page.evaluate((input) => (globalThis as unknown as PageGlobals).tessera!.testConnection(input), {
      id,
      profile: { ...draft, credentials: kept },
    });
    expect(tested).toMatchObject({ ok: true });
  } finally {
    await again.app.close();
  }
});
