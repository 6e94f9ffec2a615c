// The installer lock in the UI: the top bar's "Locked · Unlock" / "Unlocked · locks in 4:59 ·
// Lock now", the padlock on installer-only controls, and the hint screen readers hear on them.
// Core enforces the lock; this only mirrors what core last said (store.lock).
import { store, useAppState } from '../app/store';
import { useNow } from '../app/ticker';
import { useT } from '../app/use-t';
import { formatClock } from '../i18n/format';

/** The one element installer-only controls point aria-describedby at while locked. */
export const LOCK_HINT_ID = 'installer-lock-hint';

/** True while installer actions would ask for the PIN. */
export function useLocked(): boolean {
  return useAppState((s) => s.lock?.locked === true);
}

/**
 * What an installer-only control carries while locked: the hint for screen readers and a mark
 * for tests and styles. Its name stays the same, so it is still "Edit", with a padlock.
 */
export function lockedProps(locked: boolean): { 'aria-describedby'?: string; 'data-locked'?: true } {
  return locked ? { 'aria-describedby': LOCK_HINT_ID, 'data-locked': true } : {};
}

export function PadlockIcon() {
  return (
    <svg className="padlock" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
    </svg>
  );
}

/** The padlock shown on an installer-only control while locked. */
export function LockMark() {
  const locked = useLocked();
  return locked ? <PadlockIcon /> : null;
}

/** An open padlock: stands for "Unlocked · locks in" where the top bar has no room for the words. */
function OpenPadlockIcon() {
  return (
    <svg className="padlock lock-control__open-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d="M11.5 7V5a3.5 3.5 0 0 0-7 0v0.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
    </svg>
  );
}

function RelockCountdown({ until }: { until: number }) {
  const now = useNow();
  const { t } = useT();
  // The sentence around the clock, whichever side of it each language puts the words: on a
  // narrow top bar they hide (kept for screen readers) and the open padlock stands for them.
  const [before = '', after = ''] = t('installerLock.unlockedFor', { time: '\u0000' }).split('\u0000');
  return (
    <>
      <OpenPadlockIcon />
      {before && <span className="lock-control__words">{before}</span>}
      <span className="lock-control__clock">{formatClock(until - now)}</span>
      {after && <span className="lock-control__words">{after}</span>}
    </>
  );
}

/** The top bar's lock: nothing without a PIN; otherwise its state and the one button it needs. */
export function LockControl() {
  const { t } = useT();
  const lock = useAppState((s) => s.lock);
  const hint = (
    <span id={LOCK_HINT_ID} hidden>
      {t('installerLock.needsPin')}
    </span>
  );
  if (!lock?.pinSet) return hint;
  const lockNow = async () => {
    const result = await store.call((api) => api.lock());
    if (result.ok) store.setLock(result.value);
  };
  return (
    <div className={`lock-control lock-control--${lock.locked ? 'locked' : 'open'}`} data-lock-state={lock.locked ? 'locked' : 'open'}>
      {hint}
      <span className="lock-control__state" title={lock.locked ? undefined : t('installerLock.unlockedFor', { time: '' }).trim()}>
        {lock.locked ? (
          <>
            <PadlockIcon /> {t('installerLock.locked')}
          </>
        ) : (
          <RelockCountdown until={lock.receivedAt + (lock.relocksInMs ?? 0)} />
        )}
      </span>
      {lock.locked ? (
        <button type="button" className="nav-button lock-control__button" onClick={() => void store.requestUnlock()}>
          {t('installerLock.unlock')}
        </button>
      ) : (
        <button type="button" className="nav-button lock-control__button" onClick={() => void lockNow()}>
          {t('installerLock.lockNow')}
        </button>
      )}
    </div>
  );
}
