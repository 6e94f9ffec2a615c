// What both benchmarks record about a run: the machine, its load and the commit measured, and
// the JSON file in bench/results/ the figures are kept in.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder. */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function gitCommit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/** A run from its start: its date, and the load average at the start and (after end()) at the end. */
export class BenchRun {
  readonly startedAt = new Date();
  readonly started = performance.now();
  readonly loadStart = loadavg();
  loadEnd: number[] | undefined;

  end(): void {
    this.loadEnd = loadavg();
  }

  durationS(): number {
    return (performance.now() - this.started) / 1000;
  }

  environment() {
    return {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      loadAvgStart: this.loadStart,
      loadAvgEnd: this.loadEnd,
      commit: gitCommit(),
    };
  }

  /** Writes bench/results/<name>-<date>[-quick].json; returns its path from the project root. */
  write(name: string, quick: boolean, report: unknown): string {
    const dir = join(PROJECT_ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${name}-${this.startedAt.toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
    writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
    return relative(PROJECT_ROOT, file);
  }

  /** The closing line's start: load at the end, duration and the file written. */
  closing(file: string): string {
    return `\nload average at the end ${loads(this.loadEnd ?? loadavg())}; took ${this.durationS().toFixed(0)} s; wrote ${file}`;
  }
}

export function loads(values: number[]): string {
  return values.map((l) => l.toFixed(2)).join(' ');
}
