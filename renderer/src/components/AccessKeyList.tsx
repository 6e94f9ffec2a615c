// The access keys that exist: name, first characters, when created and last used, the profiles
// they are limited to, and "Revoke" (asked first). Revoking takes effect at once in core.
import { type RefObject, useId, useState } from 'react';

import { keyProfileNames } from '../app/pos-connections';
import { store, useAppState } from '../app/store';
import { useT } from '../app/use-t';
import type { AccessKeyView } from '../bridge/types';
import { formatMoment } from '../i18n/format';
import { ConfirmDialog } from './ConfirmDialog';
import { lockedProps, LockMark, useLocked } from './InstallerLock';

function AccessKeyItem({ accessKey, onRevoked }: { accessKey: AccessKeyView; onRevoked: (key: AccessKeyView) => void }) {
  const { t, lang } = useT();
  const profiles = useAppState((s) => s.profiles);
  const nameId = useId();
  const [confirming, setConfirming] = useState(false);
  const [revoking, setRevoking] = useState(false);
  const [error, setError] = useState<string>();
  const locked = useLocked();

  const names = keyProfileNames(accessKey, profiles);
  const profilesText =
    names === null
      ? t('posConnections.allProfiles')
      : names.length === 0
        ? t('posConnections.noProfilesLeft')
        : new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(names);

  const revoke = async () => {
    if (revoking) return;
    setRevoking(true);
    const result = await store.installerCall((api) => api.revokeAccessKey({ id: accessKey.id }));
    setRevoking(false);
    setConfirming(false);
    if (result.ok) onRevoked(accessKey);
    else setError(t(`appErrors.${result.error.code}`));
  };

  return (
    <li className="key-item" aria-labelledby={nameId} data-key-id={accessKey.id}>
      <h4 id={nameId} className="key-item__name">
        {accessKey.name}
      </h4>
      <dl className="facts">
        <div>
          <dt>{t('posConnections.startsWith')}</dt>
          <dd>
            <code>{accessKey.hint}…</code>
          </dd>
        </div>
        <div>
          <dt>{t('posConnections.createdAt')}</dt>
          <dd>{formatMoment(accessKey.createdAt, lang)}</dd>
        </div>
        <div data-fact="last-used">
          <dt>{t('posConnections.lastUsed')}</dt>
          <dd>{accessKey.lastUsedAt === null ? t('posConnections.never') : formatMoment(accessKey.lastUsedAt, lang)}</dd>
        </div>
        <div data-fact="profiles">
          <dt>{t('posConnections.profiles')}</dt>
          <dd>{profilesText}</dd>
        </div>
      </dl>
      <div>
        <button
          type="button"
          className="button button--small button--quiet-danger"
          onClick={() => void store.asInstaller(() => setConfirming(true))}
          {...lockedProps(locked)}
        >
          <LockMark />
          {t('posConnections.revoke')}
        </button>
      </div>
      {error && (
        <p className="action-error" role="alert">
          {error}
        </p>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('posConnections.revokeDialog.title', { name: accessKey.name })}
          confirmLabel={t('posConnections.revokeDialog.confirm')}
          cancelLabel={t('posConnections.revokeDialog.cancel')}
          busy={revoking}
          onConfirm={() => void revoke()}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('posConnections.revokeDialog.body')}</p>
        </ConfirmDialog>
      )}
    </li>
  );
}

/** The list; its heading takes the focus when the key that had it goes away. */
export function AccessKeyList({
  failed,
  onRevoked,
  headingRef,
}: {
  failed: boolean;
  onRevoked: (key: AccessKeyView) => void;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useT();
  const keys = useAppState((s) => s.accessKeys);
  const locked = useLocked();
  const headingId = useId();
  return (
    <section className="key-list" aria-labelledby={headingId}>
      <h3 id={headingId} tabIndex={-1} ref={headingRef}>
        {t('posConnections.keys')}
      </h3>
      {keys === undefined && locked ? (
        <p className="muted key-list__locked">
          {t('installerLock.keysLocked')}{' '}
          <button type="button" className="button button--small" onClick={() => void store.requestUnlock()} {...lockedProps(locked)}>
            <LockMark />
            {t('installerLock.unlock')}
          </button>
        </p>
      ) : keys === undefined ? (
        <p className="muted">{failed ? t('posConnections.keysFailed') : t('posConnections.keysLoading')}</p>
      ) : keys.length === 0 ? (
        <p className="muted">{t('posConnections.noKeys')}</p>
      ) : (
        <ul className="key-list__items">
          {keys.map((key) => (
            <AccessKeyItem key={key.id} accessKey={key} onRevoked={onRevoked} />
          ))}
        </ul>
      )}
    </section>
  );
}
