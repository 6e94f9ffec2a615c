// Conditions the user must know about before trusting the screen: where secrets are kept, a
// damaged store that was set aside, and a lost connection to the host.
import type { ReactNode } from 'react';
import type { Translate } from '../app/explain';
import { useAppState } from '../app/store';
import { useT } from '../app/use-t';
import type { StoreProblemView } from '../bridge/types';
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

/** What a repair left out, counted per kind (only the kinds it touched), and what to do about it. */
function repairedBody(problem: StoreProblemView, t: Translate, lang: string): string {
  const counts = [
    ['profiles', problem.droppedProfiles],
    ['secrets', problem.droppedSecrets],
    ['keys', problem.droppedKeys],
    ['other', problem.droppedOther],
  ] as const;
  const parts = counts.filter(([, n]) => (n ?? 0) > 0).map(([kind, n]) => t(`storeRepair.${kind}`, { n: n ?? 0 }));
  const dropped = parts.length > 0 ? new Intl.ListFormat(lang, { type: 'conjunction' }).format(parts) : t('storeRepair.other', { n: 0 });
  return [
    t('banners.storeRepaired.body', { path: problem.keptAt, dropped }),
    ...((problem.droppedSecrets ?? 0) > 0 ? [t('storeRepair.secretsNext')] : []),
    ...((problem.droppedKeys ?? 0) > 0 ? [t('storeRepair.keysNext')] : []),
  ].join(' ');
}

export function Banners() {
  const { t, lang } = useT();
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
            body={repairedBody(problem, t, lang)}
          />
        ),
      )}
    </div>
  );
}
