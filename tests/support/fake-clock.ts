// A controllable Clock for engine tests: wall and monotonic time advance together with
// tick(), and the wall clock alone can be moved to imitate a sleep or a changed system date.
import FakeTimers from '@sinonjs/fake-timers';

import type { Clock, TimerHandle } from '../../electron/core/clock';

export interface FakeClock extends Clock {
  /** Runs due timers and settles promises in between, like real time passing. */
  tick(ms: number): Promise<void>;
  /** Moves only the wall clock (Date), as a sleep or a manual date change does. */
  jumpWall(ms: number): void;
  /** Lets pending promise callbacks run without advancing time. */
  settle(): Promise<void>;
  pendingTimers(): number;
}

export function fakeClock(start = Date.UTC(2026, 10, 23, 9, 0, 0)): FakeClock {
  const c = FakeTimers.createClock(start);
  return {
    now: () => c.now,
    // Typed loosely by @types/sinonjs__fake-timers; it is the clock's own performance.now().
    monotonic: () => (c as unknown as { performance: { now(): number } }).performance.now(),
    setTimeout: (fn, ms) => c.setTimeout(fn, ms) as unknown as TimerHandle,
    clearTimeout: (h) => c.clearTimeout(h as unknown as FakeTimers.TimerId),
    tick: async (ms) => {
      await c.tickAsync(ms);
    },
    jumpWall: (ms) => c.setSystemTime(c.now + ms),
    settle: async () => {
      await c.tickAsync(0);
    },
    pendingTimers: () => c.countTimers(),
  };
}
