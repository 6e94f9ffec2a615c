// The installer PIN at rest: a scrypt hash with its own random salt and the parameters it was
// made with, so they can be raised later without breaking stored PINs. The PIN itself is never
// kept, logged or returned; comparing is constant-time.
import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

import { z } from 'zod';

/** 4 to 12 ASCII digits: what a PIN pad and a cashier's till keyboard both can type. */
export const PIN_PATTERN = /^[0-9]{4,12}$/;

export function isPinFormat(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}

/**
 * 32 MiB and tens of milliseconds per hash on an idle desktop: slow enough that a copied store
 * file costs an attacker real time per guess, fast enough that typing the PIN feels instant.
 */
export const SCRYPT_DEFAULTS = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } as const;

const base64 = (min: number, max: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/)
    .min(min)
    .max(max);

/**
 * The stored hash. Bounds keep a tampered file from asking for gigabytes of memory (N, r, p)
 * or from shrinking the comparison to nothing (keyLength, hash).
 */
export const pinHashSchema = z
  .object({
    algorithm: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 10)
      .max(2 ** 17)
      .refine((n) => (n & (n - 1)) === 0, 'a power of two'),
    r: z.number().int().min(1).max(16),
    p: z.number().int().min(1).max(4),
    keyLength: z.number().int().min(16).max(64),
    salt: base64(16, 100),
    hash: base64(20, 100),
  })
  .strict()
  .refine((h) => Buffer.from(h.hash, 'base64').length === h.keyLength, 'hash length matches keyLength');
export type PinHash = z.infer<typeof pinHashSchema>;

export type ScryptParameters = { N: number; r: number; p: number; keyLength: number };

function derive(pin: string, salt: Buffer, params: ScryptParameters): Promise<Buffer> {
  // Node refuses more than 32 MiB by default; ask for what these parameters need, plus slack.
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 128 * params.N * params.r * params.p + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, params.keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPin(pin: string, params: ScryptParameters = SCRYPT_DEFAULTS): Promise<PinHash> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, params);
  return { algorithm: 'scrypt', ...params, salt: salt.toString('base64'), hash: key.toString('base64') };
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await derive(pin, Buffer.from(stored.salt, 'base64'), stored);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** What the store keeps of the lock: the hash and the wrong-PIN backoff (so a restart keeps it). */
export const installerLockRecordSchema = z
  .object({
    /** null: the stored hash was damaged. No PIN opens the lock then, only "Forgot the PIN?". */
    pin: pinHashSchema.nullable(),
    /** Wrong PINs in a row. Counted before each check, so stopping Tessera mid-check saves no guess. */
    failures: z.number().int().min(0).max(10_000).default(0),
    /** Wall-clock time before which no PIN is checked. */
    retryAt: z.number().default(0),
  })
  .strict();
export type InstallerLockRecord = z.infer<typeof installerLockRecordSchema>;

/**
 * A damaged lock record fails closed: if it was there, Tessera stays locked (the hash kept when
 * it alone is sound), since a record that vanished would leave the till open to anyone.
 */
export function salvageInstallerLock(raw: unknown): InstallerLockRecord | null {
  if (raw === undefined || raw === null) return null;
  const whole = installerLockRecordSchema.safeParse(raw);
  if (whole.success) return whole.data;
  const pin = pinHashSchema.safeParse((raw as { pin?: unknown } | null)?.pin);
  return { pin: pin.success ? pin.data : null, failures: 0, retryAt: 0 };
}
