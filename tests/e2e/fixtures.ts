// Playwright fixtures: each test gets its own data folder and its own browser host process,
// the page opened on it and ready (body[data-ready="true"]), the sandbox's controls and a log
// of the page's WebSocket frames. Nothing waits a fixed time: the host prints its URL when it
// listens, and the app marks itself ready once its first data is on screen.
//
// Every test also feeds the leak sweep (support/leaks.ts, tests/e2e/leak-sweep.spec.ts) without
// asking: an automatic `leaks` fixture collects each page's received frames and DOM (at every
// screenshot and at the end), each host's output, the data folder after the host stopped, and
// the secrets the test used, into test-results/leak-sweep/<test id>/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, type Page, test as base } from '@playwright/test';

import type { FrameLog } from './support/frames';
import { heldTokens } from './support/held-tokens';
import { type HostOptions, type RunningHost, startHost, stopHost } from './support/host';
import { LeakLog, setCurrentLeaks } from './support/leaks';
import { SandboxControls } from './support/sandbox';

export interface Host {
  readonly dataDir: string;
  readonly url: string;
  readonly origin: string;
  readonly accessKey: string;
  /** Stops the host (SIGTERM) and starts a new one on the same data folder (`meanwhile` runs in between). */
  restart(meanwhile?: () => void | Promise<void>): Promise<void>;
  /** Stops the host for good (the fixture's teardown then has nothing to do). */
  stop(): Promise<void>;
  /** The token service's URL from the host's `Token service:` line (needs hostOptions.servicePort). */
  serviceUrl(): Promise<string>;
  /** The host's process id (for tests that limit its resources). */
  readonly pid: number;
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
  /** This test's leak-sweep collection; register a secret the helpers do not see with leaks.secret(). */
  leaks: LeakLog;
  dataDir: string;
  host: Host;
  sandbox: SandboxControls;
  frames: FrameLog;
  /** The page, opened on this test's host and ready. */
  app: Page;
}

export const test = base.extend<Fixtures & Options>({
  hostOptions: [{}, { option: true }],

  // Set up first and torn down last: everything below hands it what it collected.
  leaks: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, testInfo) => {
      const log = LeakLog.forTest(testInfo);
      setCurrentLeaks(log);
      try {
        await use(log);
      } finally {
        setCurrentLeaks(undefined);
      }
      log.finish(testInfo.status);
    },
    { auto: true },
  ],

  // Every page of the test is watched from its creation, so no frame and no screenshot is missed;
  // at the end each is captured as left and again with its dialogs and forms closed.
  context: async ({ context, leaks }, use) => {
    context.on('page', (page) => leaks.watchPage(page));
    await use(context);
    await leaks.closePages();
  },

  dataDir: async ({ leaks }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
    await use(dir);
    // The host fixture depends on this one, so its host has stopped by now.
    leaks.copyDataDir(dir);
    await registerHeldTokens(leaks, dir);
    rmSync(dir, { recursive: true, force: true });
  },

  host: async ({ dataDir, hostOptions, leaks }, use, testInfo) => {
    const runs: RunningHost[] = [];
    const start = async () => {
      const started = await startHost(dataDir, hostOptions);
      runs.push(started);
      return started;
    };
    // Tokens held when a host stops may be replaced after a restart: read them now.
    const stop = async (host: RunningHost) => {
      await stopHost(host);
      await registerHeldTokens(leaks, dataDir);
    };
    let running: RunningHost | undefined = await start();
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
      restart: async (meanwhile) => {
        if (running) await stop(running);
        running = undefined;
        await meanwhile?.();
        running = await start();
      },
      stop: async () => {
        if (running) await stop(running);
        running = undefined;
      },
      serviceUrl: () => current().serviceUrl(),
      get pid() {
        return current().process.pid!;
      },
    };
    await use(host);
    if (running) {
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('host-log', { body: running.log.join(''), contentType: 'text/plain' });
      }
      await stopHost(running);
    }
    for (const run of runs) {
      await run.closed;
      leaks.hostOutput(run.output);
    }
  },

  sandbox: async ({ host }, use) => {
    await use(new SandboxControls(() => ({ origin: host.origin, accessKey: host.accessKey })));
  },

  frames: async ({ page, leaks }, use) => {
    await use(leaks.watchPage(page));
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

/** Registers the tokens sealed in a data folder; a store a test damaged on purpose has none to read. */
async function registerHeldTokens(leaks: LeakLog, dataDir: string): Promise<void> {
  try {
    await heldTokens(dataDir);
  } catch (err) {
    leaks.note(`tokens not read from ${dataDir}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export { expect };
