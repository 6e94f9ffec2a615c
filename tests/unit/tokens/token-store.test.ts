// The engine against its own TokenStore interface, with no vault: what it reads and writes
// there is all it keeps between runs.
import axios from 'axios';
import { describe, expect, it } from 'vitest';

import { findProvider } from '../../../electron/core/providers';
import { TokenEngine } from '../../../electron/core/tokens/engine';
import { VaultError } from '../../../electron/core/vault/vault';
import { fakeAdapter } from '../../support/fake-adapter';
import { fakeClock } from '../../support/fake-clock';
import { memoryTokenStore } from '../../support/memory-token-store';

const info = findProvider('factus')!.info;
const till = { id: 'till-1', provider: 'factus', environment: { kind: 'preset' as const, id: info.environments[0]!.id } };
const account = {
  clientId: 'client-1',
  clientSecret: 'client-secret-value-7731',
  username: 'till@shop.test',
  password: 'password-value-5518',
};

function engineOn(store: ReturnType<typeof memoryTokenStore>, clock = fakeClock()) {
  const adapter = fakeAdapter(info, clock);
  const engine = new TokenEngine({ store, http: axios.create(), clock, random: () => 0.5, providers: () => adapter });
  return { engine, adapter, clock };
}

describe('the token store seam', () => {
  it('saves the new token and the timeline there, and a restart reuses the token without a login', async () => {
    const store = memoryTokenStore();
    store.add(till, account);
    const first = engineOn(store);
    await first.engine.start();
    await first.clock.settle();
    expect(store.tokens.get('till-1')?.accessToken).toMatch(/^access-token-number-1-/);
    expect(store.history('till-1').map((e) => e.kind)).toEqual(['signed-in']);
    first.engine.stop();
    expect(store.flushes).toBe(1);

    const second = engineOn(store, first.clock);
    await second.engine.start();
    await second.clock.settle();
    expect(second.adapter.calls).toEqual([]);
    expect(second.engine.view('till-1').state).toBe('valid');
  });

  it('stops and marks the profile for the user when the store cannot give a secret', async () => {
    const store = memoryTokenStore();
    store.add(till, () => {
      throw new VaultError('secret_unreadable');
    });
    const { engine, adapter, clock } = engineOn(store);
    await engine.start();
    await clock.settle();
    expect(adapter.calls).toEqual([]);
    expect(engine.view('till-1').state).toBe('needs-attention');
    expect(store.profile('till-1')?.attention).toMatchObject({ errorClass: 'credentials', code: 'secret_unreadable' });
  });
});
