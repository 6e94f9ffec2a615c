// A scriptable provider adapter for engine unit tests: each call takes the next scripted
// outcome (a grant or a ProviderError), optionally held until the test releases it.
import type { FailureView } from '#common/failure';
import type { ProviderInfo } from '#common/profile-schema';

import type { Clock } from '../../electron/core/clock';
import { ProviderError } from '../../electron/core/errors';
import type { ProviderAdapter, TokenGrant } from '../../electron/core/providers/types';

export type Outcome =
  | { ok: true; lifetimeSeconds?: number; lifetimeSource?: TokenGrant['lifetimeSource'] }
  | { ok: false; failure: FailureView & { retryAfterMs?: number } };

export interface FakeAdapter extends ProviderAdapter {
  calls: { kind: 'login' | 'refresh'; at: number; refreshToken?: string }[];
  script(kind: 'login' | 'refresh', ...outcomes: Outcome[]): void;
  /** Holds every call until release() is called. */
  hold(): void;
  release(): void;
  issued: number;
}

export const ok = (lifetimeSeconds?: number, lifetimeSource?: TokenGrant['lifetimeSource']): Outcome => ({
  ok: true,
  lifetimeSeconds,
  ...(lifetimeSource ? { lifetimeSource } : {}),
});
export const fail = (
  errorClass: FailureView['errorClass'],
  code: string,
  extra: Partial<FailureView> & { retryAfterMs?: number } = {},
): Outcome => ({
  ok: false,
  failure: { errorClass, code, ...extra },
});

export function fakeAdapter(info: ProviderInfo, clock: Clock, defaultLifetimeSeconds = 3600): FakeAdapter {
  const queues: Record<'login' | 'refresh', Outcome[]> = { login: [], refresh: [] };
  let gate: Promise<void> | undefined;
  let open: (() => void) | undefined;
  const adapter: FakeAdapter = {
    info,
    calls: [],
    issued: 0,
    script(kind, ...outcomes) {
      queues[kind].push(...outcomes);
    },
    hold() {
      gate = new Promise((r) => (open = r));
    },
    release() {
      open?.();
      gate = undefined;
    },
    login: (_ctx, _target) => run('login'),
    ...(info.renewal === 'refresh-token'
      ? { refresh: (_ctx: unknown, _target: unknown, current: TokenGrant) => run('refresh', current.refreshToken) }
      : {}),
  };

  async function run(kind: 'login' | 'refresh', refreshToken?: string): Promise<TokenGrant> {
    const sentAt = clock.now();
    adapter.calls.push({ kind, at: sentAt, ...(refreshToken ? { refreshToken } : {}) });
    const outcome = queues[kind].shift() ?? ok();
    if (gate) await gate;
    if (!outcome.ok) throw new ProviderError(outcome.failure);
    adapter.issued += 1;
    const n = adapter.issued;
    return {
      accessToken: `access-token-number-${n}-${'x'.repeat(20)}`,
      tokenType: 'Bearer',
      ...(info.renewal === 'refresh-token' ? { refreshToken: `refresh-token-number-${n}` } : {}),
      issuedAt: sentAt,
      expiresAt: sentAt + (outcome.lifetimeSeconds ?? defaultLifetimeSeconds) * 1000,
      ...(outcome.lifetimeSource ? { lifetimeSource: outcome.lifetimeSource } : {}),
    };
  }
  return adapter;
}
