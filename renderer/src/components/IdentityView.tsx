// Who the token belongs to: Multinexo's user (name and uid), eReceipt's taxpayer claims and
// tags, with a visible warning when the taxpayer may not submit receipts (no B2C tag), and a
// plain note, no warning, when the tags could not be read at all.
import type { Translate } from '../app/explain';
import { useT } from '../app/use-t';
import type { Identity } from '../bridge/types';
import { isKeyOf } from '../i18n/keys';
import { en } from '../i18n/locales/en';

/** Known claims by name; any other taxpayer claim as "Taxpayer · <claim>". */
function claimLabel(key: string, t: Translate): string {
  return isKeyOf(en.claims, key) ? t(`claims.${key}`) : `${t('card.taxpayer')} · ${key}`;
}

export function IdentityView({ identity }: { identity: Identity }) {
  const { t } = useT();
  const taxpayer = Object.entries(identity.taxpayer ?? {});
  const hasUser = identity.displayName !== undefined || identity.uid !== undefined;
  const tags = identity.tags;
  const tagsUnreadable = identity.notes?.includes('tags-unreadable') ?? false;
  if (!hasUser && taxpayer.length === 0 && tags === undefined && !tagsUnreadable) return null;
  return (
    <div className="identity">
      <dl className="facts">
        {identity.displayName !== undefined && (
          <div>
            <dt>{t('card.signedInAs')}</dt>
            <dd>{identity.displayName}</dd>
          </div>
        )}
        {identity.uid !== undefined && (
          <div>
            <dt>{t('card.userId')}</dt>
            <dd>
              <code>{identity.uid}</code>
            </dd>
          </div>
        )}
        {taxpayer.map(([key, value]) => (
          <div key={key}>
            <dt>{claimLabel(key, t)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        {tags !== undefined && (
          <div>
            <dt>{t('card.tags')}</dt>
            <dd>
              {tags.length === 0 ? (
                t('card.noTags')
              ) : (
                <ul className="tags">
                  {tags.map((tag) => (
                    <li key={tag} className="tag">
                      {tag}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
        )}
      </dl>
      {identity.warnings?.includes('b2c-missing') && (
        <p className="warning" data-warning="b2c-missing">
          <span aria-hidden="true">⚠ </span>
          {t('card.b2cMissing')}
        </p>
      )}
      {tagsUnreadable && (
        <p className="info-note" data-note="tags-unreadable">
          {t('fieldNotes.tagsUnreadable')}
        </p>
      )}
    </div>
  );
}
