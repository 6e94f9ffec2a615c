// Issue 10, finding 3, against the real browser host in its own process: when the process runs
// out of file handles (its limit lowered with prlimit, idle sockets taking the rest), store
// writes fail. The host must keep running, report the problem to the page, keep every change,
// and write it all once handles are back; before, the next write threw from a timer and the
// process died.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';

import { afterEach, expect, it } from 'vitest';

import type { AppEvent, ProfileView, StoreWriteView } from '#common/contract';

import { findProvider } from '../../../electron/core/providers';
import { type RunningHost, startHost, stopHost } from '../../e2e/support/host';
import { eventually } from '../../support/eventually';
import { connectClient } from '../../support/host-client';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

const canLimit = process.platform === 'linux' && spawnSync('prlimit', ['--version']).status === 0;
let host: RunningHost | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  if (host) await stopHost(host);
  host = undefined;
  removeTempDirs();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function until<T>(what: string, get: () => T | undefined, timeoutMs: number): Promise<T> {
  return eventually(() => {
    const value = get();
    expect(value, `waiting for ${what}`).toBeDefined();
    return value!;
  }, timeoutMs);
}

function getToken(port: number, key: string, agent: Agent, profile: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/v1/profiles/${encodeURIComponent(profile)}/token`,
        agent,
        headers: { Authorization: `Bearer ${key}` },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

it('out of file handles, the host keeps running, shows the store problem, keeps every change and writes it once handles are back', async (ctx) => {
  ctx.skip(!canLimit, 'needs Linux and prlimit (util-linux) to lower a running process’s file-handle limit');
  const dataDir = tempDir();
  host = await startHost(dataDir, { servicePort: 0 });
  const page = await connectClient(host);
  const profileIds: string[] = [];
  for (const name of ['Till 1', 'Till 2']) {
    const created = await page.call<ProfileView>('createProfile', {
      name,
      provider: 'invoisys',
      environment: { kind: 'sandbox' },
      credentials: findProvider('invoisys')!.info.sandboxDemo,
    });
    if (!created.ok) throw new Error(`createProfile: ${created.error.code}`);
    profileIds.push(created.value.id);
  }
  const keyResult = await page.call<{ key: string }>('createAccessKey', { name: 'Till software', profiles: null });
  const key = keyResult.ok ? keyResult.value.key : '';
  const port = Number(new URL(await host.serviceUrl()).port);
  for (const id of profileIds) {
    await until(
      'a valid token',
      () => (page.events.some((e) => e.type === 'token' && e.view.profileId === id && e.view.state === 'valid') ? true : undefined),
      10_000,
    );
  }

  // A POS program's keep-alive connection, open before the handles run out.
  const pos = new Agent({ keepAlive: true, maxSockets: 1 });
  expect(await getToken(port, key, pos, 'Till 1')).toBe(200);

  // Leave the host a few handles, and let idle connections take them.
  const pid = host.process.pid!;
  const inUse = readdirSync(`/proc/${pid}/fd`).length;
  expect(spawnSync('prlimit', ['--pid', String(pid), `--nofile=${inUse + 6}:${inUse + 6}`]).status).toBe(0);
  for (let i = 0; i < 30; i++) {
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('error', () => undefined);
    sockets.push(socket);
  }
  await sleep(500);

  // A hand-out (recorded, then written from a timer 20 ms later) and a change from the page
  // (written at once). Before, the first ended the process and the second was an "internal" error.
  expect(await getToken(port, key, pos, 'Till 2')).toBe(200);
  // (A write that runs out of handles blocks for up to a second in the atomic-write library.)
  await sleep(2_000);
  expect(host.process.exitCode, 'the host died').toBeNull();
  const settings = await page.call('updateSettings', { tokenMarginSeconds: 90 });
  expect(settings.ok).toBe(true);
  const failing = await until(
    'a storeWrite problem',
    () => page.events.find((e): e is Extract<AppEvent, { type: 'storeWrite' }> => e.type === 'storeWrite' && !e.status.ok)?.status,
    10_000,
  );
  expect(failing).toMatchObject({ ok: false, reason: 'too_many_files' });
  await sleep(1_500);
  expect(host.process.exitCode).toBeNull();
  const info = await page.call<{ storeWrite: StoreWriteView }>('getAppInfo');
  expect(info.ok && info.value.storeWrite.ok).toBe(false);

  // The idle connections go: the next retry writes everything, and the page hears so.
  for (const s of sockets.splice(0)) s.destroy();
  const okIndex = page.events.length;
  await until(
    'the store written again',
    () => (page.events.slice(okIndex).some((e) => e.type === 'storeWrite' && e.status.ok) ? true : undefined),
    40_000,
  );
  pos.destroy();
  page.close();
  await stopHost(host);
  host = undefined;

  const stored = JSON.parse(readFileSync(join(dataDir, 'tessera.json'), 'utf8')) as {
    settings: { tokenMarginSeconds: number };
    history: Record<string, { kind: string; count?: number }[]>;
  };
  expect(stored.settings.tokenMarginSeconds).toBe(90);
  // The hand-out made while nothing could be written is there.
  expect(stored.history[profileIds[1]!]!.filter((e) => e.kind === 'served')).toHaveLength(1);
}, 90_000);
