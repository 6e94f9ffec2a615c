// A labelled text input with its hint and its error right below it. The label is exactly the
// field's name (tests and screen readers rely on it); "Stored", "optional" and hints sit outside it.
import { type InputHTMLAttributes, type ReactNode, useId, useState } from 'react';

import { useT } from '../app/use-t';
import { FieldError } from './ErrorText';

export interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  hint?: string;
  error?: string;
  secret?: boolean;
  /** A secret is stored for this field (editing): shows "Stored". */
  stored?: boolean;
  /** Beside the badges, e.g. the button that removes a stored optional secret. */
  labelAction?: ReactNode;
  required?: boolean;
  /** Shows "optional" beside the label (for fields a provider may go without). */
  optional?: boolean;
  name?: string;
  inputMode?: InputHTMLAttributes<HTMLInputElement>['inputMode'];
  type?: 'text' | 'email' | 'url';
}

export function TextField({
  label,
  value,
  onChange,
  onBlur,
  hint,
  error,
  secret,
  stored,
  labelAction,
  required,
  optional,
  name,
  inputMode,
  type = 'text',
}: TextFieldProps) {
  const { t } = useT();
  const id = useId();
  const [revealed, setRevealed] = useState(false);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`} data-field={name}>
      <div className="field__label-row">
        <label htmlFor={id} className="field__label">
          {label}
        </label>
        {optional && <span className="badge badge--optional">{t('wizard.optional')}</span>}
        {stored && <span className="badge badge--stored">{t('wizard.secretStored')}</span>}
        {labelAction}
      </div>
      <div className="field__control">
        <input
          id={id}
          name={name}
          type={secret && !revealed ? 'password' : type}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onBlur={onBlur}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          aria-required={required || undefined}
          autoComplete={secret ? 'new-password' : 'off'}
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          inputMode={inputMode}
        />
        {secret && (
          <button
            type="button"
            className="button button--small field__reveal"
            aria-pressed={revealed}
            aria-label={`${revealed ? t('wizard.hide') : t('wizard.show')}: ${label}`}
            onClick={() => setRevealed((r) => !r)}
          >
            {revealed ? t('wizard.hide') : t('wizard.show')}
          </button>
        )}
      </div>
      <FieldError id={`${id}-error`} message={error} />
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}
