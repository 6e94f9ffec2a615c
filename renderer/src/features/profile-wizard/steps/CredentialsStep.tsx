// Step 3: the provider's credentials, then the POS identity it sends with them. In the sandbox,
// one button fills in the demo credentials. Secrets live only in the wizard's state.
import type { ReactNode } from 'react';

import { type CredentialField, fieldsOf, isSecretField, type ProviderInfo, type SecretField } from '#common/profile-schema';

import type { Mode, SecretNeeds, WizardDraft } from '../../../app/draft';
import { useT } from '../../../app/use-t';
import type { ProfileView } from '../../../bridge/types';
import { TextField } from '../../../components/TextField';
import { credentialFieldView, isPosField } from '../credential-field';
import { WizardStep } from './WizardStep';

export interface CredentialsStepProps {
  info: ProviderInfo;
  mode: Mode;
  editing: ProfileView | undefined;
  draft: WizardDraft;
  needs: SecretNeeds;
  cleared: ReadonlySet<SecretField>;
  demoNotice: boolean;
  errorText: (key: CredentialField) => string | undefined;
  onChange: (field: CredentialField, value: string) => void;
  onLeave: (field: CredentialField) => void;
  onClear: (field: SecretField, clear: boolean) => void;
  onUseDemo: () => void;
}

export function CredentialsStep(props: CredentialsStepProps) {
  const { t } = useT();
  const { info, draft, demoNotice, onUseDemo } = props;
  const fields = fieldsOf(info);
  const credentialFields = fields.filter((f) => !isPosField(f));
  const posFields = fields.filter(isPosField);
  const render = (field: CredentialField) => <CredentialInput key={field} field={field} {...props} />;
  return (
    <WizardStep id="step-credentials" number={3} title={t('wizard.steps.credentials')}>
      {draft.envKind === 'sandbox' && (
        <div className="demo">
          <button type="button" className="button" onClick={onUseDemo}>
            {t('wizard.useDemo')}
          </button>
          {demoNotice && <span className="muted">{t('wizard.demoFilled')}</span>}
        </div>
      )}
      <div className="fields">{credentialFields.map(render)}</div>
      {posFields.length > 0 && (
        <fieldset className="subgroup">
          <legend>{t('wizard.steps.posIdentity')}</legend>
          <div className="fields">{posFields.map(render)}</div>
        </fieldset>
      )}
    </WizardStep>
  );
}

function CredentialInput({
  field,
  info,
  mode,
  editing,
  draft,
  needs,
  cleared,
  errorText,
  onChange,
  onLeave,
  onClear,
}: CredentialsStepProps & { field: CredentialField }) {
  const { t } = useT();
  const view = credentialFieldView(field, { info, mode, editing, needs, cleared });
  const label = t(`wizard.fields.${field}`);
  let labelAction: ReactNode;
  if (view.removable && isSecretField(field)) {
    const secret = field;
    labelAction = view.removing ? (
      <>
        <span className="badge badge--removing">{t('fieldNotes.storedSecret.willBeRemoved')}</span>
        <button
          type="button"
          className="button button--small"
          aria-label={t('fieldNotes.storedSecret.keepLabel', { field: label })}
          onClick={() => onClear(secret, false)}
        >
          {t('fieldNotes.storedSecret.keep')}
        </button>
      </>
    ) : (
      <button
        type="button"
        className="button button--small"
        aria-label={t('fieldNotes.storedSecret.removeLabel', { field: label })}
        onClick={() => onClear(secret, true)}
      >
        {t('fieldNotes.storedSecret.remove')}
      </button>
    );
  }
  return (
    <TextField
      name={field}
      label={label}
      value={draft.credentials[field] ?? ''}
      onChange={(value) => onChange(field, value)}
      onBlur={() => onLeave(field)}
      hint={view.hint ? t(view.hint) : undefined}
      error={errorText(field)}
      secret={view.secret}
      stored={view.stored}
      labelAction={labelAction}
      required={view.required}
      optional={view.optional}
      type={view.type}
    />
  );
}
