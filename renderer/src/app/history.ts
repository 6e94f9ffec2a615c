// One line of a profile's timeline in plain words: what happened, why, and the numbers that
// matter (how long it took, when the next try is, until when the token is valid). Repeats in a
// row (a provider down for an hour) become one line that says how many and since when.
import type { ProviderInfo } from '#common/profile-schema';

import type { HistoryEvent } from '../bridge/types';
import { formatDuration, formatMoment, formatShortDuration, isSameDay } from '../i18n/format';
import { explainCode, type Translate } from './explain';

export interface HistoryLine {
  title: string;
  details: string[];
  /** Whether the line reports a problem (styled as such). */
  problem: boolean;
}

const PROBLEMS = new Set<HistoryEvent['kind']>(['failed', 'needs-attention', 'refresh-rejected', 'expired', 'invalidated']);

export function describeHistoryEvent(
  event: HistoryEvent,
  info: ProviderInfo | undefined,
  lang: string,
  t: Translate,
  now: number = Date.now(),
): HistoryLine {
  const values: Record<string, string | number> = {};
  if (event.kind === 'clock-jump') values.duration = formatDuration(event.ms ?? 0, lang);
  if (event.kind === 'served') values.consumer = event.consumer ?? '?';
  let title = t(`history.kinds.${event.kind}`, values);
  // A stop or a fallback caused by an answer Tessera could not use is no refusal.
  if (event.errorClass === 'protocol' && event.kind === 'needs-attention') title = t('fieldNotes.history.stoppedUnusable');
  if (event.errorClass === 'protocol' && event.kind === 'refresh-rejected') title = t('fieldNotes.history.refreshUnusable');
  if ((event.kind === 'failed' || event.kind === 'needs-attention') && event.code) {
    title = `${title}: ${explainCode(event.code, event.status, info, lang, t)}`;
  }
  const details: string[] = [];
  if (event.trigger) details.push(t(`history.triggers.${event.trigger}`));
  // Which way a failed attempt went: with the refresh token or a full sign-in.
  if ((event.kind === 'failed' || event.kind === 'needs-attention') && event.mechanism) {
    details.push(t(`fieldNotes.history.mechanism.${event.mechanism}`));
  }
  if (event.kind === 'served' && event.count && event.count > 1) details.push(t('history.times', { n: event.count }));
  if (event.kind === 'failed' && event.ms !== undefined) {
    details.push(t('history.retryIn', { duration: formatShortDuration(event.ms, lang) }));
  } else if ((event.kind === 'signed-in' || event.kind === 'renewed') && event.ms !== undefined) {
    details.push(t('history.took', { duration: formatShortDuration(event.ms, lang) }));
  }
  if ((event.kind === 'signed-in' || event.kind === 'renewed' || event.kind === 'restored') && event.expiresAt) {
    const key = isSameDay(event.expiresAt, now) ? 'history.validUntil' : 'historyMore.validUntilDate';
    details.push(t(key, { time: formatMoment(event.expiresAt, lang, now) }));
  }
  for (const note of event.notes ?? []) details.push(t(`fieldNotes.history.notes.${note}`));
  return { title, details, problem: PROBLEMS.has(event.kind) };
}

/** Kinds whose repeats in a row say nothing new one by one. */
const REPEATABLE = new Set<HistoryEvent['kind']>(['failed', 'needs-attention', 'refresh-rejected', 'invalidated', 'expired', 'woke']);

/** One line of the timeline: an event, or a run of the same event (the latest stands for all). */
export interface HistoryEntry {
  event: HistoryEvent;
  /** How many events in a row it stands for (1 for a single one). */
  count: number;
  /** When the first of them happened. */
  firstAt: number;
}

function sameRun(a: HistoryEvent, b: HistoryEvent): boolean {
  return a.kind === b.kind && REPEATABLE.has(a.kind) && a.code === b.code && a.errorClass === b.errorClass && a.status === b.status;
}

/**
 * The timeline newest first, with repeats in a row collapsed into one entry. The engine notes
 * "expired" again after each failed retry of the same lapsed token; only the first says
 * something, so the others are left out and the failures around them collapse.
 */
export function collapseHistory(events: readonly HistoryEvent[]): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  let lapsed: number | undefined;
  for (const event of events) {
    if (event.kind === 'expired') {
      if (event.expiresAt !== undefined && event.expiresAt === lapsed) continue;
      lapsed = event.expiresAt;
    }
    const last = out[out.length - 1];
    if (last && sameRun(last.event, event)) {
      last.event = event;
      last.count += 1;
    } else {
      out.push({ event, count: 1, firstAt: event.at });
    }
  }
  return out.reverse();
}

/** A timeline entry in words: the event's line, with "8 times since 21:26" first for a run. */
export function describeHistoryEntry(
  entry: HistoryEntry,
  info: ProviderInfo | undefined,
  lang: string,
  t: Translate,
  now: number = Date.now(),
): HistoryLine {
  const line = describeHistoryEvent(entry.event, info, lang, t, now);
  if (entry.count < 2) return line;
  const key = isSameDay(entry.firstAt, now) ? 'historyMore.repeatedToday' : 'historyMore.repeatedEarlier';
  return { ...line, details: [t(key, { count: entry.count, time: formatMoment(entry.firstAt, lang, now) }), ...line.details] };
}
