// The health rule the dashboard, the window title and the tray share: whether POS programs can
// get a token from a profile now, and how urgent its state is; red (no-token) only when no
// token can be had, amber while the current token still works.
import { describe, expect, it } from 'vitest';

import { type HealthInput, healthOf, nextHealthChange, summarizeHealth, summaryKind, summaryTone, tokenWorks } from '#common/health';

const t0 = 1_000_000;
const view = (over: Partial<HealthInput>): HealthInput => ({ state: 'valid', failures: 0, ...over });
const token = { issuedAt: t0, expiresAt: t0 + 100_000, renewAt: t0 + 80_000, usable: true };

describe('healthOf', () => {
  it('is ok for a valid token early in its life, and while it renews', () => {
    expect(healthOf(view(token), t0 + 10_000)).toBe('ok');
    expect(healthOf(view({ ...token, state: 'renewing' }), t0 + 81_000)).toBe('ok');
  });

  it('is expiring once renewal is overdue or a tenth of the life is left', () => {
    expect(healthOf(view(token), t0 + 80_000)).toBe('expiring');
    expect(healthOf(view({ ...token, renewAt: undefined }), t0 + 91_000)).toBe('expiring');
  });

  it('is no-token once the token expired, whatever the engine last said', () => {
    expect(healthOf(view(token), t0 + 100_000)).toBe('no-token');
    expect(healthOf(view({ ...token, state: 'expired' }), t0 + 50_000)).toBe('no-token');
  });

  it('keeps needs-attention and retrying amber while the token still works, red after', () => {
    expect(healthOf(view({ ...token, state: 'needs-attention' }), t0 + 10_000)).toBe('attention');
    expect(healthOf(view({ ...token, state: 'needs-attention' }), t0 + 100_001)).toBe('no-token');
    expect(healthOf(view({ ...token, state: 'retrying', failures: 2 }), t0 + 10_000)).toBe('retrying');
    expect(healthOf(view({ state: 'retrying', failures: 2 }), t0)).toBe('no-token');
  });

  it('believes the engine when it says a token is no longer usable (a POS reported it rejected)', () => {
    expect(tokenWorks(view({ ...token, usable: false, state: 'needs-attention' }), t0 + 1000)).toBe(false);
    expect(healthOf(view({ ...token, usable: false, state: 'needs-attention' }), t0 + 1000)).toBe('no-token');
  });

  it('treats a first sign-in as pending, and one after failures as no token', () => {
    expect(healthOf(view({ state: 'acquiring' }), t0)).toBe('pending');
    expect(healthOf(view({ state: 'signed-out' }), t0)).toBe('pending');
    expect(healthOf(view({ state: 'acquiring', failures: 1 }), t0)).toBe('no-token');
  });
});

describe('nextHealthChange', () => {
  it('is the first of renewal due, a tenth of life left and expiry, still ahead', () => {
    expect(nextHealthChange(view(token), t0)).toBe(t0 + 80_000);
    expect(nextHealthChange(view({ ...token, renewAt: undefined }), t0)).toBe(t0 + 90_000);
    expect(nextHealthChange(view(token), t0 + 95_000)).toBe(t0 + 100_000);
    expect(nextHealthChange(view(token), t0 + 100_000)).toBeUndefined();
  });
});

describe('the summary', () => {
  it('counts problems, those without a token, and first sign-ins', () => {
    const s = summarizeHealth(['ok', 'no-token', 'attention', 'retrying', 'expiring', 'pending', 'ok']);
    expect(s).toEqual({ total: 7, problems: 4, noToken: 1, pending: 1 });
    expect(summaryKind(s)).toBe('problems');
    expect(summaryTone(s)).toBe('danger');
    expect(summaryTone(summarizeHealth(['ok', 'retrying']))).toBe('warning');
    expect(summaryKind(summarizeHealth(['ok', 'pending']))).toBe('pending');
    expect(summaryKind(summarizeHealth(['ok', 'ok']))).toBe('all-ok');
    expect(summaryKind(summarizeHealth([]))).toBe('none');
  });
});
