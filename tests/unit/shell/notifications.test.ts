// OS notifications as main wires them to core: one when a profile needs the user, one when
// another program holds the token service's port, nothing where the desktop cannot show them;
// a click opens the window.
import { createServer, type Server } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import type { ProfileDraft } from '#common/contract';

import { findProvider } from '../../../electron/core/providers';
import { eventually } from '../../support/eventually';
import type { FakeNativeImage } from '../../support/fake-electron';
import { bootMain, disposeShells } from '../../support/main-shell';

const servers: Server[] = [];
afterEach(async () => {
  await disposeShells();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A program holding a loopback port, as a squatter would. */
async function holdPort(): Promise<number> {
  const server = createServer((socket) => socket.destroy());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

/** The sandbox refuses this password with invalid_grant: a credentials failure. */
const refused: ProfileDraft = {
  name: 'Till 1',
  provider: 'factus',
  environment: { kind: 'sandbox' },
  credentials: { ...findProvider('factus')!.info.sandboxDemo, password: 'not-the-password' },
};

describe('notifications', () => {
  it('a profile entering needs-attention shows one notification; clicking it opens the window', async () => {
    const shell = await bootMain();
    const win = await shell.loadedWindow();
    win.close();
    expect((await shell.call('createProfile', refused)).ok).toBe(true);

    // Alerts gather for 2 s before the first is shown.
    await eventually(() => expect(shell.electron.notifications).toHaveLength(1));
    const [shown] = shell.electron.notifications;
    expect({ title: shown!.title, body: shown!.body }).toEqual({
      title: 'Tessera',
      body: 'Till 1 needs attention: The username or password was rejected.',
    });
    expect((shown!.icon as unknown as FakeNativeImage).getSize()).toEqual({ width: 64, height: 64 });
    expect(shell.log()).toContain('notification shown {"kind":"needs-attention"}');

    shown!.click();
    expect(win.isVisible()).toBe(true);
  });

  it('another program holding the service port shows one notification naming the port', async () => {
    const shell = await bootMain();
    const port = await holdPort();
    expect((await shell.call('updateSettings', { servicePort: port })).ok).toBe(true);
    expect((await shell.call('createAccessKey', { name: 'Till software', profiles: null })).ok).toBe(true);
    await eventually(() => expect(shell.electron.notifications).toHaveLength(1));
    const [shown] = shell.electron.notifications;
    expect({ title: shown!.title, body: shown!.body }).toEqual({
      title: `Another program is using port ${port}`,
      body: 'POS programs on this computer may be sending their access keys to it instead of Tessera (127.0.0.1). Tessera takes the port as soon as it is free.',
    });
    // The service status the page sees says the same.
    expect(await shell.call('getServiceStatus')).toMatchObject({ ok: true, value: { error: 'port_in_use', port } });
    // A second key (another status, the same held port) is no news.
    expect((await shell.call('createAccessKey', { name: 'Back office', profiles: null })).ok).toBe(true);
    expect(shell.electron.notifications).toHaveLength(1);
  });

  it('where the desktop cannot show notifications, none is attempted', async () => {
    const shell = await bootMain({ notificationsSupported: false });
    const port = await holdPort();
    expect((await shell.call('updateSettings', { servicePort: port })).ok).toBe(true);
    expect((await shell.call('createAccessKey', { name: 'Till software', profiles: null })).ok).toBe(true);
    await eventually(() => expect(shell.log()).toContain('notifications not supported here {"kind":"port-held"}'));
    expect(shell.electron.notifications).toHaveLength(0);
  });

  it('a notification the OS could not show is logged with its reason', async () => {
    const shell = await bootMain();
    const port = await holdPort();
    await shell.call('updateSettings', { servicePort: port });
    await shell.call('createAccessKey', { name: 'Till software', profiles: null });
    await eventually(() => expect(shell.electron.notifications).toHaveLength(1));
    shell.electron.notifications[0]!.fail('The notification platform is unavailable');
    expect(shell.log()).toContain('notification failed {"error":"The notification platform is unavailable"}');
  });
});
