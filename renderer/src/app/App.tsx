// The shell: connects to core, applies the language, shows the banners and one of three
// screens, and marks the page ready (body[data-ready]) once the first data is on screen. The
// header stays one row at the top; the screens scroll beneath it, and a confirmation (the
// toast) takes its own strip at the bottom instead of covering them.
import { useCallback, useEffect, useRef, useState } from 'react';

import type { Language } from '#common/language';
import { pickLanguage } from '#common/language';

import { Announcer } from '../components/Announcer';
import { Banners } from '../components/Banners';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { LockControl } from '../components/InstallerLock';
import { PinDialogHost } from '../components/PinDialog';
import { Toast } from '../components/Toast';
import { ProfileWizard } from '../features/profile-wizard/ProfileWizard';
import { changeLanguage } from '../i18n';
import { Dashboard } from '../screens/Dashboard';
import { SettingsScreen } from '../screens/SettingsScreen';
import { LeaveGuardContext, NavigationContext, type Route } from './navigation';
import { ScrollContainerContext } from './scroll';
import { store, useAppState } from './store';
import { summaryText } from './summary-text';
import { useT } from './use-t';

export function App() {
  const { t, lang } = useT();
  const phase = useAppState((s) => s.phase);
  const savedLanguage = useAppState((s) => s.settings?.language);
  const systemLocale = useAppState((s) => s.appInfo?.systemLocale);
  const summary = useAppState((s) => s.model.summary);
  const [route, setRoute] = useState<Route>({ name: 'dashboard' });
  const [pendingRoute, setPendingRoute] = useState<Route>();
  const guard = useRef<(() => boolean) | undefined>(undefined);
  const viewportRef = useRef<HTMLDivElement>(null);

  const language: Language = pickLanguage(savedLanguage, systemLocale, navigator.languages);

  useEffect(() => {
    void store.connect();
  }, []);

  useEffect(() => {
    void changeLanguage(language);
  }, [language]);

  const ready = phase === 'ready' && lang === language;
  useEffect(() => {
    if (ready) document.body.dataset.ready = 'true';
  }, [ready]);

  // The window title (and so the taskbar) says what the tray's tooltip says.
  const title = phase === 'ready' ? t('summary.title', { summary: summaryText(summary, t) }) : t('app.name');
  useEffect(() => {
    document.title = title;
  }, [title]);

  const go = useCallback((next: Route) => {
    guard.current = undefined;
    setPendingRoute(undefined);
    setRoute(next);
    viewportRef.current?.scrollTo(0, 0);
  }, []);
  const navigate = useCallback(
    (next: Route) => {
      if (guard.current?.()) setPendingRoute(next);
      else go(next);
    },
    [go],
  );
  const setGuard = useCallback((next: (() => boolean) | undefined) => {
    guard.current = next;
  }, []);

  if (phase === 'connecting') {
    return (
      <main className="splash" aria-busy="true">
        <p>{t('app.connecting')}</p>
      </main>
    );
  }
  if (phase === 'failed') {
    return (
      <main className="splash">
        <h1>{t('app.connectFailed')}</h1>
        <p>{t('app.connectFailedHint')}</p>
        <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
          {t('app.reload')}
        </button>
      </main>
    );
  }

  return (
    <NavigationContext.Provider value={navigate}>
      <LeaveGuardContext.Provider value={setGuard}>
        <ScrollContainerContext.Provider value={viewportRef}>
          <div className="app">
            <a className="skip-link" href="#main">
              {t('app.skipToContent')}
            </a>
            <header className="topbar">
              <div className="topbar__brand">
                <span className="topbar__logo" aria-hidden="true" />
                <span className="topbar__name">{t('app.name')}</span>
                <span className="topbar__tagline">{t('app.tagline')}</span>
              </div>
              <nav aria-label={t('app.navLabel')} className="topbar__nav">
                <button
                  type="button"
                  className="nav-button"
                  aria-current={route.name !== 'settings' ? 'page' : undefined}
                  onClick={() => navigate({ name: 'dashboard' })}
                >
                  {t('nav.profiles')}
                </button>
                <button
                  type="button"
                  className="nav-button"
                  aria-current={route.name === 'settings' ? 'page' : undefined}
                  onClick={() => navigate({ name: 'settings' })}
                >
                  {t('nav.settings')}
                </button>
              </nav>
              <LockControl />
            </header>
            <div className="viewport" ref={viewportRef} data-scroll-container="">
              <Banners />
              <main id="main" className="main" tabIndex={-1}>
                {route.name === 'dashboard' && <Dashboard />}
                {route.name === 'wizard' && (
                  <ProfileWizard
                    key={route.editId ?? 'new'}
                    editId={route.editId}
                    onDone={(saved) => {
                      if (saved) {
                        store.announce('dashboard.saved', { name: saved.name });
                        go({ name: 'dashboard' });
                      } else navigate({ name: 'dashboard' });
                    }}
                  />
                )}
                {route.name === 'settings' && <SettingsScreen language={language} />}
              </main>
            </div>
            <Toast />
            <Announcer />
          </div>
          <PinDialogHost />
          {pendingRoute && (
            <ConfirmDialog
              title={t('wizardFlow.leaveTitle')}
              confirmLabel={t('wizardFlow.leaveConfirm')}
              cancelLabel={t('wizardFlow.leaveCancel')}
              onConfirm={() => go(pendingRoute)}
              onCancel={() => setPendingRoute(undefined)}
            >
              <p>{t('wizardFlow.leaveBody')}</p>
            </ConfirmDialog>
          )}
        </ScrollContainerContext.Provider>
      </LeaveGuardContext.Provider>
    </NavigationContext.Provider>
  );
}
