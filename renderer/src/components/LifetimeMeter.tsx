// The share of the token's lifetime still ahead, as a native <meter> (no inline styles needed
// under the strict CSP). A leaf on the shared ticker.
import type { TokenView } from '../bridge/types';
import { remainingFraction } from '../app/status';
import { useNow } from '../app/ticker';
import { useT } from '../app/use-t';

export function LifetimeMeter({ token }: { token: TokenView }) {
  const now = useNow();
  const { t, lang } = useT();
  const fraction = remainingFraction(token, now) ?? 0;
  return (
    <meter
      className="lifetime"
      min={0}
      max={1}
      low={0.1}
      high={0.25}
      optimum={1}
      value={fraction}
      aria-label={t('card.lifetimeLeft')}
      aria-valuetext={new Intl.NumberFormat(lang, { style: 'percent' }).format(fraction)}
    />
  );
}
