// Settings: the language (saved, so it survives restarts; until chosen, the OS language),
// whether Tessera starts at login, and the POS connections (the local token service and its
// access keys). Plus what the user needs when asking for help.
import { useEffect, useId, useRef, useState } from 'react';

import { isLanguage, type Language, LANGUAGES } from '#common/language';

import { store, useAppState } from '../app/store';
import { useT } from '../app/use-t';
import { FormError } from '../components/ErrorText';
import { lockedProps, LockMark, useLocked } from '../components/InstallerLock';
import { InstallerPinSettings } from '../components/InstallerPinSettings';
import { PosConnections } from '../components/PosConnections';
import { ProfileBundles } from '../components/ProfileBundles';
import { isKeyOf } from '../i18n/keys';
import { en } from '../i18n/locales/en';

export function SettingsScreen({ language }: { language: Language }) {
  const { t } = useT();
  const settings = useAppState((s) => s.settings);
  const appInfo = useAppState((s) => s.appInfo);
  const languageId = useId();
  const startId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [error, setError] = useState<string>();
  const locked = useLocked();

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const save = async (patch: { language?: Language; startAtLogin?: boolean }) => {
    setError(undefined);
    // The language is a cashier's; anything else asks for the installer PIN when locked.
    const result = await (patch.startAtLogin === undefined
      ? store.call((api) => api.updateSettings(patch))
      : store.installerCall((api) => api.updateSettings(patch)));
    if (result.ok) {
      store.setSettings(result.value);
      store.announce('settings.saved');
    } else setError(t(`appErrors.${result.error.code}`));
  };

  return (
    <div className="screen settings">
      <div className="screen__head">
        <h1 id="main-heading" tabIndex={-1} ref={headingRef}>
          {t('settings.title')}
        </h1>
      </div>
      <div className="panel">
        <div className="field">
          <label htmlFor={languageId} className="field__label">
            {t('settings.language')}
          </label>
          <select
            id={languageId}
            value={language}
            aria-describedby={`${languageId}-hint`}
            onChange={(e) => {
              if (isLanguage(e.target.value)) void save({ language: e.target.value });
            }}
          >
            {LANGUAGES.map((lang) => (
              <option key={lang} value={lang} lang={lang}>
                {t(`languages.${lang}`)}
              </option>
            ))}
          </select>
          <p id={`${languageId}-hint`} className="field__hint">
            {t('settings.languageHint')}
          </p>
        </div>
        <div className="field field--check">
          <input
            id={startId}
            type="checkbox"
            checked={settings?.startAtLogin ?? false}
            aria-describedby={[`${startId}-hint`, lockedProps(locked)['aria-describedby']].filter(Boolean).join(' ')}
            data-locked={lockedProps(locked)['data-locked']}
            onChange={(e) => void save({ startAtLogin: e.target.checked })}
          />
          <label htmlFor={startId} className="field__label">
            <LockMark />
            {t('settings.startAtLogin')}
          </label>
          <p id={`${startId}-hint`} className="field__hint">
            {t('settings.startAtLoginHint')} {appInfo?.host === 'browser' ? t('settings.browserHostNote') : ''}
          </p>
        </div>
        <FormError message={error} />
      </div>
      <PosConnections />
      <InstallerPinSettings />
      <ProfileBundles />
      {appInfo && (
        <section className="panel" aria-labelledby="about-heading">
          <h2 id="about-heading">{t('settings.about')}</h2>
          <dl className="facts">
            <div>
              <dt>{t('settings.version')}</dt>
              <dd>{appInfo.version}</dd>
            </div>
            <div>
              <dt>{t('settings.host')}</dt>
              <dd>{t(`settings.hosts.${appInfo.host}`)}</dd>
            </div>
            <div>
              <dt>{t('settings.secretStorage')}</dt>
              <dd data-secret-storage={appInfo.secretBox.backend}>
                {t(`about.backends.${isKeyOf(en.about.backends, appInfo.secretBox.backend) ? appInfo.secretBox.backend : 'other'}`)}
                <span className="muted about__technical">
                  {' '}
                  ({t('about.backendLabel')}: <code>{appInfo.secretBox.backend}</code>)
                </span>
              </dd>
            </div>
          </dl>
        </section>
      )}
    </div>
  );
}
