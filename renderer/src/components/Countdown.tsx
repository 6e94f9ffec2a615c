// Time left on a token, as a clock. A leaf on the shared ticker: it alone re-renders each second.
import { useId } from 'react';
import { useNow } from '../app/ticker';
import { useT } from '../app/use-t';
import { formatClock } from '../i18n/format';

export function Countdown({ expiresAt }: { expiresAt: number | undefined }) {
  const now = useNow();
  const { t } = useT();
  const labelId = useId();
  const expired = expiresAt !== undefined && expiresAt <= now;
  const label = expiresAt === undefined ? t('card.noToken') : expired ? t('card.expiredAgo') : t('card.expiresIn');
  return (
    <div className={`countdown${expired ? ' countdown--expired' : ''}`}>
      <span id={labelId} className="countdown__label">
        {label}
      </span>
      <span role="timer" aria-labelledby={labelId} className="countdown__value">
        {expiresAt === undefined ? '—' : formatClock(expiresAt - now)}
      </span>
    </div>
  );
}
