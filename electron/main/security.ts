// Deny by default, for every web contents the app ever creates (not only the main window):
// no navigation off our origin, no new windows, no <webview>, no permission, no remote content.
// Registered before the window exists, so no page runs a moment without these rules.
import { app, session, type WebContents } from 'electron';

import type { Logger } from '../core/logger';
import { isAllowedRendererRequest, isOnOrigin } from './app-urls';
import { permissionAllowed } from './permissions';

export function setupSecurity(origin: string, logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => lockDown(contents, origin, logger));

  const ses = session.defaultSession;
  // Tessera needs no camera, notification, geolocation, HID... only writing the clipboard
  // (permissions.ts). The check handler
  // answers permission queries (navigator.permissions, Notification.permission) the same way.
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = permissionAllowed(permission, details.requestingUrl, origin, details.isMainFrame);
    if (!allowed) logger.warn('permission request denied', { permission });
    callback(allowed);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    permissionAllowed(permission, details.requestingUrl ?? requestingOrigin, origin, details.isMainFrame ?? false),
  );
  ses.setDevicePermissionHandler(() => false);
  // Spellcheck is off in the window; off in the session too, so no dictionary is downloaded.
  ses.setSpellCheckerEnabled(false);

  // The window's session only ever loads our origin (and DevTools). This also covers what the
  // CSP cannot: redirects, preloads, anything a compromised renderer asks for. Core's HTTP runs
  // in a session of its own (http.ts), which this filter does not see.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRendererRequest(details.url, origin);
    if (!allowed) logger.warn('remote request cancelled', { resourceType: details.resourceType });
    callback({ cancel: !allowed });
  });
}

function lockDown(contents: WebContents, origin: string, logger: Logger): void {
  const refuseOffOrigin = (kind: string) => (event: { url: string; preventDefault(): void }) => {
    if (isOnOrigin(event.url, origin)) return;
    event.preventDefault();
    logger.warn('navigation refused', { kind });
  };
  // will-navigate: the main frame; will-frame-navigate: any frame; will-redirect: server redirects.
  contents.on('will-navigate', refuseOffOrigin('navigate'));
  contents.on('will-frame-navigate', refuseOffOrigin('frame-navigate'));
  contents.on('will-redirect', refuseOffOrigin('redirect'));

  // window.open and target=_blank: nothing opens (the page gets null). Tessera has no
  // external links yet; when it does, they go to the OS browser through shell.openExternal.
  contents.setWindowOpenHandler(() => {
    logger.warn('window open refused');
    return { action: 'deny' };
  });

  // webviewTag is off in every window; this also stops one a future window forgets to disable.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('webview refused');
  });
}
