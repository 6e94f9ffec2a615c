// The last line of every process that hosts the core (Electron's main, the browser host): an
// exception nobody caught or a promise rejection nobody handled is logged and the process
// carries on, with the core put back on its feet, rather than dropping every POS program's
// tokens. Logged redacted, like core's other errors: the class name, the errno-style code and
// where it was thrown (function and file names), never the message, which could quote input.
import { errorCode, errorName } from './error-facts';
import type { Logger } from './logger';

export interface LastResortOptions {
  logger: Logger;
  /** The process to watch (tests pass their own emitter). */
  target?: Pick<NodeJS.Process, 'on' | 'off'>;
  /** At most this many lines per minute; more are counted and summed up in the next line. */
  linesPerMinute?: number;
  /** Recovery runs at most once per this many ms (default a minute). */
  recoverGapMs?: number;
  now?: () => number;
}

export interface LastResort {
  /** What puts the core back on its feet after a failure (the engine re-plans every renewal). */
  setRecover(recover: () => void): void;
  /** Failures seen since installation. */
  readonly count: number;
  uninstall(): void;
}

/** "fn (/a/b/file.js:10:5)" -> "fn@file.js:10:5": where, without the message or full paths. */
export function stackPlaces(err: unknown, max = 4): string | null {
  const stack = err instanceof Error && typeof err.stack === 'string' ? err.stack : '';
  const places: string[] = [];
  for (const line of stack.split('\n')) {
    const frame = /^\s+at (?:(.+?) \()?(?:file:\/\/)?([^()]+?):(\d+):(\d+)\)?$/.exec(line);
    if (!frame) continue;
    const fn = frame[1]?.replace(/[^\w$.<> [\]-]/g, '').slice(0, 60) ?? '<anonymous>';
    // The file name alone, on either kind of path: directories name the user.
    const file = frame[2]!.split(/[\\/]/).pop();
    places.push(`${fn}@${file}:${frame[3]}:${frame[4]}`);
    if (places.length >= max) break;
  }
  return places.length > 0 ? places.join(' < ') : null;
}

export function installLastResort(opts: LastResortOptions): LastResort {
  const target = opts.target ?? process;
  const now = opts.now ?? Date.now;
  const perMinute = opts.linesPerMinute ?? 10;
  const recoverGap = opts.recoverGapMs ?? 60_000;
  let recover: (() => void) | undefined;
  let lastRecover = -Infinity;
  let windowStart = now();
  let lines = 0;
  let suppressed = 0;
  let count = 0;

  const handle = (kind: 'uncaughtException' | 'unhandledRejection') => (err: unknown) => {
    count += 1;
    try {
      const at = now();
      if (at - windowStart >= 60_000) {
        windowStart = at;
        lines = 0;
      }
      if (lines < perMinute) {
        lines += 1;
        opts.logger.error('caught by the last resort; Tessera keeps running', {
          kind,
          name: errorName(err),
          code: errorCode(err),
          at: stackPlaces(err),
          ...(suppressed > 0 ? { notLogged: suppressed } : {}),
        });
        suppressed = 0;
      } else suppressed += 1;
      if (recover && at - lastRecover >= recoverGap) {
        lastRecover = at;
        recover();
      }
    } catch {
      // The last resort itself must never throw: that would end the process after all.
    }
  };
  const onException = handle('uncaughtException');
  const onRejection = handle('unhandledRejection');
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return {
    setRecover: (fn) => {
      recover = fn;
    },
    get count() {
      return count;
    },
    uninstall: () => {
      target.off('uncaughtException', onException);
      target.off('unhandledRejection', onRejection);
    },
  };
}
