// Messages between `npm run bench:service` (which hosts the servers under test) and its load
// generator (bench/service/load.ts, a separate Node process), over the child-process IPC channel.
import type { Summary } from '../lib/stats';

/** Parent → load generator: hammer one URL for a fixed time. */
export interface RunCommand {
  type: 'run';
  id: number;
  port: number;
  path: string;
  headers: Record<string, string>;
  /** Other header sets: connection i sends `[headers, ...moreHeaders][i % n]` (e.g. another access key). */
  moreHeaders?: Record<string, string>[];
  /** Keep-alive connections, each issuing requests back to back. */
  connections: number;
  durationMs: number;
}

export type ToLoad = RunCommand | { type: 'exit' };

export interface LoadResult {
  id: number;
  connections: number;
  /** The measured window, from the moment every connection was open to the deadline, ms. */
  windowMs: number;
  /** Responses completed inside the window (the ones whose latency is recorded). */
  requests: number;
  /** Everything answered in the run: connection priming, window and the requests in flight at the deadline. */
  totalResponses: number;
  /** Responses that were not 200, and requests that failed at the socket, inside the run. */
  non200: number;
  errors: number;
  /** Per-request latency inside the window, ms (request issued → response fully read). */
  latencyMs: Summary;
  /** The load generator's own CPU time over the window, µs, and its event loop utilisation. */
  clientCpuUs: number;
  clientElu: number;
}

/** Load generator → parent. `window` marks the start and end of the measured window. */
export type FromLoad =
  | { type: 'ready' }
  | { type: 'window'; id: number; phase: 'start' | 'end' }
  | { type: 'result'; result: LoadResult }
  | { type: 'failed'; id: number; message: string };

/** Requests per second of one run. */
export function requestsPerSecond(r: Pick<LoadResult, 'requests' | 'windowMs'>): number {
  return r.windowMs > 0 ? (r.requests * 1000) / r.windowMs : Number.NaN;
}
