// `npm run bench:ui` (issue 11 §6): the dashboard in Chromium against the browser host with
// N = 5, 200 and 1,000 profiles, today's renderer next to the one of a base commit (afdc1ee,
// before issue 11) built in the same run, on the same core and data, interleaved. Per page:
// time to the first full render, main-thread task, script and layout time per second over 10 s
// of idle ticking (CDP Performance metrics), and the JS heap after a GC. Prints tables and
// writes bench/results/ui-<date>.json. See bench/README.md.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Browser, type CDPSession, chromium } from '@playwright/test';
import { build } from 'electron-vite';

import { type BrowserHost, startBrowserHost } from '../electron/browser-host/server';
import { silentLogger } from '../electron/core/logger';
import { CHROMIUM_ARGS } from '../playwright.config';
import { mib, ms, table, x } from './lib/format';
import { BenchRun, loads, PROJECT_ROOT } from './lib/run-record';
import { median, ratioSpread } from './lib/stats';
import { seedProfiles } from './ui/seed';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const arg = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const BASE = arg('base') ?? 'afdc1ee';
const SIZES = (arg('sizes') ?? (quick ? '5,200' : '5,200,1000')).split(',').map(Number);
const ROUNDS = Number(arg('rounds') ?? (quick ? 1 : 3));
const IDLE_S = Number(arg('seconds') ?? (quick ? 3 : 10));
const SETTLE_MS = quick ? 500 : 2000;
const VIEWPORT = { width: 1280, height: 800 };

type Variant = 'base' | 'now';

interface Sample {
  variant: Variant;
  n: number;
  round: number;
  /** From navigation start to the dashboard painted with its cards. */
  firstRenderMs: number;
  /** Per second of idle ticking, in ms. */
  taskMsPerS: number;
  scriptMsPerS: number;
  layoutMsPerS: number;
  styleMsPerS: number;
  heapBytes: number;
  domNodes: number;
  cardsInDom: number;
}

/** Builds the renderer of `commit` from a `git archive` in a temporary folder; returns its out/renderer. */
function buildBase(commit: string): string {
  const dir = mkdtempSync(join(tmpdir(), `tessera-ui-base-${commit}-`));
  const archive = execFileSync('git', ['archive', '--format=tar', commit], { cwd: PROJECT_ROOT, maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // In a process of its own: the config resolves its inputs against the working directory.
  execFileSync(
    process.execPath,
    [join(PROJECT_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const out = join(dir, 'out', 'renderer');
  if (!existsSync(join(out, 'index.html'))) throw new Error(`the base renderer (${commit}) did not build`);
  // Make sure it is the base's own code, not this tree's: its dashboard had no summary line.
  const scripts = readdirSync(join(out, 'assets')).filter((f) => f.endsWith('.js'));
  if (scripts.some((f) => readFileSync(join(out, 'assets', f), 'utf8').includes('summary__line'))) {
    throw new Error(`the renderer built for ${commit} contains this tree's code`);
  }
  return out;
}

async function buildNow(): Promise<string> {
  await build({ configFile: join(PROJECT_ROOT, 'electron.vite.config.ts'), root: PROJECT_ROOT, logLevel: 'warn' });
  // A copy: a later build (a test run) must not change what is being measured.
  const out = mkdtempSync(join(tmpdir(), 'tessera-ui-now-'));
  cpSync(join(PROJECT_ROOT, 'out', 'renderer'), out, { recursive: true });
  return out;
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function measure(browser: Browser, host: BrowserHost, variant: Variant, n: number, round: number): Promise<Sample> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  await page.goto(host.url);
  await page.waitForFunction(
    () => {
      const d = (globalThis as unknown as { document: { body: { dataset: Record<string, string> }; querySelector(s: string): unknown } })
        .document;
      return d.body.dataset.ready === 'true' && d.querySelector('section[data-profile-id]') !== null;
    },
    undefined,
    { polling: 'raf', timeout: 120_000 },
  );
  // Painted: two frames after the cards are in the document.
  const firstRenderMs = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const g = globalThis as unknown as { requestAnimationFrame: (cb: () => void) => void };
        g.requestAnimationFrame(() => g.requestAnimationFrame(() => resolve(performance.now())));
      }),
  );
  await page.waitForTimeout(SETTLE_MS);
  await cdp.send('HeapProfiler.collectGarbage');
  const before = await metrics(cdp);
  await page.waitForTimeout(IDLE_S * 1000);
  const after = await metrics(cdp);
  const seconds = after.Timestamp! - before.Timestamp!;
  const per = (name: string) => ((after[name]! - before[name]!) * 1000) / seconds;
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const cardsInDom = await page.locator('section[data-profile-id]').count();
  const sample: Sample = {
    variant,
    n,
    round,
    firstRenderMs,
    taskMsPerS: per('TaskDuration'),
    scriptMsPerS: per('ScriptDuration'),
    layoutMsPerS: per('LayoutDuration'),
    styleMsPerS: per('RecalcStyleDuration'),
    heapBytes: heap.usedSize,
    domNodes: after.Nodes!,
    cardsInDom,
  };
  await context.close();
  return sample;
}

async function main(): Promise<void> {
  const run = new BenchRun();
  process.stdout.write(
    `bench:ui — base ${BASE} vs this tree; N = ${SIZES.join(', ')}; ${ROUNDS} round(s); ${IDLE_S} s idle; load ${loads(run.loadStart)}\n`,
  );
  process.stdout.write('building both renderers…\n');
  const renderers: Record<Variant, string> = { base: buildBase(BASE), now: await buildNow() };
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  const samples: Sample[] = [];
  const seeding: Record<number, number> = {};
  try {
    for (const n of SIZES) {
      const dataDir = mkdtempSync(join(tmpdir(), `tessera-ui-${n}-`));
      mkdirSync(dataDir, { recursive: true });
      const t = performance.now();
      const seeded = await seedProfiles(dataDir, n);
      seeding[n] = performance.now() - t;
      process.stdout.write(`N = ${n}: seeded in ${(seeding[n] / 1000).toFixed(1)} s\n`);
      const hosts: Record<Variant, BrowserHost> = {
        base: await startBrowserHost({ core: seeded.core, rendererDir: renderers.base, port: 0, logger: silentLogger }),
        now: await startBrowserHost({ core: seeded.core, rendererDir: renderers.now, port: 0, logger: silentLogger }),
      };
      try {
        // One page of each, thrown away: the first load pays for the browser's own warm-up.
        for (const v of ['base', 'now'] as const) await measure(browser, hosts[v], v, n, -1);
        for (let round = 0; round < ROUNDS; round++) {
          const order: Variant[] = round % 2 === 0 ? ['base', 'now'] : ['now', 'base'];
          for (const v of order) {
            const s = await measure(browser, hosts[v], v, n, round);
            samples.push(s);
            process.stdout.write(
              `  ${v.padEnd(4)} round ${round}: render ${ms(s.firstRenderMs, 0)}, task ${ms(s.taskMsPerS, 1)}/s, heap ${mib(s.heapBytes)}, cards in DOM ${s.cardsInDom}\n`,
            );
          }
        }
      } finally {
        await hosts.base.close();
        await hosts.now.close();
        await seeded.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
    rmSync(renderers.now, { recursive: true, force: true });
  }
  run.end();

  const of = (v: Variant, n: number, key: keyof Sample) => samples.filter((s) => s.variant === v && s.n === n).map((s) => s[key] as number);
  const perRound = (n: number, key: keyof Sample) => ratioSpread(of('now', n, key), of('base', n, key));
  const rows = SIZES.flatMap((n) =>
    (
      [
        ['first full render', 'firstRenderMs', (v: number) => ms(v, 0)],
        ['main-thread task /s', 'taskMsPerS', (v: number) => ms(v, 1)],
        ['script /s', 'scriptMsPerS', (v: number) => ms(v, 1)],
        ['layout /s', 'layoutMsPerS', (v: number) => ms(v, 2)],
        ['style /s', 'styleMsPerS', (v: number) => ms(v, 2)],
        ['JS heap after GC', 'heapBytes', mib],
        ['DOM nodes', 'domNodes', (v: number) => String(Math.round(v))],
        ['cards in the DOM', 'cardsInDom', (v: number) => String(Math.round(v))],
      ] as const
    ).map(([label, key, fmt]) => {
      const r = perRound(n, key);
      return [
        String(n),
        label,
        fmt(median(of('base', n, key))),
        fmt(median(of('now', n, key))),
        `${x(r.median)} (${x(r.p25)}–${x(r.p75)})`,
      ];
    }),
  );
  process.stdout.write(
    '\n' +
      table(
        `Dashboard, ${BASE} (base) vs this tree (now), medians of ${ROUNDS} interleaved round(s); ratio now/base per round`,
        ['N', 'figure', 'base', 'now', 'now/base'],
        rows,
      ),
  );
  const report = {
    settings: { base: BASE, sizes: SIZES, rounds: ROUNDS, idleSeconds: IDLE_S, viewport: VIEWPORT },
    environment: run.environment(),
    seedingMs: seeding,
    samples,
  };
  process.stdout.write(run.closing(run.write('ui', quick, report)) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:ui failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
