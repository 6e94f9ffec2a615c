// Access keys of the local token service: 256-bit random values shown to the user once.
// Only their SHA-256 is stored; a fast hash is enough for keys this long.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

import { z } from 'zod';

import { hasControlChars } from '#common/profile-schema';

import type { AccessKeyRecord } from '../vault/schema';
import { type Vault, VaultError } from '../vault/vault';

const PREFIX = 'tsk_';

export const accessKeyNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'validation.required' })
  .max(60, { error: 'validation.tooLong' })
  .refine((v) => !hasControlChars(v), { error: 'validation.controlChars' });

function hashOf(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** Creates a key; the returned `key` exists nowhere else and is never stored. */
export function createAccessKey(
  vault: Vault,
  input: { name: string; profiles: string[] | null },
  now: number,
): { key: string; record: AccessKeyRecord } {
  const name = accessKeyNameSchema.safeParse(input.name);
  if (!name.success) {
    const issue = name.error.issues[0];
    throw new VaultError('validation', [
      {
        path: 'name',
        message: issue?.message ?? 'validation.invalid',
        ...(issue && 'maximum' in issue && typeof issue.maximum === 'number' ? { maximum: issue.maximum } : {}),
      },
    ]);
  }
  if (vault.accessKeys().some((k) => k.name.toLocaleLowerCase() === name.data.toLocaleLowerCase())) {
    throw new VaultError('validation', [{ path: 'name', message: 'validation.nameTaken' }]);
  }
  // A key limited to no profile could read nothing: refuse it rather than store a useless key.
  if (input.profiles && input.profiles.length === 0) {
    throw new VaultError('validation', [{ path: 'profiles', message: 'validation.required' }]);
  }
  if (input.profiles?.some((id) => !vault.profile(id))) {
    throw new VaultError('validation', [{ path: 'profiles', message: 'validation.invalid' }]);
  }
  const key = PREFIX + randomBytes(32).toString('base64url');
  const record: AccessKeyRecord = {
    id: randomUUID(),
    name: name.data,
    hash: hashOf(key).toString('hex'),
    hint: key.slice(0, PREFIX.length + 4),
    createdAt: now,
    lastUsedAt: null,
    profiles: input.profiles,
  };
  vault.addAccessKey(record);
  return { key, record };
}

// Stored hashes decoded once, not on every request.
const decoded = new WeakMap<AccessKeyRecord, Buffer>();

/** The record of a presented key, compared in constant time against every stored hash. */
export function findAccessKey(vault: Vault, presented: string): AccessKeyRecord | undefined {
  const candidate = hashOf(presented);
  let found: AccessKeyRecord | undefined;
  for (const record of vault.accessKeys()) {
    let hash = decoded.get(record);
    if (!hash) decoded.set(record, (hash = Buffer.from(record.hash, 'hex')));
    if (timingSafeEqual(candidate, hash)) found = record;
  }
  return found;
}

export function keyAllowsProfile(record: AccessKeyRecord, profileId: string): boolean {
  return record.profiles === null || record.profiles.includes(profileId);
}
