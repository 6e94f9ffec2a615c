// How one credential field is shown: secret or not, "Stored", removable, required, and which
// hint sits under it. A function of the provider's rule and the profile being edited, no React.
import { type CredentialField, isSecretField, type ProviderInfo, type SecretField } from '#common/profile-schema';

import type { Mode, SecretNeeds } from '../../app/draft';
import type { ProfileView } from '../../bridge/types';
import type { MessageKey } from '../../i18n/keys';

export interface CredentialFieldView {
  secret: boolean;
  /** A secret is stored and will be kept (the field may stay empty). */
  stored: boolean;
  /** A stored optional secret the user chose to remove on save. */
  removing: boolean;
  /** A stored optional secret: it can be removed, not only kept or replaced. */
  removable: boolean;
  /** The message key of the hint under the field. */
  hint?: MessageKey;
  required: boolean;
  optional: boolean;
  type: 'text' | 'email';
}

const POS_FIELDS = ['posSerial', 'posOsVersion', 'posFramework', 'preSharedKey'] as const satisfies readonly CredentialField[];

/** The POS identity fields, grouped apart from the sign-in credentials. */
export function isPosField(field: CredentialField): field is (typeof POS_FIELDS)[number] {
  return (POS_FIELDS as readonly CredentialField[]).includes(field);
}

export function credentialFieldView(
  field: CredentialField,
  context: {
    info: ProviderInfo;
    mode: Mode;
    editing: ProfileView | undefined;
    needs: SecretNeeds;
    cleared: ReadonlySet<SecretField>;
  },
): CredentialFieldView {
  const { info, mode, editing, needs, cleared } = context;
  const rule = info.fields[field]!;
  const secret = isSecretField(field);
  const need = secret ? needs[field] : undefined;
  const hasStored = mode === 'update' && secret && !!editing?.secrets[field];
  // Also when the address changed: then it is removed or typed again.
  const removing = hasStored && secret && cleared.has(field);
  const stored = hasStored && !removing && !need;
  const lastError = editing?.token.lastError;
  const dropped = lastError?.code === 'secret_dropped' && (lastError.fields ?? []).some((f) => f === field);

  let hint: MessageKey | undefined;
  if (removing) hint = 'fieldNotes.storedSecret.removedHint';
  else if (stored) hint = 'wizard.secretStoredHint';
  else if (need === 'retype') hint = 'secretSafety.retypeHint';
  else if (need === 'missing' && dropped) hint = 'secretSafety.missingHint';
  else if (field === 'username' && rule.format === 'email') hint = 'wizard.hints.usernameEmail';
  else if (field === 'scope') hint = rule.required ? 'wizard.hints.scope' : 'wizard.hints.scopeOptional';
  else if ((field === 'posFramework' || field === 'preSharedKey') && !rule.required) hint = `fieldNotes.hints.${field}`;
  else if (isPosField(field)) hint = `wizard.hints.${field}`;

  return {
    secret,
    stored,
    removing,
    removable: hasStored && !rule.required,
    hint,
    required: (rule.required && !stored) || need === 'retype',
    optional: !rule.required,
    type: rule.format === 'email' ? 'email' : 'text',
  };
}
