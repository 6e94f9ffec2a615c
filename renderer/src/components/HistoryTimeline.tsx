// A profile's history, newest first, each event in plain words, repeats in a row collapsed
// ("8 times since 21:26"). Loaded when first opened; live events are appended by the store.
// The list scrolls in a labelled region that takes keyboard focus, so it can be read and
// scrolled without a mouse.
import type { ProviderInfo } from '#common/profile-schema';

import { collapseHistory, describeHistoryEntry } from '../app/history';
import { store, useAppState } from '../app/store';
import { useT } from '../app/use-t';
import { formatMoment } from '../i18n/format';

export function HistoryTimeline({ profileId, name, info }: { profileId: string; name: string; info: ProviderInfo | undefined }) {
  const { t, lang } = useT();
  const history = useAppState((s) => s.histories[profileId]);
  // Today or not is judged by the dashboard model's clock, which moves when health can change.
  const now = useAppState((s) => s.model.at);
  return (
    <details
      className="history"
      onToggle={(event) => {
        if (event.currentTarget.open) void store.loadHistory(profileId);
      }}
    >
      <summary>{t('card.history')}</summary>
      {history?.status === 'loading' && <p className="muted">{t('card.historyLoading')}</p>}
      {history?.status === 'failed' && <p className="muted">{t('card.historyFailed')}</p>}
      {history?.status === 'ready' &&
        (history.events.length === 0 ? (
          <p className="muted">{t('card.historyEmpty')}</p>
        ) : (
          <div className="timeline-scroll" role="region" aria-label={t('historyMore.label', { name })} tabIndex={0}>
            <ol className="timeline">
              {collapseHistory(history.events).map((entry) => {
                const line = describeHistoryEntry(entry, info, lang, t, now);
                const { event } = entry;
                return (
                  <li
                    key={`${entry.firstAt}-${event.kind}-${event.consumer ?? ''}`}
                    className={line.problem ? 'timeline__item timeline__item--problem' : 'timeline__item'}
                    data-kind={event.kind}
                    data-count={entry.count}
                  >
                    <time dateTime={new Date(event.at).toISOString()} className="timeline__time">
                      {formatMoment(event.at, lang, now)}
                    </time>
                    <span className="timeline__title">{line.title}</span>
                    {line.details.length > 0 && <span className="timeline__details">{line.details.join(' · ')}</span>}
                  </li>
                );
              })}
            </ol>
          </div>
        ))}
    </details>
  );
}
