// Figure (b): 1,000 profiles scheduled at once — what creating them costs, then the timers, heap
// and idle CPU of an engine holding 1,000 valid tokens, against the same process without one.
import { Agent as HttpAgent } from 'node:http';

import axios from 'axios';

import { startSimulator } from '../electron/core/simulator';
import type { TokenEngine } from '../electron/core/tokens/engine';
import { kib, mib, ms, table } from './lib/format';
import {
  activeTimeoutResources,
  factusProfile,
  type GcMethod,
  installTimerTracker,
  newEngine,
  openVault,
  settledHeapUsed,
  sleep,
} from './lib/harness';
import { mean, median, summarize, type Summary } from './lib/stats';

export interface ScheduledOptions {
  profiles: number;
  /** Idle windows per condition; each condition gets `windows × windowMs` of idle in total. */
  windows: number;
  windowMs: number;
  /** Pause before each window. */
  settleMs: number;
  gc: (() => void) | undefined;
  gcMethod: GcMethod;
}

interface TimerCounts {
  engineStatsTimers: number;
  /** process.getActiveResourcesInfo() 'Timeout' entries: ref'd timers only. */
  activeResourceTimeouts: number;
  /** Live timers seen by the bench's setTimeout wrapper, unref'd ones included. */
  trackedLive: number;
  trackedUnrefd: number;
}

export interface ScheduledResult {
  profiles: number;
  create: {
    totalMs: number;
    perCreateMs: { first100: Summary; last100: Summary };
    storeWrites: number;
    storeWriteMs: { first100: number; last100: number };
    /** Store file size after the last create, and the sum over every rewrite. */
    finalFileBytes: number;
    totalBytesWritten: number;
    /** Share of the create loop spent inside Store.write. */
    storeWriteShare: number;
  };
  signIn: { ms: number; upstreamLogins: number; signedIn: number; failed: number };
  engine: {
    startMs: Summary;
    stats: { profiles: number; timers: number; scheduled: number };
    timersWithout: TimerCounts;
    timersWith: TimerCounts;
    gcMethod: GcMethod;
    heapBeforeBytes: number[];
    heapAfterBytes: number[];
    heapDeltaBytes: Summary;
    heapPerProfileBytes: number;
    /** heapBefore of the next engine − heapBefore of this one: what a stopped engine left behind. */
    heapLeftAfterStopBytes: number[];
    /** History events the vault gained per engine start (a `restored` event per profile). */
    historyEventsAddedPerStart: number[];
  };
  idleCpu: {
    windowMs: number;
    windows: number;
    settleMs: number;
    withoutEngineUs: number[];
    withEngineUs: number[];
    withoutEngineTotalUs: number;
    withEngineTotalUs: number;
    differenceUs: number;
    timerCallbacksWithout: number;
    timerCallbacksWith: number;
    upstreamRequestsDuringIdle: number;
  };
}

function cpuMicros(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return d.user + d.system;
}

export async function runScheduled(opts: ScheduledOptions): Promise<ScheduledResult> {
  const tracker = installTimerTracker();
  const sim = await startSimulator('factus', { config: { latencyMs: 0 } });
  // A bounded pool for the 1,000 sign-ins, destroyed afterwards so no socket lives into the idle windows.
  const agent = new HttpAgent({ keepAlive: true, maxSockets: 32 });
  const http = axios.create({ httpAgent: agent });
  const { vault, store } = openVault();
  try {
    // -- creating the profiles, one vault.create each --
    const perCreate: number[] = [];
    const sizes: number[] = [];
    const loopStarted = performance.now();
    for (let i = 0; i < opts.profiles; i++) {
      const started = performance.now();
      await vault.create(factusProfile(`Till ${String(i + 1).padStart(4, '0')}`));
      perCreate.push(performance.now() - started);
      sizes.push(store.fileBytes());
    }
    const totalMs = performance.now() - loopStarted;
    const writes = store.writes.slice(0, opts.profiles);
    const writeTotal = writes.reduce((a, b) => a + b, 0);
    const sumCreate = perCreate.reduce((a, b) => a + b, 0);

    // -- signing every profile in: one engine, all logins at start --
    const upstreamBefore = sim.stats().logins;
    const signer = newEngine({ vault, http, baseUrl: sim.baseUrl });
    let signedIn = 0;
    let failed = 0;
    const allDone = new Promise<void>((resolve) => {
      signer.on('history', (_id, e) => {
        if (e.kind === 'signed-in') signedIn += 1;
        if (e.kind === 'failed' || e.kind === 'needs-attention') failed += 1;
        if (signedIn + failed >= opts.profiles) resolve();
      });
    });
    const signStarted = performance.now();
    await signer.start();
    await allDone;
    const signMs = performance.now() - signStarted;
    // stop() does not cancel renewals in flight, and one that ends after stop() re-arms the
    // schedule (see README): wait until every profile is scheduled, so the signer really stops.
    while (signer.stats().scheduled < signedIn) await sleep(5);
    signer.stop();
    signer.removeAllListeners();
    const upstreamLogins = sim.stats().logins - upstreamBefore;
    agent.destroy();
    await sleep(100);

    // -- idle windows, ABAB: no engine, then an engine restored from the vault (valid tokens) --
    const timerCounts = (engine?: TokenEngine): TimerCounts => {
      const live = tracker.live();
      return {
        engineStatsTimers: engine?.stats().timers ?? 0,
        activeResourceTimeouts: activeTimeoutResources(),
        trackedLive: live.total,
        trackedUnrefd: live.unrefd,
      };
    };
    const withoutUs: number[] = [];
    const withUs: number[] = [];
    let callbacksWithout = 0;
    let callbacksWith = 0;
    const heapBefore: number[] = [];
    const heapAfter: number[] = [];
    const startMs: number[] = [];
    const historyAdded: number[] = [];
    const historyEvents = () => vault.profiles().reduce((n, p) => n + vault.history(p.id).length, 0);
    let stats = { profiles: 0, timers: 0, scheduled: 0 };
    let timersWithout: TimerCounts | undefined;
    let timersWith: TimerCounts | undefined;
    const idleUpstreamBefore = sim.stats().tokenRequests;

    // One idle window, after the same preamble in both conditions: a full GC, then a pause for
    // background work (concurrent sweeping, optimising compiles of what just ran) to finish.
    // The sleep's own timer is the only one the bench adds, in both conditions.
    const idle = async (): Promise<{ us: number; callbacks: number }> => {
      await settledHeapUsed(opts.gc);
      await sleep(opts.settleMs);
      const fired = tracker.fired();
      const cpu = process.cpuUsage();
      await sleep(opts.windowMs);
      return { us: cpuMicros(cpu), callbacks: tracker.fired() - fired - 1 };
    };

    for (let w = 0; w < opts.windows; w++) {
      // A: no engine.
      timersWithout ??= timerCounts();
      const a = await idle();
      withoutUs.push(a.us);
      callbacksWithout += a.callbacks;

      // B: an engine with every profile restored and scheduled.
      heapBefore.push(await settledHeapUsed(opts.gc));
      const eventsBefore = historyEvents();
      const started = performance.now();
      let engine: TokenEngine | undefined = newEngine({ vault, http, baseUrl: sim.baseUrl });
      await engine.start();
      startMs.push(performance.now() - started);
      historyAdded.push(historyEvents() - eventsBefore);
      // The 'restored' history events are written now, not in the middle of the window.
      vault.flush();
      stats = engine.stats();
      timersWith ??= timerCounts(engine);
      heapAfter.push(await settledHeapUsed(opts.gc));
      const b = await idle();
      withUs.push(b.us);
      callbacksWith += b.callbacks;
      engine.stop();
      engine = undefined;
    }
    heapBefore.push(await settledHeapUsed(opts.gc));
    const deltas = heapAfter.map((h, i) => h - heapBefore[i]!);
    const withoutTotal = withoutUs.reduce((s, v) => s + v, 0);
    const withTotal = withUs.reduce((s, v) => s + v, 0);

    return {
      profiles: opts.profiles,
      create: {
        totalMs,
        perCreateMs: { first100: summarize(perCreate.slice(0, 100)), last100: summarize(perCreate.slice(-100)) },
        storeWrites: writes.length,
        storeWriteMs: { first100: median(writes.slice(0, 100)), last100: median(writes.slice(-100)) },
        finalFileBytes: sizes.at(-1) ?? 0,
        totalBytesWritten: sizes.reduce((s, v) => s + v, 0),
        storeWriteShare: writeTotal / sumCreate,
      },
      signIn: { ms: signMs, upstreamLogins, signedIn, failed },
      engine: {
        startMs: summarize(startMs),
        stats,
        timersWithout: timersWithout!,
        timersWith: timersWith!,
        gcMethod: opts.gcMethod,
        heapBeforeBytes: heapBefore,
        heapAfterBytes: heapAfter,
        heapDeltaBytes: summarize(deltas),
        heapPerProfileBytes: median(deltas) / opts.profiles,
        heapLeftAfterStopBytes: heapBefore.slice(1).map((h, i) => h - heapBefore[i]!),
        historyEventsAddedPerStart: historyAdded,
      },
      idleCpu: {
        windowMs: opts.windowMs,
        windows: opts.windows,
        settleMs: opts.settleMs,
        withoutEngineUs: withoutUs,
        withEngineUs: withUs,
        withoutEngineTotalUs: withoutTotal,
        withEngineTotalUs: withTotal,
        differenceUs: withTotal - withoutTotal,
        timerCallbacksWithout: callbacksWithout,
        timerCallbacksWith: callbacksWith,
        upstreamRequestsDuringIdle: sim.stats().tokenRequests - idleUpstreamBefore,
      },
    };
  } finally {
    vault.flush();
    agent.destroy();
    await sim.close();
    tracker.uninstall();
  }
}

export function printScheduled(r: ScheduledResult): string {
  const c = r.create;
  const e = r.engine;
  const i = r.idleCpu;
  const idleSeconds = (i.windows * i.windowMs) / 1000;
  const t = (counts: TimerCounts) => [
    String(counts.engineStatsTimers),
    String(counts.activeResourceTimeouts),
    `${counts.trackedLive} (${counts.trackedUnrefd} unref'd)`,
  ];
  return [
    table(
      `(b1) Creating ${r.profiles} profiles with vault.create (each create rewrites and fsyncs the whole store)`,
      ['creates', 'median per create', 'mean per create', 'median store write'],
      [
        ['1–100', ms(c.perCreateMs.first100.p50), ms(c.perCreateMs.first100.mean), ms(c.storeWriteMs.first100)],
        [`${r.profiles - 99}–${r.profiles}`, ms(c.perCreateMs.last100.p50), ms(c.perCreateMs.last100.mean), ms(c.storeWriteMs.last100)],
      ],
    ),
    `total ${(c.totalMs / 1000).toFixed(2)} s for ${r.profiles} creates; ${c.storeWrites} whole-store writes took ` +
      `${(c.storeWriteShare * 100).toFixed(0)} % of it; final file ${kib(c.finalFileBytes)}, ${mib(c.totalBytesWritten)} written in all`,
    `sign-in of all ${r.profiles} through one engine: ${(r.signIn.ms / 1000).toFixed(2)} s, ${r.signIn.upstreamLogins} upstream logins, ` +
      `${r.signIn.signedIn} signed in, ${r.signIn.failed} failed`,
    table(
      `(b2) Engine restored with ${e.stats.profiles} valid tokens (${e.stats.scheduled} scheduled): timers`,
      ['condition', 'engine.stats().timers', 'getActiveResourcesInfo Timeout', 'live timers (bench wrapper)'],
      [
        ['no engine', 'n/a', ...t(e.timersWithout).slice(1)],
        [`engine, ${e.stats.scheduled} scheduled`, ...t(e.timersWith)],
      ],
    ),
    `engine.start() restoring ${r.profiles}: median ${ms(e.startMs.p50)} (${e.startMs.n} starts)`,
    `heap (GC: ${e.gcMethod}): +${mib(e.heapDeltaBytes.p50)} median over ${e.heapDeltaBytes.n} engine starts ` +
      `(min ${mib(e.heapDeltaBytes.min)}, max ${mib(e.heapDeltaBytes.max)}) = ${Math.round(e.heapPerProfileBytes)} B per profile; ` +
      `left behind after stop: ${e.heapLeftAfterStopBytes.map((b) => kib(b)).join(', ')} ` +
      `(the vault's history grew by ${e.historyEventsAddedPerStart.join(', ')} events per start)`,
    table(
      `(b3) CPU over ${idleSeconds} s of idle per condition (${i.windows} × ${i.windowMs / 1000} s windows, interleaved)`,
      ['condition', 'CPU total', 'CPU per s', 'per window', 'timer callbacks'],
      [
        [
          'no engine',
          ms(i.withoutEngineTotalUs / 1000),
          ms(i.withoutEngineTotalUs / 1000 / idleSeconds, 3),
          i.withoutEngineUs.map((v) => (v / 1000).toFixed(1)).join(' / '),
          String(i.timerCallbacksWithout),
        ],
        [
          `engine, ${e.stats.scheduled} scheduled`,
          ms(i.withEngineTotalUs / 1000),
          ms(i.withEngineTotalUs / 1000 / idleSeconds, 3),
          i.withEngineUs.map((v) => (v / 1000).toFixed(1)).join(' / '),
          String(i.timerCallbacksWith),
        ],
      ],
    ),
    `difference: ${ms(i.differenceUs / 1000)} over ${idleSeconds} s (median window: no engine ${ms(median(i.withoutEngineUs) / 1000)}, ` +
      `engine ${ms(median(i.withEngineUs) / 1000)}; mean ${ms(mean(i.withEngineUs) / 1000 - mean(i.withoutEngineUs) / 1000)} per window); ` +
      `upstream requests during idle: ${i.upstreamRequestsDuringIdle}`,
  ].join('\n');
}
