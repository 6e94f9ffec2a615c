// The dashboard: one card per profile, "Add profile" and "Refresh all"; an invitation to add
// the first profile when there is none.
import { useRef, useState } from 'react';
import { lockedProps, LockMark, useLocked } from '../components/InstallerLock';
import { ProfileCard } from '../components/ProfileCard';
import { useNavigate } from '../app/navigation';
import { store, useAppState } from '../app/store';
import { useT } from '../app/use-t';

export function Dashboard() {
  const { t } = useT();
  const navigate = useNavigate();
  const profiles = useAppState((s) => s.profiles);
  const catalog = useAppState((s) => s.catalog);
  const [refreshingAll, setRefreshingAll] = useState(false);
  const busy = useRef(false);
  const [error, setError] = useState<string>();
  const locked = useLocked();

  const refreshAll = async () => {
    if (busy.current) return;
    busy.current = true;
    setRefreshingAll(true);
    setError(undefined);
    const result = await store.call((api) => api.refreshAll());
    if (result.ok) for (const view of result.value) store.putToken(view);
    else setError(t(`appErrors.${result.error.code}`));
    busy.current = false;
    setRefreshingAll(false);
  };

  const addProfile = (
    <button type="button" className="button button--primary" onClick={() => void store.asInstaller(() => navigate({ name: 'wizard' }))} {...lockedProps(locked)}>
      <LockMark />
      <span aria-hidden="true" className="plus">
        +
      </span>
      {t('dashboard.addProfile')}
    </button>
  );

  return (
    <div className="screen dashboard">
      <div className="screen__head">
        <h1 id="main-heading" tabIndex={-1}>
          {t('dashboard.title')}
        </h1>
        {profiles.length > 0 && (
          <div className="toolbar">
            <button
              type="button"
              className="button"
              onClick={() => void refreshAll()}
              aria-disabled={refreshingAll || undefined}
            >
              {refreshingAll ? t('dashboard.refreshingAll') : t('dashboard.refreshAll')}
            </button>
            {addProfile}
          </div>
        )}
      </div>
      {error && (
        <p className="action-error" role="alert">
          {error}
        </p>
      )}
      {profiles.length === 0 ? (
        <div className="empty">
          <h2>{t('dashboard.emptyTitle')}</h2>
          <p>{t('dashboard.emptyBody')}</p>
          {addProfile}
        </div>
      ) : (
        <div className="cards">
          {profiles.map((profile) => (
            <ProfileCard key={profile.id} profile={profile} info={catalog.find((p) => p.id === profile.provider)} />
          ))}
        </div>
      )}
    </div>
  );
}
