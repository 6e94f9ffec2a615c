// A profile's token file, on its card: the path when one is set (visible with the disclosure
// closed), and inside it the way to set it and Clear. It lives on the card, not in the edit
// wizard, because it is an output of the running profile that takes effect at once through its
// own call; the wizard saves credentials after a test sign-in, and a profile being added has no
// id to attach a file to yet.
//
// In the desktop app the file is chosen in main's native save dialog ("Choose file…"): the page
// never names a file main writes, and core refuses a typed path there. The browser host has no
// such dialog and keeps the "Token file" text field. Core's checks (a new file, in a folder only
// the user can write to, outside Tessera's folders) come back next to the field or the button.
import { type FormEvent, useId, useRef, useState } from 'react';

import type { FieldIssue } from '../app/draft';
import { issueMessage, issuesByPath } from '../app/pos-connections';
import { store, useAppState } from '../app/store';
import { useT } from '../app/use-t';
import type { AppErrorView, ProfileView } from '../bridge/types';
import { FieldError } from './ErrorText';
import { lockedProps, LockMark, useLocked } from './InstallerLock';
import { TextField } from './TextField';

export function TokenFile({ profile }: { profile: ProfileView }) {
  const { t } = useT();
  const dialogHost = useAppState((s) => s.appInfo?.host === 'electron');
  const current = profile.fileSink?.path ?? null;
  const problem = profile.fileSink?.problem;
  const formRef = useRef<HTMLFormElement>(null);
  const chooseRef = useRef<HTMLButtonElement>(null);
  const errorId = useId();
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

  const focusField = () =>
    dialogHost ? chooseRef.current?.focus() : formRef.current?.querySelector<HTMLInputElement>('[data-field="tokenFile"] input')?.focus();

  const saved = (view: ProfileView) => {
    // The card's profile follows with the 'profiles' event; the field shows the saved form now.
    const path = view.fileSink?.path ?? null;
    setValue(path ?? '');
    store.announce(path ? 'tokenFile.saved' : 'tokenFile.cleared', { name: profile.name });
    // Clear disappears with the path; the field (or the button) is where the user goes next.
    if (!path) focusField();
  };

  const failed = (error: AppErrorView) => {
    const found = issuesByPath(error.issues, ['path']).path;
    if (error.code === 'validation' && found) {
      setIssue(found);
      focusField();
    } else setFormError(t(`appErrors.${error.code}`));
  };

  const start = (): boolean => {
    if (busy) return false;
    setFormError(undefined);
    setIssue(undefined);
    return true;
  };

  const apply = async (path: string | null) => {
    if (!start()) return;
    if (path !== null && !path.trim()) {
      setIssue({ message: 'validation.required' });
      return focusField();
    }
    setBusy(true);
    const result = await store.installerCall((api) => api.setFileSink({ id: profile.id, path }));
    setBusy(false);
    if (result.ok) saved(result.value);
    else failed(result.error);
  };

  const choose = async () => {
    if (!start()) return;
    setBusy(true);
    const result = await store.installerCall((api) => api.chooseTokenFile({ id: profile.id }));
    setBusy(false);
    if (!result.ok) return failed(result.error);
    // Null: the dialog was cancelled, nothing changed.
    if (result.value) saved(result.value);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!dialogHost) void apply(value);
  };

  const issueText = issue ? issueMessage(issue, t) : undefined;

  return (
    <details className="token-file" data-token-file={current ? 'on' : 'off'} data-token-file-problem={problem}>
      <summary>
        <span className="token-file__title">{t('tokenFile.title')}</span>{' '}
        {current ? <code className="token-file__path">{current}</code> : <span className="muted">{t('tokenFile.off')}</span>}
      </summary>
      {problem && <p className="token-file__problem">{t(`tokenFileRules.problems.${problem}`)}</p>}
      <form ref={formRef} className="token-file__form" noValidate onSubmit={submit}>
        {dialogHost ? (
          <>
            <p className="field__hint">{t('tokenFileRules.chooseHint')}</p>
            <div className="token-file__actions" data-field="tokenFile">
              <button
                ref={chooseRef}
                type="button"
                className="button button--small"
                onClick={() => void choose()}
                aria-disabled={busy || undefined}
                aria-invalid={issueText ? true : undefined}
                aria-describedby={issueText ? errorId : undefined}
                {...lockedProps(locked)}
              >
                <LockMark />
                {busy ? t('tokenFileRules.choosing') : current ? t('tokenFileRules.chooseAnother') : t('tokenFileRules.choose')}
              </button>
              {current && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => void apply(null)}
                  aria-disabled={busy || undefined}
                  {...lockedProps(locked)}
                >
                  <LockMark />
                  {t('tokenFile.clear')}
                </button>
              )}
            </div>
            <FieldError id={errorId} message={issueText} />
          </>
        ) : (
          <>
            <TextField
              label={t('tokenFile.field')}
              name="tokenFile"
              value={value}
              onChange={(next) => {
                setValue(next);
                setIssue(undefined);
              }}
              hint={t('tokenFile.hint')}
              error={issueText}
            />
            <div className="token-file__actions">
              <button type="submit" className="button button--small" aria-disabled={busy || undefined} {...lockedProps(locked)}>
                <LockMark />
                {busy ? t('tokenFile.saving') : t('tokenFile.save')}
              </button>
              {current && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => void apply(null)}
                  aria-disabled={busy || undefined}
                  {...lockedProps(locked)}
                >
                  <LockMark />
                  {t('tokenFile.clear')}
                </button>
              )}
            </div>
          </>
        )}
        {formError && (
          <p className="action-error" role="alert">
            {formError}
          </p>
        )}
      </form>
    </details>
  );
}
