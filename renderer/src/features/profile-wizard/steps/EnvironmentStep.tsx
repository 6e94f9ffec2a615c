// Step 2: where it signs in: one of the provider's presets, the local sandbox (when it runs
// one for this provider) or a custom address.
import type { ProviderInfo } from '#common/profile-schema';

import type { WizardDraft } from '../../../app/draft';
import { useT } from '../../../app/use-t';
import { RadioCards, type RadioChoice } from '../../../components/RadioCards';
import { TextField } from '../../../components/TextField';
import { localized } from '../../../i18n/localized';
import { environmentValue } from '../validation';
import { WizardStep } from './WizardStep';

export function EnvironmentStep({
  info,
  sandbox,
  draft,
  errorText,
  onChoose,
  onBaseUrl,
  onLeave,
}: {
  info: ProviderInfo;
  /** The local sandbox serves this provider. */
  sandbox: boolean;
  draft: WizardDraft;
  errorText: (key: 'environment' | 'baseUrl') => string | undefined;
  onChoose: (value: string) => void;
  onBaseUrl: (baseUrl: string) => void;
  onLeave: () => void;
}) {
  const { t, lang } = useT();
  const choices: RadioChoice[] = [
    ...info.environments.map((e) => ({ value: `preset:${e.id}`, label: localized(e.label, lang), description: e.baseUrl })),
    ...(sandbox ? [{ value: 'sandbox', label: t('wizard.sandboxEnvironment'), description: t('wizard.sandboxDescription') }] : []),
    { value: 'custom', label: t('wizard.customEnvironment'), description: t('wizard.customDescription') },
  ];
  return (
    <WizardStep id="step-environment" number={2} title={t('wizard.fields.environment')}>
      <RadioCards
        legend={t('wizard.fields.environment')}
        labelledBy="step-environment"
        name="environment"
        choices={choices}
        value={environmentValue(draft)}
        onChange={onChoose}
        error={errorText('environment')}
      />
      {draft.envKind === 'custom' && (
        <TextField
          name="baseUrl"
          label={t('wizard.fields.baseUrl')}
          value={draft.baseUrl}
          onChange={onBaseUrl}
          onBlur={onLeave}
          hint={t('wizard.hints.baseUrl')}
          error={errorText('baseUrl')}
          required
          type="url"
          inputMode="url"
        />
      )}
    </WizardStep>
  );
}
