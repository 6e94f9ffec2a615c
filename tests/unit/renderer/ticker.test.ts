// Every countdown shares one timer: however many subscribe, one timer runs, each tick reaches
// them all, and the timer stops when the last one leaves.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { subscribeTicker, tickerListenerCount, tickerNow } from '../../../renderer/src/app/ticker';

describe('the shared ticker', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000_500);
  });
  afterEach(() => vi.useRealTimers());

  it('runs one timer for all subscribers and stops with the last', () => {
    const calls = [0, 0, 0];
    const unsubscribe = calls.map((_, i) => subscribeTicker(() => (calls[i]! += 1)));
    expect(vi.getTimerCount()).toBe(1);
    expect(tickerListenerCount()).toBe(3);

    vi.advanceTimersByTime(3000);
    expect(calls).toEqual([3, 3, 3]);
    expect(vi.getTimerCount()).toBe(1);
    // Ticks land on whole seconds, so every clock on screen agrees.
    expect(tickerNow() % 1000).toBeLessThan(10);

    for (const u of unsubscribe) u();
    expect(vi.getTimerCount()).toBe(0);
  });
});
