// The dashboard read at a glance: the order (problems first, worst first, then by name; no jump
// while a card renews), what gets announced, times in units and words in all three languages,
// history repeats collapsed, and the summary line saying exactly what the tray says.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';

import type { HealthInput } from '#common/health';
import { type HealthSummary, summarizeHealth } from '#common/health';
import type { HistoryEvent } from '#common/token-view';

import { MainI18n, summaryText as mainSummary } from '../../../electron/main/i18n';
import { buildModel, EMPTY_MODEL, stickyHealth, worsened } from '../../../renderer/src/app/dashboard-model';
import type { Translate } from '../../../renderer/src/app/explain';
import { collapseHistory, describeHistoryEntry } from '../../../renderer/src/app/history';
import { summaryText } from '../../../renderer/src/app/summary-text';
import { formatCountdown, formatCountdownWords, formatMoment, formatShortDuration } from '../../../renderer/src/i18n/format';
import { en } from '../../../renderer/src/i18n/locales/en';
import { es } from '../../../renderer/src/i18n/locales/es';
import { pt } from '../../../renderer/src/i18n/locales/pt';

const i18n = i18next.createInstance();
void i18n.init({
  resources: { en: { translation: en }, es: { translation: es }, pt: { translation: pt } },
  lng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
});
const tFor =
  (lng: string): Translate =>
  (key, values) =>
    i18n.t(key, { lng, ...(values ?? {}) });
/** Playwright-free whitespace: the formats use no-break spaces between number and unit. */
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

const t0 = new Date(2026, 11, 2, 10, 0, 0).getTime();
const MIN = 60_000;
const valid = (over: Partial<HealthInput> = {}): HealthInput => ({
  state: 'valid',
  failures: 0,
  issuedAt: t0,
  expiresAt: t0 + 60 * MIN,
  renewAt: t0 + 48 * MIN,
  usable: true,
  ...over,
});

describe('the order', () => {
  const profiles = [
    { id: 'a', name: 'Till 10' },
    { id: 'b', name: 'Till 2' },
    { id: 'c', name: 'back office' },
    { id: 'd', name: 'Annex' },
    { id: 'e', name: 'Zulu' },
    { id: 'f', name: 'Kiosk' },
  ];

  it('puts no token first, then needs attention, retrying, expiring, then the rest by name', () => {
    const tokens = {
      a: valid(),
      b: valid(),
      c: valid({ state: 'retrying', failures: 2 }),
      d: valid({ renewAt: t0 - 1 }),
      e: valid({ state: 'expired', usable: false }),
      f: valid({ state: 'needs-attention' }),
    };
    const model = buildModel(profiles, tokens, EMPTY_MODEL, t0 + MIN);
    expect(model.order).toEqual(['e', 'f', 'c', 'd', 'b', 'a']);
    expect(model.healths).toMatchObject({ e: 'no-token', f: 'attention', c: 'retrying', d: 'expiring', a: 'ok', b: 'ok' });
    expect(model.summary).toEqual({ total: 6, problems: 4, noToken: 1, pending: 0 });
    expect(model.nextChangeAt).toBe(t0 + 48 * MIN);
  });

  it('keeps a card in place while it renews, and moves it once the renewal settles', () => {
    const three = [...profiles.slice(0, 2), { id: 'z', name: 'Zulu' }];
    const first = buildModel(three, { a: valid(), b: valid(), z: valid({ state: 'retrying', failures: 1 }) }, EMPTY_MODEL, t0);
    expect(first.order).toEqual(['z', 'b', 'a']);
    const renewing = buildModel(three, { a: valid(), b: valid(), z: valid({ state: 'renewing', failures: 1 }) }, first, t0);
    expect(renewing.order).toBe(first.order);
    expect(renewing.healths.z).toBe('retrying');
    const settled = buildModel(three, { a: valid(), b: valid(), z: valid() }, renewing, t0);
    expect(settled.healths.z).toBe('ok');
    expect(settled.order).toEqual(['b', 'a', 'z']);
  });

  it('does not keep a dead token green while a renewal runs', () => {
    expect(stickyHealth(valid({ state: 'acquiring', failures: 1, usable: false }), 'ok', t0)).toBe('no-token');
    expect(stickyHealth(valid({ state: 'renewing' }), 'expiring', t0)).toBe('expiring');
  });

  it('announces only profiles that got worse into a problem', () => {
    const before = buildModel(profiles.slice(0, 2), { a: valid(), b: valid({ state: 'retrying', failures: 1 }) }, EMPTY_MODEL, t0);
    const after = buildModel(profiles.slice(0, 2), { a: valid({ state: 'needs-attention', usable: false }), b: valid() }, before, t0);
    expect(worsened(before, after)).toEqual(['a']);
    // A new profile's first sign-in, or one getting better, says nothing.
    expect(worsened(EMPTY_MODEL, before)).toEqual([]);
  });

  it('orders 1,000 profiles quickly enough to run on every batch of events', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ id: `p${i}`, name: `Till ${i}` }));
    const tokens = Object.fromEntries(many.map((p, i) => [p.id, valid(i % 97 === 0 ? { state: 'retrying', failures: 1 } : {})]));
    const model = buildModel(many, tokens, EMPTY_MODEL, t0);
    expect(model.order.slice(0, 11).every((id) => model.healths[id] === 'retrying')).toBe(true);
    expect(model.order[11]).toBe('p1');
  });
});

describe('times', () => {
  it('count down in units, seconds only in the last five minutes', () => {
    expect(plain(formatCountdown(59 * MIN + 59_000, 'en'))).toBe('59 min');
    expect(plain(formatCountdown((25 * 60 + 47) * MIN + 5000, 'en'))).toBe('25 h 47 min');
    expect(plain(formatCountdown(2 * 60 * MIN, 'es'))).toBe('2 h');
    expect(plain(formatCountdown(5 * MIN, 'pt'))).toBe('5 min');
    expect(plain(formatCountdown(4 * MIN + 5000, 'pt'))).toBe('4 min 5 s');
    expect(plain(formatCountdown(19_400, 'en'))).toBe('19 s');
    expect(plain(formatCountdown(3 * 24 * 60 * MIN + 2 * 60 * MIN, 'es'))).toBe('3 d 2 h');
  });

  it('say the same in words, in each language', () => {
    expect(formatCountdownWords(59 * MIN + 10_000, 'en')).toBe('59 minutes');
    expect(formatCountdownWords((25 * 60 + 47) * MIN, 'en')).toBe('25 hours and 47 minutes');
    expect(formatCountdownWords((25 * 60 + 47) * MIN, 'es')).toBe('25 horas y 47 minutos');
    expect(formatCountdownWords(4 * MIN + 5000, 'pt')).toBe('4 minutos e 5 segundos');
    expect(tFor('en')('time.expiredWords', { time: formatCountdownWords(3 * MIN, 'en') })).toBe('Expired 3 minutes ago');
    expect(plain(tFor('es')('time.ago', { time: formatCountdown(3 * MIN, 'es') }))).toBe('hace 3 min');
    expect(plain(tFor('pt')('time.ago', { time: formatCountdown(3 * MIN, 'pt') }))).toBe('há 3 min');
  });

  it('give moments as a time of day, with the weekday and date when not today', () => {
    const at = new Date(2026, 11, 2, 10, 25, 40).getTime();
    expect(formatMoment(at, 'en', at)).toBe('10:25');
    expect(formatMoment(at, 'es', at)).toBe('10:25');
    const yesterday = at + 24 * 60 * MIN;
    expect(formatMoment(at, 'en', yesterday)).toBe('Wed 2 Dec, 10:25');
    expect(formatMoment(at, 'es', yesterday)).toMatch(/^mié\.?,? 2 dic\.?,? 10:25$/);
    expect(formatMoment(at, 'pt', yesterday)).toMatch(/^qua\.?,? 2 de dez\.?,? 10:25$/);
  });

  it('round measured durations to what matters', () => {
    expect(plain(formatShortDuration(120, 'en'))).toBe('0.1 s');
    expect(plain(formatShortDuration(1234, 'es'))).toBe('1,2 s');
    expect(plain(formatShortDuration(4000, 'en'))).toBe('4 s');
    expect(plain(formatShortDuration(42_400, 'en'))).toBe('42 s');
    expect(plain(formatShortDuration(118_000, 'pt'))).toBe('2 min');
    expect(plain(formatShortDuration(65 * MIN, 'en'))).toBe('1 h 5 min');
  });
});

describe('history', () => {
  const failed = (at: number, ms: number): HistoryEvent => ({
    at,
    kind: 'failed',
    trigger: 'retry',
    code: 'http_503',
    errorClass: 'transient',
    status: 503,
    ms,
  });

  it('collapses repeats in a row into one line, newest first, with how many and since when', () => {
    const start = new Date(2026, 11, 2, 21, 26).getTime();
    const events: HistoryEvent[] = [
      { at: start - MIN, kind: 'signed-in', trigger: 'startup', ms: 300, expiresAt: start + 60 * MIN },
      ...Array.from({ length: 8 }, (_, i) => failed(start + i * 1000, 1000 * (i + 1))),
      { at: start + 20_000, kind: 'renewed', trigger: 'retry', ms: 200, expiresAt: start + 80 * MIN },
    ];
    const entries = collapseHistory(events);
    expect(entries.map((e) => [e.event.kind, e.count])).toEqual([
      ['renewed', 1],
      ['failed', 8],
      ['signed-in', 1],
    ]);
    const line = describeHistoryEntry(entries[1]!, undefined, 'en', tFor('en'), start + 30_000);
    expect(line.details.map(plain)).toEqual(['8 times since 21:26', 'automatic retry', 'next try in 8 s']);
    const es = describeHistoryEntry(entries[1]!, undefined, 'es', tFor('es'), start + 30_000);
    expect(plain(es.details[0]!)).toBe('8 veces desde las 21:26');
    const pt = describeHistoryEntry(entries[1]!, undefined, 'pt', tFor('pt'), start + 30_000);
    expect(plain(pt.details[0]!)).toBe('8 vezes desde 21:26');
  });

  it('leaves out the engine’s repeated "expired" of the same lapsed token, so the failures around it collapse', () => {
    const lapse = { kind: 'expired' as const, expiresAt: 500 };
    const entries = collapseHistory([failed(100, 1000), { at: 600, ...lapse }, failed(700, 2000), { at: 710, ...lapse }, failed(800, 500)]);
    expect(entries.map((e) => [e.event.kind, e.count])).toEqual([
      ['failed', 2],
      ['expired', 1],
      ['failed', 1],
    ]);
  });

  it('keeps different failures apart, and never merges successes', () => {
    const entries = collapseHistory([
      failed(1, 1000),
      { ...failed(2, 2000), code: 'timeout', status: undefined },
      { at: 3, kind: 'renewed', ms: 1 },
      { at: 4, kind: 'renewed', ms: 1 },
    ]);
    expect(entries.map((e) => e.count)).toEqual([1, 1, 1, 1]);
  });

  it('says a validity that ends another day with its date', () => {
    const at = new Date(2026, 11, 2, 9, 0).getTime();
    const line = describeHistoryEntry(
      { event: { at, kind: 'signed-in', ms: 100, expiresAt: at + 24 * 60 * MIN }, count: 1, firstAt: at },
      undefined,
      'es',
      tFor('es'),
      at,
    );
    expect(line.details.at(-1)).toMatch(/^vigente hasta el jue\.?,? 3 dic/);
  });
});

describe('the summary line', () => {
  const cases: HealthSummary[] = [
    summarizeHealth([]),
    summarizeHealth(['ok']),
    summarizeHealth(['ok', 'ok', 'ok', 'ok', 'ok']),
    summarizeHealth(['ok', 'no-token', 'retrying', 'ok', 'ok']),
    summarizeHealth(['ok', 'expiring', 'ok', 'ok', 'ok']),
    summarizeHealth(['ok', 'pending', 'pending']),
  ];

  it('reads as the issue asks, in English', () => {
    expect(cases.map((c) => summaryText(c, tFor('en')))).toEqual([
      'No profiles yet',
      'The profile can get a token',
      'All 5 profiles can get a token',
      '2 of 5 need attention',
      '1 of 5 needs attention',
      'Signing in: 1 of 3 can get a token so far',
    ]);
  });

  it.each(['en', 'es', 'pt'] as const)('is word for word what the tray says, in %s', (lang) => {
    const main = new MainI18n(lang);
    for (const c of cases) expect(summaryText(c, tFor(lang))).toBe(mainSummary(c, main));
  });
});
