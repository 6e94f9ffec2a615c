// Issue 10, finding 4, in the real app: when another program holds the token service's port,
// one OS notification says so (not one per retry), and Tessera takes the port once it is free.
// Notifications are observed by replacing Notification's `show` in the main process.
import { createServer, type Server } from 'node:net';

import { electronExecutable, expect, NO_BINARY_REASON, type PageGlobals, test } from './support/electron-app';

test.skip(!electronExecutable(), NO_BINARY_REASON);

interface MainGlobals {
  __shown?: { title: string; body: string }[];
}

test('a held service port shows one notification, and is taken once free', async ({ app, page }) => {
  await app.evaluate(({ Notification }) => {
    const shown: NonNullable<MainGlobals['__shown']> = [];
    Notification.isSupported = () => true;
    Notification.prototype.show = function (this: { title: string; body: string }) {
      shown.push({ title: this.title, body: this.body });
    };
    (globalThis as unknown as MainGlobals).__shown = shown;
  });
  const squatter: Server = createServer((s) => s.destroy());
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', () => resolve()));
  const port = (squatter.address() as { port: number }).port;

  const status = () => page.evaluate(() => (globalThis as unknown as PageGlobals).tessera!.getServiceStatus());
  const saved = await page.evaluate((p) => (globalThis as unknown as PageGlobals).tessera!.updateSettings({ servicePort: p }), port);
  expect(saved.ok).toBe(true);
  const key = await page.evaluate(() =>
    (globalThis as unknown as PageGlobals).tessera!.createAccessKey({ name: 'Till software', profiles: null }),
  );
  expect(key.ok).toBe(true);
  await expect.poll(() => status().then((r) => r.ok && r.value.error)).toBe('port_in_use');

  const shown = () => app.evaluate(() => (globalThis as unknown as MainGlobals).__shown ?? []);
  await expect.poll(shown).toEqual([
    {
      title: `Another program is using port ${port}`,
      body: 'POS programs on this computer may be sending their access keys to it instead of Tessera (127.0.0.1). Tessera takes the port as soon as it is free.',
    },
  ]);
  await new Promise<void>((resolve) => squatter.close(() => resolve()));
  await expect.poll(() => status().then((r) => r.ok && r.value.running && !r.value.error), { timeout: 10_000 }).toBe(true);
  expect(await shown()).toHaveLength(1);
});
