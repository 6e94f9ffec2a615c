// Issue 10, findings 3 and 4, as the user sees them: another program holding the token
// service's port shows a banner on the dashboard that goes once Tessera takes the port; changes
// that cannot reach the disk (the host out of file handles) show a banner, in the chosen
// language, that goes once a write succeeds; and a screen that fails to render shows a plain
// message with Reload instead of a white window.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { resolve } from 'node:path';

import type { Page } from '@playwright/test';

import { hasIpv6Loopback } from '../support/ipv6';
import { expect, openApp, test } from './fixtures';
import { DashboardPage } from './pages/dashboard';
import { PosConnectionsPage, SettingsPage } from './pages/settings';
import { addProfile, valuesOf } from './support/flows';
import { randomAccount } from './support/sandbox';

const SHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');
const shot = (page: Page, name: string) => page.screenshot({ path: resolve(SHOTS, `${name}.png`) });

async function listen(server: Server, host: string, port: number): Promise<void> {
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen({ host, port, ipv6Only: host.includes(':') }, () => done());
  });
}

/** Another program on every loopback at one port, there before the host starts and asks for it. */
const squatted = test.extend<{ squatter: { port: number; addresses: string; leave(): Promise<void> } }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as a pattern.
  squatter: async ({}, use) => {
    const ipv6 = await hasIpv6Loopback();
    const servers = [createServer((s) => s.destroy()), ...(ipv6 ? [createServer((s) => s.destroy())] : [])];
    await listen(servers[0]!, '127.0.0.1', 0);
    const port = (servers[0]!.address() as { port: number }).port;
    if (servers[1]) await listen(servers[1], '::1', port);
    let left = false;
    const leave = async () => {
      if (left) return;
      left = true;
      await Promise.all(servers.map((s) => new Promise<void>((done) => s.close(() => done()))));
    };
    await use({ port, addresses: ipv6 ? '127.0.0.1, [::1]' : '127.0.0.1', leave });
    await leave();
  },
  hostOptions: async ({ squatter }, use) => {
    await use({ servicePort: squatter.port });
  },
});

squatted(
  'another program on the service port: the dashboard says so, and the banner goes once Tessera takes the port',
  async ({ app: page, host, squatter }) => {
    const settings = new SettingsPage(page);
    const pos = new PosConnectionsPage(page);
    const banner = page.locator('[data-banner="service-port-held"]');
    await expect(banner).toHaveCount(0);

    // The first key makes Tessera want the port; another program has it.
    await settings.open();
    await pos.createKey('Till software');
    await expect(pos.serviceState).toHaveAttribute('data-service-state', 'port_in_use');
    await expect(pos.serviceStatus).toHaveText(
      `Not running: another program holds port ${squatter.port}. Tessera tries again every 5 seconds and takes it as soon as it is free, or choose another port below.`,
    );
    await pos.doneButton.click();
    await page.getByRole('navigation').getByRole('button', { name: 'Profiles' }).click();
    await expect(banner).toBeVisible();
    await expect(banner.getByRole('heading')).toHaveText(`Another program is using port ${squatter.port}`);
    await expect(banner).toContainText(`Another program holds the token service’s port ${squatter.port} on ${squatter.addresses}.`);
    await expect(banner).toContainText('POS programs on this computer may be sending their access keys to it instead of Tessera.');
    await shot(page, 'port-held-en');

    // The other program leaves: within the next try (5 s), Tessera takes the port and says so.
    await squatter.leave();
    await expect(banner).toHaveCount(0, { timeout: 8_000 });
    expect(await host.serviceUrl()).toBe(`http://127.0.0.1:${squatter.port}`);
    await settings.open();
    await expect(pos.serviceStatus).toHaveText(`Running at http://127.0.0.1:${squatter.port}`);
  },
);

test('changes that cannot be saved: a banner in the chosen language, gone once a write works', async ({ app: page, host }) => {
  test.skip(
    process.platform !== 'linux' || spawnSync('prlimit', ['--version']).status !== 0,
    'needs Linux and prlimit (util-linux) to limit the host’s file handles',
  );
  const banner = page.locator('[data-banner="store-write-failing"]');
  await expect(banner).toHaveCount(0);
  const settings = new SettingsPage(page);
  await settings.open();

  // Leave the host a few file handles and let idle connections take them.
  const inUse = readdirSync(`/proc/${host.pid}/fd`).length;
  expect(spawnSync('prlimit', ['--pid', String(host.pid), `--nofile=${inUse + 4}:${inUse + 4}`]).status).toBe(0);
  const port = Number(new URL(host.origin).port);
  const idle: Socket[] = [];
  for (let i = 0; i < 20; i++) idle.push(connect({ host: '127.0.0.1', port }).on('error', () => undefined));
  await new Promise((r) => setTimeout(r, 500));

  // Choosing Spanish is a change Tessera must save: it cannot, and says so, in Spanish.
  await settings.chooseLanguage('es', 'en');
  await expect(banner).toBeVisible();
  await expect(banner.getByRole('heading')).toHaveText('Los cambios no se están guardando');
  await expect(banner).toContainText('Esta computadora se quedó sin archivos abiertos disponibles para Tessera');
  await expect(banner).toContainText('No cierre Tessera hasta que desaparezca este mensaje.');
  await shot(page, 'store-write-failing-es');

  // Handles come back: the next retry writes, and the banner goes; the choice was kept.
  for (const s of idle) s.destroy();
  await expect(banner).toHaveCount(0, { timeout: 40_000 });
  await page.reload();
  await expect(page.locator('body[data-ready="true"]')).toBeAttached();
  await settings.open('es');
  await expect(settings.language('es')).toHaveValue('es');
});

test('a screen that fails to render shows a plain message with Reload instead of a white window', async ({ page, host, sandbox }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await openApp(page, host.url);
  const till = randomAccount('factus');
  await sandbox.addAccount('factus', till.credentials);
  await addProfile(page, { name: 'Till 1', provider: 'factus', values: valuesOf(till) });
  await new DashboardPage(page).card('Till 1').expectStatus('Valid');

  // The next answer to listProfiles arrives damaged (a profile without its token view), as a
  // bug in core or a broken transport could make it: the card cannot render.
  let damaged = false;
  await page.routeWebSocket(/\/ws/, (ws) => {
    const server = ws.connectToServer();
    const listCalls = new Set<number>();
    ws.onMessage((message) => {
      const request = JSON.parse(String(message)) as { id: number; method: string };
      if (request.method === 'listProfiles') listCalls.add(request.id);
      server.send(message);
    });
    server.onMessage((message) => {
      const answer = JSON.parse(String(message)) as { id?: number; result?: { ok: boolean; value?: { token: unknown }[] } };
      if (!damaged && answer.id !== undefined && listCalls.has(answer.id) && answer.result?.value?.length) {
        damaged = true;
        answer.result.value[0]!.token = null;
        return ws.send(JSON.stringify(answer));
      }
      ws.send(message);
    });
  });
  await page.reload();
  const crash = page.getByRole('alert').filter({ hasText: 'This window ran into a problem' });
  await expect(crash).toBeVisible();
  await expect(crash).toContainText('Tessera itself is still running and keeps the tokens fresh. Reload the window to carry on.');
  await shot(page, 'render-failure-en');

  // Reload: the app comes back whole (the answer is no longer damaged).
  await crash.getByRole('button', { name: 'Reload' }).click();
  await expect(page.locator('body[data-ready="true"]')).toBeAttached();
  await new DashboardPage(page).card('Till 1').expectStatus('Valid');
  expect(errors, 'a render failure caught by the boundary is no uncaught page error').toEqual([]);
});
