// When Tessera notifies: on entering needs-attention, and when a working token lapsed without
// renewal; once per entry (requests in flight are passages, not exits); never for what was
// already so at startup; batched, and collapsed beyond three at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { TokenState, TokenView } from '#common/token-view';

import { type Alert, AlertBatcher, collapse, type Notice, TransitionWatch } from '../../../electron/main/alerts';

const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);
const HOUR = 3_600_000;

function view(profileId: string, state: TokenState, extra: Partial<TokenView> = {}): TokenView {
  return { profileId, state, since: T0, failures: 0, ...extra };
}

const credentialsFailure = { errorClass: 'credentials' as const, code: 'invalid_grant', status: 400, at: T0 };

describe('TransitionWatch', () => {
  it('alerts when a profile enters needs-attention, with the failure but not its time', () => {
    const watch = new TransitionWatch([view('a', 'valid', { expiresAt: T0 + HOUR })], T0);
    expect(watch.observe(view('a', 'renewing'))).toBeUndefined();
    expect(watch.observe(view('a', 'needs-attention', { lastError: credentialsFailure }))).toEqual({
      kind: 'needs-attention',
      profileId: 'a',
      failure: { errorClass: 'credentials', code: 'invalid_grant', status: 400 },
    });
  });

  it('alerts once per entry: repeated events and failed retries of the same kind say nothing', () => {
    const watch = new TransitionWatch([view('a', 'valid')], T0);
    expect(watch.observe(view('a', 'needs-attention'))).toBeDefined();
    expect(watch.observe(view('a', 'needs-attention'))).toBeUndefined();
    // The user pressed Retry and it failed the same way.
    expect(watch.observe(view('a', 'acquiring'))).toBeUndefined();
    expect(watch.observe(view('a', 'needs-attention'))).toBeUndefined();
    // Fixed, then broken again later: a new entry.
    expect(watch.observe(view('a', 'acquiring'))).toBeUndefined();
    expect(watch.observe(view('a', 'valid'))).toBeUndefined();
    expect(watch.observe(view('a', 'needs-attention'))?.kind).toBe('needs-attention');
  });

  it('alerts when a working token expires, from valid or retrying, once', () => {
    const watch = new TransitionWatch([view('a', 'valid', { expiresAt: T0 + HOUR }), view('b', 'retrying', { expiresAt: T0 + HOUR })], T0);
    expect(watch.observe(view('a', 'expired', { expiresAt: T0 + HOUR }))).toEqual({ kind: 'expired', profileId: 'a' });
    expect(watch.observe(view('b', 'expired', { expiresAt: T0 + HOUR }))).toEqual({ kind: 'expired', profileId: 'b' });
    // The engine keeps retrying; each attempt is a passage.
    for (let i = 0; i < 5; i++) {
      expect(watch.observe(view('a', 'acquiring', { expiresAt: T0 + HOUR }))).toBeUndefined();
      expect(watch.observe(view('a', 'expired', { expiresAt: T0 + HOUR }))).toBeUndefined();
    }
  });

  it('does not call a lapse news when the profile already waited for the user', () => {
    const watch = new TransitionWatch([view('a', 'needs-attention', { expiresAt: T0 + HOUR })], T0);
    expect(watch.observe(view('a', 'acquiring', { expiresAt: T0 + HOUR }))).toBeUndefined();
    expect(watch.observe(view('a', 'expired', { expiresAt: T0 + HOUR }))).toBeUndefined();
  });

  it('says nothing about states present at startup, nor about tokens that lapsed before it', () => {
    const watch = new TransitionWatch(
      [
        view('restored-attention', 'needs-attention'),
        view('restored-expired', 'expired', { expiresAt: T0 - HOUR }),
        // Lapsed while Tessera was not running; the startup renewal is in flight.
        view('renewing-stale', 'acquiring', { expiresAt: T0 - HOUR }),
      ],
      T0,
    );
    expect(watch.observe(view('restored-attention', 'needs-attention'))).toBeUndefined();
    expect(watch.observe(view('restored-expired', 'expired', { expiresAt: T0 - HOUR }))).toBeUndefined();
    expect(watch.observe(view('renewing-stale', 'expired', { expiresAt: T0 - HOUR }))).toBeUndefined();
    expect(watch.settledStateOf('renewing-stale')).toBe('expired');
  });

  it('treats a renewal in flight at startup by where the token stood', () => {
    const watch = new TransitionWatch([view('live', 'renewing', { expiresAt: T0 + HOUR }), view('new', 'acquiring')], T0);
    expect(watch.settledStateOf('live')).toBe('valid');
    expect(watch.settledStateOf('new')).toBe('signed-out');
    expect(watch.observe(view('live', 'expired', { expiresAt: T0 + HOUR }))?.kind).toBe('expired');
  });

  it('alerts for a profile created after startup whose first sign-in is refused', () => {
    const watch = new TransitionWatch([], T0);
    expect(watch.observe(view('fresh', 'acquiring'))).toBeUndefined();
    expect(watch.observe(view('fresh', 'needs-attention'))?.kind).toBe('needs-attention');
  });

  it('forgets removed profiles', () => {
    const watch = new TransitionWatch([view('a', 'valid'), view('b', 'valid')], T0);
    watch.retain(['b']);
    expect(watch.settledStateOf('a')).toBeUndefined();
    expect(watch.settledStateOf('b')).toBe('valid');
  });
});

describe('collapse', () => {
  const attention = (id: string): Alert => ({ kind: 'needs-attention', profileId: id });
  const expired = (id: string): Alert => ({ kind: 'expired', profileId: id });

  it('shows up to three alerts one by one', () => {
    expect(collapse([attention('a'), expired('b'), attention('c')], 3)).toEqual<Notice[]>([
      { kind: 'needs-attention', profileId: 'a' },
      { kind: 'expired', profileId: 'b' },
      { kind: 'needs-attention', profileId: 'c' },
    ]);
  });

  it('collapses more than three into one notice per kind', () => {
    expect(collapse(['a', 'b', 'c', 'd', 'e'].map(attention), 3)).toEqual([{ kind: 'needs-attention-many', count: 5 }]);
    expect(collapse([attention('a'), attention('b'), attention('c'), expired('d'), expired('e')], 3)).toEqual([
      { kind: 'needs-attention-many', count: 3 },
      { kind: 'expired-many', count: 2 },
    ]);
    expect(collapse([attention('a'), expired('b'), expired('c'), expired('d')], 3)).toEqual([
      { kind: 'needs-attention', profileId: 'a' },
      { kind: 'expired-many', count: 3 },
    ]);
  });
});

describe('AlertBatcher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function batcher(stillApplies: (a: Alert) => boolean = () => true) {
    const delivered: Notice[][] = [];
    const b = new AlertBatcher({ deliver: (n) => delivered.push(n), stillApplies, batchMs: 2_000, minGapMs: 10_000, maxSingles: 3 });
    return { b, delivered };
  }

  it('waits for company before delivering, then delivers the batch at once', () => {
    const { b, delivered } = batcher();
    b.push({ kind: 'needs-attention', profileId: 'a' });
    vi.advanceTimersByTime(1_000);
    b.push({ kind: 'needs-attention', profileId: 'b' });
    expect(delivered).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(delivered).toEqual([
      [
        { kind: 'needs-attention', profileId: 'a' },
        { kind: 'needs-attention', profileId: 'b' },
      ],
    ]);
  });

  it('collapses 1,000 failures at once into one notification', () => {
    const { b, delivered } = batcher();
    for (let i = 0; i < 1000; i++) b.push({ kind: 'needs-attention', profileId: `p${i}` });
    vi.advanceTimersByTime(2_000);
    expect(delivered).toEqual([[{ kind: 'needs-attention-many', count: 1000 }]]);
  });

  it('keeps deliveries at least 10 s apart, gathering what arrives meanwhile', () => {
    const { b, delivered } = batcher();
    b.push({ kind: 'expired', profileId: 'a' });
    vi.advanceTimersByTime(2_000);
    expect(delivered).toHaveLength(1);
    for (const id of ['b', 'c', 'd', 'e']) {
      vi.advanceTimersByTime(1_000);
      b.push({ kind: 'expired', profileId: id });
    }
    // Now 6 s; the first delivery was at 2 s, so the next one is due at 12 s.
    vi.advanceTimersByTime(5_999);
    expect(delivered).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(delivered).toEqual([[{ kind: 'expired', profileId: 'a' }], [{ kind: 'expired-many', count: 4 }]]);
  });

  it('counts a profile once per kind, and drops alerts that no longer hold', () => {
    const fixed = new Set<string>();
    const { b, delivered } = batcher((a) => !fixed.has(a.profileId));
    b.push({ kind: 'needs-attention', profileId: 'a' });
    b.push({ kind: 'needs-attention', profileId: 'a' });
    b.push({ kind: 'needs-attention', profileId: 'b' });
    fixed.add('b');
    vi.advanceTimersByTime(2_000);
    expect(delivered).toEqual([[{ kind: 'needs-attention', profileId: 'a' }]]);
  });

  it('delivers nothing when every alert was resolved, and does not start a gap for it', () => {
    const { b, delivered } = batcher(() => false);
    b.push({ kind: 'expired', profileId: 'a' });
    vi.advanceTimersByTime(2_000);
    expect(delivered).toEqual([]);
  });

  it('forgets what is pending when disposed', () => {
    const { b, delivered } = batcher();
    b.push({ kind: 'expired', profileId: 'a' });
    b.dispose();
    vi.advanceTimersByTime(20_000);
    expect(delivered).toEqual([]);
  });
});
