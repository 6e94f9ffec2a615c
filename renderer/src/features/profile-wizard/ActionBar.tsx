// Test connection, Save and Cancel, with the form's own error above them; on a small screen
// this bar stays at the bottom.
import { useT } from '../../app/use-t';
import { FormError } from '../../components/ErrorText';
import type { TestState } from './form-reducer';

export function ActionBar({
  canTest,
  test,
  testingFirst,
  saving,
  formError,
  onTest,
  onCancel,
}: {
  /** A provider is chosen. */
  canTest: boolean;
  test: TestState;
  testingFirst: boolean;
  saving: boolean;
  formError: string | undefined;
  onTest: () => void;
  onCancel: () => void;
}) {
  const { t } = useT();
  return (
    <div className="wizard__bar" role="group" aria-label={t('wizardFlow.actions')}>
      <FormError message={formError} />
      <div className="wizard__actions">
        {canTest && (
          <button type="button" className="button" onClick={onTest} aria-disabled={test.status === 'running' || saving || undefined}>
            {test.status === 'running' && !testingFirst ? t('wizard.testing') : t('wizard.testConnection')}
          </button>
        )}
        <button type="submit" className="button button--primary" aria-disabled={saving || test.status === 'running' || undefined}>
          {saving ? t('wizard.saving') : testingFirst ? t('wizard.testing') : t('wizard.save')}
        </button>
        <span className="spacer" />
        <button type="button" className="button" onClick={onCancel}>
          {t('wizard.cancel')}
        </button>
      </div>
    </div>
  );
}
