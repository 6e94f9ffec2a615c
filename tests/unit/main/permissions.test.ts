// The one permission a page may get: clipboard writes from the app's own main frame.
import { expect, it } from 'vitest';

import { permissionAllowed } from '../../../electron/main/permissions';

const APP = 'app://tessera';

it('lets the app page write to the clipboard, and nothing else', () => {
  expect(permissionAllowed('clipboard-sanitized-write', 'app://tessera/index.html', APP, true)).toBe(true);
  for (const p of ['clipboard-read', 'notifications', 'media', 'geolocation', 'hid', 'openExternal', 'fullscreen']) {
    expect(permissionAllowed(p, 'app://tessera/index.html', APP, true)).toBe(false);
  }
});

it('refuses the clipboard to other origins, subframes and unknown requesters', () => {
  expect(permissionAllowed('clipboard-sanitized-write', 'https://evil.example/', APP, true)).toBe(false);
  expect(permissionAllowed('clipboard-sanitized-write', 'app://tessera/index.html', APP, false)).toBe(false);
  expect(permissionAllowed('clipboard-sanitized-write', undefined, APP, true)).toBe(false);
  expect(permissionAllowed('clipboard-sanitized-write', 'not a url', APP, true)).toBe(false);
});
