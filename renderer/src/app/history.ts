// One line of a profile's timeline in plain words: what happened, why, and the numbers that
// matter (how long it took, when the next try is, until when the token is valid).
import type { ProviderInfo } from '../../../electron/core/profile-schema';
import type { HistoryEvent } from '../bridge/types';
import { formatDuration, formatMoment } from '../i18n/format';
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
    details.push(t('history.retryIn', { duration: formatDuration(event.ms, lang) }));
  } else if ((event.kind === 'signed-in' || event.kind === 'renewed') && event.ms !== undefined) {
    details.push(t('history.took', { duration: formatDuration(event.ms, lang) }));
  }
  if ((event.kind === 'signed-in' || event.kind === 'renewed' || event.kind === 'restored') && event.expiresAt) {
    details.push(t('history.validUntil', { time: formatMoment(event.expiresAt, lang, now) }));
  }
  for (const note of event.notes ?? []) details.push(t(`fieldNotes.history.notes.${note}`));
  return { title, details, problem: PROBLEMS.has(event.kind) };
}
