// DEVELOPMENT ONLY: a SecretBox for the browser host and tests, where Electron's safeStorage
// does not exist. AES-256-GCM with a random key kept in a 0600 file beside the data: it keeps
// secrets out of the store file, but anyone who can read both files can open them.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

import type { SecretBox } from './types';

export const DEV_BOX_TAG = 'dev1:';
const KEY_FILE = 'dev-secret.key';

function loadOrCreateKey(dir: string): Buffer {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, KEY_FILE);
  try {
    // `wx`: create only if absent, so two processes never overwrite each other's key.
    const fd = openSync(file, 'wx', 0o600);
    const key = randomBytes(32);
    writeSync(fd, key);
    closeSync(fd);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  chmodSync(file, 0o600);
  const key = readFileSync(file);
  if (key.length !== 32) throw new Error(`The development key file ${file} is damaged.`);
  return key;
}

export function createDevSecretBox(dir: string): SecretBox {
  const key = loadOrCreateKey(dir);
  const aad = Buffer.from(DEV_BOX_TAG);
  return {
    status: () => Promise.resolve({ available: true, backend: 'aes-256-gcm-keyfile', warning: 'development-only' }),
    seal: (plain) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Promise.resolve(DEV_BOX_TAG + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'));
    },
    open: (sealed) => {
      if (!sealed.startsWith(DEV_BOX_TAG)) {
        return Promise.reject(new Error('This value was not sealed by the development box.'));
      }
      const raw = Buffer.from(sealed.slice(DEV_BOX_TAG.length), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAAD(aad);
      decipher.setAuthTag(raw.subarray(12, 28));
      return Promise.resolve(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
    },
  };
}
