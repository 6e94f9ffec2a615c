// A radio group drawn as large, tappable choices; a native fieldset + legend so its name is the
// legend ("Provider", "Environment") and arrow keys move between choices.
import { useId } from 'react';

import { FieldError } from './ErrorText';

export interface RadioChoice {
  value: string;
  label: string;
  description?: string;
}

export function RadioCards({
  legend,
  name,
  choices,
  value,
  onChange,
  error,
  disabled,
  note,
  labelledBy,
}: {
  /** The group's name; shown as its legend unless `labelledBy` names a visible heading instead. */
  legend: string;
  labelledBy?: string;
  name: string;
  choices: readonly RadioChoice[];
  value: string;
  onChange: (value: string) => void;
  error?: string;
  disabled?: boolean;
  note?: string;
}) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  const noteId = note ? `${id}-note` : undefined;
  return (
    <fieldset
      className={`radio-cards${error ? ' radio-cards--invalid' : ''}`}
      role="radiogroup"
      aria-labelledby={labelledBy ?? `${id}-legend`}
      aria-describedby={[errorId, noteId].filter(Boolean).join(' ') || undefined}
      aria-invalid={error ? true : undefined}
      disabled={disabled}
      data-field={name}
    >
      {!labelledBy && (
        <legend id={`${id}-legend`} className="field__label">
          {legend}
        </legend>
      )}
      {note && (
        <p id={noteId} className="field__hint">
          {note}
        </p>
      )}
      <div className="radio-cards__list">
        {choices.map((choice, index) => {
          const inputId = `${id}-${index}`;
          const descriptionId = choice.description ? `${inputId}-description` : undefined;
          const selected = choice.value === value;
          return (
            <div key={choice.value} className={`radio-card${selected ? ' radio-card--selected' : ''}`}>
              <input
                type="radio"
                id={inputId}
                name={`${id}-${name}`}
                value={choice.value}
                checked={selected}
                onChange={() => onChange(choice.value)}
                aria-describedby={descriptionId}
              />
              <label htmlFor={inputId} className="radio-card__label">
                {choice.label}
              </label>
              {choice.description && (
                <span id={descriptionId} className="radio-card__description">
                  {choice.description}
                </span>
              )}
            </div>
          );
        })}
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}
