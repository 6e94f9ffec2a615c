// The share of the token's lifetime still ahead, as a native <meter> (no inline styles needed
// under the strict CSP). A leaf on the shared ticker that ticks only while on screen, and moves
// in steps of half a percent: a bar that changes by a pixel every few seconds need not be
// redrawn every second.
import { useRef } from 'react';

import { remainingFraction } from '../app/status';
import { useTicking } from '../app/ticker';
import { useT } from '../app/use-t';
import { useOnScreen } from '../app/visibility';
import type { TokenView } from '../bridge/types';

const STEPS = 200;

export function LifetimeMeter({ token }: { token: TokenView }) {
  const { t, lang } = useT();
  const ref = useRef<HTMLMeterElement>(null);
  const onScreen = useOnScreen(ref);
  const fraction = useTicking(onScreen, (now) => Math.round((remainingFraction(token, now) ?? 0) * STEPS) / STEPS);
  return (
    <meter
      ref={ref}
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
