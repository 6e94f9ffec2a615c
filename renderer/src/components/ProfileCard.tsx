// One profile on the dashboard: its status (coloured by whether POS programs can get a token),
// how long the token lasts, when it renews, the last error explained, who is signed in, its
// actions (one list, see CardActions), its token file, its history and "Copy diagnostics". Below 1024 px it is a
// compact row (name, status, time left, Refresh now) that expands on demand. The card itself
// re-renders only when its profile, token view or health changes; what moves each second is a leaf.
import { memo, type RefObject, useEffect, useId, useRef, useState } from 'react';

import { tokenWorks } from '#common/health';
import type { ProviderInfo } from '#common/profile-schema';

import type { Translate } from '../app/explain';
import { useNavigate } from '../app/navigation';
import { store, useAppState } from '../app/store';
import { useT } from '../app/use-t';
import type { ProfileView, TokenView } from '../bridge/types';
import { formatMoment, isSameDay } from '../i18n/format';
import { localized } from '../i18n/localized';
import { type CardAction, CardActions } from './CardActions';
import { ConfirmDialog } from './ConfirmDialog';
import { useCopyDiagnostics } from './CopyDiagnostics';
import { Countdown } from './Countdown';
import { FailureDetails } from './FailureDetails';
import { HistoryTimeline } from './HistoryTimeline';
import { IdentityView } from './IdentityView';
import { useLocked } from './InstallerLock';
import { LifetimeMeter } from './LifetimeMeter';
import { LifetimeNote } from './LifetimeNote';
import { NextAttempt } from './NextAttempt';
import { StatusBadge } from './StatusBadge';
import { TokenFile } from './TokenFile';

/** A click within this long of the last one is a double click, not a second request. */
const MIN_BUSY_MS = 1000;
/** How long "Renewed" stays on the button after a successful "Refresh now". */
const CONFIRM_MS = 2500;

export function environmentLabel(profile: ProfileView, info: ProviderInfo | undefined, lang: string, t: Translate): string {
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

/** "until 10:25" with the date when it is not today, in the key's own wording. */
function untilKey<Base extends 'cardMore.stillWorks' | 'cardMore.refreshedNotice'>(
  at: number,
  base: Base,
  now: number,
): Base | `${Base}Date` {
  return isSameDay(at, now) ? base : `${base}Date`;
}

/** The renewal still ahead; a past one ("overdue") is not shown. Re-rendered with the model's clock. */
function NextRenewal({ token }: { token: TokenView }) {
  const { t, lang } = useT();
  const now = useAppState((s) => s.model.at);
  if (token.renewAt === undefined || token.renewAt <= now || token.state === 'needs-attention') return null;
  return (
    <div>
      <dt>{t('card.nextRenewal')}</dt>
      <dd>{formatMoment(token.renewAt, lang, now)}</dd>
    </div>
  );
}

export interface ProfileCardProps {
  profile: ProfileView;
  info: ProviderInfo | undefined;
  /** A compact row (narrow screens) instead of a full card. */
  compact?: boolean;
  /** For a compact row: its details are shown. */
  expanded?: boolean;
  onToggle?: (profileId: string) => void;
}

export const ProfileCard = memo(function ProfileCard({ profile, info, compact = false, expanded = false, onToggle }: ProfileCardProps) {
  const { t, lang } = useT();
  const navigate = useNavigate();
  const token = useAppState((s) => s.tokens[profile.id]) ?? profile.token;
  const health = useAppState((s) => s.model.healths[profile.id]) ?? 'pending';
  // The model's clock: it moves whenever a token's health can change on its own.
  const now = useAppState((s) => s.model.at);
  const headingId = useId();
  const bodyId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  const busyRef = useRef(false);
  const [refreshing, setRefreshing] = useState(false);
  const [renewed, setRenewed] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [actionError, setActionError] = useState<string>();
  const locked = useLocked();
  // Small: a support tool at the card's foot, quieter than the actions.
  const diagnostics = useCopyDiagnostics({ profileId: profile.id }, info, { small: true });
  useRenderCount(sectionRef);

  useEffect(() => {
    if (!renewed) return;
    const timer = setTimeout(() => setRenewed(false), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [renewed]);

  const refresh = async () => {
    if (busyRef.current) return;
    busyRef.current = true;
    setRefreshing(true);
    setRenewed(false);
    setActionError(undefined);
    const started = Date.now();
    const result = await store.call((api) => api.refreshToken({ id: profile.id }));
    if (result.ok) store.putToken(result.value);
    else setActionError(t(`appErrors.${result.error.code}`));
    const rest = MIN_BUSY_MS - (Date.now() - started);
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    busyRef.current = false;
    setRefreshing(false);
    // Confirmed only when a new token really came: a failure shows on the card instead.
    const view = result.ok ? result.value : undefined;
    if (view && view.state === 'valid' && view.issuedAt !== undefined && view.issuedAt >= started - 1000 && view.expiresAt !== undefined) {
      setRenewed(true);
      store.announce(untilKey(view.expiresAt, 'cardMore.refreshedNotice', Date.now()), {
        name: profile.name,
        time: formatMoment(view.expiresAt, lang),
      });
    }
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
  const error = token.lastError;
  const open = !compact || expanded;
  const works = tokenWorks(token, now);

  const refreshButton = (
    <>
      <button
        type="button"
        className="button button--primary card__refresh"
        onClick={() => void refresh()}
        aria-disabled={refreshing || undefined}
        data-busy={refreshing || undefined}
        data-action="refresh"
      >
        {refreshing ? t('card.refreshing') : t('card.refreshNow')}
      </button>
      {/* Seen briefly; the Announcer says the same (with the new expiry) for screen readers. */}
      {renewed && (
        <span className="card__renewed" aria-hidden="true" data-renewed="">
          ✓ {t('cardMore.refreshed')}
        </span>
      )}
    </>
  );

  const actions: CardAction[] = [
    {
      id: 'edit',
      label: t('card.edit'),
      onSelect: () => void store.asInstaller(() => navigate({ name: 'wizard', editId: profile.id })),
      locked,
    },
    {
      id: 'remove',
      label: t('card.remove'),
      onSelect: () => void store.asInstaller(() => setConfirming(true)),
      tone: 'danger',
      place: 'menu-when-short',
      locked,
    },
  ];

  return (
    <section
      ref={sectionRef}
      id={`profile-${profile.id}`}
      tabIndex={-1}
      className={`card card--${token.state} card--health-${health}${compact ? ' card--compact' : ''}${open ? ' card--open' : ''}`}
      aria-labelledby={headingId}
      data-profile-id={profile.id}
      data-provider={profile.provider}
      data-state={token.state}
      data-health={health}
      data-issued-at={token.issuedAt ?? ''}
    >
      <header className="card__header">
        <h2 id={headingId} className="card__name">
          {profile.name}
        </h2>
        {open && (
          <p className="card__meta">
            {t('card.providerAndEnvironment', { provider: providerLabel, environment: environmentLabel(profile, info, lang, t) })}
          </p>
        )}
      </header>

      <div className="card__status">
        <StatusBadge token={token} health={health} />
        <Countdown expiresAt={token.expiresAt} />
      </div>
      {health === 'no-token' && (
        <p className="card__alarm" data-alarm="no-token">
          <span aria-hidden="true">✕ </span>
          {t('health.no-token')}
        </p>
      )}

      {compact && (
        <div className="card__row-actions">
          {refreshButton}
          <button
            type="button"
            className="button card__toggle"
            aria-expanded={expanded}
            aria-controls={bodyId}
            onClick={() => onToggle?.(profile.id)}
            data-action="details"
          >
            {expanded ? t('cardMore.hideDetails') : t('cardMore.details')}
            <span className="sr-only"> {profile.name}</span>
          </button>
        </div>
      )}

      {open && (
        <div id={bodyId} className="card__body">
          <LifetimeMeter token={token} />
          <dl className="facts">
            {token.nextAttemptAt !== undefined && token.state !== 'needs-attention' ? (
              <NextAttempt at={token.nextAttemptAt} />
            ) : (
              <NextRenewal token={token} />
            )}
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
          {works && token.expiresAt !== undefined && (health === 'attention' || health === 'retrying') && (
            <p className="still-works">
              {t(untilKey(token.expiresAt, 'cardMore.stillWorks', now), { time: formatMoment(token.expiresAt, lang, now) })}
            </p>
          )}
          {error && token.state !== 'valid' && token.state !== 'renewing' && (
            <FailureDetails
              failure={error}
              info={info}
              showNext={token.state !== 'needs-attention'}
              tokenInUse={token.state === 'retrying' && works}
            />
          )}
          <LifetimeNote source={token.lifetimeSource} />
          {token.identity && <IdentityView identity={token.identity} />}

          <div className="card__actions">
            {!compact && refreshButton}
            <CardActions name={profile.name} actions={actions} />
          </div>
          {actionError && (
            <p className="action-error" role="alert">
              {actionError}
            </p>
          )}

          <TokenFile profile={profile} />
          <HistoryTimeline profileId={profile.id} name={profile.name} info={info} />
          {/* A cashier's too (read-only, secret-free): support asks for it on the phone. Below the
              history it reports on, not in the action row, which has no room for a fourth button
              in a 400 px card in any language. */}
          <div className="card__support">
            {diagnostics.button}
            {diagnostics.panel}
          </div>
        </div>
      )}
      {compact && !expanded && actionError && (
        <p className="action-error" role="alert">
          {actionError}
        </p>
      )}

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
