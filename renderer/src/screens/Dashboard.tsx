// The dashboard: the summary line on top (always in view), "Refresh all" and "Add profile",
// then every profile, problems first; an invitation to add the first profile when there is none.
import { useRef, useState } from 'react';

import { useNavigate } from '../app/navigation';
import { store, useAppState } from '../app/store';
import { summaryText } from '../app/summary-text';
import { useT } from '../app/use-t';
import { lockedProps, LockMark, useLocked } from '../components/InstallerLock';
import { ProfileList, type ProfileListHandle } from '../components/ProfileList';
import { SummaryBar } from '../components/SummaryBar';

export function Dashboard() {
  const { t } = useT();
  const navigate = useNavigate();
  const count = useAppState((s) => s.profiles.length);
  const [refreshingAll, setRefreshingAll] = useState(false);
  const busy = useRef(false);
  const list = useRef<ProfileListHandle>(null);
  const [error, setError] = useState<string>();
  const locked = useLocked();

  const refreshAll = async () => {
    if (busy.current) return;
    busy.current = true;
    setRefreshingAll(true);
    setError(undefined);
    // One summary at the end instead of a word for every profile that changed.
    const result = await store.quietly(async () => {
      const answer = await store.call((api) => api.refreshAll());
      if (answer.ok) for (const view of answer.value) store.putToken(view);
      return answer;
    });
    if (result.ok) store.say('summary.refreshedAll', { summary: summaryText(store.getState().model.summary, t) });
    else setError(t(`appErrors.${result.error.code}`));
    busy.current = false;
    setRefreshingAll(false);
  };

  const addProfile = (
    <button
      type="button"
      className="button button--primary"
      onClick={() => void store.asInstaller(() => navigate({ name: 'wizard' }))}
      {...lockedProps(locked)}
    >
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
        {count > 0 && (
          <div className="toolbar">
            <button type="button" className="button" onClick={() => void refreshAll()} aria-disabled={refreshingAll || undefined}>
              {refreshingAll ? t('dashboard.refreshingAll') : t('dashboard.refreshAll')}
            </button>
            {addProfile}
          </div>
        )}
      </div>
      {count > 0 && <SummaryBar onReveal={(id) => list.current?.reveal(id)} />}
      {error && (
        <p className="action-error" role="alert">
          {error}
        </p>
      )}
      {count === 0 ? (
        <div className="empty">
          <h2>{t('dashboard.emptyTitle')}</h2>
          <p>{t('dashboard.emptyBody')}</p>
          {addProfile}
        </div>
      ) : (
        <ProfileList ref={list} />
      )}
    </div>
  );
}
