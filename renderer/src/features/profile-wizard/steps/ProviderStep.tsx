// Step 1: the provider. Fixed once the profile exists (its credentials belong to it).
import type { ProviderInfo } from '#common/profile-schema';

import type { Mode } from '../../../app/draft';
import { useT } from '../../../app/use-t';
import { RadioCards, type RadioChoice } from '../../../components/RadioCards';
import { localized } from '../../../i18n/localized';
import { WizardStep } from './WizardStep';

export function ProviderStep({
  catalog,
  mode,
  value,
  error,
  onChoose,
}: {
  catalog: readonly ProviderInfo[];
  mode: Mode;
  value: string;
  error: string | undefined;
  onChoose: (id: string) => void;
}) {
  const { t, lang } = useT();
  const choices: RadioChoice[] = catalog.map((p) => ({ value: p.id, label: localized(p.label, lang) }));
  return (
    <WizardStep id="step-provider" number={1} title={t('wizard.fields.provider')}>
      <RadioCards
        legend={t('wizard.fields.provider')}
        labelledBy="step-provider"
        name="provider"
        choices={mode === 'update' ? choices.filter((c) => c.value === value) : choices}
        value={value}
        onChange={onChoose}
        disabled={mode === 'update'}
        note={mode === 'update' ? t('wizard.providerFixed') : undefined}
        error={error}
      />
    </WizardStep>
  );
}
