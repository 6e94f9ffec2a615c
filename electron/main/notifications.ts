// OS notifications when a profile needs the user or a working token lapsed, and when another
// program holds the token service's port. Which transitions count, and how many notifications
// may appear at once, is decided in alerts.ts and service-alerts.ts; this file feeds them
// core's events and shows what they deliver. Clicking a notification opens the window.
import { type NativeImage, nativeImage, Notification } from 'electron';

import type { ServiceStatus } from '#common/contract';

import type { Logger } from '../core/logger';
import type { TesseraCore } from '../core/tessera-core';
import { AlertBatcher, type Notice, TransitionWatch } from './alerts';
import { type MainI18n, type NoticeText, noticeText } from './i18n';
import { portHeldText, PortHeldWatch } from './service-alerts';
import { trayIconPng } from './tray-icon';

/** Notifications kept referenced so their click handler survives garbage collection. */
const MAX_LIVE = 20;

export interface NotificationOptions {
  core: TesseraCore;
  texts: MainI18n;
  /** Shows and focuses the window, creating it if needed. */
  open(): void;
  logger: Logger;
}

export interface DesktopNotifications {
  close(): void;
}

export function setupNotifications(opts: NotificationOptions): DesktopNotifications {
  const { core, texts, logger } = opts;
  // Whatever the profiles look like now (restored from the store, or already being renewed)
  // is the starting point, never news.
  const watch = new TransitionWatch(core.tokenViews(), Date.now());
  const live = new Set<Notification>();

  const display = (text: NoticeText, level: IconLevel, kind: string) => {
    // Checked at each delivery: Linux may gain or lose its notification daemon while we run.
    if (!Notification.isSupported()) {
      logger.info('notifications not supported here', { kind });
      return;
    }
    const notification = new Notification({ ...text, icon: iconOf(level) });
    const forget = () => live.delete(notification);
    notification.on('click', () => {
      forget();
      opts.open();
    });
    notification.on('close', forget);
    notification.on('failed', (_event, error) => {
      forget();
      // The OS's reason only (no profile data in it).
      logger.warn('notification failed', { error: String(error).slice(0, 200) });
    });
    live.add(notification);
    if (live.size > MAX_LIVE) live.delete(live.values().next().value!);
    notification.show();
    logger.info('notification shown', { kind });
  };

  const show = (notices: Notice[]) => {
    for (const notice of notices) {
      const text = noticeText(notice, texts, (id) => core.profile(id));
      if (text) display(text, levelOf(notice), notice.kind);
    }
  };

  // The port may already be held now, at startup: that is news too.
  const ports = new PortHeldWatch();
  const watchPort = (status: ServiceStatus) => {
    const alert = ports.observe(status);
    if (alert) display(portHeldText(alert, texts), 'needs-attention', 'port-held');
  };
  watchPort(core.service);

  const batcher = new AlertBatcher({
    deliver: show,
    // The user may have fixed it (or the engine renewed it) while the batch gathered.
    stillApplies: (alert) => watch.settledStateOf(alert.profileId) === alert.kind,
  });

  const unsubscribe = core.onEvent((event) => {
    if (event.type === 'token') {
      const alert = watch.observe(event.view);
      if (alert) batcher.push(alert);
    } else if (event.type === 'profiles') {
      watch.retain(core.profiles().map((p) => p.id));
    } else if (event.type === 'service') {
      watchPort(event.status);
    }
  });

  return {
    close: () => {
      unsubscribe();
      batcher.dispose();
      live.clear();
    },
  };
}

type IconLevel = 'needs-attention' | 'expired';
const icons = new Map<string, NativeImage>();

function levelOf(notice: Notice): IconLevel {
  return notice.kind === 'needs-attention' || notice.kind === 'needs-attention-many' ? 'needs-attention' : 'expired';
}

/** The tray's dot in the colour of the state the notice is about. */
function iconOf(level: IconLevel): NativeImage {
  let icon = icons.get(level);
  if (!icon) {
    icon = nativeImage.createFromBuffer(trayIconPng(level, 64));
    icons.set(level, icon);
  }
  return icon;
}
