// The safeStorage SecretBox against a stand-in for Electron's safeStorage: the v1: format,
// the backend and warning it reports per platform, refusals, and the re-seal hint.
import { describe, expect, it } from 'vitest';

import { memoryLogger } from '../../../electron/core/logger';
import { createSafeStorageBox, type SafeStorageApi, SEALED_TAG } from '../../../electron/main/safe-storage-box';

type Backend = ReturnType<SafeStorageApi['getSelectedStorageBackend']>;

/** Reversible, obviously-not-plaintext "encryption", with the async shape of Electron 42+. */
function fakeSafeStorage(opts: { available?: boolean; backend?: Backend; reEncrypt?: boolean } = {}) {
  const calls = { decrypt: 0 };
  const api: SafeStorageApi = {
    isAsyncEncryptionAvailable: () => Promise.resolve(opts.available ?? true),
    encryptStringAsync: (plain) => Promise.resolve(Buffer.from(`enc(${[...plain].reverse().join('')})`, 'utf8')),
    decryptStringAsync: (buf) => {
      calls.decrypt++;
      const text = buf.toString('utf8');
      if (!text.startsWith('enc(') || !text.endsWith(')')) return Promise.reject(new Error('bad ciphertext'));
      return Promise.resolve({ result: [...text.slice(4, -1)].reverse().join(''), shouldReEncrypt: opts.reEncrypt ?? false });
    },
    getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
  };
  return { api, calls };
}

const SECRET = 'client-secret-7781-secret';

describe('createSafeStorageBox', () => {
  it('seals into v1: + base64 without the plaintext, and opens it again', async () => {
    const box = createSafeStorageBox(fakeSafeStorage().api, { platform: 'linux', logger: memoryLogger() });
    const sealed = await box.seal(SECRET);
    expect(sealed.startsWith(SEALED_TAG)).toBe(true);
    expect(sealed).not.toContain(SECRET);
    expect(sealed.slice(SEALED_TAG.length)).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(await box.open(sealed)).toBe(SECRET);
  });

  it('refuses to open a value without the v1: tag, with a clear message', async () => {
    const { api, calls } = fakeSafeStorage();
    const box = createSafeStorageBox(api, { platform: 'linux', logger: memoryLogger() });
    await expect(box.open('dev1:abcd')).rejects.toThrow(/v1: tag/);
    await expect(box.open(SECRET)).rejects.toThrow(/not sealed by the app's safeStorage box/);
    expect(calls.decrypt).toBe(0);
  });

  it('passes on a failure to decrypt (another key, damage)', async () => {
    const box = createSafeStorageBox(fakeSafeStorage().api, { platform: 'darwin', logger: memoryLogger() });
    await expect(box.open(SEALED_TAG + Buffer.from('garbage').toString('base64'))).rejects.toThrow();
  });

  it('refuses to seal when the OS offers no encryption', async () => {
    const box = createSafeStorageBox(fakeSafeStorage({ available: false }).api, { platform: 'win32', logger: memoryLogger() });
    expect(await box.status()).toEqual({ available: false, backend: 'dpapi' });
    await expect(box.seal(SECRET)).rejects.toThrow(/cannot be sealed/);
  });

  it('names the backend per platform and warns about basic_text on Linux', async () => {
    const status = (platform: NodeJS.Platform, backend?: Backend) =>
      createSafeStorageBox(fakeSafeStorage({ backend }).api, { platform, logger: memoryLogger() }).status();
    expect(await status('darwin')).toEqual({ available: true, backend: 'keychain' });
    expect(await status('win32')).toEqual({ available: true, backend: 'dpapi' });
    expect(await status('linux', 'kwallet6')).toEqual({ available: true, backend: 'kwallet6' });
    expect(await status('linux', 'basic_text')).toEqual({ available: true, backend: 'basic_text', warning: 'weak-keyring' });
  });

  it('notes a value that should be re-sealed, without logging it', async () => {
    const logger = memoryLogger();
    const box = createSafeStorageBox(fakeSafeStorage({ reEncrypt: true }).api, { platform: 'linux', logger });
    const sealed = await box.seal(SECRET);
    expect(await box.open(sealed)).toBe(SECRET);
    expect(logger.lines).toEqual(['info safeStorage: a sealed value should be re-sealed with the current key']);
    expect(logger.lines.join('\n')).not.toContain(SECRET);
    expect(logger.lines.join('\n')).not.toContain(sealed.slice(SEALED_TAG.length));
  });
});
