// The IPC sender check: only the window's own main frame, showing our origin, may call core.
import { describe, expect, it } from 'vitest';

import { APP_ORIGIN, isOnOrigin } from '../../../electron/main/app-urls';
import { type FrameIdentity, isTrustedSender } from '../../../electron/main/ipc-sender';

const ours = (url: string) => isOnOrigin(url, APP_ORIGIN);
const main: FrameIdentity = { processId: 7, routingId: 1, url: 'app://tessera/index.html' };

describe('isTrustedSender', () => {
  it('accepts the main frame on the app origin', () => {
    expect(isTrustedSender({ ...main }, main, ours)).toBe(true);
    expect(isTrustedSender({ ...main, url: 'app://tessera/index.html#/settings' }, main, ours)).toBe(true);
  });

  it('refuses a subframe or another renderer', () => {
    expect(isTrustedSender({ ...main, routingId: 2 }, main, ours)).toBe(false);
    expect(isTrustedSender({ ...main, processId: 8 }, main, ours)).toBe(false);
  });

  it('refuses the main frame once it shows another origin', () => {
    expect(isTrustedSender({ ...main, url: 'https://evil.example/' }, main, ours)).toBe(false);
    expect(isTrustedSender({ ...main, url: 'about:blank' }, main, ours)).toBe(false);
  });

  it('refuses when there is no frame or no window', () => {
    expect(isTrustedSender(null, main, ours)).toBe(false);
    expect(isTrustedSender(main, undefined, ours)).toBe(false);
  });

  it('refuses a frame Electron has disposed (reading it throws)', () => {
    const disposed = {
      processId: 7,
      routingId: 1,
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(isTrustedSender(disposed, main, ours)).toBe(false);
  });
});
