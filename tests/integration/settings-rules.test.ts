// The settings' limits are one schema (#common/settings): what the settings screen lets through,
// core accepts, and what it refuses core refuses with the same key on the same field, changing
// nothing. fast-check walks the numbers around and between the limits.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_SETTINGS, servicePortSchema, tokenMarginSchema } from '#common/settings';

import { createFolderCore } from '../../electron/browser-host/composition';
import type { TesseraCore } from '../../electron/core/tessera-core';
import { parseWholeNumber } from '../../renderer/src/app/pos-connections';
import { removeTempDirs, tempDir } from '../support/temp-dir';

let core: TesseraCore;

beforeAll(async () => {
  // A service port from the command line keeps a saved port from opening a real listener.
  core = await createFolderCore(tempDir(), { service: { port: 0 } });
});
afterAll(async () => {
  await core.close();
  removeTempDirs();
});

const around = (limits: number[]) =>
  fc.oneof(fc.integer({ min: -5, max: 70_000 }), fc.constantFrom(...limits.flatMap((n) => [n - 1, n, n + 1])));

describe.each([
  { field: 'servicePort', rule: servicePortSchema, key: 'validation.port', limits: [1024, 65535] },
  { field: 'tokenMarginSeconds', rule: tokenMarginSchema, key: 'validation.margin', limits: [0, 3600] },
] as const)('$field', ({ field, rule, key, limits }) => {
  it('is accepted by core exactly when the settings screen accepts it', async () => {
    await fc.assert(
      fc.asyncProperty(around([...limits]), async (n) => {
        const before = await core.dispatch('getSettings', undefined);
        const typed = parseWholeNumber(String(n), rule);
        const result = await core.dispatch('updateSettings', { [field]: n });
        if (typed.ok) {
          expect(result).toMatchObject({ ok: true, value: { [field]: n } });
        } else {
          expect(typed.issue.message).toBe(key);
          expect(result).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: field, message: key }] } });
          expect(await core.dispatch('getSettings', undefined)).toEqual(before);
        }
      }),
      { numRuns: 200 },
    );
  });
});

it('a new data folder starts with the defaults', async () => {
  const fresh = await createFolderCore(tempDir(), { service: { port: 0 } });
  try {
    expect(await fresh.dispatch('getSettings', undefined)).toEqual({ ok: true, value: DEFAULT_SETTINGS });
  } finally {
    await fresh.close();
  }
});
