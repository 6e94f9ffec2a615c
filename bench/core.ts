// `npm run bench:core`: the core performance figures of issue #2 §7 — (a) engine overhead per
// login, (b) 1,000 scheduled profiles, (c) 1,000 concurrent callers on an expired token.
// Prints a table per figure and writes bench/results/core-<date>.json. See bench/README.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printConcurrency, runConcurrency } from './concurrency';
import { findGc, removeTempDirs } from './lib/harness';
import { printOverhead, runOverhead } from './overhead';
import { printScheduled, runScheduled } from './scheduled';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',') ?? ['a', 'b', 'c'];

/** The whole run should end within about three minutes, even on a loaded machine. */
const BUDGET_MS = 170_000;

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

function gitCommit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const startedAt = new Date();
  const { gc, method: gcMethod } = findGc();
  const load = [loadavg()];
  console.log(
    `Tessera core bench — node ${process.version}, ${cpus().length} CPUs, load ${load[0]!.map((l) => l.toFixed(2)).join(' ')}, ` +
      `GC: ${gcMethod}${quick ? ', QUICK settings (not for reporting)' : ''}`,
  );

  const results: Record<string, unknown> = {};
  if (only.includes('a')) {
    const a = await runOverhead(quick ? { warmupPairs: 20, rounds: 6, pairsPerRound: 10 } : { warmupPairs: 100, rounds: 40, pairsPerRound: 25 });
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
      deadline: started + BUDGET_MS,
      latencyMs: 20,
      gc,
    });
    results.concurrency = c;
    console.log(printConcurrency(c));
  }

  load.push(loadavg());
  const report = {
    startedAt: startedAt.toISOString(),
    durationS: (performance.now() - started) / 1000,
    quick,
    environment: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      loadAvgStart: load[0],
      loadAvgEnd: load[1],
      gcMethod,
      commit: gitCommit(),
    },
    ...results,
  };
  const dir = join(here, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `core-${startedAt.toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  console.log(`\nload average at the end ${load[1]!.map((l) => l.toFixed(2)).join(' ')}; took ${report.durationS.toFixed(0)} s; wrote ${relative(root, file)}`);
}

try {
  await main();
} finally {
  removeTempDirs();
}
// Idle keep-alive connections of the built-in fetch would otherwise hold the process a few seconds.
process.exit(process.exitCode ?? 0);
