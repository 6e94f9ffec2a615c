// What the renderer learns about its host: which providers have a built-in sandbox, the secret
// box's status (the development box says so), and a POS OS version fit for its header.
import { afterEach, expect, it } from 'vitest';

import type { AppInfo } from '#common/contract';

import { createFolderCore } from '../../electron/browser-host/composition';
import { removeTempDirs, tempDir } from '../support/temp-dir';

afterEach(() => removeTempDirs());

it('offers the sandbox only for providers that have one running', async () => {
  const dir = tempDir();
  const core = await createFolderCore(dir, {
    version: '1.2.3',
    systemLocale: 'pt-BR',
    sandbox: (id) => (id === 'invoisys' ? 'http://127.0.0.1:9' : undefined),
  });
  const result = await core.dispatch('getAppInfo', undefined);
  await core.close();
  expect(result.ok).toBe(true);
  const info = (result as { value: AppInfo }).value;
  expect(info).toMatchObject({
    host: 'browser',
    version: '1.2.3',
    systemLocale: 'pt-BR',
    sandboxRunning: true,
    sandboxProviders: ['invoisys'],
    secretBox: { available: true, warning: 'development-only' },
    storeProblems: [],
  });
  expect(info.osVersion.length).toBeGreaterThan(0);
  expect(info.osVersion.length).toBeLessThanOrEqual(50);
  expect(info.osVersion).toMatch(/^[\x20-\x7e]+$/);
});
