// The bench's side of the load generator: forks bench/service/load.ts as its own Node process,
// sends it one run at a time, and measures this process (the server side) over exactly the
// window the generator reports: CPU time and event loop utilisation.
import { type ChildProcess, fork } from 'node:child_process';
import { type EventLoopUtilization, performance } from 'node:perf_hooks';

import type { FromLoad, LoadResult, RunCommand } from './protocol';

export interface ServerSide {
  /** This process's CPU time (user + system) over the window, µs. */
  cpuUs: number;
  /** Event loop utilisation of this process over the window, 0–1. */
  elu: number;
  /** The window as this process saw it, ms. */
  windowMs: number;
  /**
   * Context switches of this process over the window. Voluntary ones are the server going idle
   * (waiting for the client); involuntary ones are the scheduler taking the CPU away from a busy server.
   */
  voluntarySwitches: number;
  involuntarySwitches: number;
}

export interface MeasuredRun {
  load: LoadResult;
  server: ServerSide;
}

interface WindowStart {
  cpu: NodeJS.CpuUsage;
  elu: EventLoopUtilization;
  usage: NodeJS.ResourceUsage;
  at: number;
}

function windowStart(): WindowStart {
  return { cpu: process.cpuUsage(), elu: performance.eventLoopUtilization(), usage: process.resourceUsage(), at: performance.now() };
}

interface Pending {
  id: number;
  resolve: (run: MeasuredRun) => void;
  reject: (err: Error) => void;
  start?: WindowStart;
  server?: ServerSide;
}

export class LoadClient {
  private pending: Pending | undefined;
  private nextId = 1;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: FromLoad) => this.onMessage(m));
    child.on('exit', (code) => {
      this.pending?.reject(new Error(`load generator exited (${code})`));
      this.pending = undefined;
    });
  }

  /** Starts the generator with tsx's loader (resolved from `cwd`) and waits until it is ready. */
  static async start(script: string, cwd: string): Promise<LoadClient> {
    const child = fork(script, [], { cwd, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (m: FromLoad) => {
        if (m.type !== 'ready') return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve();
      };
      const onExit = (code: number | null) => reject(new Error(`load generator exited before it was ready (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
    return new LoadClient(child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  run(cmd: Omit<RunCommand, 'type' | 'id'>): Promise<MeasuredRun> {
    if (this.pending) return Promise.reject(new Error('one run at a time'));
    const id = this.nextId++;
    return new Promise<MeasuredRun>((resolve, reject) => {
      this.pending = { id, resolve, reject };
      this.child.send({ type: 'run', id, ...cmd } satisfies RunCommand);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || !this.child.connected) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'exit' });
    await exited;
  }

  private onMessage(m: FromLoad): void {
    const p = this.pending;
    if (!p || m.type === 'ready') return;
    if (m.type === 'window') {
      if (m.id !== p.id) return;
      if (m.phase === 'start') p.start = windowStart();
      else this.closeWindow(p);
      return;
    }
    this.pending = undefined;
    if (m.type === 'failed') return p.reject(new Error(`load generator: ${m.message}`));
    this.closeWindow(p);
    p.resolve({ load: m.result, server: p.server! });
  }

  private closeWindow(p: Pending): void {
    if (p.server) return;
    const start = p.start ?? windowStart();
    const cpu = process.cpuUsage(start.cpu);
    const usage = process.resourceUsage();
    p.server = {
      cpuUs: cpu.user + cpu.system,
      elu: performance.eventLoopUtilization(start.elu).utilization,
      windowMs: performance.now() - start.at,
      voluntarySwitches: usage.voluntaryContextSwitches - start.usage.voluntaryContextSwitches,
      involuntarySwitches: usage.involuntaryContextSwitches - start.usage.involuntaryContextSwitches,
    };
  }
}
