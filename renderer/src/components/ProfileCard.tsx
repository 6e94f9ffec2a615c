// One profile on the dashboard: its status, how long the token lasts, when it renews, the last
// error explained, who is signed in, its actions, its token file and its history. The card
// itself re-renders only when its profile or token view changes; what moves each second is a leaf.
import { memo, useEffect, useId, useRef, useState, type RefObject } from 'react';
import type { ProviderInfo } from '../../../electron/core/profile-schema';
import type { ProfileView } from '../bridge/types';
import { useNavigate } from '../app/navigation';
import { store, useAppState } from '../app/store';
import { useT } from '../app/use-t';
import { formatMoment } from '../i18n/format';
import { localized } from '../i18n/localized';
import { ConfirmDialog } from './ConfirmDialog';
import { useCopyDiagnostics } from './CopyDiagnostics';
import { Countdown } from './Countdown';
import { FailureDetails } from './FailureDetails';
import { HistoryTimeline } from './HistoryTimeline';
import { lockedProps, LockMark, useLocked } from './InstallerLock';
import { IdentityView } from './IdentityView';
import { LifetimeMeter } from './LifetimeMeter';
import { LifetimeNote } from './LifetimeNote';
import { StatusBadge } from './StatusBadge';
import { TokenFile } from './TokenFile';

/** A click within this long of the last one is a double click, not a second request. */
const MIN_BUSY_MS = 1000;

export function environmentLabel(profile: ProfileView, info: ProviderInfo | undefined, lang: string, t: (k: string) => string): string {
  const env = profile.environment;
  if (env.kind === 'sandbox') return t('wizard.sandboxEnvironment');
  if (env.kind === 'custom') {
    let host = env.baseUrl;
    try {
      host = new URL(env.baseUrl).host;
    } catch {
      // Shown as typed.
    }
    return `${t('wizard.customEnvironment')} (${host})`;
  }
  const preset = info?.environments.find((e) => e.id === env.id);
  return preset ? localized(preset.label, lang) : env.id;
}

function useRenderCount(ref: RefObject<HTMLElement | null>): void {
  const count = useRef(0);
  // Written straight to the DOM after each commit of this card, so counting costs no render.
  // End-to-end tests read it to check that the countdown ticks without re-rendering cards.
  useEffect(() => {
    count.current += 1;
    if (ref.current) ref.current.dataset.renders = String(count.current);
  });
}

export const ProfileCard = memo(function ProfileCard({ profile, info }: { profile: ProfileView; info: ProviderInfo | undefined }) {
  const { t, lang } = useT();
  const navigate = useNavigate();
  const token = useAppState((s) => s.tokens[profile.id]) ?? profile.token;
  const headingId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  const busyRef = useRef(false);
  const [refreshing, setRefreshing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [actionError, setActionError] = useState<string>();
  const locked = useLocked();
  const diagnostics = useCopyDiagnostics({ profileId: profile.id }, info);
  useRenderCount(sectionRef);

  const refresh = async () => {
    if (busyRef.current) return;
    busyRef.current = true;
    setRefreshing(true);
    setActionError(undefined);
    const started = Date.now();
    const result = await store.call((api) => api.refreshToken({ id: profile.id }));
    if (result.ok) store.putToken(result.value);
    else setActionError(t(`appErrors.${result.error.code}`));
    const rest = MIN_BUSY_MS - (Date.now() - started);
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    busyRef.current = false;
    setRefreshing(false);
  };

  const remove = async () => {
    if (removing) return;
    setRemoving(true);
    const result = await store.installerCall((api) => api.removeProfile({ id: profile.id }));
    setRemoving(false);
    setConfirming(false);
    if (result.ok) {
      store.announce('dashboard.removed', { name: profile.name });
      document.getElementById('main-heading')?.focus();
    } else setActionError(t(`appErrors.${result.error.code}`));
  };

  const providerLabel = info ? localized(info.label, lang) : profile.provider;
  const retryPlanned = token.nextAttemptAt !== undefined && token.state !== 'needs-attention';
  const error = token.lastError;

  return (
    <section
      ref={sectionRef}
      className={`card card--${token.state}`}
      aria-labelledby={headingId}
      data-profile-id={profile.id}
      data-provider={profile.provider}
      data-state={token.state}
      data-issued-at={token.issuedAt ?? ''}
    >
      <header className="card__header">
        <h2 id={headingId} className="card__name">
          {profile.name}
        </h2>
        <p className="card__meta">{t('card.providerAndEnvironment', { provider: providerLabel, environment: environmentLabel(profile, info, lang, t) })}</p>
      </header>

      <div className="card__status">
        <StatusBadge token={token} />
        <Countdown expiresAt={token.expiresAt} />
      </div>
      <LifetimeMeter token={token} />

      <dl className="facts">
        {retryPlanned ? (
          <div>
            <dt>{t('card.nextRetry')}</dt>
            <dd>{formatMoment(token.nextAttemptAt!, lang)}</dd>
          </div>
        ) : token.renewAt !== undefined && token.state !== 'needs-attention' ? (
          <div>
            <dt>{t('card.nextRenewal')}</dt>
            <dd>{formatMoment(token.renewAt, lang)}</dd>
          </div>
        ) : null}
        {token.issuedAt !== undefined && (
          <div>
            <dt>{t('card.issued')}</dt>
            <dd>{formatMoment(token.issuedAt, lang)}</dd>
          </div>
        )}
        {token.preview && (
          <div>
            <dt>{t('card.token')}</dt>
            <dd>
              <code className="preview">
                {token.tokenType ? `${token.tokenType} ` : ''}
                {token.preview}
              </code>
            </dd>
          </div>
        )}
        {token.failures > 0 && (
          <div>
            <dt>{t('card.failedAttempts')}</dt>
            <dd>{token.failures}</dd>
          </div>
        )}
      </dl>

      {token.state === 'needs-attention' && <p className="attention-note">{t('card.noAutomaticRetry')}</p>}
      {error && token.state !== 'valid' && token.state !== 'renewing' && (
        <FailureDetails
          failure={error}
          info={info}
          showNext={token.state !== 'needs-attention'}
          tokenInUse={token.state === 'retrying' && token.expiresAt !== undefined}
        />
      )}
      <LifetimeNote source={token.lifetimeSource} />
      {token.identity && <IdentityView identity={token.identity} />}

      <div className="card__actions" role="group" aria-label={t('card.actions', { name: profile.name })}>
        <button
          type="button"
          className="button button--primary"
          onClick={() => void refresh()}
          aria-disabled={refreshing || undefined}
          data-busy={refreshing || undefined}
        >
          {refreshing ? t('card.refreshing') : t('card.refreshNow')}
        </button>
        <button type="button" className="button" onClick={() => void store.asInstaller(() => navigate({ name: 'wizard', editId: profile.id }))} {...lockedProps(locked)}>
          <LockMark />
          {t('card.edit')}
        </button>
        {diagnostics.button}
        <button type="button" className="button button--quiet-danger" onClick={() => void store.asInstaller(() => setConfirming(true))} {...lockedProps(locked)}>
          <LockMark />
          {t('card.remove')}
        </button>
      </div>
      {actionError && (
        <p className="action-error" role="alert">
          {actionError}
        </p>
      )}
      {diagnostics.panel}

      <TokenFile profile={profile} />
      <HistoryTimeline profileId={profile.id} info={info} />

      {confirming && (
        <ConfirmDialog
          title={t('removeDialog.title', { name: profile.name })}
          confirmLabel={t('removeDialog.confirm')}
          cancelLabel={t('removeDialog.cancel')}
          busy={removing}
          onConfirm={() => void remove()}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('removeDialog.body')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
});
