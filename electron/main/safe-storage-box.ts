// The app's SecretBox: Electron's safeStorage (Keychain on macOS, DPAPI on Windows, the Secret
// Service or KWallet on Linux) through its async API. Sealed values are `v1:` + base64, so the
// scheme can change later. safeStorage is passed in (typed against Electron, imported only as a
// type) so the box can be tested in Node with a stand-in.
import type { SafeStorage } from 'electron';

import type { SecretBoxStatus } from '#common/vault-status';

import type { Logger } from '../core/logger';
import type { SecretBox } from '../core/vault/types';

export const SEALED_TAG = 'v1:';

export type SafeStorageApi = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

export function createSafeStorageBox(safeStorage: SafeStorageApi, opts: { platform: NodeJS.Platform; logger: Logger }): SecretBox {
  const status = async (): Promise<SecretBoxStatus> => {
    const available = await safeStorage.isAsyncEncryptionAvailable();
    switch (opts.platform) {
      case 'darwin':
        return { available, backend: 'keychain' };
      case 'win32':
        return { available, backend: 'dpapi' };
      case 'linux': {
        // basic_text means no keyring was found: values are obfuscated with a fixed key,
        // readable by anyone who can read the file. The UI says so plainly.
        const backend = safeStorage.getSelectedStorageBackend();
        return backend === 'basic_text' ? { available, backend, warning: 'weak-keyring' } : { available, backend };
      }
      default:
        return { available, backend: opts.platform };
    }
  };

  return {
    status,
    seal: async (plain) => {
      // Refuse rather than fall back: a secret is stored sealed or not at all.
      if (!(await safeStorage.isAsyncEncryptionAvailable())) {
        throw new Error('Secrets cannot be sealed: the operating system offers no encryption for this app.');
      }
      const sealed = await safeStorage.encryptStringAsync(plain);
      return SEALED_TAG + sealed.toString('base64');
    },
    open: async (sealed) => {
      if (!sealed.startsWith(SEALED_TAG)) {
        throw new Error(`This value was not sealed by the app's safeStorage box (it lacks the ${SEALED_TAG} tag).`);
      }
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(sealed.slice(SEALED_TAG.length), 'base64'));
      if (shouldReEncrypt) {
        // The OS key was rotated or upgraded. The value still opens; re-sealing it is a later
        // improvement. Only the fact is logged, never the value.
        opts.logger.info('safeStorage: a sealed value should be re-sealed with the current key');
      }
      return result;
    },
  };
}
