// After Save or Test, every problem the form shows, in form order, at the top: each a link that
// focuses its field (on a small screen the field may be far below).
import type { FieldKey } from '../../app/draft';
import { useT } from '../../app/use-t';

export function ErrorSummary({
  entries,
  onPick,
}: {
  entries: readonly { key: FieldKey; text: string }[];
  onPick: (key: FieldKey) => void;
}) {
  const { t } = useT();
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" tabIndex={-1} aria-labelledby="error-summary-title" data-error-summary="">
      <h2 id="error-summary-title" className="error-summary__title">
        {t('wizardFlow.errorSummary')}
      </h2>
      <ul className="error-summary__list">
        {entries.map(({ key, text }) => (
          <li key={key}>
            <a
              href={`#field-${key}`}
              onClick={(event) => {
                event.preventDefault();
                onPick(key);
              }}
            >
              {t(`wizard.fields.${key}`)}: {text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
