// The tray's rules: the worst state wins (needs-attention > expired > retrying >
// acquiring/renewing > signed-out > valid; none without profiles), and a storm of events
// becomes one update per period.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { TokenState } from '#common/token-view';
import { TOKEN_STATES } from '#common/token-view';

import { coalesce, rankOf, StateBook, summarize } from '../../../electron/main/tray-summary';

describe('summarize', () => {
  it('is none, with nothing counted, when there are no profiles', () => {
    expect(summarize([])).toEqual({ level: 'none', count: 0, total: 0 });
  });

  it('ranks every token state, worst first', () => {
    const order: TokenState[][] = [['needs-attention'], ['expired'], ['retrying'], ['acquiring', 'renewing'], ['signed-out'], ['valid']];
    expect(order.flat().sort()).toEqual([...TOKEN_STATES].sort());
    for (let i = 0; i + 1 < order.length; i++) {
      for (const worse of order[i]!) for (const better of order[i + 1]!) expect(rankOf(worse)).toBeGreaterThan(rankOf(better));
    }
  });

  it('reports the worst state and how many profiles are in it, whatever the order', () => {
    const states: TokenState[] = ['valid', 'retrying', 'needs-attention', 'valid', 'expired', 'needs-attention', 'signed-out'];
    expect(summarize(states)).toEqual({ level: 'needs-attention', count: 2, total: 7 });
    expect(summarize([...states].reverse())).toEqual({ level: 'needs-attention', count: 2, total: 7 });
    expect(summarize(['valid', 'expired', 'retrying'])).toEqual({ level: 'expired', count: 1, total: 3 });
    expect(summarize(['valid', 'signed-out', 'retrying', 'retrying'])).toEqual({ level: 'retrying', count: 2, total: 4 });
    expect(summarize(['valid', 'signed-out'])).toEqual({ level: 'signed-out', count: 1, total: 2 });
    expect(summarize(['valid', 'valid'])).toEqual({ level: 'valid', count: 2, total: 2 });
  });

  it('counts acquiring and renewing together', () => {
    expect(summarize(['renewing', 'valid', 'acquiring', 'renewing'])).toEqual({ level: 'acquiring', count: 3, total: 4 });
    expect(summarize(['renewing', 'valid'])).toEqual({ level: 'renewing', count: 1, total: 2 });
  });
});

describe('StateBook', () => {
  it('says whether a state changed, and forgets removed profiles', () => {
    const book = new StateBook();
    expect(book.set('a', 'valid')).toBe(true);
    expect(book.set('a', 'valid')).toBe(false);
    expect(book.set('b', 'expired')).toBe(true);
    expect(book.summary()).toEqual({ level: 'expired', count: 1, total: 2 });
    expect(book.retain(['a', 'b'])).toBe(false);
    expect(book.retain(['a'])).toBe(true);
    expect(book.summary()).toEqual({ level: 'valid', count: 1, total: 1 });
    expect(book.retain([])).toBe(true);
    expect(book.summary().level).toBe('none');
  });
});

describe('coalesce', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('turns 1,000 requests in one period into one run, after the period', () => {
    const run = vi.fn();
    const update = coalesce(run, 500);
    for (let i = 0; i < 1000; i++) update.request();
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(499);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs at most once per period under a steady stream, and never drops the last request', () => {
    const run = vi.fn();
    const update = coalesce(run, 500);
    // One request every 10 ms for 5 s: 500 requests.
    for (let t = 0; t < 5000; t += 10) {
      update.request();
      vi.advanceTimersByTime(10);
    }
    expect(run.mock.calls.length).toBeLessThanOrEqual(10);
    expect(run.mock.calls.length).toBeGreaterThanOrEqual(9);
    const before = run.mock.calls.length;
    update.request();
    vi.advanceTimersByTime(500);
    expect(run).toHaveBeenCalledTimes(before + 1);
  });

  it('runs nothing once cancelled', () => {
    const run = vi.fn();
    const update = coalesce(run, 500);
    update.request();
    update.cancel();
    vi.advanceTimersByTime(1000);
    expect(run).not.toHaveBeenCalled();
  });
});

describe('StateBook health (the tooltip)', () => {
  it('says who can get a token at a given moment, and when that next changes by itself', () => {
    const book = new StateBook();
    const t0 = 1_000_000;
    book.set('a', { state: 'valid', failures: 0, issuedAt: t0, expiresAt: t0 + 100_000, renewAt: t0 + 80_000, usable: true });
    book.set('b', { state: 'retrying', failures: 2, issuedAt: t0, expiresAt: t0 + 50_000, usable: true });
    expect(book.health(t0)).toEqual({ total: 2, problems: 1, noToken: 0, pending: 0 });
    expect(book.nextChange(t0)).toBe(t0 + 45_000);
    // b's token runs out with no event: the tooltip must turn red then.
    expect(book.health(t0 + 50_000)).toEqual({ total: 2, problems: 1, noToken: 1, pending: 0 });
    // A view that changes nothing the health depends on is not a change.
    expect(book.set('a', { state: 'valid', failures: 0, issuedAt: t0, expiresAt: t0 + 100_000, renewAt: t0 + 80_000, usable: true })).toBe(
      false,
    );
  });
});
