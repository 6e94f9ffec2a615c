// When a held service port is worth a desktop notification: once when it starts (at startup
// too), not on each 5-second retry, and again only after Tessera had the port back; in the
// user's language.
import { describe, expect, it } from 'vitest';

import type { ServiceStatus } from '#common/contract';

import { MainI18n } from '../../../electron/main/i18n';
import { portHeldText, PortHeldWatch } from '../../../electron/main/service-alerts';

const held = (port: number, addresses: string[], running = false): ServiceStatus => ({
  running,
  port,
  error: 'port_in_use',
  held: addresses,
  retryAt: 0,
  portOverridden: false,
});
const fine: ServiceStatus = {
  running: true,
  port: 7478,
  url: 'http://127.0.0.1:7478',
  listening: ['127.0.0.1', '::1'],
  portOverridden: false,
};

describe('the held-port notification', () => {
  it('comes once when the port is held, even at startup, not on every retry, and again after a recovery', () => {
    const watch = new PortHeldWatch();
    expect(watch.observe(held(7478, ['127.0.0.1', '::1']))).toEqual({ port: 7478, addresses: '127.0.0.1, [::1]' });
    expect(watch.observe(held(7478, ['127.0.0.1', '::1']))).toBeUndefined();
    expect(watch.observe(held(7478, ['::1'], true))).toBeUndefined();
    expect(watch.observe(fine)).toBeUndefined();
    expect(watch.observe(held(7478, ['::1'], true))).toEqual({ port: 7478, addresses: '[::1]' });
    // A new port (the user chose another) held too is news.
    expect(watch.observe(held(7600, ['127.0.0.1']))).toEqual({ port: 7600, addresses: '127.0.0.1' });
    // No keys any more: the service is off, which ends the episode.
    expect(watch.observe({ running: false, port: 7600, portOverridden: false })).toBeUndefined();
    expect(watch.observe(held(7600, ['127.0.0.1']))).toBeDefined();
  });

  it('says what is at stake in English, Spanish and Portuguese', () => {
    const alert = { port: 7478, addresses: '127.0.0.1, [::1]' };
    expect(portHeldText(alert, new MainI18n('en'))).toEqual({
      title: 'Another program is using port 7478',
      body: 'POS programs on this computer may be sending their access keys to it instead of Tessera (127.0.0.1, [::1]). Tessera takes the port as soon as it is free.',
    });
    expect(portHeldText(alert, new MainI18n('es')).title).toBe('Otro programa está usando el puerto 7478');
    expect(portHeldText(alert, new MainI18n('es')).body).toContain('claves de acceso');
    expect(portHeldText(alert, new MainI18n('pt')).title).toBe('Outro programa está usando a porta 7478');
    expect(portHeldText(alert, new MainI18n('pt')).body).toContain('chaves de acesso');
  });
});
