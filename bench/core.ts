// `npm run bench:core`: the core performance figures of issue #2 §7 — (a) engine overhead per
// login, (b) 1,000 scheduled profiles, (c) 1,000 concurrent callers on an expired token — and of
// issue #12 §3: (d) exporting and importing 100 and 1,000 profiles against one-by-one creates;
// (e) a restart with every profile due at once, with and without the per-endpoint limit.
// Prints a table per figure and writes bench/results/core-<date>.json. See bench/README.md.
import { cpus } from 'node:os';

import { printConcurrency, runConcurrency } from './concurrency';
import { printFleet, runFleet } from './fleet';
import { findGc, removeTempDirs } from './lib/harness';
import { BenchRun, loads } from './lib/run-record';
import { printOverhead, runOverhead } from './overhead';
import { printRestart, runRestart } from './restart';
import { printScheduled, runScheduled } from './scheduled';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',') ?? ['a', 'b', 'c', 'd', 'e'];

/** The whole run should end within about three minutes, even on a loaded machine. */
const BUDGET_MS = 170_000;

async function main(): Promise<void> {
  const run = new BenchRun();
  const { gc, method: gcMethod } = findGc();
  console.log(
    `Tessera core bench — node ${process.version}, ${cpus().length} CPUs, load ${loads(run.loadStart)}, ` +
      `GC: ${gcMethod}${quick ? ', QUICK settings (not for reporting)' : ''}`,
  );

  const results: Record<string, unknown> = {};
  if (only.includes('a')) {
    const a = await runOverhead(
      quick ? { warmupPairs: 20, rounds: 6, pairsPerRound: 10 } : { warmupPairs: 100, rounds: 40, pairsPerRound: 25 },
    );
    results.overhead = a;
    console.log(printOverhead(a));
  }
  if (only.includes('b')) {
    const b = await runScheduled(
      quick
        ? { profiles: 200, windows: 2, windowMs: 500, settleMs: 200, gc, gcMethod }
        : { profiles: 1000, windows: 4, windowMs: 2500, settleMs: 500, gc, gcMethod },
    );
    results.scheduled = b;
    console.log(printScheduled(b));
  }
  if (only.includes('c')) {
    // Figure (c) fits its rounds into what is left of a ~3 minute budget (at least 3 rounds).
    const c = await runConcurrency({
      callers: quick ? 200 : 1000,
      rounds: quick ? 2 : 5,
      minRounds: quick ? 2 : 3,
      deadline: run.started + BUDGET_MS,
      latencyMs: 20,
      gc,
    });
    results.concurrency = c;
    console.log(printConcurrency(c));
  }
  // After (c), whose rounds fit a time budget from the start of the run.
  if (only.includes('d')) {
    const d = await runFleet(
      quick ? { sizes: [20, 100], rounds: () => 2 } : { sizes: [100, 1000], rounds: (size) => (size >= 1000 ? 3 : 5) },
    );
    results.fleet = d;
    console.log(printFleet(d));
  }
  if (only.includes('e')) {
    const e = await runRestart(quick ? { profiles: 60, rounds: 2, latencyMs: 50 } : { profiles: 300, rounds: 3, latencyMs: 50 });
    results.restart = e;
    console.log(printRestart(e));
  }

  run.end();
  const report = {
    startedAt: run.startedAt.toISOString(),
    durationS: run.durationS(),
    quick,
    environment: { ...run.environment(), gcMethod },
    ...results,
  };
  console.log(run.closing(run.write('core', quick, report)));
}

try {
  await main();
} finally {
  removeTempDirs();
}
// Idle keep-alive connections of the built-in fetch would otherwise hold the process a few seconds.
process.exit(process.exitCode ?? 0);
