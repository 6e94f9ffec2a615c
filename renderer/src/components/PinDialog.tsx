// The "Installer PIN" dialog, opened by any installer action while locked (store.requestUnlock).
// "Unlock" checks the PIN in core; after a wrong one it says how long core makes us wait and
// counts down. "Forgot the PIN?" leads to the only way out without it: deleting every
// profile's secrets (asked plainly first). The typed PIN lives in this field only, and is
// cleared after every attempt.
import { type FormEvent, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';

import { store, useAppState } from '../app/store';
import { useNow } from '../app/ticker';
import { useT } from '../app/use-t';
import { formatDuration } from '../i18n/format';
import { knownKey } from '../i18n/keys';
import { FormError } from './ErrorText';
import { TextField } from './TextField';

/** Mounted by App while an unlock is asked for. */
export function PinDialogHost() {
  const prompt = useAppState((s) => s.unlockPrompt);
  return prompt === undefined ? null : <PinDialog key={prompt} />;
}

/** "Wrong PIN. Try again in 2 seconds.", counting down; `since` is when core said so. */
function WaitText({ until, since, wrong }: { until: number; since: number; wrong: boolean }) {
  const now = useNow();
  const { t, lang } = useT();
  // The shared ticker's time may be up to a second old when the answer arrives.
  const left = until - Math.max(now, since);
  if (left <= 0) return wrong ? <>{t('installerLock.wrongPin')}</> : null;
  const wait = t('installerLock.waitFor', { duration: formatDuration(Math.ceil(left / 1000) * 1000, lang) });
  return <>{wrong ? `${t('installerLock.wrongPin')} ${wait}` : wait}</>;
}

function PinDialog() {
  const { t, lang } = useT();
  const lock = useAppState((s) => s.lock);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const [view, setView] = useState<'pin' | 'forgot'>(lock?.pinDamaged ? 'forgot' : 'pin');
  const [pin, setPin] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // When core will check a PIN again (from its answer or its lock view), and whether the last was wrong.
  const [waitUntil, setWaitUntil] = useState(() => (lock?.retryInMs ? lock.receivedAt + lock.retryInMs : 0));
  const [wrong, setWrong] = useState(false);
  const [answeredAt, setAnsweredAt] = useState(0);
  const now = useNow();
  const waiting = waitUntil > Math.max(now, answeredAt);

  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  useEffect(() => {
    const target = view === 'pin' ? 'input' : '[data-autofocus]';
    dialogRef.current?.querySelector<HTMLElement>(target)?.focus();
  }, [view]);

  const focusPin = () => formRef.current?.querySelector<HTMLInputElement>('input')?.focus();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || waiting) return;
    setFieldError(undefined);
    setFormError(undefined);
    if (!/^[0-9]{4,12}$/.test(pin)) {
      setFieldError(t('installerLock.pinFormat'));
      return focusPin();
    }
    setBusy(true);
    const result = await store.call((api) => api.unlock({ pin }));
    setBusy(false);
    setPin('');
    if (result.ok) {
      store.announce('installerLock.unlockedNotice');
      store.setLock(result.value);
      // Already unlocked by someone else (the lock event came first): just close.
      store.settleUnlock(!result.value.locked);
      return;
    }
    const { code, retryInMs, issues } = result.error;
    if (code === 'wrong_pin' || code === 'pin_backoff') {
      const at = Date.now();
      setWrong(code === 'wrong_pin');
      setAnsweredAt(at);
      setWaitUntil(at + (retryInMs ?? 0));
    } else if (code === 'validation' && issues?.length) setFieldError(t(knownKey(issues[0]!.message)));
    else setFormError(t(`appErrors.${code}`));
    focusPin();
  };

  const reset = async () => {
    if (busy) return;
    setBusy(true);
    setFormError(undefined);
    const result = await store.call((api) => api.resetInstallerPin({ confirm: 'delete-all-secrets' }));
    setBusy(false);
    if (!result.ok) return setFormError(t(`appErrors.${result.error.code}`));
    store.announce('installerLock.resetDone');
    store.setLock(result.value);
    store.settleUnlock(true);
  };

  const cancel = () => store.settleUnlock(false);
  const minutes = formatDuration(lock?.unlockMs ?? 300_000, lang);

  return (
    <dialog
      ref={dialogRef}
      className="dialog pin-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      data-pin-entry=""
      onCancel={(event) => {
        event.preventDefault();
        if (view === 'forgot' && !lock?.pinDamaged) setView('pin');
        else cancel();
      }}
    >
      {view === 'pin' ? (
        <form ref={formRef} noValidate onSubmit={(e) => void submit(e)}>
          <h2 id={titleId} className="dialog__title">
            {t('installerLock.title')}
          </h2>
          <p id={bodyId} className="dialog__body">
            {t('installerLock.dialogBody', { duration: minutes })}
          </p>
          <TextField
            label={t('installerLock.pinLabel')}
            name="pin"
            value={pin}
            secret
            inputMode="numeric"
            onChange={(value) => {
              setPin(value);
              setFieldError(undefined);
            }}
            error={fieldError}
          />
          <p className="pin-dialog__wait" role="status" data-pin-wait>
            {(waiting || wrong) && <WaitText until={waitUntil} since={answeredAt} wrong={wrong} />}
          </p>
          <FormError message={formError} />
          <div className="dialog__actions">
            <button type="button" className="button button--link pin-dialog__forgot" onClick={() => setView('forgot')}>
              {t('installerLock.forgot')}
            </button>
            <span className="spacer" />
            <button type="button" className="button" onClick={cancel}>
              {t('installerLock.cancel')}
            </button>
            <button type="submit" className="button button--primary" aria-disabled={busy || waiting || undefined}>
              {busy ? t('installerLock.unlocking') : t('installerLock.unlock')}
            </button>
          </div>
        </form>
      ) : (
        <div>
          <h2 id={titleId} className="dialog__title">
            {lock?.pinDamaged ? t('installerLock.title') : t('installerLock.forgotTitle')}
          </h2>
          <div id={bodyId} className="dialog__body">
            {lock?.pinDamaged && <p className="pin-dialog__damaged">{t('installerLock.damaged')}</p>}
            <p>{t('installerLock.forgotBody')}</p>
          </div>
          <FormError message={formError} />
          <div className="dialog__actions">
            <button type="button" className="button" data-autofocus="" onClick={() => (lock?.pinDamaged ? cancel() : setView('pin'))}>
              {lock?.pinDamaged ? t('installerLock.cancel') : t('installerLock.back')}
            </button>
            <button type="button" className="button button--danger" onClick={() => void reset()} aria-disabled={busy || undefined}>
              {t('installerLock.forgotConfirm')}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
