// The network watch wakes the token engine once per offline -> online transition, and never
// keeps the process alive.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { watchOnline } from '../../../electron/main/online-watch';

describe('watchOnline', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls back on each return of the network, not while it stays up or down', () => {
    const states = [true, true, false, false, true, true, false, true];
    let i = 0;
    const onBack = vi.fn();
    const watch = watchOnline(() => states[Math.min(i++, states.length - 1)]!, onBack, 15_000);
    vi.advanceTimersByTime(15_000 * 3);
    expect(onBack).not.toHaveBeenCalled();
    vi.advanceTimersByTime(15_000);
    expect(onBack).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(15_000 * 3);
    expect(onBack).toHaveBeenCalledTimes(2);
    watch.stop();
  });

  it('stops polling when stopped', () => {
    const isOnline = vi.fn(() => false);
    const watch = watchOnline(isOnline, () => undefined, 1_000);
    watch.stop();
    vi.advanceTimersByTime(10_000);
    expect(isOnline).toHaveBeenCalledTimes(1);
  });

  it('does not hold the process open', () => {
    const unref = vi.fn();
    const spy = vi.spyOn(globalThis, 'setInterval').mockReturnValue({ unref } as unknown as ReturnType<typeof setInterval>);
    watchOnline(
      () => true,
      () => undefined,
      1_000,
    );
    expect(unref).toHaveBeenCalled();
    spy.mockRestore();
  });
});
