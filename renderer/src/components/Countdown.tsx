// Time left on a token with its units ("59 min", "25 h 47 min", seconds only in the last five
// minutes), or how long ago it expired ("3 min ago"). A leaf on the shared ticker that ticks only
// while on screen and re-renders only when its text changes; its spoken label is in words
// ("Expires in 59 minutes") and, as a timer, it is never read out on its own.
import { useRef } from 'react';

import { useTicking } from '../app/ticker';
import { useT } from '../app/use-t';
import { useOnScreen } from '../app/visibility';
import { formatCountdown, formatCountdownWords } from '../i18n/format';

export function Countdown({ expiresAt }: { expiresAt: number | undefined }) {
  const { t, lang } = useT();
  const ref = useRef<HTMLDivElement>(null);
  const onScreen = useOnScreen(ref);
  const shown = useTicking(onScreen && expiresAt !== undefined, (now) => {
    if (expiresAt === undefined) return '';
    const left = expiresAt - now;
    // One string holds everything that changes, so an unchanged minute costs no render.
    return `${left > 0 ? '+' : '-'}${formatCountdown(left, lang)}|${formatCountdownWords(left, lang)}`;
  });
  const expired = shown.startsWith('-');
  const [value = '', words = ''] = shown.slice(1).split('|');
  const label = expiresAt === undefined ? t('card.noToken') : expired ? t('card.expiredAgo') : t('card.expiresIn');
  const spoken =
    expiresAt === undefined
      ? t('card.noToken')
      : expired
        ? t('time.expiredWords', { time: words })
        : t('time.expiresInWords', { time: words });
  return (
    <div
      ref={ref}
      className={`countdown${expired ? ' countdown--expired' : ''}`}
      data-expired={expired || undefined}
      data-ticking={onScreen || undefined}
    >
      <span className="countdown__label" aria-hidden="true">
        {label}
      </span>
      <span role="timer" aria-label={spoken} className="countdown__value">
        {expiresAt === undefined ? '—' : expired ? t('time.ago', { time: value }) : value}
      </span>
    </div>
  );
}
