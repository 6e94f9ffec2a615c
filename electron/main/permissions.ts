// Which permission a page may have: exactly one, writing plain text to the clipboard (the
// "Copy key" and "Copy diagnostics" buttons), and only for the app's own page. Everything else
// (camera, notifications from the page, geolocation, HID, reading the clipboard...) is refused.
// Pure: unit-tested.

import { isOnOrigin } from './app-urls';

const GRANTABLE = new Set(['clipboard-sanitized-write']);

export function permissionAllowed(permission: string, requestingUrl: string | undefined, appOrigin: string, isMainFrame: boolean): boolean {
  return GRANTABLE.has(permission) && isMainFrame && !!requestingUrl && isOnOrigin(requestingUrl, appOrigin);
}
