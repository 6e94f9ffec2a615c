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

function sameDay(a: number, b: number): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}

/** A moment as a time of day with seconds; with the date when it is not today. */
export function formatMoment(at: number, lang: string, now: number = Date.now()): string {
  const time: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit' };
  if (sameDay(at, now)) return new Intl.DateTimeFormat(lang, time).format(at);
  return new Intl.DateTimeFormat(lang, { ...time, day: 'numeric', month: 'short' }).format(at);
}

/**
 * A token's lifetime in plain words. Providers compute it to the second (a JWT's `exp` often
 * lands a second short), so anything over two minutes is said to the nearest minute.
 */
export function formatLifetime(seconds: number, lang: string): string {
  const rounded = seconds >= 120 ? Math.round(seconds / 60) * 60 : Math.round(seconds);
  return formatDuration(rounded * 1000, lang);
}
