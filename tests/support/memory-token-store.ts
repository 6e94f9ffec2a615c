// An in-memory TokenStore for engine tests that are about the engine alone: no sealing, no
// disk, and every write the engine makes is there to read back.
import type { CredentialValues } from '#common/profile-schema';
import type { HistoryEvent, TimedFailure } from '#common/token-view';

import type { TokenGrant } from '../../electron/core/providers/types';
import type { TokenProfile, TokenStore } from '../../electron/core/tokens/token-store';

export interface MemoryTokenStore extends TokenStore {
  add(profile: TokenProfile, credentials: CredentialValues | (() => never)): void;
  tokens: Map<string, TokenGrant>;
  flushes: number;
}

export function memoryTokenStore(): MemoryTokenStore {
  const profiles = new Map<string, TokenProfile & { attention: TimedFailure | null }>();
  const credentials = new Map<string, CredentialValues | (() => never)>();
  const history = new Map<string, HistoryEvent[]>();
  const store: MemoryTokenStore = {
    tokens: new Map(),
    flushes: 0,
    add(profile, values) {
      profiles.set(profile.id, { ...profile, attention: profile.attention ?? null });
      credentials.set(profile.id, values);
    },
    profiles: () => [...profiles.values()],
    profile: (id) => profiles.get(id),
    // eslint-disable-next-line @typescript-eslint/require-await -- a throwing source rejects, as the vault's does
    async credentials(id) {
      const values = credentials.get(id);
      if (!values) throw new Error('no such profile');
      return typeof values === 'function' ? values() : { ...values };
    },
    setAttention(id, failure) {
      const p = profiles.get(id);
      if (p) p.attention = failure;
    },
    loadToken: (id) => Promise.resolve(store.tokens.get(id)),
    saveToken(id, grant) {
      store.tokens.set(id, grant);
      return Promise.resolve();
    },
    history: (id) => history.get(id) ?? [],
    appendHistory(id, event) {
      history.set(id, [...(history.get(id) ?? []), event]);
    },
    replaceHistory(id, index, event) {
      const list = history.get(id) ?? [];
      list[index] = event;
      history.set(id, list);
    },
    flush() {
      store.flushes += 1;
    },
  };
  return store;
}
