// Conditions the user must know about before trusting the screen: where secrets are kept, a
// damaged store that was set aside, and a lost connection to the host. The development-host
// notice can be folded to its title (remembered on this computer), so it does not take a
// small screen's first lines every time.
import { type ReactNode, useId, useState } from 'react';

import type { Translate } from '../app/explain';
import { useAppState } from '../app/store';
import { useT } from '../app/use-t';
import type { StoreProblemView } from '../bridge/types';
import { HealthBanners } from './HealthBanners';

const FOLDED_KEY = 'tessera.banners.folded';

function readFolded(kind: string): boolean {
  try {
    return (localStorage.getItem(FOLDED_KEY) ?? '').split(' ').includes(kind);
  } catch {
    return false;
  }
}

function writeFolded(kind: string, folded: boolean): void {
  try {
    const kinds = new Set((localStorage.getItem(FOLDED_KEY) ?? '').split(' ').filter(Boolean));
    if (folded) kinds.add(kind);
    else kinds.delete(kind);
    localStorage.setItem(FOLDED_KEY, [...kinds].join(' '));
  } catch {
    // Storage refused: folding lasts until the page is reloaded.
  }
}

export function Banner({
  tone,
  title,
  body,
  kind,
  collapsible = false,
  children,
}: {
  tone: 'info' | 'warning' | 'danger';
  title: string;
  body: string;
  kind: string;
  collapsible?: boolean;
  children?: ReactNode;
}) {
  const { t } = useT();
  const bodyId = useId();
  const [folded, setFolded] = useState(() => collapsible && readFolded(kind));
  return (
    <section className={`banner banner--${tone}${folded ? ' banner--folded' : ''}`} data-banner={kind} aria-label={title}>
      <h2 className="banner__title">{title}</h2>
      {!folded && (
        <p id={bodyId} className="banner__body">
          {body}
        </p>
      )}
      {collapsible && (
        <button
          type="button"
          className="button button--small banner__toggle"
          aria-expanded={!folded}
          aria-controls={folded ? undefined : bodyId}
          onClick={() => {
            writeFolded(kind, !folded);
            setFolded(!folded);
          }}
        >
          {folded ? t('bannerMore.expand') : t('bannerMore.collapse')}
        </button>
      )}
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
        <Banner
          tone="danger"
          kind="no-secret-storage"
          title={t('banners.noSecretStorage.title')}
          body={t('banners.noSecretStorage.body')}
        />
      )}
      {box?.available && box.warning === 'weak-keyring' && (
        <Banner tone="warning" kind="weak-keyring" title={t('banners.weakKeyring.title')} body={t('banners.weakKeyring.body')} />
      )}
      {box?.available && box.warning === 'development-only' && (
        <Banner
          tone="info"
          kind="development-only"
          collapsible
          title={t('banners.developmentOnly.title')}
          body={t('banners.developmentOnly.body')}
        />
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
