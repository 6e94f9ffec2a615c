// The Python client of docs/clients runs against a real token service and sandbox: the doc's
// promise (a call, the 401 -> invalidate -> retry loop, typed errors) is checked, not assumed.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { ProfileView, Result } from '../../../electron/core/contract';
import { startSandbox } from '../../../electron/core/simulator';
import { createFolderCore } from '../../../electron/web/node-core';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

const execFileAsync = promisify(execFile);
const CLIENTS = resolve(import.meta.dirname, '../../../docs/clients');
const hasPython = spawnSync('python3', ['--version']).status === 0;
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
  for (let i = 0; i < 200 && core.engine.view(profile.id).state !== 'valid'; i++) await new Promise((r) => setTimeout(r, 10));

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
