// The notification rules fed by the real token engine (fake clock, scripted provider): what
// the engine really emits on a refused renewal, on transient failures past expiry, and after
// a restart, produces exactly the alerts alerts.ts promises.
import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';

import { silentLogger } from '../../../electron/core/logger';
import { findProvider } from '../../../electron/core/providers';
import { TokenEngine } from '../../../electron/core/tokens/engine';
import { createConfStore } from '../../../electron/core/vault/conf-store';
import { createDevSecretBox } from '../../../electron/core/vault/dev-box';
import { Vault } from '../../../electron/core/vault/vault';
import { type Alert, TransitionWatch } from '../../../electron/main/alerts';
import { fail, type FakeAdapter, fakeAdapter } from '../../support/fake-adapter';
import { type FakeClock, fakeClock } from '../../support/fake-clock';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

const MINUTE = 60_000;
const info = findProvider('invoisys')!.info;

afterEach(() => removeTempDirs());

interface Run {
  engine: TokenEngine;
  vault: Vault;
  adapter: FakeAdapter;
  alerts: Alert[];
}

/** Starts an engine on `dir` the way the app does: core first, the watch from its views after. */
async function start(dir: string, clock: FakeClock, script?: (adapter: FakeAdapter) => void): Promise<Run> {
  const adapter = fakeAdapter(info, clock, 600);
  script?.(adapter);
  const vault = Vault.open({
    store: createConfStore(dir),
    box: createDevSecretBox(dir),
    catalog: (id) => findProvider(id)?.info,
    clock,
    logger: silentLogger,
  });
  const engine = new TokenEngine({
    store: vault,
    http: axios.create(),
    clock,
    random: () => 0.5,
    logger: silentLogger,
    providers: () => adapter,
  });
  await engine.start();
  const watch = new TransitionWatch(engine.views(), clock.now());
  const alerts: Alert[] = [];
  engine.on('change', (view) => {
    const alert = watch.observe(view);
    if (alert) alerts.push(alert);
  });
  await clock.settle();
  return { engine, vault, adapter, alerts };
}

async function addProfile(run: Run, clock: FakeClock, name = 'Till 1'): Promise<string> {
  const record = await run.vault.create({
    name,
    provider: 'invoisys',
    environment: { kind: 'preset', id: info.environments[0]!.id },
    credentials: { username: 'till@shop.test', password: 'password-value-5518' },
  });
  run.engine.track(record.id);
  await clock.settle();
  return record.id;
}

const transient = () => fail('transient', 'network');

describe('alerts from the real engine', () => {
  it('a refused renewal alerts once, with its code; a failed retry by the user does not alert again', async () => {
    const clock = fakeClock();
    const run = await start(tempDir(), clock);
    const id = await addProfile(run, clock);
    expect(run.engine.view(id).state).toBe('valid');
    expect(run.alerts).toEqual([]);

    run.adapter.script('login', fail('credentials', 'invalid_presharedkey', { status: 401 }));
    await clock.tick(10 * MINUTE);
    expect(run.engine.view(id).state).toBe('needs-attention');
    expect(run.alerts).toEqual([
      { kind: 'needs-attention', profileId: id, failure: { errorClass: 'credentials', code: 'invalid_presharedkey', status: 401 } },
    ]);

    run.adapter.script('login', fail('credentials', 'invalid_presharedkey', { status: 401 }));
    await run.engine.refresh(id);
    expect(run.engine.view(id).state).toBe('needs-attention');
    expect(run.alerts).toHaveLength(1);
  });

  it('transient failures past expiry alert once that the token expired, however many retries follow', async () => {
    const clock = fakeClock();
    const run = await start(tempDir(), clock);
    const id = await addProfile(run, clock);
    run.adapter.script('login', ...Array.from({ length: 50 }, transient));
    await clock.tick(30 * MINUTE);
    expect(run.engine.view(id).state).toBe('expired');
    expect(run.adapter.calls.length).toBeGreaterThan(4);
    expect(run.alerts).toEqual([{ kind: 'expired', profileId: id }]);
  });

  it('after a restart, neither a stored needs-attention nor a token that lapsed while stopped alerts', async () => {
    const dir = tempDir();
    const clock = fakeClock();
    const first = await start(dir, clock);
    const stuck = await addProfile(first, clock);
    const lapsed = await addProfile(first, clock, 'Till 2');
    first.adapter.script('login', fail('credentials', 'invalid_presharedkey'));
    await first.engine.refresh(stuck);
    expect(first.engine.view(stuck).state).toBe('needs-attention');
    first.engine.stop();

    // Off for two hours; then the provider is unreachable for a while.
    await clock.tick(120 * MINUTE);
    const second = await start(dir, clock, (adapter) => adapter.script('login', ...Array.from({ length: 50 }, transient)));
    await clock.tick(30 * MINUTE);
    expect(second.engine.view(stuck).state).toBe('needs-attention');
    expect(second.engine.view(lapsed).state).toBe('expired');
    expect(second.alerts).toEqual([]);
  });
});
