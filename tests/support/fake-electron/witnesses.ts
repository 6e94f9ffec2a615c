// Compile-time only (never called): every event the in-memory Electron fires is handed to
// Electron's own `on` overload for that event, so `npm run typecheck` fails when an event map
// here disagrees with electron.d.ts (an argument of the wrong type, one Electron does not pass,
// a misspelt event name). Each object must name every event of its map.
import type { AppEvents } from './app';
import type { Listeners } from './events';
import type { NotificationEvents, TrayEvents } from './shell-ui';
import type { PowerMonitorEvents } from './system';
import type { WebContentsEvents, WindowEvents } from './windows';

export function appEvents(app: Electron.App, l: Listeners<AppEvents>) {
  return {
    ready: app.on('ready', l.ready),
    'second-instance': app.on('second-instance', l['second-instance']),
    'web-contents-created': app.on('web-contents-created', l['web-contents-created']),
    'browser-window-created': app.on('browser-window-created', l['browser-window-created']),
    'before-quit': app.on('before-quit', l['before-quit']),
    'will-quit': app.on('will-quit', l['will-quit']),
    quit: app.on('quit', l.quit),
    'window-all-closed': app.on('window-all-closed', l['window-all-closed']),
    activate: app.on('activate', l.activate),
  } satisfies Record<keyof AppEvents, unknown>;
}

export function windowEvents(win: Electron.BrowserWindow, l: Listeners<WindowEvents>) {
  return {
    close: win.on('close', l.close),
    closed: win.on('closed', l.closed),
    'ready-to-show': win.on('ready-to-show', l['ready-to-show']),
    show: win.on('show', l.show),
    hide: win.on('hide', l.hide),
    'session-end': win.on('session-end', l['session-end']),
    'enter-full-screen': win.on('enter-full-screen', l['enter-full-screen']),
    'leave-full-screen': win.on('leave-full-screen', l['leave-full-screen']),
  } satisfies Record<keyof WindowEvents, unknown>;
}

export function webContentsEvents(contents: Electron.WebContents, l: Listeners<WebContentsEvents>) {
  return {
    'will-navigate': contents.on('will-navigate', l['will-navigate']),
    'will-frame-navigate': contents.on('will-frame-navigate', l['will-frame-navigate']),
    'will-redirect': contents.on('will-redirect', l['will-redirect']),
    'will-attach-webview': contents.on('will-attach-webview', l['will-attach-webview']),
    'render-process-gone': contents.on('render-process-gone', l['render-process-gone']),
    destroyed: contents.on('destroyed', l.destroyed),
  } satisfies Record<keyof WebContentsEvents, unknown>;
}

export function trayEvents(tray: Electron.Tray, l: Listeners<TrayEvents>) {
  return { click: tray.on('click', l.click) } satisfies Record<keyof TrayEvents, unknown>;
}

export function notificationEvents(notification: Electron.Notification, l: Listeners<NotificationEvents>) {
  return {
    show: notification.on('show', l.show),
    click: notification.on('click', l.click),
    close: notification.on('close', l.close),
    failed: notification.on('failed', l.failed),
  } satisfies Record<keyof NotificationEvents, unknown>;
}

export function powerMonitorEvents(power: Electron.PowerMonitor, l: Listeners<PowerMonitorEvents>) {
  return {
    suspend: power.on('suspend', l.suspend),
    resume: power.on('resume', l.resume),
    'lock-screen': power.on('lock-screen', l['lock-screen']),
    'unlock-screen': power.on('unlock-screen', l['unlock-screen']),
    shutdown: power.on('shutdown', l.shutdown),
  } satisfies Record<keyof PowerMonitorEvents, unknown>;
}
