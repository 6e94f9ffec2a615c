// One scenario of `npm run bench:service`: bare server and Tessera's token service under the
// same load, run after run, interleaved ABBA (bare–Tessera, Tessera–bare, …), then summarised
// with one ratio per pair.
import { ms, ratioText, table, x } from '../lib/format';
import { abOrder, median, type RatioSpread, ratioSpread, spread, type Summary } from '../lib/stats';
import type { LoadClient, MeasuredRun } from './client';
import { requestsPerSecond } from './protocol';

export type Side = 'bare' | 'tessera';

export interface Target {
  port: number;
  path: string;
  headers: Record<string, string>;
  /** Called around each run of this side, e.g. to check the provider saw nothing. */
  before?: () => void;
  after?: (run: RunRecord) => void;
}

export interface RunRecord {
  side: Side;
  /** -1 for warm-up runs. */
  pair: number;
  requestsPerSecond: number;
  latencyMs: Summary;
  /** Server process CPU per request completed in the window, µs. */
  serverCpuUsPerRequest: number;
  serverElu: number;
  /** Times the server process went idle (voluntary context switches) per request. */
  serverSleepsPerRequest: number;
  /** Times the scheduler preempted the server process per request. */
  serverPreemptionsPerRequest: number;
  clientCpuUsPerRequest: number;
  clientElu: number;
  requests: number;
  totalResponses: number;
  non200: number;
  errors: number;
  /** Filled in by the side's `after` hook. */
  extra?: Record<string, unknown>;
}

export interface ScenarioOptions {
  id: string;
  connections: number;
  pairs: number;
  durationMs: number;
  warmupMs: number;
}

export interface SideSummary {
  requestsPerSecond: RatioSpread;
  p50Ms: RatioSpread;
  p99Ms: RatioSpread;
  serverCpuUsPerRequest: RatioSpread;
  serverElu: RatioSpread;
  serverSleepsPerRequest: RatioSpread;
  serverPreemptionsPerRequest: RatioSpread;
  clientElu: RatioSpread;
}

export interface ScenarioResult extends ScenarioOptions {
  bare: SideSummary;
  tessera: SideSummary;
  /** Tessera / bare, one ratio per pair. */
  ratio: {
    requestsPerSecond: RatioSpread;
    p50: RatioSpread;
    p99: RatioSpread;
    serverCpuPerRequest: RatioSpread;
  };
  runs: RunRecord[];
}

function record(side: Side, pair: number, run: MeasuredRun): RunRecord {
  const { load, server } = run;
  return {
    side,
    pair,
    requestsPerSecond: requestsPerSecond(load),
    latencyMs: load.latencyMs,
    serverCpuUsPerRequest: server.cpuUs / load.requests,
    serverElu: server.elu,
    serverSleepsPerRequest: server.voluntarySwitches / load.requests,
    serverPreemptionsPerRequest: server.involuntarySwitches / load.requests,
    clientCpuUsPerRequest: load.clientCpuUs / load.requests,
    clientElu: load.clientElu,
    requests: load.requests,
    totalResponses: load.totalResponses,
    non200: load.non200,
    errors: load.errors,
  };
}

function sideSummary(runs: readonly RunRecord[]): SideSummary {
  return {
    requestsPerSecond: spread(runs.map((r) => r.requestsPerSecond)),
    p50Ms: spread(runs.map((r) => r.latencyMs.p50)),
    p99Ms: spread(runs.map((r) => r.latencyMs.p99)),
    serverCpuUsPerRequest: spread(runs.map((r) => r.serverCpuUsPerRequest)),
    serverElu: spread(runs.map((r) => r.serverElu)),
    serverSleepsPerRequest: spread(runs.map((r) => r.serverSleepsPerRequest)),
    serverPreemptionsPerRequest: spread(runs.map((r) => r.serverPreemptionsPerRequest)),
    clientElu: spread(runs.map((r) => r.clientElu)),
  };
}

/** Per-side summaries and per-pair ratios (Tessera / bare) of measured runs; warm-ups ignored. */
export function summarizeRuns(runs: readonly RunRecord[]): Pick<ScenarioResult, 'bare' | 'tessera' | 'ratio'> {
  const measured = runs.filter((r) => r.pair >= 0);
  const pairs = [...new Set(measured.map((r) => r.pair))].sort((a, b) => a - b);
  const of = (side: Side) => pairs.map((p) => measured.find((r) => r.pair === p && r.side === side)!);
  const bare = of('bare');
  const tessera = of('tessera');
  if (bare.some((r) => !r) || tessera.some((r) => !r)) throw new Error('every pair needs one run of each side');
  const ratio = (pick: (r: RunRecord) => number) => ratioSpread(tessera.map(pick), bare.map(pick));
  return {
    bare: sideSummary(bare),
    tessera: sideSummary(tessera),
    ratio: {
      requestsPerSecond: ratio((r) => r.requestsPerSecond),
      p50: ratio((r) => r.latencyMs.p50),
      p99: ratio((r) => r.latencyMs.p99),
      serverCpuPerRequest: ratio((r) => r.serverCpuUsPerRequest),
    },
  };
}

export async function runScenario(
  client: LoadClient,
  targets: Record<Side, Target>,
  opts: ScenarioOptions,
  progress: (line: string) => void,
): Promise<ScenarioResult> {
  const runs: RunRecord[] = [];
  const once = async (side: Side, pair: number, durationMs: number): Promise<RunRecord> => {
    const t = targets[side];
    t.before?.();
    const run = record(
      side,
      pair,
      await client.run({ port: t.port, path: t.path, headers: t.headers, connections: opts.connections, durationMs }),
    );
    if (run.errors > 0 || run.non200 > 0) {
      throw new Error(`${side}: ${run.non200} non-200 answers and ${run.errors} socket errors in ${run.totalResponses} requests`);
    }
    t.after?.(run);
    runs.push(run);
    return run;
  };
  // Warm-up: both servers and the generator's JIT, connections of this size; thrown away.
  await once('bare', -1, opts.warmupMs);
  await once('tessera', -1, opts.warmupMs);
  for (let pair = 0; pair < opts.pairs; pair++) {
    const sides: Side[] = abOrder(pair, 0).map((s) => (s === 'a' ? 'bare' : 'tessera'));
    const done: Partial<Record<Side, RunRecord>> = {};
    for (const side of sides) done[side] = await once(side, pair, opts.durationMs);
    progress(
      `  ${opts.id} pair ${pair + 1}/${opts.pairs} (${sides.join(' → ')}): bare ${rps(done.bare!.requestsPerSecond)} req/s, ` +
        `Tessera ${rps(done.tessera!.requestsPerSecond)} req/s (${x(done.tessera!.requestsPerSecond / done.bare!.requestsPerSecond)}), ` +
        `p50 ${ms(done.bare!.latencyMs.p50)} / ${ms(done.tessera!.latencyMs.p50)}, ` +
        `server CPU/req ${usText(done.bare!.serverCpuUsPerRequest)} / ${usText(done.tessera!.serverCpuUsPerRequest)}`,
    );
  }
  return { ...opts, ...summarizeRuns(runs), runs };
}

export const rps = (v: number): string => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : 'n/a');
const minMax = (s: RatioSpread, f: (v: number) => string) => `${f(s.min)}–${f(s.max)}`;
const pct = (v: number) => `${Math.round(v * 100)}%`;
const usText = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} µs` : 'n/a');

export function printThroughput(r: ScenarioResult): string {
  const row = (name: string, s: SideSummary) => [
    name,
    rps(s.requestsPerSecond.median),
    minMax(s.requestsPerSecond, rps),
    usText(s.serverCpuUsPerRequest.median),
    rps(1e6 / s.serverCpuUsPerRequest.median),
    pct(s.serverElu.median),
    s.serverSleepsPerRequest.median.toFixed(2),
    pct(s.clientElu.median),
  ];
  const cpu = r.ratio.serverCpuPerRequest;
  return table(
    `Throughput: cached token over loopback, ${r.connections} keep-alive connections, ${r.pairs} pairs × ${r.durationMs / 1000} s (medians over runs)`,
    ['server', 'req/s', 'min–max', 'server CPU/req', 'req per CPU-s', 'server loop busy', 'server sleeps/req', 'client loop busy'],
    [
      row('bare node:http', r.bare),
      row('Tessera service', r.tessera),
      [
        'Tessera / bare',
        ratioText(r.ratio.requestsPerSecond),
        minMax(r.ratio.requestsPerSecond, (v) => v.toFixed(2)),
        `${x(cpu.median)} (${cpu.min.toFixed(2)}–${cpu.max.toFixed(2)})`,
        x(1 / cpu.median),
        '',
        '',
        '',
      ],
    ],
  );
}

export function printLatency(r: ScenarioResult): string {
  const row = (name: string, s: SideSummary) => [
    name,
    ms(s.p50Ms.median),
    minMax(s.p50Ms, (v) => v.toFixed(2)),
    ms(s.p99Ms.median),
    minMax(s.p99Ms, (v) => v.toFixed(2)),
    rps(s.requestsPerSecond.median),
  ];
  return table(
    `Latency: ${r.connections} concurrent keep-alive clients, ${r.pairs} pairs × ${r.durationMs / 1000} s (median of the runs' p50 and p99)`,
    ['server', 'p50', 'min–max', 'p99', 'min–max', 'req/s'],
    [
      row('bare node:http', r.bare),
      row('Tessera service', r.tessera),
      [
        'Tessera / bare',
        x(r.ratio.p50.median),
        minMax(r.ratio.p50, (v) => v.toFixed(2)),
        x(r.ratio.p99.median),
        minMax(r.ratio.p99, (v) => v.toFixed(2)),
        x(r.ratio.requestsPerSecond.median),
      ],
    ],
  );
}

/** Median of one field over a side's measured runs. */
export function medianOf(r: ScenarioResult, side: Side, pick: (run: RunRecord) => number): number {
  return median(r.runs.filter((run) => run.side === side && run.pair >= 0).map(pick));
}
