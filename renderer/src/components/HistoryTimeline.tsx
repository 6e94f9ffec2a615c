// A profile's history, newest first, each event in plain words. Loaded when first opened;
// live events are appended by the store.
import type { ProviderInfo } from '../../../electron/core/profile-schema';
import { describeHistoryEvent } from '../app/history';
import { store, useAppState } from '../app/store';
import { useT } from '../app/use-t';
import { formatMoment } from '../i18n/format';

export function HistoryTimeline({ profileId, info }: { profileId: string; info: ProviderInfo | undefined }) {
  const { t, lang } = useT();
  const history = useAppState((s) => s.histories[profileId]);
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
          <ol className="timeline">
            {[...history.events].reverse().map((event, index) => {
              const line = describeHistoryEvent(event, info, lang, t);
              return (
                <li
                  key={`${event.at}-${event.kind}-${history.events.length - index}`}
                  className={line.problem ? 'timeline__item timeline__item--problem' : 'timeline__item'}
                  data-kind={event.kind}
                >
                  <time dateTime={new Date(event.at).toISOString()} className="timeline__time">
                    {formatMoment(event.at, lang)}
                  </time>
                  <span className="timeline__title">{line.title}</span>
                  {line.details.length > 0 && <span className="timeline__details">{line.details.join(' · ')}</span>}
                </li>
              );
            })}
          </ol>
        ))}
    </details>
  );
}
