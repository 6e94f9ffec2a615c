// The contract over real Electron IPC: a round trip through the preload, forged inputs turned
// away by core's schemas, events arriving on the one event channel, and core's HTTP (its own
// session) reaching the built-in sandbox while the window's session cancels remote content.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { AppEvent, ProfileDraft } from '#common/contract';

import { findProvider } from '../../electron/core/providers';
import { electronExecutable, expect, NO_BINARY_REASON, type PageGlobals, ROOT, test } from './support/electron-app';

test.skip(!electronExecutable(), NO_BINARY_REASON);

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

function factusSandboxDraft(name: string): ProfileDraft {
  const demo = findProvider('factus')!.info.sandboxDemo;
  return { name, provider: 'factus', environment: { kind: 'sandbox' }, credentials: { ...demo } };
}

test('getAppInfo answers from the Electron host', async ({ page }) => {
  const info = await page.evaluate(() => (globalThis as unknown as PageGlobals).tessera!.getAppInfo());
  expect(info.ok).toBe(true);
  if (!info.ok) return;
  expect(info.value).toMatchObject({ host: 'electron', version: pkg.version, platform: process.platform, sandboxRunning: true });
  expect(typeof info.value.secretBox.available).toBe('boolean');
  expect(info.value.secretBox.backend).not.toBe('aes-256-gcm-keyfile');
});

test('forged inputs get bad_request', async ({ page }) => {
  const answers = await page.evaluate(async () => {
    const api = (globalThis as unknown as PageGlobals).tessera!;
    // Calls a well-behaved renderer could never type-check, sent anyway.
    const forged = api as unknown as Record<string, (input?: unknown) => Promise<{ ok: boolean; error?: { code: string } }>>;
    return Promise.all([
      forged.removeProfile!({ id: 42 }),
      forged.createProfile!({ name: 'x', provider: 'factus', environment: { kind: 'sandbox' }, credentials: {}, extra: true }),
      forged.getAppInfo!('unexpected'),
      forged.refreshToken!({ id: 'x'.repeat(10_000) }),
    ]);
  });
  for (const answer of answers) expect(answer).toMatchObject({ ok: false, error: { code: 'bad_request' } });
});

test('core events reach the page on the event channel', async ({ page }) => {
  const event = await page.evaluate(async () => {
    const api = (globalThis as unknown as PageGlobals).tessera!;
    const next = new Promise<AppEvent>((resolve) => {
      const stop = api.onEvent((e) => {
        if (e.type !== 'settings') return;
        stop();
        resolve(e);
      });
    });
    const updated = await api.updateSettings({ language: 'es' });
    return updated.ok ? next : updated;
  });
  expect(event).toMatchObject({ type: 'settings', settings: { language: 'es' } });
});

test("core's HTTP reaches the built-in sandbox", async ({ page }) => {
  const result = await page.evaluate(
    (input) => (globalThis as unknown as PageGlobals).tessera!.testConnection({ profile: input }),
    factusSandboxDraft('Sandbox check'),
  );
  expect(result).toMatchObject({ ok: true, value: { tokenType: expect.any(String) as unknown } });
});
