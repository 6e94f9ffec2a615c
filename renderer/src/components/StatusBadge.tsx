// The large status word of a card, coloured by what it means for the POS: red when no token
// can be had, amber while a problem leaves the current token working. Not a live region: the
// Announcer speaks when a profile gets worse. It follows the dashboard model's clock, which
// moves at the moments a status can change (expiry, renewal due), not every second.
import type { Health } from '../app/dashboard-model';
import { displayStatus } from '../app/status';
import { useAppState } from '../app/store';
import { useT } from '../app/use-t';
import type { TokenView } from '../bridge/types';

export function StatusBadge({ token, health }: { token: TokenView; health: Health }) {
  const now = useAppState((s) => s.model.at);
  const { t } = useT();
  const status = displayStatus(token, now);
  return (
    <p className={`status status--${status} status--health-${health}`} data-status={status} data-health={health}>
      <span className="status__dot" aria-hidden="true" />
      {t(`status.${status}`)}
    </p>
  );
}
