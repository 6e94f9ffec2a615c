// A key just created, shown this once: a read-only "Access key" field with a copy button, the
// warning that it will not be shown again, and a curl line to try it. The key lives only in the
// state of the screen that created it; "Done" (or leaving Settings) forgets it.
import { useEffect, useId, useRef } from 'react';

import { curlExample, exampleProfileName, serviceOrigin } from '../app/pos-connections';
import { useAppState } from '../app/store';
import { useT } from '../app/use-t';
import type { AccessKeyView } from '../bridge/types';
import { CopyButton } from './CopyButton';

export interface NewAccessKey {
  key: string;
  accessKey: AccessKeyView;
}

export function CreatedAccessKey({ created, onDone }: { created: NewAccessKey; onDone: () => void }) {
  const { t } = useT();
  const profiles = useAppState((s) => s.profiles);
  const service = useAppState((s) => s.service);
  const titleId = useId();
  const fieldId = useId();
  const onceId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const exampleRef = useRef<HTMLPreElement>(null);

  // Straight to the key, selected, with the warning as its description.
  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const profileName = exampleProfileName(profiles, created.accessKey.profiles);
  const origin = service ? serviceOrigin(service) : 'http://127.0.0.1';
  const example = curlExample(created.key, origin, profileName);

  return (
    <section className="new-key" aria-labelledby={titleId} data-new-key={created.accessKey.id}>
      <h3 id={titleId}>{t('posConnections.created.title', { name: created.accessKey.name })}</h3>
      <p id={onceId} className="new-key__once">
        {t('posConnections.created.once')}
      </p>
      <div className="field">
        <label htmlFor={fieldId} className="field__label">
          {t('posConnections.created.field')}
        </label>
        <div className="field__control field__control--wrap">
          <input
            ref={inputRef}
            id={fieldId}
            type="text"
            className="mono"
            readOnly
            value={created.key}
            aria-describedby={onceId}
            autoComplete="off"
            spellCheck={false}
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton text={created.key} label={t('posConnections.created.copy')} target={inputRef} />
        </div>
      </div>
      <div className="field">
        <span className="field__label">{t('posConnections.created.example')}</span>
        <p className="field__hint">
          {profileName === undefined
            ? t('posConnections.created.exampleListHint')
            : t('posConnections.created.exampleHint', { name: profileName })}
        </p>
        <div className="field__control field__control--wrap">
          {/* Wrapped, never scrolled, so it needs no focus to be read whole. */}
          <pre ref={exampleRef} className="example" data-curl-example>
            <code>{example}</code>
          </pre>
          <CopyButton text={example} label={t('posConnections.created.copyExample')} target={exampleRef} />
        </div>
      </div>
      <div>
        <button type="button" className="button" onClick={onDone}>
          {t('posConnections.created.done')}
        </button>
      </div>
    </section>
  );
}
