// A failure explained: what kind of problem, what it means, what Tessera does next, and the
// provider's own words (plus, for unexpected responses, a short excerpt of what came back).
import type { ProviderInfo } from '#common/profile-schema';

import { explainFailure, type FailureLike } from '../app/explain';
import { useT } from '../app/use-t';

export function FailureDetails({
  failure,
  info,
  headingLevel = 3,
  showNext = true,
  tokenInUse = false,
}: {
  failure: FailureLike;
  info: ProviderInfo | undefined;
  headingLevel?: 3 | 4;
  showNext?: boolean;
  /** A still-valid token is being handed out meanwhile (said for retried failures). */
  tokenInUse?: boolean;
}) {
  const { t, lang } = useT();
  const e = explainFailure(failure, info, lang, t);
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className={`failure failure--${failure.errorClass}`} data-error-code={e.code} data-error-class={failure.errorClass}>
      <Heading className="failure__heading">{e.heading}</Heading>
      <p className="failure__text">{e.text}</p>
      {e.providerMessage && (
        <p className="failure__provider">
          <span className="failure__label">{t('failure.providerSaid')}:</span> {t('cardMore.quoted', { text: e.providerMessage })}
        </p>
      )}
      {e.excerpt && (
        <div className="failure__excerpt">
          <span className="failure__label">{t('failure.excerpt')}:</span>
          <pre>{e.excerpt}</pre>
        </div>
      )}
      {showNext && (
        <p className="failure__next">
          {e.next}
          {tokenInUse && (failure.errorClass === 'transient' || failure.errorClass === 'protocol')
            ? ` ${t('failure.tokenStillValid')}`
            : ''}
        </p>
      )}
      <p className="failure__code">
        {t('failure.codeLabel')}: <code>{e.code}</code>
      </p>
    </div>
  );
}
