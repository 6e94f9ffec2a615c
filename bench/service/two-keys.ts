// Side effects of serving one profile to two POS programs (two access keys) at once, next to
// one program: the core coalesces repeated "served" history events only while the same consumer
// asks again, so alternating consumers append an event (and schedule a store write) per request.
// Measured once, one run each, after the main scenarios: informative, not a ratio figure.
import type { Result } from '#common/contract';

import { coreInternals } from '../../electron/core/tessera-core';
import { ms, table } from '../lib/format';
import { summarize, type Summary } from '../lib/stats';
import type { LoadClient } from './client';
import { requestsPerSecond } from './protocol';
import { rps } from './scenario';
import type { TesseraUnderTest } from './servers';

export interface TwoKeysRun {
  keys: 1 | 2;
  requestsPerSecond: number;
  serverCpuUsPerRequest: number;
  responses: number;
  upstreamTokenRequests: number;
  historyEvents: number;
  storeWrites: number;
  storeWritesPerSecond: number;
  storeWriteMs: Summary;
  /** Time spent in store writes (synchronous, on the event loop) over the window. */
  storeWriteShare: number;
  /** The profile's history afterwards: length, "served" entries, and the kinds still in it. */
  history: { length: number; served: number; kinds: string[] };
  storeFileBytes: number;
}

export interface TwoKeysResult {
  connections: number;
  durationMs: number;
  runs: TwoKeysRun[];
}

export async function runTwoKeys(
  client: LoadClient,
  t: TesseraUnderTest,
  opts: { connections: number; durationMs: number },
): Promise<TwoKeysResult> {
  const created = (await t.core.dispatch('createAccessKey', { name: 'Second till', profiles: null })) as Result<{ key: string }>;
  if (!created.ok) throw new Error('could not create a second access key');
  const second = { ...t.headers, Authorization: `Bearer ${created.value.key}` };
  const profileId = coreInternals(t.core).vault.findByName(t.profileName)!.id;
  const runs: TwoKeysRun[] = [];
  for (const keys of [1, 2] as const) {
    const writes0 = t.store.writes.length;
    const history0 = t.events.get('history') ?? 0;
    const upstream0 = t.sim.stats().tokenRequests;
    const run = await client.run({
      port: t.port,
      path: t.path,
      headers: t.headers,
      ...(keys === 2 ? { moreHeaders: [second] } : {}),
      connections: opts.connections,
      durationMs: opts.durationMs,
    });
    if (run.load.errors > 0 || run.load.non200 > 0)
      throw new Error(`two-keys check: ${run.load.non200} non-200, ${run.load.errors} errors`);
    const writes = t.store.writes.slice(writes0);
    const history = coreInternals(t.core).vault.history(profileId);
    runs.push({
      keys,
      requestsPerSecond: requestsPerSecond(run.load),
      serverCpuUsPerRequest: run.server.cpuUs / run.load.requests,
      responses: run.load.totalResponses,
      upstreamTokenRequests: t.sim.stats().tokenRequests - upstream0,
      historyEvents: (t.events.get('history') ?? 0) - history0,
      storeWrites: writes.length,
      storeWritesPerSecond: (writes.length * 1000) / run.server.windowMs,
      storeWriteMs: summarize(writes),
      storeWriteShare: writes.reduce((a, b) => a + b, 0) / run.server.windowMs,
      history: {
        length: history.length,
        served: history.filter((e) => e.kind === 'served').length,
        kinds: [...new Set(history.map((e) => e.kind))],
      },
      storeFileBytes: t.store.fileBytes(),
    });
  }
  return { ...opts, runs };
}

export function printTwoKeys(r: TwoKeysResult): string {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  return table(
    `One profile served to one and to two access keys (two POS programs), ${r.connections} connections, one run of ${r.durationMs / 1000} s each`,
    [
      'keys asking',
      'req/s',
      'server CPU/req',
      "'history' events",
      'store writes',
      'writes/s',
      'write median',
      'loop time in writes',
      'history afterwards',
    ],
    r.runs.map((run) => [
      run.keys === 1 ? 'one key' : 'two keys, alternating',
      rps(run.requestsPerSecond),
      `${run.serverCpuUsPerRequest.toFixed(1)} µs`,
      run.historyEvents.toLocaleString('en-US'),
      String(run.storeWrites),
      run.storeWritesPerSecond.toFixed(1),
      ms(run.storeWriteMs.p50),
      pct(run.storeWriteShare),
      `${run.history.served}/${run.history.length} served (${run.history.kinds.join(', ')})`,
    ]),
  );
}
