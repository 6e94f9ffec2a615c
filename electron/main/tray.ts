// The tray icon: its colour is the worst token state among all profiles (rules in
// tray-summary.ts, pixels in tray-icon.ts), its tooltip is the dashboard's summary line, and
// its menu opens the window, renews everything (a cashier's action, allowed locked), locks the
// installer lock while it is open, or quits. Nothing here configures anything. It follows core's events, at most
// once per UPDATE_MS, and touches the OS only when what it shows changed.
import { Menu, type NativeImage, nativeImage, Tray } from 'electron';

import { errorName } from '../core/error-facts';
import type { Logger } from '../core/logger';
import type { TesseraCore } from '../core/tessera-core';
import { type MainI18n, tooltipText, trayTexts } from './i18n';
import { trayIconPng } from './tray-icon';
import { coalesce, StateBook, type TrayLevel, type TraySummary } from './tray-summary';

/** The slowest the tray lags behind the engine; a storm of events costs one update per period. */
const UPDATE_MS = 500;
/** setTimeout's longest delay; a later change is looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export type TrayItemId = 'open' | 'refresh-all' | 'lock' | 'quit';

export interface TrayOptions {
  core: TesseraCore;
  texts: MainI18n;
  /** Shows and focuses the window, creating it if needed. */
  open(): void;
  quit(): void;
  logger: Logger;
}

/** What the tray shows now, for the Electron specs (test-hooks.ts). */
export interface TraySnapshot {
  /** False once destroyed. */
  alive: boolean;
  level: TrayLevel;
  tooltip: string;
  items: { id: string; label: string; type: string }[];
}

export interface DesktopTray {
  snapshot(): TraySnapshot;
  /** Runs a menu item as a click would. */
  click(id: TrayItemId): void;
  destroy(): void;
}

/** The tray, or undefined when the OS has none to offer (the caller then quits on close). */
export function setupTray(opts: TrayOptions): DesktopTray | undefined {
  const { core, texts, logger } = opts;
  const book = new StateBook();
  for (const view of core.tokenViews()) book.set(view.profileId, view);

  let tray: Tray;
  try {
    tray = new Tray(iconFor(book.summary().level));
  } catch (err) {
    logger.warn('no tray icon: the desktop offers none', { name: errorName(err) });
    return undefined;
  }
  // Windows users expect a left click on the icon to bring the app back; elsewhere a click
  // opens the menu (and Linux's AppIndicator reports no clicks at all).
  if (process.platform === 'win32') tray.on('click', () => opts.open());

  const actions: Record<TrayItemId, () => void> = {
    open: () => opts.open(),
    'refresh-all': () => {
      logger.info('refresh all from the tray');
      core.refreshAll().catch((err: unknown) => {
        logger.error('refresh all failed', { name: errorName(err) });
      });
    },
    lock: () => {
      core.lock.lockNow();
    },
    quit: () => opts.quit(),
  };

  let shown = '';
  let menu: Menu | undefined;
  let tooltip = '';
  let level: TrayLevel = 'none';
  // A token can expire (or a renewal fall due) with no event: look again at that moment.
  let recheck: ReturnType<typeof setTimeout> | undefined;
  const render = () => {
    if (tray.isDestroyed()) return;
    const now = Date.now();
    const summary = book.summary();
    const health = book.health(now);
    if (recheck) clearTimeout(recheck);
    const next = book.nextChange(now);
    recheck = next === undefined ? undefined : setTimeout(() => update.request(), Math.min(next - now + 50, MAX_TIMER_MS));
    recheck?.unref();
    // "Lock now" only while an installer PIN is set and the lock is open.
    const lockable = core.lock.pinSet && !core.lock.isLocked();
    const key = JSON.stringify([summary, health, texts.language, lockable]);
    if (key === shown) return;
    shown = key;
    level = summary.level;
    tooltip = tooltipText(health, texts);
    tray.setImage(iconFor(summary.level));
    tray.setToolTip(tooltip);
    menu = buildMenu(summary, tooltip, texts, actions, lockable);
    // Linux needs the menu set again after any change; elsewhere it is as cheap.
    tray.setContextMenu(menu);
  };
  render();

  const update = coalesce(render, UPDATE_MS);
  const unsubscribe = core.onEvent((event) => {
    if (event.type === 'token') {
      if (book.set(event.view.profileId, event.view)) update.request();
    } else if (event.type === 'profiles') {
      if (book.retain(core.profiles().map((p) => p.id))) update.request();
    } else if (event.type === 'settings') {
      // index.ts switches the texts' language; the deferred render picks it up.
      update.request();
    } else if (event.type === 'lock') {
      update.request();
    }
  });

  return {
    snapshot: () => ({
      alive: !tray.isDestroyed(),
      level,
      tooltip,
      items: (menu?.items ?? []).filter((item) => item.visible).map((item) => ({ id: item.id, label: item.label, type: item.type })),
    }),
    click: (id) => actions[id](),
    destroy: () => {
      unsubscribe();
      update.cancel();
      if (recheck) clearTimeout(recheck);
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}

/**
 * The summary first, as a disabled line: Linux's AppIndicator shows no tooltip, so without it
 * the menu would be the only place the colour is explained.
 */
function buildMenu(
  summary: TraySummary,
  tooltip: string,
  texts: MainI18n,
  actions: Record<TrayItemId, () => void>,
  lockable: boolean,
): Menu {
  const labels = trayTexts(texts);
  return Menu.buildFromTemplate([
    { id: 'status', label: tooltip, enabled: false },
    { type: 'separator' },
    { id: 'open', label: labels.open, click: actions.open },
    { id: 'refresh-all', label: labels.refreshAll, enabled: summary.total > 0, click: actions['refresh-all'] },
    { id: 'lock', label: labels.lockNow, visible: lockable, click: actions.lock },
    { type: 'separator' },
    { id: 'quit', label: labels.quit, click: actions.quit },
  ]);
}

const icons = new Map<TrayLevel, NativeImage>();

/** 16 px for standard screens and 32 px for HiDPI ones, drawn once per level. */
function iconFor(level: TrayLevel): NativeImage {
  let icon = icons.get(level);
  if (!icon) {
    icon = nativeImage.createFromBuffer(trayIconPng(level, 16), { scaleFactor: 1 });
    icon.addRepresentation({ scaleFactor: 2, buffer: trayIconPng(level, 32) });
    icons.set(level, icon);
  }
  return icon;
}
