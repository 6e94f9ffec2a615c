// The large status word of a card. A leaf on the ticker because "Expiring soon" and "Expired"
// depend on the time, not only on the engine's state.
import type { TokenView } from '../bridge/types';
import { displayStatus } from '../app/status';
import { useNow } from '../app/ticker';
import { useT } from '../app/use-t';

export function StatusBadge({ token }: { token: TokenView }) {
  const now = useNow();
  const { t } = useT();
  const status = displayStatus(token, now);
  return (
    <p role="status" className={`status status--${status}`} data-status={status}>
      <span className="status__dot" aria-hidden="true" />
      {t(`status.${status}`)}
    </p>
  );
}
