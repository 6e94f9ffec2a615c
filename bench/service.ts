// `npm run bench:service` (issue #4): the local token service under load from a separate
// process, next to a bare node:http server answering the same bytes, interleaved in one run.
// (1) throughput of cached-token requests, (2) p50/p99 latency under 100 concurrent clients,
// (3) what access-key verification costs. Prints tables and writes
// bench/results/service-<date>.json. See bench/README.md.
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ms, table } from './lib/format';
import { removeTempDirs } from './lib/harness';
import { BenchRun, loads, PROJECT_ROOT } from './lib/run-record';
import { summarize } from './lib/stats';
import { LoadClient } from './service/client';
import { type KeyCheckResult, runKeyCheck } from './service/keys';
import {
  medianOf,
  printLatency,
  printThroughput,
  rps,
  type RunRecord,
  runScenario,
  type ScenarioResult,
  type Target,
} from './service/scenario';
import { type BareServer, fetchOnce, startBare, startTessera, type TesseraUnderTest, UNLIMITED } from './service/servers';
import { printTwoKeys, runTwoKeys } from './service/two-keys';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const numberArg = (name: string, fallback: number): number => {
  const raw = args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};

const settings = {
  pairs: numberArg('pairs', quick ? 2 : 8),
  durationMs: numberArg('seconds', quick ? 1 : 2) * 1000,
  warmupMs: quick ? 500 : 1500,
  throughputConnections: numberArg('throughput-connections', 10),
  latencyConnections: numberArg('latency-connections', 100),
};

const here = dirname(fileURLToPath(import.meta.url));
const log = (line: string) => console.log(line);

/** Upstream requests, store writes and core events around each Tessera run. */
function tesseraTarget(t: TesseraUnderTest): Target {
  let before = { tokenRequests: 0, writes: 0, history: 0 };
  const snapshot = () => ({
    tokenRequests: t.sim.stats().tokenRequests,
    writes: t.store.writes.length,
    history: t.events.get('history') ?? 0,
  });
  return {
    port: t.port,
    path: t.path,
    headers: t.headers,
    before: () => {
      before = snapshot();
    },
    after: (run: RunRecord) => {
      const now = snapshot();
      const upstream = now.tokenRequests - before.tokenRequests;
      if (upstream !== 0) throw new Error(`the provider saw ${upstream} token requests during a cached-token run`);
      run.extra = {
        upstreamTokenRequests: upstream,
        storeWrites: now.writes - before.writes,
        storeWriteMs: t.store.writes.slice(before.writes),
        historyEvents: now.history - before.history,
        historyEventsPerResponse: (now.history - before.history) / run.totalResponses,
      };
    },
  };
}

function printKeys(k: KeyCheckResult, tesseraCpuUs: number, bareCpuUs: number): string {
  const us = (v: number) => `${v.toFixed(2)} µs`;
  const extra = tesseraCpuUs - bareCpuUs;
  // The extra over bare is a difference of two noisy medians: a share above 100% means it came out small.
  const share = (v: number, of: number) => (Number.isFinite(of) && of > 0 ? `${((v / of) * 100).toFixed(0)}%` : 'n/a');
  return table(
    `Access-key verification, in process (${k.rounds} rounds × ${k.callsPerBatch.toLocaleString('en-US')} calls; share of the service's CPU per request in the throughput runs: Tessera ${us(tesseraCpuUs)}, of which ${us(extra)} above bare)`,
    ['operation', 'per call', 'min–max', 'of Tessera CPU/req', 'of the extra over bare'],
    [
      [
        'SHA-256 of the presented key',
        us(k.sha256Us.median),
        `${k.sha256Us.min.toFixed(2)}–${k.sha256Us.max.toFixed(2)}`,
        share(k.sha256Us.median, tesseraCpuUs),
        share(k.sha256Us.median, extra),
      ],
      [
        'findAccessKey, 1 stored key',
        us(k.findAccessKey1Us.median),
        `${k.findAccessKey1Us.min.toFixed(2)}–${k.findAccessKey1Us.max.toFixed(2)}`,
        share(k.findAccessKey1Us.median, tesseraCpuUs),
        share(k.findAccessKey1Us.median, extra),
      ],
      [
        'findAccessKey, 20 stored keys',
        us(k.findAccessKey20Us.median),
        `${k.findAccessKey20Us.min.toFixed(2)}–${k.findAccessKey20Us.max.toFixed(2)}`,
        share(k.findAccessKey20Us.median, tesseraCpuUs),
        share(k.findAccessKey20Us.median, extra),
      ],
      ['each further stored key', us(k.perExtraKeyUs), '', '', ''],
    ],
  );
}

function printChecks(scenarios: readonly ScenarioResult[], t: TesseraUnderTest, upstreamAtStart: number): string {
  const tesseraRuns = scenarios.flatMap((s) => s.runs.filter((r) => r.side === 'tessera'));
  const responses = tesseraRuns.reduce((n, r) => n + r.totalResponses, 0);
  const sum = (key: string) => tesseraRuns.reduce((n, r) => n + ((r.extra?.[key] as number | undefined) ?? 0), 0);
  const writeMs = tesseraRuns.flatMap((r) => (r.extra?.storeWriteMs as number[] | undefined) ?? []);
  const w = summarize(writeMs);
  return [
    '\nChecks and side effects (all Tessera runs, warm-ups included)',
    `- upstream: the simulator's token endpoint saw ${sum('upstreamTokenRequests')} requests during the runs ` +
      `(${upstreamAtStart} before them, for the sign-in; ${t.sim.stats().tokenRequests} now): every answer came from the cached token`,
    `- answers: ${responses.toLocaleString('en-US')} responses, all 200, no socket errors (the run stops on any other)`,
    `- rate limit: burst ${UNLIMITED.burst.toExponential(0)}, ${UNLIMITED.perSecond.toExponential(0)}/s per key, so it never refused; ` +
      `the default (1,000 burst, 100/s) would have answered 429 to all but about 1,000 + 100/s of them`,
    `- history: ${sum('historyEvents').toLocaleString('en-US')} 'history' events emitted by the core ` +
      `(${(sum('historyEvents') / responses).toFixed(2)} per response), each one forwarded by main to the window`,
    `- store: ${sum('storeWrites')} whole-document writes during the runs` +
      (writeMs.length ? ` (${ms(w.p50)} median, ${ms(w.max)} max, on the event loop)` : ''),
  ].join('\n');
}

/** Which side limited the throughput runs: a server that keeps going idle is waiting for the client. */
function printBottleneck(r: ScenarioResult): string {
  const clientBusy = medianOf(r, 'bare', (run) => run.clientElu);
  const bareSleeps = medianOf(r, 'bare', (run) => run.serverSleepsPerRequest);
  const tesseraSleeps = medianOf(r, 'tessera', (run) => run.serverSleepsPerRequest);
  const lines = [
    `\nWho limits the throughput runs: in the bare runs the load generator's loop was ${Math.round(clientBusy * 100)}% busy and the ` +
      `server went idle ${bareSleeps.toFixed(2)} times per request; Tessera's server went idle ${tesseraSleeps.toFixed(2)} times per request.`,
  ];
  if (clientBusy > 0.85 || bareSleeps > 0.3) {
    lines.push(
      `The bare server spent much of its window waiting for the client, so its req/s is partly the client's limit and the req/s ` +
        `ratio understates Tessera's cost. "server CPU/req" compares the servers without that limit; "req per CPU-s" is ` +
        `1 / CPU per request, what one core could serve with a client that costs nothing.`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const run = new BenchRun();
  log(
    `Tessera token service bench — node ${process.version}, ${cpus().length} CPUs, load ${loads(run.loadStart)}` +
      `${quick ? ', QUICK settings (not for reporting)' : ''}`,
  );

  const keys = runKeyCheck(quick ? { rounds: 3, callsPerBatch: 5_000 } : { rounds: 9, callsPerBatch: 20_000 });

  let tessera: TesseraUnderTest | undefined;
  let bare: BareServer | undefined;
  let client: LoadClient | undefined;
  try {
    tessera = await startTessera();
    const answer = await fetchOnce(tessera.port, tessera.path, tessera.headers);
    if (answer.status !== 200) throw new Error(`the token service answered ${answer.status}: ${answer.body}`);
    bare = await startBare(answer);
    const upstreamAtStart = tessera.sim.stats().tokenRequests;
    client = await LoadClient.start(join(here, 'service', 'load.ts'), PROJECT_ROOT);
    log(
      `servers: Tessera on :${tessera.port} and bare node:http on :${bare.port}, in this process (pid ${process.pid}); ` +
        `load generator pid ${client.pid}; answer ${bare.bodyBytes} bytes of JSON`,
    );

    const targets = { bare: { port: bare.port, path: tessera.path, headers: tessera.headers }, tessera: tesseraTarget(tessera) };
    const base = { pairs: settings.pairs, durationMs: settings.durationMs, warmupMs: settings.warmupMs };
    const throughput = await runScenario(client, targets, { id: 'throughput', connections: settings.throughputConnections, ...base }, log);
    const latency = await runScenario(client, targets, { id: 'latency', connections: settings.latencyConnections, ...base }, log);
    const twoKeys = await runTwoKeys(client, tessera, { connections: settings.throughputConnections, durationMs: settings.durationMs });
    const twoKeysUpstream = twoKeys.runs.reduce((n, r) => n + r.upstreamTokenRequests, 0);
    if (twoKeysUpstream !== 0) throw new Error(`the provider saw ${twoKeysUpstream} token requests during the two-keys runs`);

    const tesseraCpu = medianOf(throughput, 'tessera', (r) => r.serverCpuUsPerRequest);
    const bareCpu = medianOf(throughput, 'bare', (r) => r.serverCpuUsPerRequest);
    log(printThroughput(throughput));
    log(printBottleneck(throughput));
    log(printLatency(latency));
    log(printKeys(keys, tesseraCpu, bareCpu));
    log(printChecks([throughput, latency], tessera, upstreamAtStart));
    log(printTwoKeys(twoKeys));
    run.end();
    const report = {
      startedAt: run.startedAt.toISOString(),
      durationS: run.durationS(),
      quick,
      settings: { ...settings, rateLimit: UNLIMITED, answerBytes: bare.bodyBytes, answerHeaders: answer.headers },
      environment: run.environment(),
      throughput,
      latency,
      twoKeys,
      accessKeys: { ...keys, tesseraCpuUsPerRequest: tesseraCpu, bareCpuUsPerRequest: bareCpu },
      upstream: { tokenRequestsBeforeRuns: upstreamAtStart, tokenRequestsAfterRuns: tessera.sim.stats().tokenRequests },
    };
    log(
      run.closing(run.write('service', quick, report)) +
        ` (throughput ${rps(throughput.tessera.requestsPerSecond.median)} vs ${rps(throughput.bare.requestsPerSecond.median)} req/s)`,
    );
  } finally {
    await client?.stop();
    await bare?.close();
    await tessera?.close();
    removeTempDirs();
  }
}

await main();
