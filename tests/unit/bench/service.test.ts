// The service bench's bookkeeping: requests per second of a run, and runs summarised per side
// with one Tessera/bare ratio per interleaved pair (warm-ups left out).
import { describe, expect, it } from 'vitest';

import { summarize } from '../../../bench/lib/stats';
import { requestsPerSecond } from '../../../bench/service/protocol';
import { type RunRecord, type Side, summarizeRuns } from '../../../bench/service/scenario';

function run(side: Side, pair: number, rps: number, p50: number, p99: number, cpu: number): RunRecord {
  return {
    side,
    pair,
    requestsPerSecond: rps,
    latencyMs: { ...summarize([p50]), p50, p99 },
    serverCpuUsPerRequest: cpu,
    serverElu: 0.5,
    serverSleepsPerRequest: 0.1,
    serverPreemptionsPerRequest: 0,
    clientCpuUsPerRequest: 1,
    clientElu: 0.9,
    requests: 1,
    totalResponses: 1,
    non200: 0,
    errors: 0,
  };
}

describe('service bench bookkeeping', () => {
  it('counts requests per second of the window', () => {
    expect(requestsPerSecond({ requests: 30_000, windowMs: 3_000 })).toBe(10_000);
    expect(requestsPerSecond({ requests: 5, windowMs: 0 })).toBeNaN();
  });

  it('pairs runs by index whatever their order, ignores warm-ups, and takes one ratio per pair', () => {
    const runs = [
      run('bare', -1, 1, 100, 100, 100), // warm-up: ignored
      run('tessera', -1, 1, 100, 100, 100),
      run('bare', 0, 1000, 1, 4, 10),
      run('tessera', 0, 800, 2, 4, 15),
      run('tessera', 1, 600, 3, 9, 20),
      run('bare', 1, 1200, 1, 3, 10),
      run('bare', 2, 1000, 2, 2, 20),
      run('tessera', 2, 900, 2, 3, 20),
    ];
    const s = summarizeRuns(runs);
    // Per pair: req/s 0.8, 0.5, 0.9; p50 2, 3, 1; p99 1, 3, 1.5; CPU 1.5, 2, 1.
    expect(s.ratio.requestsPerSecond).toMatchObject({ rounds: 3, median: 0.8, min: 0.5, max: 0.9 });
    expect(s.ratio.p50).toMatchObject({ median: 2, min: 1, max: 3 });
    expect(s.ratio.p99).toMatchObject({ median: 1.5, min: 1, max: 3 });
    expect(s.ratio.serverCpuPerRequest).toMatchObject({ median: 1.5 });
    expect(s.bare.requestsPerSecond).toMatchObject({ rounds: 3, median: 1000, min: 1000, max: 1200 });
    expect(s.tessera.p50Ms.median).toBe(2);
  });

  it('refuses a pair with a side missing', () => {
    expect(() => summarizeRuns([run('bare', 0, 1, 1, 1, 1)])).toThrow(/one run of each side/);
  });
});
