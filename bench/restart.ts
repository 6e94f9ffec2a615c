// Figure (e): a restart with N profiles that all need a sign-in at once (tokens lapsed over a
// weekend, or a fresh import). How many token requests the provider sees at the same time, and
// how long until every profile is valid: Tessera's engine as it ships (at most
// MAX_EXCHANGES_PER_ENDPOINT per endpoint, tokens/lanes.ts) against the same engine with no
// limit, the baseline, round after round in this process against one Factus simulator.
import axios, { type AxiosInstance } from 'axios';

import { startSimulator } from '../electron/core/simulator';
import { MAX_EXCHANGES_PER_ENDPOINT } from '../electron/core/tokens/lanes';
import { ms, table, x } from './lib/format';
import { factusProfile, newEngine, openVault, sleep } from './lib/harness';
import { median, type RatioSpread, ratioSpread } from './lib/stats';

export interface RestartOptions {
  profiles: number;
  rounds: number;
  latencyMs: number;
}

interface Round {
  allValidMs: number;
  peakInFlight: number;
  requests: number;
  failedAttempts: number;
}

export interface RestartResult {
  profiles: number;
  simulatorLatencyMs: number;
  limit: number;
  limited: Round[];
  unlimited: Round[];
  /** Per round: time to all valid with the limit / without it. */
  allValidVsUnlimited: RatioSpread;
  peakInFlight: { limited: number; unlimited: number };
}

/** Counts the token requests the engine has open at once. */
function countingHttp(): { http: AxiosInstance; peak: () => number; total: () => number } {
  const http = axios.create();
  let open = 0;
  let peak = 0;
  let total = 0;
  http.interceptors.request.use((config) => {
    open += 1;
    total += 1;
    peak = Math.max(peak, open);
    return config;
  });
  const closed = () => (open -= 1);
  http.interceptors.response.use(
    (res) => (closed(), res),
    (err: unknown) => {
      closed();
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    },
  );
  return { http, peak: () => peak, total: () => total };
}

async function oneRestart(baseUrl: string, profiles: number, limit: number): Promise<Round> {
  const { vault } = openVault();
  for (let i = 0; i < profiles; i++) await vault.create(factusProfile(`Till ${i}`));
  const counted = countingHttp();
  const engine = newEngine({ vault, http: counted.http, baseUrl, maxExchangesPerEndpoint: limit });
  const started = performance.now();
  await engine.start();
  while (!engine.views().every((v) => v.state === 'valid')) {
    // A sign-in the simulator refuses would never end the round: say so instead of hanging.
    if (performance.now() - started > 120_000) throw new Error('not every profile became valid within 2 minutes');
    await sleep(5);
  }
  const allValidMs = performance.now() - started;
  const failedAttempts = engine.views().reduce((n, v) => n + engine.history(v.profileId).filter((e) => e.kind === 'failed').length, 0);
  engine.stop();
  return { allValidMs, peakInFlight: counted.peak(), requests: counted.total(), failedAttempts };
}

export async function runRestart(opts: RestartOptions): Promise<RestartResult> {
  const sim = await startSimulator('factus', { config: { latencyMs: opts.latencyMs } });
  try {
    const limited: Round[] = [];
    const unlimited: Round[] = [];
    // Warm-up (not counted), then rounds in alternating order so neither always runs first.
    await oneRestart(sim.baseUrl, Math.min(50, opts.profiles), MAX_EXCHANGES_PER_ENDPOINT);
    for (let r = 0; r < opts.rounds; r++) {
      const order = r % 2 === 0 ? (['limited', 'unlimited'] as const) : (['unlimited', 'limited'] as const);
      for (const which of order) {
        const round = await oneRestart(sim.baseUrl, opts.profiles, which === 'limited' ? MAX_EXCHANGES_PER_ENDPOINT : Infinity);
        (which === 'limited' ? limited : unlimited).push(round);
      }
    }
    return {
      profiles: opts.profiles,
      simulatorLatencyMs: opts.latencyMs,
      limit: MAX_EXCHANGES_PER_ENDPOINT,
      limited,
      unlimited,
      allValidVsUnlimited: ratioSpread(
        limited.map((q) => q.allValidMs),
        unlimited.map((q) => q.allValidMs),
      ),
      peakInFlight: {
        limited: Math.max(...limited.map((q) => q.peakInFlight)),
        unlimited: Math.max(...unlimited.map((q) => q.peakInFlight)),
      },
    };
  } finally {
    await sim.close();
  }
}

export function printRestart(r: RestartResult): string {
  const row = (label: string, rounds: Round[], ratio: string) => [
    label,
    String(Math.max(...rounds.map((q) => q.peakInFlight))),
    ms(median(rounds.map((q) => q.allValidMs)), 0),
    ratio,
    String(median(rounds.map((q) => q.requests))),
    String(Math.max(...rounds.map((q) => q.failedAttempts))),
  ];
  return table(
    `(e) restart with ${r.profiles} profiles that all need a sign-in, simulator latency ${r.simulatorLatencyMs} ms, ${r.limited.length} rounds`,
    ['engine', 'token requests at once (max)', 'all valid (median)', 'vs unlimited', 'requests (median)', 'failed attempts (max)'],
    [
      row(`Tessera, at most ${r.limit} per endpoint`, r.limited, x(r.allValidVsUnlimited.median)),
      row('baseline: no limit', r.unlimited, '1.00×'),
    ],
  );
}
