// Secrets at rest in the app, on the in-memory safeStorage: sealed `v1:` values only, refused
// outright when the OS offers no encryption, a plain warning with Linux's basic_text fallback,
// and still opening after a restart on the same account.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { ProfileDraft } from '#common/contract';
import { SECRET_FIELDS } from '#common/profile-schema';

import { findProvider } from '../../../electron/core/providers';
import { bootMain, disposeShells } from '../../support/main-shell';

afterEach(disposeShells);

const demo = findProvider('factus')!.info.sandboxDemo;
const draft: ProfileDraft = { name: 'Till 1', provider: 'factus', environment: { kind: 'sandbox' }, credentials: { ...demo } };
const secrets = SECRET_FIELDS.flatMap((field) => (demo[field] ? [demo[field]] : []));

function storeText(dataDir: string): string {
  try {
    return readFileSync(join(dataDir, 'tessera.json'), 'utf8');
  } catch {
    return '';
  }
}

describe('safeStorage in the app', () => {
  it('without OS encryption, refuses to store secrets rather than keep them weakly', async () => {
    const shell = await bootMain({ safeStorage: { available: false } });
    expect(await shell.call('getAppInfo')).toMatchObject({
      ok: true,
      value: { secretBox: { available: false, backend: 'gnome_libsecret' } },
    });
    expect(await shell.call('createProfile', draft)).toMatchObject({ ok: false, error: { code: 'encryption_unavailable' } });
    expect(await shell.call('listProfiles')).toEqual({ ok: true, value: [] });
    await shell.quit();
    for (const secret of secrets) expect(storeText(shell.dataDir)).not.toContain(secret);
    expect(shell.log()).toContain('core started {"backend":"gnome_libsecret","encryption":false,"warning":null,"sandbox":true}');
  });

  it("warns about Linux's basic_text store, which obfuscates only", async () => {
    const shell = await bootMain({ safeStorage: { backend: 'basic_text' } });
    expect(await shell.call('getAppInfo')).toMatchObject({
      ok: true,
      value: { secretBox: { available: true, backend: 'basic_text', warning: 'weak-keyring' } },
    });
    expect(shell.log()).toContain('core started {"backend":"basic_text","encryption":true,"warning":"weak-keyring","sandbox":true}');
  });

  it('seals every secret as a v1: value, and opens them again after a restart', async () => {
    const shell = await bootMain();
    const created = await shell.call('createProfile', draft);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    await shell.quit();

    const text = storeText(shell.dataDir);
    for (const secret of secrets) expect(text, 'a secret stored in clear').not.toContain(secret);
    const doc = JSON.parse(text) as { secrets: Record<string, Record<string, string>> };
    const sealed = Object.values(doc.secrets[created.value.id] ?? {});
    expect(sealed).toHaveLength(secrets.length);
    for (const value of sealed) expect(value).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);

    // The same account's keyring, the same data folder: the stored secrets sign in again.
    const again = await bootMain({ userData: shell.dataDir, safeStorage: { keyring: shell.electron.safeStorage.keyring } });
    const tested = await again.call('testConnection', {
      id: created.value.id,
      profile: { ...draft, credentials: { clientId: demo.clientId, username: demo.username } },
    });
    expect(tested).toMatchObject({ ok: true, value: { tokenType: 'Bearer' } });
  });

  it("another account's keyring cannot open them: the profile asks for its secrets again", async () => {
    const shell = await bootMain();
    const created = await shell.call('createProfile', draft);
    expect(created.ok).toBe(true);
    await shell.quit();

    const stranger = await bootMain({ userData: shell.dataDir });
    const profiles = await stranger.call('listProfiles');
    expect(profiles).toMatchObject({ ok: true, value: [{ name: 'Till 1' }] });
    expect(profiles).toMatchObject({
      ok: true,
      value: [{ token: { state: 'needs-attention', usable: false, lastError: { code: 'secret_unreadable' } } }],
    });
    for (const secret of secrets) expect(JSON.stringify(profiles)).not.toContain(secret);
  });
});
