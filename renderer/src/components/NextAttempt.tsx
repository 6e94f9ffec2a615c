// "Next retry: in 37 s" on a retrying card: relative, because a backoff wait is short and its
// absolute time says little; hidden once due (the attempt starts and the state changes).
import { useRef } from 'react';

import { useTicking } from '../app/ticker';
import { useT } from '../app/use-t';
import { useOnScreen } from '../app/visibility';
import { formatCountdown, formatMoment } from '../i18n/format';

export function NextAttempt({ at }: { at: number }) {
  const { t, lang } = useT();
  const ref = useRef<HTMLDivElement>(null);
  const onScreen = useOnScreen(ref);
  const left = useTicking(onScreen, (now) => (at - now > 0 ? formatCountdown(at - now, lang) : ''));
  return (
    <div ref={ref} data-next-attempt="">
      <dt>{t('card.nextRetry')}</dt>
      <dd>
        {left ? t('time.inTime', { time: left }) : t('time.due')} <span className="muted">({formatMoment(at, lang)})</span>
      </dd>
    </div>
  );
}
