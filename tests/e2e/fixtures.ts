// Playwright fixtures: each test gets its own data folder and its own browser host process,
// the page opened on it and ready (body[data-ready="true"]), the sandbox's controls and a log
// of the page's WebSocket frames. Nothing waits a fixed time: the host prints its URL when it
// listens, and the app marks itself ready once its first data is on screen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { FrameLog } from './support/frames';
import { startHost, stopHost, type HostOptions, type RunningHost } from './support/host';
import { SandboxControls } from './support/sandbox';

export interface Host {
  readonly dataDir: string;
  readonly url: string;
  readonly origin: string;
  readonly accessKey: string;
  /** Stops the host (SIGTERM) and starts a new one on the same data folder. */
  restart(): Promise<void>;
  /** Stops the host for good (the fixture's teardown then has nothing to do). */
  stop(): Promise<void>;
  /** The token service's URL from the host's `Token service:` line (needs hostOptions.servicePort). */
  serviceUrl(): Promise<string>;
}

/** Opens the app at `url` and waits until it says it is ready. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('body[data-ready="true"]')).toBeAttached({ timeout: 20_000 });
}

interface Options {
  /** How each test's host is started; `test.use({ hostOptions: { servicePort: 0 } })` for the token service. */
  hostOptions: HostOptions;
}

interface Fixtures {
  dataDir: string;
  host: Host;
  sandbox: SandboxControls;
  frames: FrameLog;
  /** The page, opened on this test's host and ready. */
  app: Page;
}

export const test = base.extend<Fixtures & Options>({
  hostOptions: [{}, { option: true }],

  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },

  host: async ({ dataDir, hostOptions }, use, testInfo) => {
    let running: RunningHost | undefined = await startHost(dataDir, hostOptions);
    const current = () => {
      if (!running) throw new Error('The browser host is stopped.');
      return running;
    };
    const host: Host = {
      dataDir,
      get url() {
        return current().url;
      },
      get origin() {
        return current().origin;
      },
      get accessKey() {
        return current().accessKey;
      },
      restart: async () => {
        if (running) await stopHost(running);
        running = undefined;
        running = await startHost(dataDir, hostOptions);
      },
      stop: async () => {
        if (running) await stopHost(running);
        running = undefined;
      },
      serviceUrl: () => current().serviceUrl(),
    };
    await use(host);
    if (running) {
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('host-log', { body: running.log.join(''), contentType: 'text/plain' });
      }
      await stopHost(running);
    }
  },

  sandbox: async ({ host }, use) => {
    await use(new SandboxControls(() => ({ origin: host.origin, accessKey: host.accessKey })));
  },

  frames: async ({ page }, use) => {
    const log = new FrameLog();
    log.attach(page);
    await use(log);
  },

  app: async ({ page, host, frames }, use) => {
    void frames; // attached before the page connects, so no frame is missed
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await openApp(page, host.url);
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
