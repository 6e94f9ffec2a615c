// A profile's token file, on its card: the path when one is set (visible with the disclosure
// closed), and inside it the "Token file" field with Save and Clear. It lives on the card, not
// in the edit wizard, because it is an output of the running profile that takes effect at once
// through its own call; the wizard saves credentials after a test sign-in, and a profile being
// added has no id to attach a file to yet.
import { useRef, useState, type FormEvent } from 'react';
import type { FieldIssue } from '../app/draft';
import { issueMessage, issuesByPath } from '../app/pos-connections';
import { store } from '../app/store';
import { useT } from '../app/use-t';
import type { ProfileView } from '../bridge/types';
import { lockedProps, LockMark, useLocked } from './InstallerLock';
import { TextField } from './TextField';

export function TokenFile({ profile }: { profile: ProfileView }) {
  const { t } = useT();
  const current = profile.fileSink?.path ?? null;
  const formRef = useRef<HTMLFormElement>(null);
  const [value, setValue] = useState(current ?? '');
  const [shown, setShown] = useState(current);
  const [issue, setIssue] = useState<FieldIssue>();
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const locked = useLocked();

  // Changed elsewhere (another window): show the new path in the field too.
  if (shown !== current) {
    setShown(current);
    setValue(current ?? '');
    setIssue(undefined);
  }

  const focusField = () => formRef.current?.querySelector<HTMLInputElement>('[data-field="tokenFile"] input')?.focus();

  const apply = async (path: string | null) => {
    if (busy) return;
    setFormError(undefined);
    setIssue(undefined);
    if (path !== null && !path.trim()) {
      setIssue({ message: 'validation.required' });
      return focusField();
    }
    setBusy(true);
    const result = await store.installerCall((api) => api.setFileSink({ id: profile.id, path }));
    setBusy(false);
    if (result.ok) {
      // The card's profile follows with the 'profiles' event; the field shows the saved form now.
      const saved = result.value.fileSink?.path ?? null;
      setValue(saved ?? '');
      store.announce(saved ? 'tokenFile.saved' : 'tokenFile.cleared', { name: profile.name });
      // Clear disappears with the path; the field is where the user goes next.
      if (!saved) focusField();
      return;
    }
    const found = issuesByPath(result.error.issues, ['path']).path;
    if (result.error.code === 'validation' && found) {
      setIssue(found);
      focusField();
    } else setFormError(t(`appErrors.${result.error.code}`));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void apply(value);
  };

  return (
    <details className="token-file" data-token-file={current ? 'on' : 'off'}>
      <summary>
        <span className="token-file__title">{t('tokenFile.title')}</span>{' '}
        {current ? <code className="token-file__path">{current}</code> : <span className="muted">{t('tokenFile.off')}</span>}
      </summary>
      <form ref={formRef} className="token-file__form" noValidate onSubmit={submit}>
        <TextField
          label={t('tokenFile.field')}
          name="tokenFile"
          value={value}
          onChange={(next) => {
            setValue(next);
            setIssue(undefined);
          }}
          hint={t('tokenFile.hint')}
          error={issue ? issueMessage(issue, t) : undefined}
        />
        <div className="token-file__actions">
          <button type="submit" className="button button--small" aria-disabled={busy || undefined} {...lockedProps(locked)}>
            <LockMark />
            {busy ? t('tokenFile.saving') : t('tokenFile.save')}
          </button>
          {current && (
            <button type="button" className="button button--small" onClick={() => void apply(null)} aria-disabled={busy || undefined} {...lockedProps(locked)}>
              <LockMark />
              {t('tokenFile.clear')}
            </button>
          )}
        </div>
        {formError && (
          <p className="action-error" role="alert">
            {formError}
          </p>
        )}
      </form>
    </details>
  );
}
