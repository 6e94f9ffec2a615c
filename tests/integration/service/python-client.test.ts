// The Python client of docs/clients runs against a real token service and sandbox: the doc's
// promise (a call, the 401 -> invalidate -> retry loop, typed errors, and never sending the key
// to a program that cannot prove it is Tessera) is checked, not assumed.
import { execFile, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer as createTcpServer, type Server } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { afterEach, expect, it } from 'vitest';

import type { ProfileView, Result } from '#common/contract';

import { createFolderCore } from '../../../electron/browser-host/composition';
import { startSandbox } from '../../../electron/core/simulator';
import { coreInternals } from '../../../electron/core/tessera-core';
import { eventually } from '../../support/eventually';
import { hasIpv6Loopback, NO_IPV6_REASON } from '../../support/ipv6';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

const execFileAsync = promisify(execFile);
const CLIENTS = resolve(import.meta.dirname, '../../../docs/clients');
const hasPython = spawnSync('python3', ['--version']).status === 0;
const ipv6 = await hasIpv6Loopback();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  removeTempDirs();
});

const DRIVER = `
import json, sys, urllib.error, urllib.request
sys.path.insert(0, sys.argv[1])
from tessera_client import TesseraClient, TesseraError
profile, key, base, protected = sys.argv[2:6]
statuses = []
def send(token):
    request = urllib.request.Request(protected)
    request.add_header("Authorization", "Bearer " + token)
    try:
        response = urllib.request.urlopen(request)
    except urllib.error.HTTPError as error:
        response = error
    statuses.append(response.status)
    return response
try:
    final = TesseraClient(profile, access_key=key, base_url=base).call(send).status
    print(json.dumps({"statuses": statuses, "final": final}))
except TesseraError as error:
    print(json.dumps({"error": error.code, "status": error.status}))
`;

it('the documented Python client gets tokens and recovers from a 401 by invalidating once', async (ctx) => {
  ctx.skip(!hasPython, 'python3 is not installed on this machine');
  const dir = tempDir();
  const sandbox = await startSandbox();
  cleanup.push(() => sandbox.close());
  const sim = sandbox.simulators.invoisys;
  const account = { username: 'till@shop.test', password: 'till-password-8812' };
  sim.addAccount(account);
  const core = await createFolderCore(dir, {
    version: 'test',
    systemLocale: 'en',
    sandbox: (id) => sandbox.baseUrlFor(id),
    service: { port: 0 },
  });
  cleanup.push(() => core.close());
  const unwrap = <T>(r: Result<unknown>) => (r.ok ? (r.value as T) : Promise.reject(new Error(JSON.stringify(r.error))));
  const profile = await unwrap<ProfileView>(
    await core.dispatch('createProfile', { name: 'Till 1', provider: 'invoisys', environment: { kind: 'sandbox' }, credentials: account }),
  );
  const { key } = await unwrap<{ key: string }>(await core.dispatch('createAccessKey', { name: 'Python till', profiles: null }));
  await eventually(() => expect(coreInternals(core).engine.view(profile.id).state).toBe('valid'));

  const driver = join(dir, 'driver.py');
  writeFileSync(driver, DRIVER);
  const python = async (name: string) => {
    const args = [driver, CLIENTS, name, key, core.service.url!, `${sim.baseUrl}/__sim/protected`];
    // Asynchronously: the service answering the client lives in this very process.
    const { stdout: out } = await execFileAsync('python3', args);
    return JSON.parse(out) as { statuses?: number[]; final?: number; error?: string; status?: number };
  };

  expect(await python('Till 1')).toEqual({ statuses: [200], final: 200 });

  // The provider forgets every token it issued: the next call gets a 401 with Tessera's token.
  sim.reset();
  sim.addAccount(account);
  const loginsBefore = sim.stats().logins;
  expect(await python('Till 1')).toEqual({ statuses: [401, 200], final: 200 });
  expect(sim.stats().logins - loginsBefore).toBe(1);

  expect(await python('No such till')).toEqual({ error: 'profile_not_found', status: 404 });
});

/** Starts a Tessera core with one valid profile and one key; `port` fixes the service's port. */
async function tesseraWithKey(port?: number) {
  const dir = tempDir();
  const sandbox = await startSandbox();
  cleanup.push(() => sandbox.close());
  const account = { username: 'till@shop.test', password: 'till-password-8812' };
  sandbox.simulators.invoisys.addAccount(account);
  const core = await createFolderCore(dir, {
    version: 'test',
    systemLocale: 'en',
    sandbox: (id) => sandbox.baseUrlFor(id),
    service: { port: port ?? 0 },
  });
  cleanup.push(() => core.close());
  const created = await core.dispatch('createProfile', {
    name: 'Till 1',
    provider: 'invoisys',
    environment: { kind: 'sandbox' },
    credentials: account,
  });
  const id = created.ok ? (created.value as ProfileView).id : '';
  const made = await core.dispatch('createAccessKey', { name: 'Python till', profiles: null });
  const key = made.ok ? (made.value as { key: string }).key : '';
  await eventually(() => expect(coreInternals(core).engine.view(id).state).toBe('valid'));
  const driver = join(dir, 'driver.py');
  writeFileSync(driver, DRIVER);
  const python = async (base: string, accessKey = key) => {
    const { stdout: out } = await execFileAsync('python3', [
      driver,
      CLIENTS,
      'Till 1',
      accessKey,
      base,
      `${sandbox.simulators.invoisys.baseUrl}/__sim/protected`,
    ]);
    return JSON.parse(out) as { statuses?: number[]; final?: number; error?: string; status?: number | null };
  };
  return { core, key, python };
}

it('never sends the key to a program on the port that cannot prove it is Tessera', async (ctx) => {
  ctx.skip(!hasPython, 'python3 is not installed on this machine');
  const t = await tesseraWithKey();
  // A squatter that answers everything, /v1/hello included, as if it were Tessera.
  const seen: { path: string; authorization?: string }[] = [];
  const squatter = createHttpServer((req, res) => {
    seen.push({ path: req.url ?? '', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ service: 'tessera', nonce: 'x', proofs: ['forged-proof'], access_token: 'fake', expires_in: 3600 }));
  });
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', () => resolve()));
  cleanup.push(() => new Promise<void>((resolve) => squatter.close(() => resolve())));
  const port = (squatter.address() as { port: number }).port;

  const answer = await t.python(`http://127.0.0.1:${port}`);
  expect(answer).toMatchObject({ error: 'not_tessera', status: null });
  expect(seen.map((r) => r.path.split('?')[0])).toEqual(['/v1/hello']);
  expect(seen.some((r) => r.authorization !== undefined)).toBe(false);

  // The real Tessera proves itself; a key it does not hold cannot be proven either.
  expect(await t.python(t.core.service.url!)).toMatchObject({ final: 200 });
  expect(await t.python(t.core.service.url!, `tsk_${'A'.repeat(43)}`)).toMatchObject({ error: 'not_tessera' });
});

it('never sends the key through a relay on the other loopback, even one passing questions to the real Tessera', async (ctx) => {
  ctx.skip(!hasPython, 'python3 is not installed on this machine');
  ctx.skip(!ipv6, NO_IPV6_REASON);
  // The relay holds [::1] first; Tessera then answers on 127.0.0.1 only, the same port.
  let upstreamPort = 0;
  let relayed = '';
  const relay: Server = createTcpServer((client) => {
    client.on('error', () => undefined);
    const upstream = connect({ host: '127.0.0.1', port: upstreamPort });
    upstream.on('error', () => client.destroy());
    client.on('data', (chunk: Buffer) => (relayed += chunk.toString('latin1')));
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen({ host: '::1', port: 0, ipv6Only: true }, () => resolve()));
  cleanup.push(() => new Promise<void>((resolve) => relay.close(() => resolve())));
  const port = (relay.address() as { port: number }).port;
  const t = await tesseraWithKey(port);
  upstreamPort = port;
  expect(t.core.service).toMatchObject({ running: true, held: ['::1'] });

  const answer = await t.python(`http://[::1]:${port}`);
  expect(answer).toMatchObject({ error: 'not_tessera' });
  expect(relayed).toContain('GET /v1/hello?nonce=');
  expect(relayed).not.toContain(t.key);
  expect(relayed.toLowerCase()).not.toContain('authorization');
  // Dialing Tessera itself works.
  expect(await t.python(`http://127.0.0.1:${port}`)).toMatchObject({ final: 200 });
});
