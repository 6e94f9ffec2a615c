// Issue 10, finding 3: the browser host has a last-resort handler. Faults nobody catches (a
// throw from a timer, an unhandled rejection, a thrown string) are injected into the real host
// process; it must keep serving, log each one with its class and place but never its message,
// and plan its renewals again.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

import { afterEach, expect, it } from 'vitest';

import { type RunningHost, startHost, stopHost } from '../../e2e/support/host';
import { connectClient } from '../../support/host-client';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

let host: RunningHost | undefined;
afterEach(async () => {
  if (host) await stopHost(host);
  host = undefined;
  delete process.env.TESSERA_FAIL_LATER_SECRET;
  removeTempDirs();
});

it('faults nobody catches are logged redacted, and the host keeps serving', async () => {
  const secret = `leak-${randomBytes(12).toString('hex')}`;
  process.env.TESSERA_FAIL_LATER_SECRET = secret;
  host = await startHost(tempDir(), { nodeArgs: ['--import', resolve(import.meta.dirname, '../../support/fail-later.mjs')] });
  const page = await connectClient(host);
  const log = () => host!.output.stderr.join('');
  const start = Date.now();
  while ((log().match(/caught by the last resort/g) ?? []).length < 3 && Date.now() - start < 10_000)
    await new Promise((r) => setTimeout(r, 50));

  expect(host.process.exitCode).toBeNull();
  expect((await page.call('getAppInfo')).ok).toBe(true);
  const lines = log()
    .split('\n')
    .filter((l) => l.includes('caught by the last resort'));
  expect(lines).toHaveLength(3);
  expect(lines[0]).toContain('"kind":"uncaughtException"');
  expect(lines[0]).toContain('"name":"TypeError"');
  expect(lines[0]).toMatch(/"at":"[^"]*fail-later\.mjs:\d+:\d+/);
  expect(lines[1]).toContain('"kind":"unhandledRejection"');
  expect(lines[1]).toContain('"code":"EFAKE"');
  expect(lines[2]).toContain('"name":"string"');
  expect(log()).not.toContain(secret);
  page.close();
});
