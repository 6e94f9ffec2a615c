// The shell: connects to core, applies the language, shows the banners and one of three
// screens, and marks the page ready (body[data-ready]) once the first data is on screen.
import { useEffect, useState } from 'react';
import type { Language } from '../../../electron/core/profile-schema';
import { Banners } from '../components/Banners';
import { LockControl } from '../components/InstallerLock';
import { PinDialogHost } from '../components/PinDialog';
import { Toast } from '../components/Toast';
import { changeLanguage, pickLanguage } from '../i18n';
import { Dashboard } from '../screens/Dashboard';
import { ProfileWizard } from '../screens/ProfileWizard';
import { SettingsScreen } from '../screens/SettingsScreen';
import { NavigationContext, type Route } from './navigation';
import { store, useAppState } from './store';
import { useT } from './use-t';

export function App() {
  const { t, lang } = useT();
  const phase = useAppState((s) => s.phase);
  const savedLanguage = useAppState((s) => s.settings?.language);
  const systemLocale = useAppState((s) => s.appInfo?.systemLocale);
  const [route, setRoute] = useState<Route>({ name: 'dashboard' });

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

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

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

  const navigate = (next: Route) => {
    setRoute(next);
    window.scrollTo(0, 0);
  };

  return (
    <NavigationContext.Provider value={navigate}>
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
      <Banners />
      <main id="main" className="main">
        {route.name === 'dashboard' && <Dashboard />}
        {route.name === 'wizard' && (
          <ProfileWizard
            key={route.editId ?? 'new'}
            editId={route.editId}
            onDone={(saved) => {
              if (saved) store.announce('dashboard.saved', { name: saved.name });
              navigate({ name: 'dashboard' });
            }}
          />
        )}
        {route.name === 'settings' && <SettingsScreen language={language} />}
      </main>
      <Toast />
      <PinDialogHost />
    </NavigationContext.Provider>
  );
}
