// Numbers, durations and times in the user's language, through Intl (which knows each
// language's plural rules, so the message files need none). Pure: no DOM.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A countdown as a clock: `4:05`, `59:58`, `1:00:00`, `25:47:23`. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / SECOND));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

type Unit = 'day' | 'hour' | 'minute' | 'second';
const UNITS: readonly [Unit, number][] = [
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
  ['second', SECOND],
];

/**
 * A duration in plain words, at most its two largest units: `1 hour`, `15 minutes`,
 * `1 day, 1 hour`, `1 día y 1 hora`. Under a second it says milliseconds.
 */
export function formatDuration(ms: number, lang: string): string {
  const abs = Math.abs(ms);
  if (abs < SECOND) {
    return new Intl.NumberFormat(lang, { style: 'unit', unit: 'millisecond', unitDisplay: 'long' }).format(Math.round(abs));
  }
  let rest = Math.round(abs / SECOND) * SECOND;
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0 && parts.length < 2) {
      parts.push(new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(n));
      rest -= n * size;
    } else if (parts.length > 0) {
      // Only adjacent units: "1 hour, 3 seconds" says less than it seems to.
      break;
    }
  }
  return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(parts);
}

/** Whether two moments fall on the same calendar day here. */
export function isSameDay(a: number, b: number): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}

/**
 * The locale used for dates and times: a 24-hour clock everywhere, and English days before
 * months ("Tue 2 Dec"), as in the countries Tessera's providers serve.
 */
function timeLocale(lang: string): string {
  const primary = lang.slice(0, 2);
  return primary === 'en' ? 'en-GB' : primary === 'pt' ? 'pt-BR' : primary;
}

/** A moment as a time of day ("10:25"); with the weekday and date when it is not today ("Tue 2 Dec, 10:25"). */
export function formatMoment(at: number, lang: string, now: number = Date.now()): string {
  const time: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  if (isSameDay(at, now)) return new Intl.DateTimeFormat(timeLocale(lang), time).format(at);
  return new Intl.DateTimeFormat(timeLocale(lang), { ...time, weekday: 'short', day: 'numeric', month: 'short' }).format(at);
}

/** How a countdown reads at this distance: whole units, seconds only in the last 5 minutes. */
function countdownUnits(ms: number): [Unit, number][] {
  const abs = Math.max(0, ms);
  if (abs >= 48 * HOUR)
    return [
      ['day', Math.floor(abs / DAY)],
      ['hour', Math.floor((abs % DAY) / HOUR)],
    ];
  if (abs >= HOUR)
    return [
      ['hour', Math.floor(abs / HOUR)],
      ['minute', Math.floor((abs % HOUR) / MINUTE)],
    ];
  if (abs >= 5 * MINUTE) return [['minute', Math.floor(abs / MINUTE)]];
  const seconds = Math.floor(abs / SECOND);
  return seconds >= 60
    ? [
        ['minute', Math.floor(seconds / 60)],
        ['second', seconds % 60],
      ]
    : [['second', seconds]];
}

/** Intl formatters are costly to make and countdowns ask every second: one per language and style. */
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: string, unit?: Unit): Intl.NumberFormat {
  const key = `${lang}|${unit ?? ''}`;
  let format = formatters.get(key);
  if (!format) {
    format = unit ? new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }) : new Intl.NumberFormat(lang);
    formatters.set(key, format);
  }
  return format;
}
const lists = new Map<string, Intl.ListFormat>();
function listFormat(lang: string): Intl.ListFormat {
  let format = lists.get(lang);
  if (!format) {
    format = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' });
    lists.set(lang, format);
  }
  return format;
}

/** The same unit symbols in English, Spanish and Portuguese (SI, plus "min" and "d"). */
const SYMBOLS: Readonly<Record<Unit, string>> = { day: 'd', hour: 'h', minute: 'min', second: 's' };

function symbolic(parts: [Unit, number][], lang: string): string {
  const number = numberFormat(lang);
  // "2 h 0 min" says nothing "2 h" does not; a lone zero ("0 s") stays.
  const shown = parts.length > 1 ? parts.filter(([, n], i) => i === 0 || n > 0) : parts;
  return shown.map(([unit, n]) => `${number.format(n)}\u00a0${SYMBOLS[unit]}`).join(' ');
}

function spoken(parts: [Unit, number][], lang: string): string {
  const shown = parts.length > 1 ? parts.filter(([, n], i) => i === 0 || n > 0) : parts;
  const words = shown.map(([unit, n]) => numberFormat(lang, unit).format(n));
  return listFormat(lang).format(words);
}

/** Time left (or gone), as a countdown shows it: `59 min`, `25 h 47 min`, `4 min 5 s`, `3 d 2 h`. */
export function formatCountdown(ms: number, lang: string): string {
  return symbolic(countdownUnits(Math.abs(ms)), lang);
}

/** The same distance in words, for screen readers: `59 minutes`, `25 hours and 47 minutes`. */
export function formatCountdownWords(ms: number, lang: string): string {
  return spoken(countdownUnits(Math.abs(ms)), lang);
}

/**
 * A measured duration, rounded to what matters: `0.1 s`, `4 s`, `2 min`, `1 h 5 min`. Tenths of
 * a second only under ten seconds, minutes from a minute on.
 */
export function formatShortDuration(ms: number, lang: string): string {
  const abs = Math.abs(ms);
  if (abs < 10 * SECOND) {
    const tenths = Math.round(abs / 100) / 10;
    const n = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(Math.max(tenths, abs > 0 ? 0.1 : 0));
    return `${n}\u00a0${SYMBOLS.second}`;
  }
  if (abs < MINUTE) return symbolic([['second', Math.round(abs / SECOND)]], lang);
  const minutes = Math.round(abs / MINUTE);
  if (minutes < 60) return symbolic([['minute', minutes]], lang);
  return symbolic(
    [
      ['hour', Math.floor(minutes / 60)],
      ['minute', minutes % 60],
    ],
    lang,
  );
}

/**
 * A token's lifetime in plain words. Providers compute it to the second (a JWT's `exp` often
 * lands a second short), so anything over two minutes is said to the nearest minute.
 */
export function formatLifetime(seconds: number, lang: string): string {
  const rounded = seconds >= 120 ? Math.round(seconds / 60) * 60 : Math.round(seconds);
  return formatDuration(rounded * 1000, lang);
}
