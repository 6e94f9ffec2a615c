// When another program holds the token service's port, POS programs may be handing it their
// access keys: worth one desktop notification when that starts (a port already held when
// Tessera starts included), not one per 5-second retry, and again only after Tessera has had
// the port back. Plain Node (no `electron` import) so tests/unit/main can prove it.
import type { ServiceStatus } from '#common/contract';

import type { MainI18n, NoticeText } from './i18n';

export interface PortHeldAlert {
  port: number;
  /** As a POS developer types them: 127.0.0.1, [::1]. */
  addresses: string;
}

export class PortHeldWatch {
  /** The port last announced as held, until Tessera has it back. */
  private announced: number | undefined;

  /** Takes each service status; returns the alert it deserves, if any. */
  observe(status: ServiceStatus): PortHeldAlert | undefined {
    if (status.error !== 'port_in_use') {
      // Running on every address, stopped (no keys), or failed otherwise: whatever held the
      // port is gone or no longer matters; a later hold is news again.
      this.announced = undefined;
      return undefined;
    }
    if (this.announced === status.port) return undefined;
    this.announced = status.port;
    const held = status.held && status.held.length > 0 ? status.held : ['127.0.0.1'];
    return { port: status.port, addresses: held.map((a) => (a.includes(':') ? `[${a}]` : a)).join(', ') };
  }
}

export function portHeldText(alert: PortHeldAlert, texts: MainI18n): NoticeText {
  return {
    title: texts.t('service.heldTitle', { port: alert.port }),
    body: texts.t('service.heldBody', { port: alert.port, addresses: alert.addresses }),
  };
}
