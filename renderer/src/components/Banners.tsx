// Conditions the user must know about before trusting the screen: where secrets are kept, a
// damaged store that was set aside, and a lost connection to the host.
import type { ReactNode } from 'react';
import { useAppState } from '../app/store';
import { useT } from '../app/use-t';
import { HealthBanners } from './HealthBanners';

export function Banner({ tone, title, body, kind, children }: { tone: 'info' | 'warning' | 'danger'; title: string; body: string; kind: string; children?: ReactNode }) {
  return (
    <section className={`banner banner--${tone}`} data-banner={kind} aria-label={title}>
      <h2 className="banner__title">{title}</h2>
      <p className="banner__body">{body}</p>
      {children}
    </section>
  );
}

export function Banners() {
  const { t } = useT();
  const appInfo = useAppState((s) => s.appInfo);
  const connection = useAppState((s) => s.connection);
  const box = appInfo?.secretBox;
  return (
    <div className="banners">
      {connection === 'closed' && (
        <Banner tone="danger" kind="connection-lost" title={t('banners.connectionLost.title')} body={t('banners.connectionLost.body')}>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            {t('app.reload')}
          </button>
        </Banner>
      )}
      <HealthBanners />
      {box && !box.available && (
        <Banner tone="danger" kind="no-secret-storage" title={t('banners.noSecretStorage.title')} body={t('banners.noSecretStorage.body')} />
      )}
      {box?.available && box.warning === 'weak-keyring' && (
        <Banner tone="warning" kind="weak-keyring" title={t('banners.weakKeyring.title')} body={t('banners.weakKeyring.body')} />
      )}
      {box?.available && box.warning === 'development-only' && (
        <Banner tone="info" kind="development-only" title={t('banners.developmentOnly.title')} body={t('banners.developmentOnly.body')} />
      )}
      {appInfo?.storeProblems.map((problem) =>
        problem.kind === 'store-unreadable' ? (
          <Banner
            key={problem.keptAt}
            tone="warning"
            kind="store-unreadable"
            title={t('banners.storeUnreadable.title')}
            body={t('banners.storeUnreadable.body', { path: problem.keptAt })}
          />
        ) : (
          <Banner
            key={problem.keptAt}
            tone="warning"
            kind="store-repaired"
            title={t('banners.storeRepaired.title')}
            body={t('banners.storeRepaired.body', { path: problem.keptAt, dropped: problem.droppedProfiles ?? 0 })}
          />
        ),
      )}
    </div>
  );
}
